using System.Net;
using Microsoft.EntityFrameworkCore;
using ParIndex.Web.Data.Seed;
using ParIndex.Web.Tests.Infrastructure;

namespace ParIndex.Web.Tests.Security;

public class TwoFactorTests
{
    private static async Task<(string Key, List<string> RecoveryCodes)> EnableAsync(HttpClient client, CookieJar jar)
    {
        var token = await jar.TokenAsync(client, "/Account/TwoFactor");
        var setup = await jar.PostAsync(client, "/Account/TwoFactor?handler=Setup", new() { ["__RequestVerificationToken"] = token });
        var page = await TestClient.ParseAsync(setup);
        var qr = page.QuerySelector("[data-testid=qr-code]")!.GetAttribute("src")!;
        Assert.StartsWith("data:image/png;base64,", qr);
        var key = page.QuerySelector("[data-testid=shared-key]")!.TextContent;

        token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var wrong = await jar.PostAsync(client, "/Account/TwoFactor?handler=Enable", new() { ["Input.Code"] = "000000", ["__RequestVerificationToken"] = token });
        Assert.Contains("không đúng", (await TestClient.ParseAsync(wrong)).QuerySelector("[data-valmsg-for='Input.Code']")!.TextContent);

        var enabled = await jar.PostAsync(client, "/Account/TwoFactor?handler=Enable",
            new() { ["Input.Code"] = Totp.Code(key, DateTimeOffset.UtcNow), ["__RequestVerificationToken"] = token });
        var codes = (await TestClient.ParseAsync(enabled)).QuerySelectorAll("[data-testid=recovery-codes] li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Equal(10, codes.Count);
        return (key, codes);
    }

    [Fact]
    public async Task A_user_turns_on_TOTP_then_signs_in_with_an_app_code_or_a_recovery_code_but_not_with_the_password_alone()
    {
        using var factory = new SecurityFactory();
        using var client = factory.CreateRawClient();
        var jar = new CookieJar();
        await jar.SignInAsync(client, DemoAccounts.Office);
        var (key, codes) = await EnableAsync(client, jar);
        Assert.True(await factory.WithDbAsync(db => db.Users.Where(u => u.Email == DemoAccounts.Office).Select(u => u.TwoFactorEnabled).SingleAsync()));
        // The session that proved the code stays signed in.
        Assert.Equal(HttpStatusCode.OK, (await jar.GetAsync(client, "/")).StatusCode);

        // Password alone: the second step is asked, and nothing is reachable yet.
        var next = new CookieJar();
        var step1 = await next.SignInAsync(client, DemoAccounts.Office);
        Assert.Contains("/Account/LoginTwoFactor", step1.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await next.GetAsync(client, "/")).StatusCode);
        var token = await next.TokenAsync(client, "/Account/LoginTwoFactor");
        var bad = await next.PostAsync(client, "/Account/LoginTwoFactor", new() { ["Input.Code"] = "123456", ["__RequestVerificationToken"] = token });
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        var good = await next.PostAsync(client, "/Account/LoginTwoFactor",
            new() { ["Input.Code"] = Totp.Code(key, DateTimeOffset.UtcNow), ["__RequestVerificationToken"] = token });
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await next.GetAsync(client, "/")).StatusCode);

        // A recovery code works once.
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var other = new CookieJar();
            await other.SignInAsync(client, DemoAccounts.Office);
            var t = await other.TokenAsync(client, "/Account/LoginTwoFactor");
            var r = await other.PostAsync(client, "/Account/LoginTwoFactor", new() { ["Input.Code"] = codes[0], ["__RequestVerificationToken"] = t });
            Assert.Equal(attempt == 0 ? HttpStatusCode.Redirect : HttpStatusCode.OK, r.StatusCode);
        }
    }

    [Fact]
    public async Task When_required_an_admin_without_a_second_factor_is_sent_to_set_it_up_and_cannot_turn_it_off()
    {
        using var factory = new SecurityFactory { Settings = { ["Security:RequireTwoFactorForAdmin"] = "true" } };
        using var client = factory.CreateRawClient();
        var jar = new CookieJar();
        await jar.SignInAsync(client, DemoAccounts.Admin);
        var admin = await jar.GetAsync(client, "/Admin");
        Assert.Equal(HttpStatusCode.Redirect, admin.StatusCode);
        Assert.Contains("/Account/TwoFactor", admin.Headers.Location!.OriginalString);

        await EnableAsync(client, jar);
        Assert.Equal(HttpStatusCode.OK, (await jar.GetAsync(client, "/Admin")).StatusCode);
        var page = await TestClient.ParseAsync(await jar.GetAsync(client, "/Account/TwoFactor"));
        Assert.Null(page.QuerySelector("#disable-form"));
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        await jar.PostAsync(client, "/Account/TwoFactor?handler=Disable", new() { ["__RequestVerificationToken"] = token });
        Assert.True(await factory.WithDbAsync(db => db.Users.Where(u => u.Email == DemoAccounts.Admin).Select(u => u.TwoFactorEnabled).SingleAsync()));

        // Other roles are not forced.
        var office = new CookieJar();
        await office.SignInAsync(client, DemoAccounts.Office);
        Assert.Equal(HttpStatusCode.OK, (await office.GetAsync(client, "/")).StatusCode);
    }
}

