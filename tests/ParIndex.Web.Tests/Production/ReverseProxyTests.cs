using System.Net;
using Microsoft.EntityFrameworkCore;
using ParIndex.Web.Tests.Infrastructure;

namespace ParIndex.Web.Tests.Production;

/// <summary>
/// Production behind a TLS-terminating proxy on the same host (nginx, IIS): plain HTTP from loopback with
/// X-Forwarded-Proto: https works; plain HTTP without it is refused or redirected, never a 500; forwarded headers from
/// any other address are ignored; a foreign Host is refused and never echoed.
/// </summary>
public class ReverseProxyTests
{
    private const string AdminEmail = "quantri@so.gov.vn";
    private const string AdminPassword = "một cụm mật khẩu quản trị đủ dài";
    private static readonly Dictionary<string, string> FromNginx = new() { ["X-Forwarded-Proto"] = "https", ["X-Forwarded-For"] = "198.51.100.20" };

    private static async Task<ProductionFactory> WithAdministratorAsync(ProductionFactory factory)
    {
        var (code, output, error) = await AppProcess.CreateAdminAsync(factory, AdminEmail, "Nguyễn Văn Quản Trị", AdminPassword);
        Assert.True(code == 0, $"create-admin exited {code}: {output} {error}");
        Assert.Contains($"Administrator {AdminEmail} created.", output);
        return factory;
    }

    private static string Body(HttpResponseMessage response) => response.Content.ReadAsStringAsync().GetAwaiter().GetResult();

    [Fact]
    public async Task Behind_the_proxy_the_first_administrator_signs_in_posts_a_form_and_sees_the_error_page()
    {
        using var factory = await WithAdministratorAsync(new ProductionFactory());
        using var admin = factory.CreateProxiedClient(FromNginx);

        var login = await admin.Http.GetAsync("/Account/Login");
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Equal("max-age=31536000", login.Headers.GetValues("Strict-Transport-Security").Single()); // the request is HTTPS
        Assert.Contains("secure", login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("ParIndex.Antiforgery", StringComparison.Ordinal)),
            StringComparison.OrdinalIgnoreCase);

        await admin.SignInAsync(AdminEmail, AdminPassword);

