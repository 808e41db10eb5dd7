using System.Net;
using System.Text.RegularExpressions;
using netDumbster.smtp;
using ParIndex.Web.Data.Seed;
using ParIndex.Web.Tests.Infrastructure;

namespace ParIndex.Web.Tests.Features.Account;

/// <summary>Issue 16: everyone changes their own password; "Quên mật khẩu" mails a reset link or says whom to ask.</summary>
public sealed class AccountTests : IDisposable
{
    private const string NewPassword = "Sông-Hồng-chảy-qua-2026";
    private readonly SimpleSmtpServer _smtp = Configuration.Configure().WithAddress(IPAddress.Loopback).WithRandomPort().Build();

    public void Dispose() => _smtp.Dispose();

    private sealed class MailFactory(int port) : ParIndexFactory
    {
        protected override void ConfigureSettings(IDictionary<string, string?> settings)
        {
            settings["Reminders:Email:Enabled"] = "true";
            settings["Reminders:Email:Host"] = "127.0.0.1";
            settings["Reminders:Email:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            settings["Reminders:Email:Security"] = "None";
            settings["Reminders:Email:From"] = "cchc@parindex.local";
            settings["Reminders:Email:StartDelaySeconds"] = "3600";
            settings["Reminders:Email:BaseUrl"] = "https://cchc.example.gov.vn";
        }
    }

    private static async Task<HttpStatusCode> SignInStatusAsync(ParIndexFactory factory, string email, string password)
    {
        using var client = factory.CreateTestClient();
        var response = await client.SubmitAsync("/Account/Login", "form", new() { ["Input.Email"] = email, ["Input.Password"] = password });
        return response.StatusCode;
    }

    [Fact]
    public async Task Clicking_ones_name_opens_the_account_page()
    {
        using var factory = new ParIndexFactory();
        using var client = await factory.CreateTestClient().SignInAsync(DemoAccounts.Leadership);

        var page = await client.GetDocumentAsync("/Dashboard");

        Assert.Equal("/Account/Manage", page.QuerySelector("[data-testid=current-user]")!.GetAttribute("href"));
        var account = await client.GetDocumentAsync("/Account/Manage");
        Assert.NotNull(account.QuerySelector("#password-form"));
        Assert.NotNull(account.QuerySelector("a[href='/Account/TwoFactor']"));
    }

    [Fact]
    public async Task A_user_changes_their_password_with_the_current_one_and_the_old_one_stops_working()
    {
        using var factory = new ParIndexFactory();
        var email = DemoAccounts.UnitHead("KHTC");
        using var client = await factory.CreateTestClient().SignInAsync(email);

        var response = await client.SubmitAsync("/Account/Manage", "#password-form",
            new() { ["Input.Current"] = TestClient.Password, ["Input.New"] = NewPassword, ["Input.Confirm"] = NewPassword });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/Account/Manage")).StatusCode); // still signed in
        Assert.Equal(HttpStatusCode.Redirect, await SignInStatusAsync(factory, email, NewPassword));
        Assert.Equal(HttpStatusCode.OK, await SignInStatusAsync(factory, email, TestClient.Password));
    }

    [Theory]
    [InlineData("sai-mat-khau-hien-tai", NewPassword, NewPassword, "current-error", "không đúng")]
    [InlineData(DemoAccounts.DefaultPassword, "ngan", "ngan", "new-error", "12")]
    [InlineData(DemoAccounts.DefaultPassword, NewPassword, "khác", "confirm-error", "không khớp")]
    public async Task A_wrong_current_password_or_a_weak_new_one_is_refused_beside_its_field_and_nothing_changes(string current, string next,
        string confirm, string errorId, string message)
    {
        using var factory = new ParIndexFactory();
        var email = DemoAccounts.UnitHead("KHTC");
        using var client = await factory.CreateTestClient().SignInAsync(email);

        var response = await client.SubmitAsync("/Account/Manage", "#password-form",
            new() { ["Input.Current"] = current, ["Input.New"] = next, ["Input.Confirm"] = confirm });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, (await TestClient.ParseAsync(response)).QuerySelector($"[data-testid={errorId}]")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, await SignInStatusAsync(factory, email, TestClient.Password));
    }

    [Fact]
    public async Task The_account_page_needs_a_signed_in_user()
    {
        using var factory = new ParIndexFactory();
        using var client = factory.CreateTestClient();

        var response = await client.Http.GetAsync("/Account/Manage");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/Login", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Without_e_mail_forgot_password_says_to_contact_the_administrator()
    {
        using var factory = new ParIndexFactory();
        using var client = factory.CreateTestClient();

        var login = await client.GetDocumentAsync("/Account/Login");
        Assert.Equal("/Account/ForgotPassword", login.QuerySelector("a[href='/Account/ForgotPassword']")!.GetAttribute("href"));
        var page = await client.GetDocumentAsync("/Account/ForgotPassword");

        Assert.Contains("liên hệ quản trị", page.QuerySelector("[data-testid=contact-admin]")!.TextContent);
        Assert.Null(page.QuerySelector("#forgot-form"));
    }

    [Fact]
    public async Task With_e_mail_forgot_password_mails_a_link_that_sets_a_new_password()
    {
        using var factory = new MailFactory(_smtp.Configuration.Port);
        var email = DemoAccounts.UnitHead("KHTC");
        using var client = factory.CreateTestClient();

        var response = await client.SubmitAsync("/Account/ForgotPassword", "#forgot-form", new() { ["Email"] = email });

        Assert.NotNull((await TestClient.ParseAsync(response)).QuerySelector("[data-testid=reset-sent]"));
        var mail = Assert.Single(_smtp.ReceivedEmail);
        Assert.Equal(email, mail.ToAddresses.Single().Address);
        var link = Regex.Match(mail.MessageParts[0].BodyData, @"https://cchc\.example\.gov\.vn(/Account/ResetPassword\?\S+)").Groups[1].Value;
        Assert.NotEmpty(link);

        var reset = await client.SubmitAsync(link, "#reset-form", new() { ["New"] = NewPassword, ["Confirm"] = NewPassword });

        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, await SignInStatusAsync(factory, email, NewPassword));
        // The link works once.
        var again = await client.SubmitAsync(link, "#reset-form", new() { ["New"] = NewPassword + "x", ["Confirm"] = NewPassword + "x" });
        Assert.Contains("không hợp lệ", (await TestClient.ParseAsync(again)).QuerySelector("[data-testid=form-errors]")!.TextContent);
    }

    [Fact]
    public async Task An_unknown_address_gets_the_same_answer_and_no_mail()
    {
        using var factory = new MailFactory(_smtp.Configuration.Port);
        using var client = factory.CreateTestClient();

        var response = await client.SubmitAsync("/Account/ForgotPassword", "#forgot-form", new() { ["Email"] = "khong-co@parindex.local" });

        Assert.NotNull((await TestClient.ParseAsync(response)).QuerySelector("[data-testid=reset-sent]"));
        Assert.Empty(_smtp.ReceivedEmail);
    }
}
