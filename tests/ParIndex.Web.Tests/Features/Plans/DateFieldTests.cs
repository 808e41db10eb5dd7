using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using ParIndex.Domain.Plans;
using ParIndex.Web.Data.Seed;
using ParIndex.Web.Tests.Infrastructure;

namespace ParIndex.Web.Tests.Features.Plans;

/// <summary>
/// Issue 16: date fields show and take dd/MM/yyyy whatever the browser's language (text inputs, one parser), and a
/// malformed or out-of-range date is refused beside its field: it never becomes today.
/// </summary>
public class DateFieldTests : IDisposable
{
    private readonly ParIndexFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private async Task<(int Id, string Url)> TaskAsync()
    {
        var id = await _factory.DemoTaskAsync("KSTNN", PlanTaskStatus.InProgress);
        return (id, $"/Plans/2023/Tasks/{id}");
    }

    [Theory]
    [InlineData("abc", "không hợp lệ")]
    [InlineData("2023-13-45", "không hợp lệ")]
    [InlineData("31/02/2023", "không hợp lệ")]
    [InlineData("01/01/0001", "ngoài khoảng")]
    public async Task A_malformed_progress_date_is_refused_beside_the_field_with_the_typed_text_kept(string typed, string message)
    {
        var (id, url) = await TaskAsync();
        var before = await _factory.SnapshotAsync(id);
        using var head = await _factory.CreateTestClient().SignInAsync(DemoAccounts.UnitHead("KSTNN"));

        var response = await head.SubmitAsync(url, "[data-testid=task-progress-form]",
            new() { ["ProgressInput.Date"] = typed, ["ProgressInput.Note"] = "Đã gửi báo cáo.", ["ProgressInput.Percent"] = "40" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await TestClient.ParseAsync(response);
        var field = page.QuerySelector<IHtmlInputElement>("[data-testid=progress-date]")!;
        Assert.Equal(typed, field.Value);
        Assert.Contains(message, field.ParentElement!.QuerySelector("[data-valmsg-for='ProgressInput.Date']")!.TextContent);
        var after = await _factory.SnapshotAsync(id);
        Assert.Equal(before.History, after.History);
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(before.Percent, after.Percent);
    }

    [Fact]
    public async Task A_progress_date_typed_as_dd_MM_yyyy_is_saved_as_that_day()
    {
        var (id, url) = await TaskAsync();
        var day = _factory.Clock.Today.AddDays(-3);
        using var head = await _factory.CreateTestClient().SignInAsync(DemoAccounts.UnitHead("KSTNN"));

        var response = await head.SubmitAsync(url, "[data-testid=task-progress-form]",
            new() { ["ProgressInput.Date"] = day.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture), ["ProgressInput.Note"] = "Đã gửi báo cáo." });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var saved = await _factory.WithDbAsync(db => db.TaskProgress.AsNoTracking().Where(p => p.PlanTaskId == id).OrderByDescending(p => p.Id).FirstAsync());
        Assert.Equal(day, saved.Date);
    }

    [Fact]
    public async Task Date_fields_are_text_inputs_showing_dd_MM_yyyy()
    {
        var (_, url) = await TaskAsync();
        using var head = await _factory.CreateTestClient().SignInAsync(DemoAccounts.UnitHead("KSTNN"));

        var page = await head.GetDocumentAsync(url);

        var field = page.QuerySelector<IHtmlInputElement>("[data-testid=progress-date]")!;
        Assert.Equal("text", field.GetAttribute("type"));
        Assert.Equal("numeric", field.GetAttribute("inputmode"));
        Assert.Equal("dd/mm/yyyy", field.GetAttribute("placeholder"));
        Assert.Matches(field.GetAttribute("pattern")!, "15/09/2023");
        Assert.Equal(_factory.Clock.Today.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture), field.Value);
    }

    [Theory]
    [InlineData("/Assessments/2023/Phases")]
    [InlineData("/Operations/Reports")]
    [InlineData("/Audit")]
    public async Task No_page_renders_a_browser_date_picker(string url)
    {
        using var admin = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Admin);

        var page = await admin.GetDocumentAsync(url);

        Assert.Empty(page.QuerySelectorAll("input[type=date]"));
        var dates = page.QuerySelectorAll("input[data-date-input]").Cast<IHtmlInputElement>().ToList();
        Assert.NotEmpty(dates);
        Assert.All(dates.Where(d => d.Value != ""), d => Assert.Matches(@"^\d{2}/\d{2}/\d{4}$", d.Value));
    }

    [Fact]
    public async Task A_malformed_phase_date_is_refused_and_the_phase_is_unchanged()
    {
        using var office = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Office);
        var before = await _factory.WithDbAsync(db => db.AssessmentPhases.AsNoTracking()
            .Where(p => db.Assessments.Any(a => a.Id == p.AssessmentId && a.Year == 2023)).OrderBy(p => p.Id).Select(p => new { p.Kind, p.StartsOn, p.EndsOn }).ToListAsync());
        var page = await office.GetDocumentAsync("/Assessments/2023/Phases");
        var form = page.QuerySelector<IHtmlFormElement>("form[id^=reschedule-]")!;

        var response = await office.PostFormAsync(form, new() { ["StartsOn"] = "2023-13-45" }, "/Assessments/2023/Phases");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("không hợp lệ", (await TestClient.ParseAsync(response)).QuerySelector("[data-testid=form-errors]")!.TextContent);
        var after = await _factory.WithDbAsync(db => db.AssessmentPhases.AsNoTracking()
            .Where(p => db.Assessments.Any(a => a.Id == p.AssessmentId && a.Year == 2023)).OrderBy(p => p.Id).Select(p => new { p.Kind, p.StartsOn, p.EndsOn }).ToListAsync());
        Assert.Equal(before, after);
    }
}
