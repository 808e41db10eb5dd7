using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using ParIndex.Web.Tests.Infrastructure;
using ParIndex.Web.Tests.Security;

namespace ParIndex.Web.Tests.Production;

/// <summary>
/// The application in the Production environment on an empty SQLite file (no demo data), with the host names it
/// serves set, and two test-only pieces: the peer address of each request (the in-process server has none; a real
/// Kestrel always has one) and an endpoint that throws, behind the whole pipeline.
/// </summary>
public sealed class ProductionFactory : SecurityFactory
{
    public const string Host = "parindex.example.gov.vn";
    public const string SecondHost = "cchc.example.gov.vn";
    public const string Secret = "production-failure-detail-0815";

    public ProductionFactory()
    {
        Environment = "Production";
        WithDemoData = false;
        Services2 = services =>
        {
            services.AddSingleton<IStartupFilter, PeerAddress>();
            services.AddSingleton<IStartupFilter, ThrowingEndpoint>();
        };
    }

    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        settings["AllowedHosts"] = $"{Host};{SecondHost}";
        base.ConfigureSettings(settings);
    }

    /// <summary>
    /// A client as nginx on the same host would be: requests from <paramref name="peer"/> (loopback unless given) over
    /// plain HTTP to <paramref name="baseAddress"/>, with <paramref name="headers"/> on each (X-Forwarded-Proto…).
    /// Cookies are kept whatever their Secure flag, as the browser on the HTTPS side would keep them.
    /// </summary>
    public TestClient CreateProxiedClient(Dictionary<string, string>? headers = null, string? peer = null, string baseAddress = $"http://{Host}/")
    {
        var all = new Dictionary<string, string>(headers ?? []);
        if (peer is not null) all[PeerAddress.Header] = peer;
        var http = CreateDefaultClient(new Uri(baseAddress), new HeadersAndCookies(all));
        return new TestClient(http, this);
    }

    /// <summary>Sets the connection's remote address, as Kestrel would, before the application's pipeline.</summary>
    private sealed class PeerAddress : IStartupFilter
    {
        public const string Header = "X-Test-Peer";

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, following) =>
            {
                var peer = context.Request.Headers[Header].ToString();
                context.Request.Headers.Remove(Header);
                context.Connection.RemoteIpAddress = peer.Length > 0 ? IPAddress.Parse(peer) : IPAddress.Loopback;
                context.Connection.RemotePort = 50000;
                return following(context);
            });
            next(app);
        };
    }

    private sealed class ThrowingEndpoint : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Use((HttpContext context, RequestDelegate _) =>
            {
                // "/test-throw-insecure" leaves the request looking like plain HTTP, as the antiforgery failure of the
                // original fault did: the error page then renders on a request where no form token can be made.
                if (context.Request.Path == "/test-throw-insecure") context.Request.Scheme = "http";
                return context.Request.Path == "/test-throw" || context.Request.Path == "/test-throw-insecure" ? throw new InvalidOperationException(Secret) : Task.CompletedTask;
            });
        };
    }

    private sealed class HeadersAndCookies(Dictionary<string, string> headers) : DelegatingHandler
    {
        private readonly CookieJar _jar = new();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
            if (_jar.Header.Length > 0) request.Headers.Add("Cookie", _jar.Header);
            var response = await base.SendAsync(request, cancellationToken);
            _jar.Take(response);
            return response;
        }
    }
}

/// <summary>Runs the built application's real command line, as an operator would: <c>dotnet ParIndex.Web.dll …</c>.</summary>
public static class AppProcess
{
    public static Task<(int ExitCode, string Output, string Error)> CreateAdminAsync(ParIndexFactory factory, string email,
        string fullName, string password) =>
        RunAsync(factory, ["create-admin", email, fullName], new() { ["PARINDEX_ADMIN_PASSWORD"] = password });

    /// <summary>Runs the application in Production on the factory's database file and folders; fails after 2 minutes.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(ParIndexFactory factory, string[] arguments,
        Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(System.Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory, // the application's folder, with its appsettings.json
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(typeof(Program).Assembly.Location);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["ConnectionStrings__ParIndex"] = factory.ConnectionString;
        start.Environment["Database__Provider"] = "Sqlite";
        start.Environment["Storage__Folder"] = Path.Combine(factory.Folder, "files");
        start.Environment["Logging__Folder"] = Path.Combine(factory.Folder, "logs");
        foreach (var (name, value) in environment) start.Environment[name] = value;

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet ParIndex.Web.dll {string.Join(' ', arguments)} did not finish in 2 minutes: {await output} {await error}");
        }
        return (process.ExitCode, await output, await error);
    }
}
