using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ParIndex.Web.Data.Seed;
using ParIndex.Web.Identity;
using ParIndex.Web.Tests.Infrastructure;

namespace ParIndex.Web.Tests.Security;

/// <summary>Sign-out ends the session on the server (ASVS 3.3): a cookie copied before it is worth nothing after it.</summary>
public class SessionEndTests
{
    private static async Task<HttpResponseMessage> ReplayAsync(HttpClient client, string cookieHeader, string url)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("Cookie", cookieHeader);
        return await client.SendAsync(request);
    }

    private static void AssertSignedOut(HttpResponseMessage page, HttpResponseMessage api)
    {
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("/Account/Login", page.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
    }

    [Fact]
    public async Task A_cookie_copied_before_sign_out_reads_nothing_after_it_on_this_host_or_a_new_one()
    {
        using var first = new SecurityFactory();
        using var client = first.CreateRawClient();
        var jar = new CookieJar();
        Assert.Equal(HttpStatusCode.Redirect, (await jar.SignInAsync(client, DemoAccounts.UnitHead("QHGD"))).StatusCode);
        var copied = jar.Header;
        Assert.Equal(HttpStatusCode.OK, (await ReplayAsync(client, copied, "/Tasks/Mine")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ReplayAsync(client, copied, "/api/v1/years")).StatusCode);
        Assert.Equal(1, await first.WithDbAsync(db => db.Set<AuthSession>().CountAsync()));

        var token = await jar.TokenAsync(client, "/Tasks/Mine");
        var logout = await jar.PostAsync(client, "/Account/Logout", new() { ["__RequestVerificationToken"] = token });
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        Assert.Equal(0, await first.WithDbAsync(db => db.Set<AuthSession>().CountAsync()));

        AssertSignedOut(await ReplayAsync(client, copied, "/Tasks/Mine"), await ReplayAsync(client, copied, "/api/v1/years"));

        // A new host on the same database file (a restart, or the second server): the session is gone there too.
        using var second = new SecurityFactory { WithDemoData = false, SharedDatabase = first.DatabasePath };
        using var secondClient = second.CreateRawClient();
        AssertSignedOut(await ReplayAsync(secondClient, copied, "/Tasks/Mine"), await ReplayAsync(secondClient, copied, "/api/v1/years"));
    }

    [Fact]
    public async Task Sign_out_everywhere_on_the_account_page_ends_every_session_of_the_user_and_no_one_elses()
    {
        using var factory = new SecurityFactory();
        using var client = factory.CreateRawClient();
        var laptop = new CookieJar();
        var phone = new CookieJar();
        var colleague = new CookieJar();
        await laptop.SignInAsync(client, DemoAccounts.Office);
        await phone.SignInAsync(client, DemoAccounts.Office);
        await colleague.SignInAsync(client, DemoAccounts.Leadership);

        var account = await TestClient.ParseAsync(await laptop.GetAsync(client, "/Account/TwoFactor"));
        var form = account.QuerySelector("#logout-everywhere-form")!;
        Assert.Equal("Đăng xuất khỏi mọi thiết bị", form.QuerySelector("button")!.TextContent.Trim());
        var token = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var response = await laptop.PostAsync(client, form.GetAttribute("action")!, new() { ["__RequestVerificationToken"] = token });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/Login", response.Headers.Location!.OriginalString);

        foreach (var jar in new[] { laptop, phone })
        {
            var mine = await jar.GetAsync(client, "/Tasks/Mine");
            Assert.Equal(HttpStatusCode.Redirect, mine.StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await jar.GetAsync(client, "/api/v1/years")).StatusCode);
        }
        Assert.Equal(HttpStatusCode.OK, (await colleague.GetAsync(client, "/Tasks/Mine")).StatusCode);
        var office = await factory.WithDbAsync(db => db.Users.Where(u => u.Email == DemoAccounts.Office).Select(u => u.Id).SingleAsync());
        Assert.Equal(0, await factory.WithDbAsync(db => db.Set<AuthSession>().CountAsync(s => s.UserId == office)));
    }

    [Fact]
    public async Task The_cookie_holds_only_a_key_and_the_stored_ticket_is_encrypted()
    {
        using var factory = new SecurityFactory();
        using var client = factory.CreateRawClient();
        var jar = new CookieJar();
        var signIn = await jar.SignInAsync(client, DemoAccounts.Office);
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("ParIndex.Auth=", StringComparison.Ordinal));
        // Without a store the cookie carried the whole ticket (claims, roles): well over 1 KB.
        Assert.True(cookie.Split(';')[0].Length < 600, cookie);
        var stored = await factory.WithDbAsync(db => db.Set<AuthSession>().SingleAsync());
        Assert.Equal(64, stored.KeyHash.Length);
        Assert.DoesNotContain(DemoAccounts.Office, System.Text.Encoding.Latin1.GetString(stored.Ticket));
    }

    [Fact]
    public async Task An_API_request_without_a_session_answers_401_as_problem_json()
    {
        using var factory = new SecurityFactory();
        using var client = factory.CreateRawClient();
        foreach (var url in new[] { "/api/v1/years", "/api/v1/plans/2023", "/api/v1/assessments/2022" })
        {
            var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal(401, json.RootElement.GetProperty("status").GetInt32());
            Assert.False(string.IsNullOrWhiteSpace(json.RootElement.GetProperty("detail").GetString()));
        }
    }
}
