using System.Net;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace ParIndex.Web.Infrastructure;

/// <summary>
/// The proxies whose X-Forwarded-For, -Proto and -Host headers are believed (section <c>ReverseProxy</c>). Loopback
/// (127.0.0.0/8 and ::1) is always trusted: nginx or IIS on the same host. Headers from any other address are ignored.
/// </summary>
public sealed class ReverseProxyOptions
{
    public const string Section = "ReverseProxy";

    /// <summary>Single addresses, e.g. <c>10.0.0.5</c> or <c>fd00::5</c>.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks in CIDR notation, e.g. <c>10.0.0.0/24</c>.</summary>
    public List<string> KnownNetworks { get; set; } = [];

    /// <summary>How many proxies in a chain are unwrapped (each must be known); 1 for nginx or IIS alone.</summary>
    public int ForwardLimit { get; set; } = 1;
}

public static class ReverseProxy
{
    /// <summary>
    /// Forwarded headers from the known proxies, the host list, and the settings checked at start-up so that a typo in
    /// a proxy address, or a Production host that answers any Host header, stops the application with a clear message.
    /// </summary>
    public static IServiceCollection AddParIndexReverseProxy(this IServiceCollection services, IConfiguration configuration,
        IHostEnvironment environment)
    {
        services.AddOptions<ReverseProxyOptions>().Bind(configuration.GetSection(ReverseProxyOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ReverseProxyOptions>, ReverseProxyValidation>();

        // The host filter (on by default, before the application's pipeline) reads AllowedHosts; "*" admits any Host.
        if (environment.IsProduction())
            services.AddOptions<HostFilteringOptions>()
                .Validate(o => o.AllowedHosts.Count > 0 && !o.AllowedHosts.Any(h => h.Trim() is "*" or ""),
                    "AllowedHosts must name this site's host names in Production (e.g. \"cchc.example.gov.vn\", several separated by ';'), not \"*\": see docs/deployment.md.")
                .ValidateOnStart();

        services.AddOptions<ForwardedHeadersOptions>()
            .Configure<IOptions<ReverseProxyOptions>, IOptions<HostFilteringOptions>>((o, proxy, hosts) =>
            {
                o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
                o.ForwardLimit = proxy.Value.ForwardLimit;
                // The defaults (127.0.0.0/8 and ::1) stay: a proxy on the same host is always believed.
                foreach (var address in proxy.Value.KnownProxies) o.KnownProxies.Add(IPAddress.Parse(address.Trim()));
                foreach (var network in proxy.Value.KnownNetworks) o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network.Trim()));
                // A forwarded Host must be one of ours too, or links and redirects could name a foreign host.
                var allowed = hosts.Value.AllowedHosts.Select(h => h.Trim()).Where(h => h.Length > 0).ToList();
                if (!allowed.Contains("*"))
                    foreach (var host in allowed) o.AllowedHosts.Add(host);
            });
        return services;
    }

    /// <summary>
    /// Outside Development every cookie is Secure, so a page cannot be served over plain HTTP. A request that is still
    /// HTTP after the forwarded headers is redirected by UseHttpsRedirection when the HTTPS port is known
    /// (<c>https_port</c>, IIS, or a Kestrel HTTPS endpoint), and otherwise refused here with a 400 that says why.
    /// </summary>
    public static IApplicationBuilder UseHttpsOnly(this IApplicationBuilder app)
    {
        app.UseHttpsRedirection();
        return app.Use((context, next) =>
        {
            if (context.Request.IsHttps) return next(context);
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("ReverseProxy").LogWarning(
                "Plain HTTP request refused: {Method} {Path} from {Address}. Behind a proxy, the proxy must send X-Forwarded-Proto and be listed in ReverseProxy:KnownProxies or KnownNetworks; without one, set https_port or an HTTPS endpoint",
                context.Request.Method, context.Request.Path, context.Connection.RemoteIpAddress);
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            context.Response.ContentType = "text/plain; charset=utf-8";
            return context.Response.WriteAsync(
                "ParIndex chỉ làm việc qua kết nối an toàn (HTTPS). Vui lòng mở địa chỉ bắt đầu bằng https://.\n" +
                "Nếu bạn đã mở đúng địa chỉ https://, hãy báo quản trị hệ thống: máy chủ trung gian (proxy) chưa được cấu hình " +
                "(X-Forwarded-Proto, ReverseProxy:KnownProxies; xem docs/deployment.md).\n");
        });
    }

    private sealed class ReverseProxyValidation : IValidateOptions<ReverseProxyOptions>
    {
        public ValidateOptionsResult Validate(string? name, ReverseProxyOptions options)
        {
            var errors = new List<string>();
            foreach (var address in options.KnownProxies)
                if (!IPAddress.TryParse(address.Trim(), out _))
                    errors.Add($"ReverseProxy:KnownProxies: '{address}' is not an IP address (e.g. 10.0.0.5).");
            foreach (var network in options.KnownNetworks)
                if (!System.Net.IPNetwork.TryParse(network.Trim(), out _))
                    errors.Add($"ReverseProxy:KnownNetworks: '{network}' is not a network in CIDR notation (e.g. 10.0.0.0/24).");
            if (options.ForwardLimit is < 1 or > 10)
                errors.Add($"ReverseProxy:ForwardLimit must be between 1 and 10, not {options.ForwardLimit}.");
            return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
        }
    }
}
