using System.Net;
using Microsoft.EntityFrameworkCore;
using ParIndex.Web.Data.Seed;
using ParIndex.Web.Tests.Infrastructure;
using ParIndex.Web.Tests.Security;

namespace ParIndex.Web.Tests.Features.Admin;

public class UnitsTests : IClassFixture<SecurityFactory>
{
    private readonly SecurityFactory _factory;
    public UnitsTests(SecurityFactory factory) => _factory = factory;

    [Fact]
    public async Task Admin_creates_a_unit_and_a_duplicate_code_is_refused_beside_the_field()
    {
        using var admin = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Admin);
        var created = await admin.SubmitAsync("/Admin/Units", "#create-unit", new() { ["Input.Code"] = "ttcntt", ["Input.Name"] = "Trung tâm Công nghệ thông tin" });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.True(await _factory.WithDbAsync(db => db.Units.AnyAsync(u => u.Code == "TTCNTT" && u.Name == "Trung tâm Công nghệ thông tin")));
        var count = await _factory.WithDbAsync(db => db.Units.CountAsync());

        var duplicate = await admin.SubmitAsync("/Admin/Units", "#create-unit", new() { ["Input.Code"] = "TTCNTT", ["Input.Name"] = "Khác" });
        Assert.Contains("đã được dùng", (await TestClient.ParseAsync(duplicate)).QuerySelector("[data-valmsg-for='Input.Code']")!.TextContent);
        Assert.Equal(count, await _factory.WithDbAsync(db => db.Units.CountAsync()));
    }

    [Fact]
    public async Task Renaming_keeps_the_former_name_and_every_record_stays_attached_retiring_keeps_the_unit()
    {
        using var admin = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Admin);
        var (id, oldName, users) = await _factory.WithDbAsync(async db =>
        {
            var u = await db.Units.AsNoTracking().SingleAsync(x => x.Code == "CCBVMT");
            return (u.Id, u.Name, await db.Users.CountAsync(x => x.UnitId == u.Id));
        });
        var renamed = await admin.SubmitAsync($"/Admin/Units/Edit/{id}", "#rename-unit", new() { ["Input.Name"] = "Chi cục Bảo vệ môi trường (mới)" });
        Assert.Equal(HttpStatusCode.Redirect, renamed.StatusCode);
        var page = await admin.GetDocumentAsync($"/Admin/Units/Edit/{id}");
        Assert.Contains(oldName, page.QuerySelector("[data-testid=former-names]")!.TextContent);
        Assert.Equal(users, await _factory.WithDbAsync(db => db.Users.CountAsync(x => x.UnitId == id)));

        var retired = await admin.SubmitAsync($"/Admin/Units/Edit/{id}", "#retire-unit", []);
        Assert.Equal(HttpStatusCode.Redirect, retired.StatusCode);
        Assert.NotNull(await _factory.WithDbAsync(db => db.Units.Where(u => u.Id == id).Select(u => u.RetiredOn).SingleAsync()));
        // A retired unit is no longer offered for new unit heads.
        var create = await admin.GetDocumentAsync("/Admin/Users/Create");
        Assert.Null(create.QuerySelector($"#Input_UnitId option[value='{id}']"));
        await admin.SubmitAsync($"/Admin/Units/Edit/{id}", "#reinstate-unit", []);
    }

    [Fact]
    public async Task A_rename_over_a_newer_name_is_refused()
    {
        using var admin = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Admin);
        var id = await _factory.WithDbAsync(db => db.Units.Where(u => u.Code == "VP").Select(u => u.Id).SingleAsync());
        var form = await admin.GetDocumentAsync($"/Admin/Units/Edit/{id}");
        await _factory.WithDbAsync(async db =>
        {
            var u = await db.Units.SingleAsync(x => x.Id == id);
            u.Rename("Văn phòng Sở (đổi trước)", DateOnly.FromDateTime(DateTime.UtcNow));
            await db.SaveChangesAsync();
        });
        var response = await admin.PostFormAsync((AngleSharp.Html.Dom.IHtmlFormElement)form.QuerySelector("#rename-unit")!,
            new() { ["Input.Name"] = "Tên của tôi" }, $"/Admin/Units/Edit/{id}");
        Assert.Contains("vừa được người khác thay đổi", (await TestClient.ParseAsync(response)).QuerySelector(".validation-summary-errors")!.TextContent);
        Assert.Equal("Văn phòng Sở (đổi trước)", await _factory.WithDbAsync(db => db.Units.Where(u => u.Id == id).Select(u => u.Name).SingleAsync()));
    }

    [Fact]
    public async Task Retiring_a_unit_twice_from_two_tabs_is_refused_on_the_page_and_keeps_the_first_date()
    {
        using var admin = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Admin);
        var id = await _factory.WithDbAsync(db => db.Units.Where(u => u.Code == "TTDD").Select(u => u.Id).SingleAsync());
        var tab1 = await admin.GetDocumentAsync($"/Admin/Units/Edit/{id}");
        var tab2 = await admin.GetDocumentAsync($"/Admin/Units/Edit/{id}");
        var first = await admin.PostFormAsync((AngleSharp.Html.Dom.IHtmlFormElement)tab1.QuerySelector("#retire-unit")!, [], $"/Admin/Units/Edit/{id}");
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        var retiredOn = await _factory.WithDbAsync(db => db.Units.Where(u => u.Id == id).Select(u => u.RetiredOn).SingleAsync());
        Assert.NotNull(retiredOn);

        var second = await admin.PostFormAsync((AngleSharp.Html.Dom.IHtmlFormElement)tab2.QuerySelector("#retire-unit")!, [], $"/Admin/Units/Edit/{id}");
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var page = await TestClient.ParseAsync(second);
        Assert.Contains("Đơn vị đã ngừng hoạt động.", page.QuerySelector(".validation-summary-errors")!.TextContent);
        Assert.Equal(retiredOn, await _factory.WithDbAsync(db => db.Units.Where(u => u.Id == id).Select(u => u.RetiredOn).SingleAsync()));
        Assert.Equal(1, await _factory.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.EntityType == "Unit" && e.EntityId == id.ToString(System.Globalization.CultureInfo.InvariantCulture) && e.Field != null && e.Field.EndsWith("RetiredOn"))));
        await admin.SubmitAsync($"/Admin/Units/Edit/{id}", "#reinstate-unit", []);
    }

    [Fact]
    public async Task An_empty_name_is_refused_beside_the_field_and_the_name_stays()
    {
        using var admin = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Admin);
        var unit = await _factory.WithDbAsync(db => db.Units.AsNoTracking().SingleAsync(u => u.Code == "KHTC"));
        var (id, name) = (unit.Id, unit.Name);
        var response = await admin.SubmitAsync($"/Admin/Units/Edit/{id}", "#rename-unit", new() { ["Input.Name"] = "   " });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await TestClient.ParseAsync(response);
        Assert.False(string.IsNullOrWhiteSpace(page.QuerySelector("[data-valmsg-for='Input.Name']")!.TextContent));
        Assert.Equal(name, await _factory.WithDbAsync(db => db.Units.Where(u => u.Id == id).Select(u => u.Name).SingleAsync()));
    }

    [Fact]
    public async Task A_unit_name_with_markup_is_shown_as_text()
    {
        await _factory.WithDbAsync(async db =>
        {
            db.Units.Add(new ParIndex.Domain.Units.Unit("XSS", "<script>alert(1)</script>"));
            await db.SaveChangesAsync();
        });
        using var admin = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Admin);
        var response = await admin.Http.GetAsync("/Admin/Units");
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>alert(1)</script>", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
        var audit = await (await admin.Http.GetAsync("/Audit?type=Unit")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>alert(1)</script>", audit);
    }
}
