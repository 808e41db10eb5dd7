using System.Net;
using Microsoft.EntityFrameworkCore;
using ParIndex.Domain.Assessments;
using ParIndex.Web.Data.Seed;
using ParIndex.Web.Tests.Infrastructure;

namespace ParIndex.Web.Tests.Features.Assessments;

/// <summary>Issue 19, phases: reopening after a later phase ran, overlapping schedules, "Mở ngay", errors beside the field.</summary>
public class PhaseGuardTests : IDisposable
{
    private readonly ParIndexFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private async Task<AssessmentPhase> PhaseAsync(PhaseKind kind) =>
        await _factory.WithDbAsync(db => db.AssessmentPhases.AsNoTracking()
            .SingleAsync(p => p.Kind == kind && db.Assessments.Any(a => a.Id == p.AssessmentId && a.Year == 2023)));

    private Task<List<PhaseChange>> ChangesAsync() =>
        _factory.WithDbAsync(db => db.Set<PhaseChange>().AsNoTracking()
            .Where(c => db.Assessments.Any(a => a.Id == c.AssessmentId && a.Year == 2023)).ToListAsync());

    private static string Normalize(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ");

    [Theory]
    [InlineData(PhaseKind.Appraisal1, "Mở lại sẽ cho phép sửa điểm tự đánh giá sau khi đã có kết quả thẩm định vòng 1")]
    [InlineData(PhaseKind.Published, "Mở lại sẽ cho phép sửa điểm tự đánh giá sau khi đã có kết quả công bố")]
    public async Task Reopening_self_assessment_after_a_later_phase_ran_needs_the_ticked_confirmation_recorded_with_the_reason(
        PhaseKind later, string unlocks)
    {
        var laterPhase = await PhaseAsync(later);
        var today = laterPhase.StartsOn.AddDays(1);
        _factory.Clock.SetToday(today);
        using var client = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Office);
        var until = today.AddDays(3).ToString("yyyy-MM-dd");

        var page = await client.GetDocumentAsync("/Assessments/2023/Phases");
        Assert.Contains(unlocks, page.QuerySelector("[data-testid=unlocks-SelfAssessment]")!.TextContent);
        var refused = await client.SubmitAsync("/Assessments/2023/Phases", "#reopen-SelfAssessment",
            new() { ["Until"] = until, ["Reason"] = "Bổ sung tài liệu" });

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var refusedPage = await TestClient.ParseAsync(refused);
        Assert.Contains(unlocks, refusedPage.QuerySelector("tr[data-phase=SelfAssessment] [data-testid=error-SelfAssessment-Confirm]")!.TextContent);
        Assert.Equal("Bổ sung tài liệu", refusedPage.QuerySelector("#reopen-SelfAssessment input[name=Reason]")!.GetAttribute("value"));
        Assert.False((await PhaseAsync(PhaseKind.SelfAssessment)).IsOpen(today));
        Assert.Empty(await ChangesAsync());

        var reopened = await client.SubmitAsync("/Assessments/2023/Phases", "#reopen-SelfAssessment",
            new() { ["Until"] = until, ["Reason"] = "Bổ sung tài liệu", ["Confirm"] = "true" });

        Assert.Equal(HttpStatusCode.Redirect, reopened.StatusCode);
        Assert.True((await PhaseAsync(PhaseKind.SelfAssessment)).IsOpen(today));
        var entry = Assert.Single(await ChangesAsync());
        Assert.Equal((PhaseAction.Reopen, "Bổ sung tài liệu", unlocks), (entry.Action, entry.Reason, entry.Unlocks));
        var log = (await client.GetDocumentAsync("/Assessments/2023/Phases")).QuerySelector("[data-testid=phase-changes]")!.TextContent;
        Assert.Contains($"Bổ sung tài liệu (đã xác nhận: {unlocks})", Normalize(log));
        var audited = await _factory.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(e => e.EntityType == "Assessment" && e.Field == "PhaseChange[SelfAssessment]").Select(e => e.NewValue).ToListAsync());
        Assert.Contains(audited, v => v!.Contains($"Unlocks={unlocks}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_reschedule_overlapping_another_phase_is_refused_beside_the_field_naming_both_phases()
    {
        var self = await PhaseAsync(PhaseKind.SelfAssessment);
        var round1 = await PhaseAsync(PhaseKind.Appraisal1);
        using var client = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Office);

        var response = await client.SubmitAsync("/Assessments/2023/Phases", "#reschedule-Appraisal1",
            new() { ["StartsOn"] = self.EndsOn.AddDays(-5).ToString("yyyy-MM-dd") });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await TestClient.ParseAsync(response);
        var error = page.QuerySelector("tr[data-phase=Appraisal1] [data-testid=error-Appraisal1-StartsOn]")!.TextContent;
        Assert.Contains("giai đoạn thẩm định vòng 1", error);
        Assert.Contains($"trùng với giai đoạn tự đánh giá ({self.StartsOn:dd/MM/yyyy} – {self.EndsOn:dd/MM/yyyy})", error);
        var after = await PhaseAsync(PhaseKind.Appraisal1);
        Assert.Equal((round1.StartsOn, round1.EndsOn), (after.StartsOn, after.EndsOn));
        Assert.Empty(await ChangesAsync());
    }

    [Fact]
    public async Task A_phase_whose_start_is_in_the_future_opens_now_and_the_running_one_ends_yesterday_both_recorded()
    {
        var round1 = await PhaseAsync(PhaseKind.Appraisal1);
        var today = _factory.Clock.Today;
        Assert.True(round1.StartsOn > today, "the demo's round 1 starts after today");
        using var client = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Office);
        var page = await client.GetDocumentAsync("/Assessments/2023/Phases");
        Assert.Null(page.QuerySelector("#open-now-SelfAssessment"));

        var response = await client.SubmitAsync("/Assessments/2023/Phases", "#open-now-Appraisal1", new());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(today, (await PhaseAsync(PhaseKind.Appraisal1)).StartsOn);
        Assert.Equal(today.AddDays(-1), (await PhaseAsync(PhaseKind.SelfAssessment)).EndsOn);
        var after = await client.GetDocumentAsync("/Assessments/2023/Phases");
        Assert.Equal("Đang mở", after.QuerySelector("[data-testid=status-Appraisal1]")!.TextContent);
        Assert.Contains($"Mở ngay từ {today:dd/MM/yyyy} (dự kiến bắt đầu {round1.StartsOn:dd/MM/yyyy})", after.QuerySelector("[data-testid=phase-changes]")!.TextContent);
        Assert.Contains(await ChangesAsync(), c => c.Kind == PhaseKind.Appraisal1 && c.Action == PhaseAction.OpenNow && c.By.Length > 0);
    }

