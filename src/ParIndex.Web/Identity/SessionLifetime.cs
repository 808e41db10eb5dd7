using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace ParIndex.Web.Identity;

/// <summary>
/// Sessions end after 30 minutes idle (the cookie's sliding expiration) and after 12 hours in all, however
/// active: sliding renewal re-issues the cookie, so the moment of sign-in is kept in the ticket's properties
/// and checked on every request.
/// </summary>
public static class SessionLifetime
{
    public static readonly TimeSpan Idle = TimeSpan.FromMinutes(30);
    public static readonly TimeSpan Absolute = TimeSpan.FromHours(12);
    public const string SignedInAtKey = ".parindex.signedInAt";

    public static void Configure(CookieAuthenticationOptions o)
    {
        var signingIn = o.Events.OnSigningIn;
        o.Events.OnSigningIn = ctx =>
        {
            // Re-issues (security stamp refresh, re-sign-in after enabling 2FA) keep the first moment.
            if (!ctx.Properties.Items.ContainsKey(SignedInAtKey))
                ctx.Properties.Items[SignedInAtKey] = Now(ctx.HttpContext).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
            return signingIn(ctx);
        };
        var validate = o.Events.OnValidatePrincipal;
        o.Events.OnValidatePrincipal = async ctx =>
        {
            var now = Now(ctx.HttpContext);
            if (Expired(ctx.Properties, now))
            {
                ctx.RejectPrincipal();
                await ctx.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                return;
            }
            // Identity's security stamp validator does nothing until the interval has passed, but resolving it builds
            // a SignInManager, a UserManager and a DbContext on every request: ask it only when it has work to do.
            if (!StampCheckDue(ctx.Properties, now, ctx.HttpContext.RequestServices
                    .GetRequiredService<Microsoft.Extensions.Options.IOptions<SecurityStampValidatorOptions>>().Value.ValidationInterval))
                return;
            await validate(ctx);
        };
    }

    public static bool Expired(AuthenticationProperties properties, DateTimeOffset now)
    {
        var start = properties.Items.TryGetValue(SignedInAtKey, out var raw) && long.TryParse(raw, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : properties.IssuedUtc;
        return start is null || now - start.Value > Absolute;
    }

    /// <summary>The same rule as Identity's SecurityStampValidator: a ticket with no issue time, or older than the interval.</summary>
    public static bool StampCheckDue(AuthenticationProperties properties, DateTimeOffset now, TimeSpan interval) =>
        properties.IssuedUtc is not { } issued || now - issued > interval;

    private static DateTimeOffset Now(HttpContext context) =>
        context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
}