        var created = await admin.SubmitAsync("/Admin/Units", "#create-unit", new() { ["Input.Code"] = "ttcntt", ["Input.Name"] = "Trung tâm Công nghệ thông tin" });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.True(await factory.WithDbAsync(db => db.Units.AnyAsync(u => u.Name == "Trung tâm Công nghệ thông tin")));
        // The audit trail names the administrator the command created.
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == "Unit" && a.UserName == "Nguyễn Văn Quản Trị")));

        foreach (var failing in new[] { "/test-throw", "/test-throw-insecure" })
        {
            var error = await admin.Http.GetAsync(failing);
            Assert.Equal(HttpStatusCode.InternalServerError, error.StatusCode);
            var page = await TestClient.ParseAsync(error);
            Assert.Contains("Đã xảy ra lỗi", page.Body!.TextContent);
            Assert.NotEmpty(page.QuerySelector("[data-testid=request-id]")!.TextContent.Trim());
            Assert.DoesNotContain(ProductionFactory.Secret, Body(error));
        }

        // Where a signed-in user is sent when the session is refused: the HTTPS address of our host.
        using var anonymous = factory.CreateProxiedClient(FromNginx);
        var challenge = await anonymous.Http.GetAsync("/Admin");
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        Assert.StartsWith($"https://{ProductionFactory.Host}/Account/Login", challenge.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Without_the_forwarded_scheme_plain_HTTP_answers_a_clear_400_never_a_500_and_probes_still_answer()
    {
        using var factory = await WithAdministratorAsync(new ProductionFactory());
        using var direct = factory.CreateProxiedClient();

        foreach (var path in new[] { "/Account/Login", "/", "/Admin/Units", "/Error", "/test-throw", "/Status/404" })
        {
            var response = await direct.Http.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"GET {path}: {(int)response.StatusCode}");
            Assert.Contains("HTTPS", Body(response));
            Assert.Null(response.Headers.Location);
        }
        var post = await direct.Http.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = AdminEmail,
            ["Input.Password"] = AdminPassword,
        }));
        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        Assert.False(post.Headers.Contains("Set-Cookie"));

        Assert.Equal(HttpStatusCode.OK, (await direct.Http.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await direct.Http.GetAsync("/readyz")).StatusCode);
    }

    [Fact]
    public async Task With_an_https_port_set_plain_HTTP_is_redirected_to_HTTPS_on_our_host()
    {
        using var factory = new ProductionFactory { Settings = { ["https_port"] = "443" } };
        using var direct = factory.CreateProxiedClient();

        var response = await direct.Http.GetAsync("/Account/Login?ReturnUrl=%2FPlans");

        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
        Assert.Equal($"https://{ProductionFactory.Host}/Account/Login?ReturnUrl=%2FPlans", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Forwarded_headers_from_an_address_that_is_not_a_proxy_are_ignored()
    {
        using var factory = await WithAdministratorAsync(new ProductionFactory());
        var spoofed = new Dictionary<string, string>(FromNginx) { ["X-Forwarded-Host"] = ProductionFactory.SecondHost };

        // Plain HTTP with the proxy's headers from an address on the network: still plain HTTP, so refused.
        using var outsider = factory.CreateProxiedClient(spoofed, peer: "203.0.113.9");
        var login = await outsider.Http.GetAsync("/Account/Login");
        Assert.Equal(HttpStatusCode.BadRequest, login.StatusCode);

        // The same address over real HTTPS: X-Forwarded-Host is ignored too (the redirect names the Host it sent).
        using var tls = factory.CreateProxiedClient(spoofed, peer: "203.0.113.9", baseAddress: $"https://{ProductionFactory.Host}/");
        var challenge = await tls.Http.GetAsync("/Admin");
        Assert.StartsWith($"https://{ProductionFactory.Host}/Account/Login", challenge.Headers.Location!.ToString());

        // From the proxy the same X-Forwarded-Host (one of ours) is taken.
        using var proxied = factory.CreateProxiedClient(spoofed);
        var forwarded = await proxied.Http.GetAsync("/Admin");
        Assert.StartsWith($"https://{ProductionFactory.SecondHost}/Account/Login", forwarded.Headers.Location!.ToString());

        // A proxy configured by address or network is believed like loopback.
        using var configured = new ProductionFactory
        {
            Settings = { ["ReverseProxy:KnownProxies:0"] = "203.0.113.9", ["ReverseProxy:KnownNetworks:0"] = "10.20.0.0/16" },
        };
        foreach (var peer in new[] { "203.0.113.9", "10.20.3.4" })
        {
            using var client = configured.CreateProxiedClient(FromNginx, peer: peer);
            Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/Account/Login")).StatusCode);
        }
        using var stranger = configured.CreateProxiedClient(FromNginx, peer: "10.21.0.1");
        Assert.Equal(HttpStatusCode.BadRequest, (await stranger.Http.GetAsync("/Account/Login")).StatusCode);
    }

    [Fact]
    public async Task The_sign_in_rate_limit_counts_each_client_behind_the_proxy_and_spoofed_addresses_as_one()
    {
        using var factory = new ProductionFactory { Settings = { ["Security:SignInAttemptsPerMinute"] = "3" } };

        async Task<HttpStatusCode[]> AttemptsAsync(Func<int, TestClient> client, int count)
        {
            var answers = new List<HttpStatusCode>();
            for (var i = 0; i < count; i++)
            {
                using var c = client(i);
                answers.Add((await c.SubmitAsync("/Account/Login", "form", new()
                {
                    ["Input.Email"] = "khongco@so.gov.vn",
                    ["Input.Password"] = "sai mật khẩu nhưng đủ dài",
                })).StatusCode);
            }
            return [.. answers];
        }

        Dictionary<string, string> Client(string address) => new(FromNginx) { ["X-Forwarded-For"] = address };

        // Behind the proxy: the fourth attempt of one client is refused, another client is not.
        var first = await AttemptsAsync(_ => factory.CreateProxiedClient(Client("198.51.100.1")), 4);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], first);
        var second = await AttemptsAsync(_ => factory.CreateProxiedClient(Client("198.51.100.2")), 1);
        Assert.Equal([HttpStatusCode.OK], second);

        // From an address that is not a proxy (over HTTPS itself), a new X-Forwarded-For each time opens no new bucket.
        var spoofing = await AttemptsAsync(i => factory.CreateProxiedClient(Client($"192.0.2.{i + 1}"), peer: "203.0.113.50",
            baseAddress: $"https://{ProductionFactory.Host}/"), 4);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], spoofing);
    }

    [Fact]
    public async Task A_request_for_another_host_is_refused_and_no_Location_names_a_foreign_host()
    {
        using var factory = new ProductionFactory();

        using var foreign = factory.CreateProxiedClient(FromNginx, baseAddress: "http://evil.example/");
        foreach (var path in new[] { "/", "/Admin", "/Account/Login", "/Error" })
        {
            var response = await foreign.Http.GetAsync(path);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Null(response.Headers.Location);
        }

        // A foreign X-Forwarded-Host, even from the proxy, is not taken.
        using var forwarded = factory.CreateProxiedClient(new(FromNginx) { ["X-Forwarded-Host"] = "evil.example" });
        foreach (var path in new[] { "/", "/Admin", "/Plans/2023" })
        {
            var response = await forwarded.Http.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.DoesNotContain("evil", response.Headers.Location!.ToString());
            Assert.StartsWith($"https://{ProductionFactory.Host}/", response.Headers.Location!.ToString());
        }
    }

    [Fact]
    public async Task Production_refuses_to_start_on_any_host_or_with_a_malformed_proxy_setting()
    {
        using var factory = new ProductionFactory();

        var anyHost = await AppProcess.RunAsync(factory, [], new() { ["AllowedHosts"] = "*" });
        Assert.Equal(1, anyHost.ExitCode);
        Assert.Contains("AllowedHosts must name this site's host names in Production", anyHost.Output);

        var typo = await AppProcess.RunAsync(factory, [], new()
        {
            ["AllowedHosts"] = ProductionFactory.Host,
            ["ReverseProxy__KnownProxies__0"] = "10.0.0.300",
            ["ReverseProxy__KnownNetworks__0"] = "10.0.0.0",
        });
        Assert.Equal(1, typo.ExitCode);
        Assert.Contains("'10.0.0.300' is not an IP address", typo.Output);
        Assert.Contains("'10.0.0.0' is not a network in CIDR notation", typo.Output);
    }
}
