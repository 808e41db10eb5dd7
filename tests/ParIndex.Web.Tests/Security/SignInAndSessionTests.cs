using System.Net;
using Microsoft.Extensions.DependencyInjection;
using ParIndex.Web.Data.Seed;
using ParIndex.Web.Tests.Infrastructure;

namespace ParIndex.Web.Tests.Security;

public class SignInAndSessionTests
{
    private sealed class FixedClientAddress : Microsoft.AspNetCore.Hosting.IStartupFilter
    {
        public Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> Configure(Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> next) => app =>
        {
            app.Use(nextMiddleware => context =>
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse("203.0.113.7");
                return nextMiddleware(context);
            });
            next(app);
        };
    }

    private static string ReadLogs(ParIndexFactory factory)
    {
        var folder = Path.Combine(factory.Folder, "logs");
        return string.Join("\n", Directory.GetFiles(folder).Select(f =>
        {
            using var stream = new FileStream(f, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            return new StreamReader(stream).ReadToEnd();
        }));
    }

    [Fact]
    public async Task Five_failures_lock_the_account_for_15_minutes_and_sign_ins_are_logged_without_passwords()
    {
        using var factory = new SecurityFactory();
        using var client = factory.CreateRawClient();
        var jar = new CookieJar();
        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.OK, (await jar.SignInAsync(client, DemoAccounts.Leadership, "sai-mat-khau-" + i + "-xyzzy")).StatusCode);
        var locked = await jar.SignInAsync(client, DemoAccounts.Leadership);
        Assert.Equal(HttpStatusCode.OK, locked.StatusCode); // the right password is refused while locked
        Assert.Contains("tạm thời bị khóa", (await TestClient.ParseAsync(locked)).Body!.TextContent);
        var lockoutEnd = await factory.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions
            .SingleAsync(db.Users, u => u.Email == DemoAccounts.Leadership));
        Assert.InRange((lockoutEnd.LockoutEnd!.Value - DateTimeOffset.UtcNow).TotalMinutes, 14, 15.1);

        Assert.Equal(HttpStatusCode.Redirect, (await new CookieJar().SignInAsync(client, DemoAccounts.Office)).StatusCode);
        var log = ReadLogs(factory);
        Assert.Contains("Sign-in failed", log);
        Assert.Contains("Sign-in succeeded", log);
        Assert.Contains("locked out", log);
        Assert.DoesNotContain("sai-mat-khau-", log);
        Assert.DoesNotContain(TestClient.Password, log);
    }

    [Fact]
    public async Task Sign_in_posts_are_rate_limited_per_address_while_the_form_stays_reachable()
    {
        using var factory = new SecurityFactory
        {
            Settings = { ["Security:SignInAttemptsPerMinute"] = "3" },
            // The in-process host has no client address; give every request one, as Kestrel does.
            Services2 = s => s.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter, FixedClientAddress>(),
        };
        using var client = factory.CreateRawClient();
        var jar = new CookieJar();
        var token = await jar.TokenAsync(client, "/Account/Login");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
            statuses.Add((await jar.PostAsync(client, "/Account/Login", new()
            {
                ["Input.Email"] = "khong-ton-tai@parindex.local",
                ["Input.Password"] = "sai mật khẩu dài dài",
                ["__RequestVerificationToken"] = token,
            })).StatusCode);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.OK, (await jar.GetAsync(client, "/Account/Login")).StatusCode);
    }

    [Fact]
    public async Task The_session_cookie_is_HttpOnly_SameSite_Lax_and_ends_after_30_minutes_idle()
    {
        var time = new MovableTime();
        using var factory = new SecurityFactory { Time = time };
        using var client = factory.CreateRawClient();
        var jar = new CookieJar();
        var signIn = await jar.SignInAsync(client, DemoAccounts.Office);
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("ParIndex.Auth=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);

        time.Advance(TimeSpan.FromMinutes(29));
        Assert.Equal(HttpStatusCode.OK, (await jar.GetAsync(client, "/")).StatusCode);
        time.Advance(TimeSpan.FromMinutes(31));
        var idle = await jar.GetAsync(client, "/");
        Assert.Equal(HttpStatusCode.Redirect, idle.StatusCode);
        Assert.Contains("/Account/Login", idle.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task An_active_session_still_ends_12_hours_after_sign_in()
    {
        var time = new MovableTime();
        using var factory = new SecurityFactory { Time = time };
        using var client = factory.CreateRawClient();
        var jar = new CookieJar();
        await jar.SignInAsync(client, DemoAccounts.Office);
        // Active every 20 minutes: the sliding cookie is renewed, the session lives on… until 12 hours.
        for (var elapsed = TimeSpan.Zero; elapsed < TimeSpan.FromHours(11.6); elapsed += TimeSpan.FromMinutes(20))
        {
            time.Advance(TimeSpan.FromMinutes(20));
            var response = await jar.GetAsync(client, "/");
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"refused after {elapsed + TimeSpan.FromMinutes(20)}");
        }
        time.Advance(TimeSpan.FromMinutes(30)); // now past 12 h since sign-in, 20 min since the last request
        var ended = await jar.GetAsync(client, "/");
        Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
        Assert.Contains("/Account/Login", ended.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Two_instances_on_one_database_accept_each_others_cookies_and_tokens_and_a_restart_keeps_users_signed_in()
    {
        var first = new SecurityFactory();
        using var firstClient = first.CreateRawClient();
        var jar = new CookieJar();
        Assert.Equal(HttpStatusCode.Redirect, (await jar.SignInAsync(firstClient, DemoAccounts.Admin)).StatusCode);
        var token = await jar.TokenAsync(firstClient, "/Admin/Units");

        using (var second = new SecurityFactory { WithDemoData = false, SharedDatabase = first.DatabasePath })
        {
            using var secondClient = second.CreateRawClient();
            Assert.Equal(HttpStatusCode.OK, (await jar.GetAsync(secondClient, "/Admin/Units")).StatusCode);
            // A form rendered by the first instance, posted to the second.
            var post = await jar.PostAsync(secondClient, "/Admin/Units?handler=Create", new()
            {
                ["Input.Code"] = "HAIMAY",
                ["Input.Name"] = "Đơn vị tạo qua máy thứ hai",
                ["__RequestVerificationToken"] = token,
            });
            Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        }

        // Restart: copy the database (online, VACUUM INTO), stop the first instance entirely, start a new one on the copy.
        var copy = Path.Combine(Path.GetTempPath(), "parindex-tests", "restart-" + Guid.NewGuid().ToString("N"), "parindex.db");
        Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={first.DatabasePath};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"VACUUM INTO '{copy}'";
            command.ExecuteNonQuery();
        }
        first.Dispose();
        using var restarted = new SecurityFactory { WithDemoData = false, SharedDatabase = copy };
        using var restartedClient = restarted.CreateRawClient();
        var page = await jar.GetAsync(restartedClient, "/Admin/Units");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Đơn vị tạo qua máy thứ hai", (await TestClient.ParseAsync(page)).Body!.TextContent);
    }
}
