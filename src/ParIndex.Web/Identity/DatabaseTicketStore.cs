using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ParIndex.Web.Data;

namespace ParIndex.Web.Identity;

/// <summary>
/// One signed-in session, kept on the server: the cookie carries only a random key, the ticket (claims, sign-in time,
/// expiry) lives here. Signing out deletes the row, so a copied cookie is worth nothing afterwards, on every instance
/// and across restarts. <see cref="KeyHash"/> is the SHA-256 of the key: the table alone cannot be turned into cookies.
/// </summary>
public sealed class AuthSession
{
    public string KeyHash { get; set; } = "";
    public string UserId { get; set; } = "";
    /// <summary>The serialized ticket, encrypted with the application's data-protection keys.</summary>
    public byte[] Ticket { get; set; } = [];
    public DateTime CreatedUtc { get; set; }
    /// <summary>Unix seconds; null for a ticket without expiry. Seconds compare the same way on every provider.</summary>
    public long? ExpiresAt { get; set; }
}

public sealed class AuthSessionConfiguration : IEntityTypeConfiguration<AuthSession>
{
    public void Configure(EntityTypeBuilder<AuthSession> b)
    {
        b.ToTable("AuthSessions");
        b.HasKey(s => s.KeyHash);
        b.Property(s => s.KeyHash).HasMaxLength(64);
        b.Property(s => s.UserId).HasMaxLength(450).IsRequired();
        b.HasIndex(s => s.UserId);
        b.HasIndex(s => s.ExpiresAt);
        b.HasOne<ApplicationUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>
/// The cookie handler's <see cref="ITicketStore"/>, in the application's database (both providers, through EF).
/// A session is read once by primary key and then shared through the read cache until the next write of this process
/// (at most <c>ReadCache:Seconds</c>); writes happen only at sign-in, sign-out and the cookie's renewals, as single
/// statements that the audit trail ignores, and each drops the shared sessions.
/// </summary>
public sealed class DatabaseTicketStore(IServiceScopeFactory scopes, IDataProtectionProvider protection, TimeProvider time,
    ParIndex.Web.Infrastructure.Caching.ReadCache cache)
    : ITicketStore
{
    private readonly IDataProtector _protector = protection.CreateProtector("ParIndex.AuthSessions.v1");

    public static string Hash(string key) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private static long? Expiry(AuthenticationTicket ticket) => ticket.Properties.ExpiresUtc?.ToUnixTimeSeconds();

    private byte[] Protect(AuthenticationTicket ticket) => _protector.Protect(TicketSerializer.Default.Serialize(ticket));

    public Task<string> StoreAsync(AuthenticationTicket ticket) => StoreAsync(ticket, CancellationToken.None);

    public Task<string> StoreAsync(AuthenticationTicket ticket, CancellationToken cancellationToken) =>
        StoreAsync(ticket, null!, cancellationToken);

    public async Task<string> StoreAsync(AuthenticationTicket ticket, HttpContext httpContext, CancellationToken cancellationToken)
    {
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var userId = ticket.Principal.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value
            ?? throw new InvalidOperationException("A session needs the user's id.");
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ParIndexDbContext>();
        var now = time.GetUtcNow();
        // Expired sessions are removed as new ones start: the table holds live sessions only (one indexed delete).
        var cutoff = now.ToUnixTimeSeconds();
        await db.Set<AuthSession>().Where(s => s.ExpiresAt < cutoff).ExecuteDeleteAsync(CancellationToken.None);
        db.Set<AuthSession>().Add(new AuthSession
        {
            KeyHash = Hash(key),
            UserId = userId,
            Ticket = Protect(ticket),
            CreatedUtc = now.UtcDateTime,
            ExpiresAt = Expiry(ticket),
        });
        await db.SaveChangesAsync(CancellationToken.None);
        return key;
    }

    public Task RenewAsync(string key, AuthenticationTicket ticket) => RenewAsync(key, ticket, CancellationToken.None);

    public Task RenewAsync(string key, AuthenticationTicket ticket, CancellationToken cancellationToken) =>
        RenewAsync(key, ticket, null!, cancellationToken);

    public async Task RenewAsync(string key, AuthenticationTicket ticket, HttpContext httpContext, CancellationToken cancellationToken)
    {
        var hash = Hash(key);
        var bytes = Protect(ticket);
        var expires = Expiry(ticket);
        await WithDbAsync(httpContext, db => db.Set<AuthSession>().Where(s => s.KeyHash == hash)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.Ticket, bytes).SetProperty(s => s.ExpiresAt, expires), CancellationToken.None));
    }

