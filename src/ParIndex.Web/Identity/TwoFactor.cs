using System.Globalization;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Options;
using ParIndex.Web.Infrastructure;
using QRCoder;

namespace ParIndex.Web.Identity;

/// <summary>Two-factor sign-in with a TOTP authenticator app (RFC 6238, any app): key display, QR code, and the Admin rule.</summary>
public static class TwoFactor
{
    public const string Issuer = "ParIndex";
    /// <summary>The claim Identity adds when the second factor was checked at sign-in ("amr" = "mfa").</summary>
    public const string AmrClaim = "amr";
    public const string Mfa = "mfa";
    public const int RecoveryCodeCount = 10;

    /// <summary>The key as an authenticator app shows it: groups of four lower-case letters.</summary>
    public static string FormatKey(string unformattedKey)
    {
        var result = new StringBuilder();
        for (var i = 0; i < unformattedKey.Length; i += 4)
        {
            if (i > 0) result.Append(' ');
            result.Append(unformattedKey.AsSpan(i, Math.Min(4, unformattedKey.Length - i)));
        }
        return result.ToString().ToLowerInvariant();
    }

    public static string AuthenticatorUri(string email, string unformattedKey) =>
        string.Format(CultureInfo.InvariantCulture, "otpauth://totp/{0}:{1}?secret={2}&issuer={0}&digits=6",
            Uri.EscapeDataString(Issuer), Uri.EscapeDataString(email), unformattedKey);

    /// <summary>The QR code as a PNG data: URI (the CSP allows data: images; no inline script or style needed).</summary>
    public static string QrCodeDataUri(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.Q);
        var png = new PngByteQRCode(data).GetGraphic(5);
        return "data:image/png;base64," + Convert.ToBase64String(png);
    }

    public static bool SignedInWithSecondFactor(ClaimsPrincipal user) => user.HasClaim(AmrClaim, Mfa);
}

/// <summary>
/// When <c>Security:RequireTwoFactorForAdmin</c> is on, an Admin signed in without a second factor is sent to
/// set one up (or to sign in with it) before any other page: only the account pages stay reachable.
/// </summary>
public sealed class RequireTwoFactorFilter(IOptions<SecurityOptions> security) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var user = context.HttpContext.User;
        var page = context.ActionDescriptor.ViewEnginePath;
        if (user.Identity?.IsAuthenticated == true && user.IsInRole(Roles.Admin) && security.Value.RequireTwoFactorForAdmin
            && !TwoFactor.SignedInWithSecondFactor(user)
            && !page.StartsWith("/Account/", StringComparison.Ordinal) && page != "/Error")
        {
            context.Result = new RedirectToPageResult("/Account/TwoFactor", new { required = true });
            return;
        }
        await next();
    }
}
