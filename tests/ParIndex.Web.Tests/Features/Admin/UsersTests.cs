using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ParIndex.Web.Data.Seed;
using ParIndex.Web.Identity;
using ParIndex.Web.Tests.Infrastructure;
using ParIndex.Web.Tests.Security;

namespace ParIndex.Web.Tests.Features.Admin;

public class UsersTests : IClassFixture<SecurityFactory>
{
    private readonly SecurityFactory _factory;
    public UsersTests(SecurityFactory factory) => _factory = factory;

    private const string GoodPassword = "một câu mật khẩu đủ dài 2026";

    [Fact]
    public async Task Admin_creates_a_unit_head_who_can_then_sign_in_and_the_unit_is_required()
    {
        using var admin = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Admin);
        var users = await _factory.WithDbAsync(db => db.Users.CountAsync());

        var missingUnit = await admin.SubmitAsync("/Admin/Users/Create", "#create-user", new()
        {
            ["Input.Email"] = "moi1@parindex.local",
            ["Input.FullName"] = "Lê Văn Mới",
            ["Input.Role"] = Roles.UnitHead,
            ["Input.UnitId"] = "",
            ["Input.Password"] = GoodPassword,
        });
        Assert.Equal(HttpStatusCode.OK, missingUnit.StatusCode);
        var page = await TestClient.ParseAsync(missingUnit);
        Assert.Contains("phải thuộc một đơn vị", page.QuerySelector("[data-valmsg-for='Input.UnitId']")!.TextContent);
        Assert.Equal(users, await _factory.WithDbAsync(db => db.Users.CountAsync()));