    [Fact]
    public async Task Open_now_of_a_phase_after_one_not_started_is_refused_beside_its_button()
    {
        using var client = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Office);

        var response = await client.SubmitAsync("/Assessments/2023/Phases", "#open-now-Explanation", new());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await TestClient.ParseAsync(response);
        Assert.Contains("thẩm định vòng 1", page.QuerySelector("tr[data-phase=Explanation] [data-testid=error-Explanation-OpenNow]")!.TextContent);
        Assert.Empty(await ChangesAsync());
    }

    [Fact]
    public async Task A_reopen_without_a_reason_or_date_shows_each_error_beside_its_field()
    {
        using var client = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Office);
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync("/Assessments/2023/Phases", "#close-SelfAssessment", new())).StatusCode);

        var response = await client.SubmitAsync("/Assessments/2023/Phases", "#reopen-SelfAssessment", new() { ["Until"] = "", ["Reason"] = "" });

        var page = await TestClient.ParseAsync(response);
        Assert.Contains("lý do", page.QuerySelector("tr[data-phase=SelfAssessment] [data-testid=error-SelfAssessment-Reason]")!.TextContent);
        Assert.Contains("ngày mở đến", page.QuerySelector("tr[data-phase=SelfAssessment] [data-testid=error-SelfAssessment-Until]")!.TextContent);
        Assert.Null(page.QuerySelector("tr[data-phase=Appraisal1] [data-testid=error-Appraisal1-Reason]"));
    }

    [Fact]
    public async Task Leadership_cannot_open_a_phase_now()
    {
        var round1 = await PhaseAsync(PhaseKind.Appraisal1);
        using var client = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Leadership);
        var token = await client.AntiforgeryTokenAsync("/Assessments/2023/Phases");

        var response = await client.Http.PostAsync("/Assessments/2023/Phases?handler=OpenNow",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["Kind"] = "Appraisal1" }));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(round1.StartsOn, (await PhaseAsync(PhaseKind.Appraisal1)).StartsOn);
    }
}
