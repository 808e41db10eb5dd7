using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Caching.Memory;

namespace ParIndex.Web.Infrastructure;

/// <summary>
/// The platform's antiforgery service, with the form token of a (cookie token, user) pair made once instead of on
/// every page. Every signed-in page has a form (the layout's sign-out), so every page made a request token: a
/// decryption of the cookie token and an encryption of the new token with Data Protection's per-operation key
/// derivation, 14% of a shared page's time (docs/performance.md, issue 17).
/// <para>A request token is valid for any number of posts by the same user with the same antiforgery cookie, so
/// handing the same one again changes nothing the check relies on: it is given only to a request that carries exactly
/// that cookie token and is signed in as exactly that user (id, name, authentication type and issuer), and only when
/// the platform accepted the cookie as it was (no new cookie issued). Validation of a post is the platform's, untouched.
/// The page is still marked not to be cached, as the platform does whenever it makes a token.</para>
/// </summary>
public sealed class FormTokens(IAntiforgery inner) : IAntiforgery, IDisposable
{
    /// <summary>Bounded: a token is small, and the least recently used go first past the limit.</summary>
    private readonly MemoryCache _tokens = new(new MemoryCacheOptions { SizeLimit = 10_000, CompactionPercentage = 0.25 });

    private static readonly TimeSpan Keep = TimeSpan.FromMinutes(30);

    public AntiforgeryTokenSet GetAndStoreTokens(HttpContext httpContext)
    {
        var key = Key(httpContext);
        if (key is not null && _tokens.TryGetValue(key, out AntiforgeryTokenSet? held) && held is not null)
        {
            DoNotCache(httpContext.Response);
            return held;
        }
        var tokens = inner.GetAndStoreTokens(httpContext);
        // CookieToken is set only when the platform issued a new cookie (none, or one it could not read): the request's
        // cookie is then not the one this token belongs to, and nothing is kept.
        if (key is not null && tokens.CookieToken is null)
            _tokens.Set(key, tokens, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = Keep });
        return tokens;
    }

    public AntiforgeryTokenSet GetTokens(HttpContext httpContext) => inner.GetTokens(httpContext);

    public Task<bool> IsRequestValidAsync(HttpContext httpContext) => inner.IsRequestValidAsync(httpContext);

    public Task ValidateRequestAsync(HttpContext httpContext) => inner.ValidateRequestAsync(httpContext);

    public void SetCookieTokenAndHeader(HttpContext httpContext) => inner.SetCookieTokenAndHeader(httpContext);

    /// <summary>The request's antiforgery cookie and who is signed in; null without a cookie (a new one will be issued).</summary>
    private static string? Key(HttpContext httpContext)
    {
        var cookie = httpContext.Request.Cookies[CookieName(httpContext)];
        if (string.IsNullOrEmpty(cookie)) return null;
        var user = httpContext.User;
        if (user.Identity?.IsAuthenticated != true) return "anonymous\n" + cookie;
        var id = user.FindFirst(ClaimTypes.NameIdentifier);
        return string.Join('\n', user.Identity.AuthenticationType, id?.Value, id?.Issuer, user.Identity.Name, cookie);
    }

    private static string CookieName(HttpContext httpContext) =>
        httpContext.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<AntiforgeryOptions>>().Value.Cookie.Name!;

    /// <summary>What the platform sets whenever it makes a token: a page carrying one is not stored by caches.</summary>
    private static void DoNotCache(HttpResponse response)
    {
        if (response.HasStarted) return;
        response.Headers.CacheControl = "no-cache, no-store";
        response.Headers.Pragma = "no-cache";
    }

    public void Dispose() => _tokens.Dispose();

    /// <summary>Puts the cache in front of the antiforgery service registered by <c>AddAntiforgery</c> (call after it).</summary>
    public static void Use(IServiceCollection services)
    {
        var platform = services.Last(d => d.ServiceType == typeof(IAntiforgery));
        if (platform.ImplementationType is not { } type)
            throw new InvalidOperationException("The antiforgery service is expected to be registered by its type.");
        services.Remove(platform);
        services.AddSingleton<IAntiforgery>(sp => new FormTokens((IAntiforgery)ActivatorUtilities.CreateInstance(sp, type)));
    }
}
