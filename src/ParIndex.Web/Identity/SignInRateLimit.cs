using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using ParIndex.Web.Infrastructure;

namespace ParIndex.Web.Identity;

/// <summary>
/// Limits sign-in attempts (the password and the second step) per client address, on top of the per-account
/// lockout: lockout stops guessing one account, this stops trying many accounts from one place.
/// Only POSTs count; showing the form is free. <c>Security:SignInAttemptsPerMinute</c> (default 30).
/// </summary>
public static class SignInRateLimit
{
    public const string Policy = "sign-in";

    public static IServiceCollection AddSignInRateLimit(this IServiceCollection services)
    {
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (ctx, ct) =>
            {
                ctx.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("SignIn")
                    .LogWarning("Sign-in rate limit reached for {Address}", ctx.HttpContext.Connection.RemoteIpAddress);
                ctx.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                return new ValueTask(ctx.HttpContext.Response.WriteAsync("Quá nhiều lần đăng nhập. Vui lòng thử lại sau ít phút.", ct));
            };
            o.AddPolicy(Policy, context =>
            {
                if (!HttpMethods.IsPost(context.Request.Method)) return RateLimitPartition.GetNoLimiter("get");
                // The client's address: behind a known proxy, UseForwardedHeaders has already put X-Forwarded-For
                // here (from anyone else the header is ignored, so a spoofed one cannot open new buckets). Kestrel
                // always knows an address; only the in-process test host may have none, and there every test
                // would share one bucket.
                if (context.Connection.RemoteIpAddress is not { } address) return RateLimitPartition.GetNoLimiter("no-address");
                var permits = context.RequestServices.GetRequiredService<IOptions<SecurityOptions>>().Value.SignInAttemptsPerMinute;
                return RateLimitPartition.GetFixedWindowLimiter(address.ToString(),
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
            });
        });
        return services;
    }
}