        var unitId = await _factory.WithDbAsync(db => db.Units.Where(u => u.Code == "VP").Select(u => u.Id).SingleAsync());
        var created = await admin.SubmitAsync("/Admin/Users/Create", "#create-user", new()
        {
            ["Input.Email"] = "moi1@parindex.local",
            ["Input.FullName"] = "Lê Văn Mới",
            ["Input.Role"] = Roles.UnitHead,
            ["Input.UnitId"] = unitId.ToString(),
            ["Input.Password"] = GoodPassword,
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var user = await _factory.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Email == "moi1@parindex.local"));
        Assert.Equal(unitId, user.UnitId);
        Assert.True(await _factory.WithDbAsync(db => db.UserRoles.AnyAsync(r => r.UserId == user.Id && db.Roles.Any(x => x.Id == r.RoleId && x.Name == Roles.UnitHead))));
        using var newcomer = await _factory.CreateTestClient().SignInAsync("moi1@parindex.local", GoodPassword);
        Assert.True(await _factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == "ApplicationUser" && a.EntityId == user.Id && a.Field == "Role" && a.NewValue == Roles.UnitHead)));
    }

    [Theory]
    [InlineData("ngắn quá", "ít nhất 12")]
    [InlineData("password1234", "quá phổ biến")]
    [InlineData("123456789012", "quá phổ biến")]
    public async Task Weak_passwords_are_refused_beside_the_field(string password, string message)
    {
        using var admin = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Admin);
        var response = await admin.SubmitAsync("/Admin/Users/Create", "#create-user", new()
        {
            ["Input.Email"] = "yeu@parindex.local",
            ["Input.FullName"] = "Mật Khẩu Yếu",
            ["Input.Role"] = Roles.Office,
            ["Input.Password"] = password,
        });
        var page = await TestClient.ParseAsync(response);
        Assert.Contains(message, page.QuerySelector("[data-valmsg-for='Input.Password']")!.TextContent);
        Assert.False(await _factory.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == "yeu@parindex.local")));
    }

    [Fact]
    public async Task Password_policy_long_passphrases_without_composition_rules_up_to_128()
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser { UserName = "p@x.vn", Email = "p@x.vn" };
        async Task<bool> Ok(string p)
        {
            foreach (var v in users.PasswordValidators)
                if (!(await v.ValidateAsync(users, user, p)).Succeeded) return false;
            return true;
        }
        Assert.True(await Ok("aaaa bbbb cccc"));           // 14 chars, no digit, no capital, no symbol
        Assert.True(await Ok(new string('x', 127) + "y"));  // 128
        Assert.False(await Ok(new string('x', 128) + "y")); // 129
        Assert.False(await Ok("elevenchars"));              // 11
        Assert.False(await Ok("Qwertyuiop123"));            // on the common list whatever the case
    }

    [Fact]
    public async Task A_stale_edit_is_refused_and_the_second_admin_is_told()
    {
        using var admin = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Admin);
        var id = await _factory.WithDbAsync(db => db.Users.Where(u => u.Email == DemoAccounts.UnitHead("CCBVMT")).Select(u => u.Id).SingleAsync());
        var form = await admin.GetDocumentAsync($"/Admin/Users/Edit/{id}");
        // Someone else saves first.
        await _factory.WithDbAsync(async db =>
        {
            await using var scope = _factory.Services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var u = await users.FindByIdAsync(id);
            u!.FullName = "Đổi bởi người khác";
            await users.UpdateAsync(u);
        });
        var response = await admin.PostFormAsync((AngleSharp.Html.Dom.IHtmlFormElement)form.QuerySelector("#edit-user")!,
            new() { ["Input.FullName"] = "Tên của tôi" }, $"/Admin/Users/Edit/{id}");
        var page = await TestClient.ParseAsync(response);
        Assert.Contains("vừa được người khác thay đổi", page.QuerySelector(".validation-summary-errors")!.TextContent);
        Assert.Equal("Đổi bởi người khác", await _factory.WithDbAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.FullName).SingleAsync()));
    }

    [Fact]
    public async Task Changing_role_to_unit_head_requires_a_unit_and_changing_it_works()
    {
        using var admin = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Admin);
        var id = await _factory.WithDbAsync(db => db.Users.Where(u => u.Email == DemoAccounts.Leadership).Select(u => u.Id).SingleAsync());
        var bad = await admin.SubmitAsync($"/Admin/Users/Edit/{id}", "#edit-user", new() { ["Input.Role"] = Roles.UnitHead, ["Input.UnitId"] = "" });
        Assert.Contains("phải thuộc một đơn vị", (await TestClient.ParseAsync(bad)).QuerySelector("[data-valmsg-for='Input.UnitId']")!.TextContent);
        Assert.Null(await _factory.WithDbAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.UnitId).SingleAsync()));
    }

    [Fact]
    public async Task Admin_resets_a_password_the_new_one_works_the_old_one_no_longer()
    {
        using var admin = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Admin);
        var email = DemoAccounts.UnitHead("QHGD");
        var id = await _factory.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

        var weak = await admin.SubmitAsync($"/Admin/Users/Edit/{id}", "#reset-password", new() { ["NewPassword.Password"] = "password1234" });
        var weakPage = await TestClient.ParseAsync(weak);
        Assert.True(weakPage.QuerySelector("[data-valmsg-for='NewPassword.Password']")!.TextContent.Contains("quá phổ biến"), weakPage.QuerySelector("main")?.InnerHtml);

        var ok = await admin.SubmitAsync($"/Admin/Users/Edit/{id}", "#reset-password", new() { ["NewPassword.Password"] = GoodPassword });
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        using var user = _factory.CreateTestClient();
        await user.SignInAsync(email, GoodPassword);
        await Assert.ThrowsAsync<InvalidOperationException>(() => _factory.CreateTestClient().SignInAsync(email));
        Assert.True(await _factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityId == id && a.Field == "PasswordHash" && a.NewValue == "***")));
    }

    [Fact]
    public async Task An_admin_cannot_disable_themself_or_drop_their_own_admin_role()
    {
        using var admin = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Admin);
        var id = await _factory.WithDbAsync(db => db.Users.Where(u => u.Email == DemoAccounts.Admin).Select(u => u.Id).SingleAsync());
        var page = await admin.GetDocumentAsync($"/Admin/Users/Edit/{id}");
        Assert.Null(page.QuerySelector("#disable-user"));
        var token = await admin.AntiforgeryTokenAsync($"/Admin/Users/Edit/{id}");
        await admin.Http.PostAsync($"/Admin/Users/Edit/{id}?handler=Disable", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        var demote = await admin.SubmitAsync($"/Admin/Users/Edit/{id}", "#edit-user", new() { ["Input.Role"] = Roles.Office });
        Assert.Equal(HttpStatusCode.OK, demote.StatusCode);
        Assert.False(await _factory.WithDbAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.IsDisabled).SingleAsync()));
        Assert.True(await _factory.WithDbAsync(db => db.UserRoles.AnyAsync(r => r.UserId == id && db.Roles.Any(x => x.Id == r.RoleId && x.Name == Roles.Admin))));
    }
}

