namespace ParIndex.Web.Infrastructure;

public static class SecurityHeaders
{
    /// <summary>HSTS for a year outside Development (UseHsts in Startup; ASP.NET Core's default is only 30 days).</summary>
    public static readonly TimeSpan HstsMaxAge = TimeSpan.FromDays(365);

    // No inline scripts or styles anywhere: every script and stylesheet is a file under wwwroot.
    private const string Csp =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = Csp;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            return next();
        });
}