    public Task<AuthenticationTicket?> RetrieveAsync(string key) => RetrieveAsync(key, CancellationToken.None);

    public Task<AuthenticationTicket?> RetrieveAsync(string key, CancellationToken cancellationToken) =>
        RetrieveAsync(key, null!, cancellationToken);

    public async Task<AuthenticationTicket?> RetrieveAsync(string key, HttpContext httpContext, CancellationToken cancellationToken)
    {
        var hash = Hash(key);
        // Shared through the read cache (key "session:{hash}"): a request reads its session from memory, not with a
        // query, a DbContext and a decryption each time. Any write this process makes drops it (a sign-out here, a
        // renewal, a disabled user, "sign out everywhere"), so this instance never serves a removed session; another
        // instance's sign-out is seen within ReadCache:Seconds, like every other shared read. An unknown key or a
        // ticket that cannot be decrypted is null and not kept.
        var ticket = await cache.GetAsync($"session:{hash}", services => ReadTicketAsync(services, hash), cancellationToken);
        // Each request gets a principal of its own: the cached bytes are deserialized, never a shared object.
        return ticket is null ? null : TicketSerializer.Default.Deserialize(ticket);
    }

    /// <summary>The session's ticket, decrypted and still serialized, or null when there is none (or it cannot be decrypted).</summary>
    private async Task<byte[]?> ReadTicketAsync(IServiceProvider services, string hash)
    {
        var db = services.GetRequiredService<ParIndexDbContext>();
        var bytes = await db.Set<AuthSession>().AsNoTracking().Where(s => s.KeyHash == hash)
            .Select(s => s.Ticket).FirstOrDefaultAsync(CancellationToken.None);
        if (bytes is null) return null;
        try
        {
            return _protector.Unprotect(bytes);
        }
        catch (CryptographicException)
        {
            return null; // keys rotated away or the row was tampered with: no session
        }
    }

    public Task RemoveAsync(string key) => RemoveAsync(key, CancellationToken.None);

    public Task RemoveAsync(string key, CancellationToken cancellationToken) => RemoveAsync(key, null!, cancellationToken);

    public async Task RemoveAsync(string key, HttpContext httpContext, CancellationToken cancellationToken)
    {
        var hash = Hash(key);
        await WithDbAsync(httpContext, db => db.Set<AuthSession>().Where(s => s.KeyHash == hash).ExecuteDeleteAsync(CancellationToken.None));
    }

    /// <summary>Ends every session of a user, on every device ("đăng xuất khỏi mọi thiết bị").</summary>
    public static Task<int> RemoveAllAsync(ParIndexDbContext db, string userId) =>
        db.Set<AuthSession>().Where(s => s.UserId == userId).ExecuteDeleteAsync();

    /// <summary>The request's own context when there is a request (no second context per request), a new scope otherwise.</summary>
    private async Task<T> WithDbAsync<T>(HttpContext? httpContext, Func<ParIndexDbContext, Task<T>> action)
    {
        if (httpContext?.RequestServices.GetService<ParIndexDbContext>() is { } requestDb) return await action(requestDb);
        await using var scope = scopes.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<ParIndexDbContext>());
    }

    /// <summary>Puts the store under the application cookie.</summary>
    public static void Use(IServiceCollection services)
    {
        services.AddSingleton<DatabaseTicketStore>();
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<DatabaseTicketStore>((o, store) => o.SessionStore = store);
    }
}