/// <summary>Disabling a user ends that user's open sessions once the security stamp is checked again (within a minute).</summary>
public class DisableUserTests
{
    [Fact]
    public async Task A_disabled_users_existing_cookie_is_refused_after_the_stamp_is_revalidated()
    {
        var time = new MovableTime();
        using var factory = new SecurityFactory { Time = time };
        using var victim = await factory.CreateTestClient().SignInAsync(DemoAccounts.Office);
        Assert.Equal(HttpStatusCode.OK, (await victim.Http.GetAsync("/")).StatusCode);

        using var admin = await factory.CreateTestClient().SignInAsync(DemoAccounts.Admin);
        var id = await factory.WithDbAsync(db => db.Users.Where(u => u.Email == DemoAccounts.Office).Select(u => u.Id).SingleAsync());
        var token = await admin.AntiforgeryTokenAsync($"/Admin/Users/Edit/{id}");
        var disable = await admin.Http.PostAsync($"/Admin/Users/Edit/{id}?handler=Disable",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Redirect, disable.StatusCode);
        Assert.True(await factory.WithDbAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.IsDisabled).SingleAsync()));

        // Within the validation interval the cookie is still trusted; after it, the stamp is checked and refused.
        time.Advance(TimeSpan.FromSeconds(61));
        var after = await victim.Http.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("/Account/Login", after.Headers.Location!.OriginalString);
        // And signing in again is refused.
        await Assert.ThrowsAsync<InvalidOperationException>(() => factory.CreateTestClient().SignInAsync(DemoAccounts.Office));
    }

    /// <summary>Counts how often Identity's stamp validator is built (it drags in a SignInManager and a DbContext).</summary>
    private sealed class StampValidatorCounter
    {
        private int _built;
        public int Built => _built;
        public void Add() => Interlocked.Increment(ref _built);
    }

    private sealed class CountingStampValidator : SecurityStampValidator<ApplicationUser>
    {
        public CountingStampValidator(IOptions<SecurityStampValidatorOptions> options, SignInManager<ApplicationUser> signInManager,
            ILoggerFactory logger, StampValidatorCounter counter) : base(options, signInManager, logger) => counter.Add();
    }

    private sealed class CountingFactory : SecurityFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services =>
            {
                services.AddSingleton<StampValidatorCounter>();
                services.AddScoped<ISecurityStampValidator, CountingStampValidator>();
            });
        }
    }

    [Fact]
    public async Task Within_the_interval_a_request_builds_no_stamp_validator_and_after_it_the_stamp_is_read_once()
    {
        var time = new MovableTime();
        using var factory = new CountingFactory { Time = time };
        using var client = await factory.CreateTestClient().SignInAsync(DemoAccounts.Leadership);
        await client.Http.GetAsync("/api/v1/years");

        async Task<int> UserReadsAsync()
        {
            factory.Commands.Reset();
            factory.Commands.Recording = true;
            Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/api/v1/years")).StatusCode);
            factory.Commands.Recording = false;
            return factory.Commands.Log.Count(sql => sql.Contains("\"AspNetUsers\"", StringComparison.Ordinal));
        }

        var counter = factory.Services.GetRequiredService<StampValidatorCounter>();
        var built = counter.Built;
        Assert.Equal(0, await UserReadsAsync());
        Assert.Equal(built, counter.Built);
        time.Advance(TimeSpan.FromSeconds(61));
        Assert.True(await UserReadsAsync() >= 1);
        Assert.Equal(built + 1, counter.Built);
        // The re-issued cookie starts a new interval.
        Assert.Equal(0, await UserReadsAsync());
        Assert.Equal(built + 1, counter.Built);
    }
}
