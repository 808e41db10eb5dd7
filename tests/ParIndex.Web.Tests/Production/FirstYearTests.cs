using System.Net;
using Microsoft.EntityFrameworkCore;
using ParIndex.Web.Identity;
using ParIndex.Web.Tests.Features.Frameworks;
using ParIndex.Web.Tests.Infrastructure;
using static ParIndex.Web.Tests.Features.Frameworks.FrameworkTestSupport;

namespace ParIndex.Web.Tests.Production;

/// <summary>
/// A department's first year in Production, from an empty database (no demo data): the administrator the command line
/// created adds a unit and the Office's account; the Office imports the year's framework, opens its assessment from the
/// years list and enters a score. Before this, only the demo seeder created an assessment, so nothing could be scored.
/// </summary>
public class FirstYearTests
{
    private const string AdminEmail = "quantri@so.gov.vn";
    private const string AdminPassword = "một cụm mật khẩu quản trị đủ dài";
    private const string OfficeEmail = "vanphong@so.gov.vn";
    private const string OfficePassword = "mật khẩu của văn phòng sở đủ dài";
    private const int Year = 2030;
    private static readonly Dictionary<string, string> FromNginx = new() { ["X-Forwarded-Proto"] = "https", ["X-Forwarded-For"] = "198.51.100.20" };

    [Fact]
    public async Task On_an_empty_production_database_the_office_imports_a_framework_opens_its_year_and_scores_it()
    {
        using var factory = new ProductionFactory();
        var (code, output, error) = await AppProcess.CreateAdminAsync(factory, AdminEmail, "Nguyễn Văn Quản Trị", AdminPassword);
        Assert.True(code == 0, $"create-admin exited {code}: {output} {error}");

        using (var admin = factory.CreateProxiedClient(FromNginx))
        {
            await admin.SignInAsync(AdminEmail, AdminPassword);
            // The framework's sub-criteria name their lead unit by code ("VP").
            Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync("/Admin/Units", "#create-unit",
                new() { ["Input.Code"] = "VP", ["Input.Name"] = "Văn phòng Sở" })).StatusCode);
            Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync("/Admin/Users/Create", "#create-user", new()
            {
                ["Input.Email"] = OfficeEmail,
                ["Input.FullName"] = "Lê Thị Văn Phòng",
                ["Input.Role"] = Roles.Office,
                ["Input.UnitId"] = "",
                ["Input.Password"] = OfficePassword,
            })).StatusCode);
        }

        using var office = factory.CreateProxiedClient(FromNginx);
        await office.SignInAsync(OfficeEmail, OfficePassword);
        Assert.NotNull((await office.GetDocumentAsync("/Assessments")).QuerySelector("[data-testid=no-years]"));
        Assert.Equal(HttpStatusCode.Redirect, (await ImportAsync(office, SmallFrameworkTests.SmallWorkbook(), Year, "Bộ tiêu chí năm 2030")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await office.Http.GetAsync($"/Assessments/{Year}")).StatusCode); // not opened yet

        var assessmentId = await OpenAssessmentAsync(office, Year);

        var id = await factory.SubCriterionIdAsync(Year, "1.1.1");
        var scored = await office.SubmitAsync($"/Assessments/{Year}/Score/{id}", "#score-form", new() { ["Input.Score"] = "4" });
        Assert.Equal(HttpStatusCode.Redirect, scored.StatusCode);
        Assert.Equal(4m, (await factory.ScoreAsync(Year, id))!.SelfScore);
        var page = await office.GetDocumentAsync($"/Assessments/{Year}");
        Assert.Equal("Chỉ số CCHC năm 2030", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal("Đánh giá năm 2030", (await office.GetDocumentAsync("/")).QuerySelector("#h-assessment")!.TextContent.Trim());
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a =>
            a.EntityType == "Assessment" && a.EntityId == assessmentId.ToString() && a.UserName == "Lê Thị Văn Phòng")));
    }
}
