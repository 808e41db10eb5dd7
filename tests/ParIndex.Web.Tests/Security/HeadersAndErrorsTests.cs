using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using ParIndex.Web.Data.Seed;
using ParIndex.Web.Tests.Infrastructure;

namespace ParIndex.Web.Tests.Security;

public class HeadersAndErrorsTests
{
    private const string Secret = "boom-secret-detail-4711";

    /// <summary>A test-only endpoint behind the whole pipeline that throws with a detail the user must never see.</summary>
    private sealed class ThrowingEndpoint : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Use((HttpContext context, RequestDelegate _) =>
                context.Request.Path == "/test-throw" ? throw new InvalidOperationException(Secret) : Task.CompletedTask);
        };
    }

    [Fact]
    public async Task Every_response_carries_the_security_headers_and_no_page_has_inline_script_or_style()
    {
        using var factory = new SecurityFactory();
        using var client = await factory.CreateTestClient().SignInAsync(DemoAccounts.Admin);
        foreach (var url in new[] { "/Account/TwoFactor", "/Admin", "/Admin/Units", "/Admin/Users/Create", "/Audit" })
        {
            var response = await client.Http.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var csp = response.Headers.GetValues("Content-Security-Policy").Single();
            var scriptSrc = csp.Split(';').Select(d => d.Trim()).Single(d => d.StartsWith("script-src", StringComparison.Ordinal));
            Assert.DoesNotContain("unsafe-inline", scriptSrc);
            Assert.DoesNotContain("unsafe-inline", csp);
            Assert.Contains("frame-ancestors 'none'", csp);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("same-origin", response.Headers.GetValues("Referrer-Policy").Single());
            Assert.False(response.Headers.Contains("Strict-Transport-Security")); // Development
            var page = await TestClient.ParseAsync(response);
            Assert.All(page.QuerySelectorAll("script"), s => Assert.False(string.IsNullOrEmpty(s.GetAttribute("src")), $"inline script on {url}"));
            Assert.Empty(page.QuerySelectorAll("[style]"));
            Assert.Empty(page.QuerySelectorAll("style"));
        }
    }

    [Fact]
    public async Task Outside_Development_HSTS_is_one_year_cookies_are_Secure_and_errors_are_generic_with_details_in_the_log()
    {
        using var factory = new SecurityFactory
        {
            Environment = "Production",
            WithDemoData = false,
            Settings = { ["AllowedHosts"] = "parindex.example.gov.vn" },
            Services2 = services => services.AddSingleton<IStartupFilter, ThrowingEndpoint>(),
        };
        using var client = factory.CreateRawClient("https://parindex.example.gov.vn/");

        var login = await client.GetAsync("/Account/Login");
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Equal("max-age=31536000", login.Headers.GetValues("Strict-Transport-Security").Single());
        var antiforgery = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("ParIndex.Antiforgery", StringComparison.Ordinal));
        Assert.Contains("secure", antiforgery, StringComparison.OrdinalIgnoreCase);

        // Past the sign-in requirement (every path needs a signed-in user), the request reaches the failing code.
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<ParIndex.Web.Identity.ApplicationUser>>();
            var user = new ParIndex.Web.Identity.ApplicationUser { UserName = "ops@so.gov.vn", Email = "ops@so.gov.vn", FullName = "Vận hành" };
            Assert.True((await users.CreateAsync(user, "một mật khẩu vận hành đủ dài")).Succeeded);
            await users.AddToRoleAsync(user, ParIndex.Web.Identity.Roles.Office);
        }
        var jar = new CookieJar();
        Assert.Equal(HttpStatusCode.Redirect, (await jar.SignInAsync(client, "ops@so.gov.vn", "một mật khẩu vận hành đủ dài")).StatusCode);
        var authCookie = jar.Header;
        Assert.Contains("ParIndex.Auth", authCookie);
        var error = await jar.GetAsync(client, "/test-throw");
        Assert.Equal(HttpStatusCode.InternalServerError, error.StatusCode);
        var body = await error.Content.ReadAsStringAsync();
        Assert.True(body.Length > 0);
        Assert.Contains("Đã xảy ra lỗi", (await TestClient.ParseAsync(error)).Body!.TextContent);
        Assert.DoesNotContain(Secret, body);
        Assert.DoesNotContain("InvalidOperationException", body);
        Assert.DoesNotContain("   at ", body);

        var folder = Path.Combine(factory.Folder, "logs");
        var log = string.Join("\n", Directory.GetFiles(folder).Select(f =>
        {
            using var s = new FileStream(f, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            return new StreamReader(s).ReadToEnd();
        }));
        Assert.Contains(Secret, log);
    }
}