public class TwoFactorDisableTests
{
    [Fact]
    public async Task Turning_two_factor_off_asks_for_a_current_code_or_the_password()
    {
        using var factory = new SecurityFactory();
        using var client = factory.CreateRawClient();
        var jar = new CookieJar();
        await jar.SignInAsync(client, DemoAccounts.Office);
        var key = await TwoFactorTestsAccess.EnableAsync(client, jar);
        async Task<bool> EnabledAsync() =>
            await factory.WithDbAsync(db => db.Users.Where(u => u.Email == DemoAccounts.Office).Select(u => u.TwoFactorEnabled).SingleAsync());

        foreach (var confirmation in new[] { "", "000000", "mat khau sai nhung du dai" })
        {
            var token = await jar.TokenAsync(client, "/Account/TwoFactor");
            var refused = await jar.PostAsync(client, "/Account/TwoFactor?handler=Disable",
                new() { ["Confirmation"] = confirmation, ["__RequestVerificationToken"] = token });
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains("Nhập mã xác thực hiện tại hoặc mật khẩu", (await TestClient.ParseAsync(refused)).Body!.TextContent);
            Assert.True(await EnabledAsync(), $"turned off with '{confirmation}'");
        }

        var t1 = await jar.TokenAsync(client, "/Account/TwoFactor");
        var withCode = await jar.PostAsync(client, "/Account/TwoFactor?handler=Disable",
            new() { ["Confirmation"] = Totp.Code(key, DateTimeOffset.UtcNow), ["__RequestVerificationToken"] = t1 });
        Assert.Equal(HttpStatusCode.Redirect, withCode.StatusCode);
        Assert.False(await EnabledAsync());

        // On again, then off with the password.
        await TwoFactorTestsAccess.EnableAsync(client, jar);
        var t2 = await jar.TokenAsync(client, "/Account/TwoFactor");
        var withPassword = await jar.PostAsync(client, "/Account/TwoFactor?handler=Disable",
            new() { ["Confirmation"] = TestClient.Password, ["__RequestVerificationToken"] = t2 });
        Assert.Equal(HttpStatusCode.Redirect, withPassword.StatusCode);
        Assert.False(await EnabledAsync());
    }
}

internal static class TwoFactorTestsAccess
{
    public static async Task<string> EnableAsync(HttpClient client, CookieJar jar)
    {
        var token = await jar.TokenAsync(client, "/Account/TwoFactor");
        var setup = await jar.PostAsync(client, "/Account/TwoFactor?handler=Setup", new() { ["__RequestVerificationToken"] = token });
        var page = await TestClient.ParseAsync(setup);
        var key = page.QuerySelector("[data-testid=shared-key]")!.TextContent;
        token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var enabled = await jar.PostAsync(client, "/Account/TwoFactor?handler=Enable",
            new() { ["Input.Code"] = Totp.Code(key, DateTimeOffset.UtcNow), ["__RequestVerificationToken"] = token });
        Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
        return key;
    }
}
