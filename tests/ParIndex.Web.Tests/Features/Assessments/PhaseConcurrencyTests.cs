using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using ParIndex.Domain.Assessments;
using ParIndex.Web.Data.Seed;
using ParIndex.Web.Tests.Infrastructure;

namespace ParIndex.Web.Tests.Features.Assessments;

/// <summary>
/// Phases carry a concurrency token: a close, reopen, "Mở ngay" or reschedule posted from a page rendered before another
/// change of that phase (a second tab) is refused with a Vietnamese message and changes nothing.
/// </summary>
public class PhaseConcurrencyTests : IDisposable
{
    private const string Page = "/Assessments/2023/Phases";
    private readonly ParIndexFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private async Task<AssessmentPhase> PhaseAsync(PhaseKind kind) =>
        await _factory.WithDbAsync(db => db.AssessmentPhases.AsNoTracking()
            .SingleAsync(p => p.Kind == kind && db.Assessments.Any(a => a.Id == p.AssessmentId && a.Year == 2023)));

    private Task<int> ChangeCountAsync() =>
        _factory.WithDbAsync(db => db.Set<PhaseChange>().CountAsync(c => db.Assessments.Any(a => a.Id == c.AssessmentId && a.Year == 2023)));

    /// <summary>The first tab's form, rendered before the second tab changed anything.</summary>
    private static IHtmlFormElement Form(IDocument page, string selector) =>
        page.QuerySelector<IHtmlFormElement>(selector) ?? throw new InvalidOperationException($"No form {selector}");

    private static async Task AssertConflictAsync(HttpResponseMessage response, PhaseKind kind)
    {
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var page = await TestClient.ParseAsync(response);
        Assert.Contains($"Giai đoạn {kind.ToVietnamese()} vừa được người khác thay đổi", page.QuerySelector("[data-testid=form-errors]")!.TextContent);
    }

    [Fact]
    public async Task Closing_from_a_stale_page_after_the_phase_was_rescheduled_is_refused()
    {
        using var client = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Office);
        var stale = await client.GetDocumentAsync(Page);
        var self = await PhaseAsync(PhaseKind.SelfAssessment);
        var newEnd = self.EndsOn.AddDays(-1);
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync(Page, "#reschedule-SelfAssessment",
            new() { ["StartsOn"] = self.StartsOn.ToString("yyyy-MM-dd"), ["EndsOn"] = newEnd.ToString("yyyy-MM-dd") })).StatusCode);
        var changes = await ChangeCountAsync();

        var response = await client.PostFormAsync(Form(stale, "#close-SelfAssessment"), new(), Page);

        await AssertConflictAsync(response, PhaseKind.SelfAssessment);
        var after = await PhaseAsync(PhaseKind.SelfAssessment);
        Assert.Null(after.ClosedAt);
        Assert.Equal(newEnd, after.EndsOn);
        Assert.Equal(changes, await ChangeCountAsync());
    }

    [Fact]
    public async Task Reopening_from_a_stale_page_after_the_phase_was_reopened_elsewhere_is_refused()
    {
        using var client = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Office);
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync(Page, "#close-SelfAssessment", new())).StatusCode);
        var stale = await client.GetDocumentAsync(Page);
        var until = _factory.Clock.Today.AddDays(3);
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync(Page, "#reopen-SelfAssessment",
            new() { ["Until"] = until.ToString("yyyy-MM-dd"), ["Reason"] = "Bổ sung tài liệu" })).StatusCode);
        var changes = await ChangeCountAsync();

        var response = await client.PostFormAsync(Form(stale, "#reopen-SelfAssessment"),
            new() { ["Until"] = until.AddDays(20).ToString("yyyy-MM-dd"), ["Reason"] = "Mở thêm" }, Page);

        await AssertConflictAsync(response, PhaseKind.SelfAssessment);
        Assert.Equal(until, (await PhaseAsync(PhaseKind.SelfAssessment)).EndsOn);
        Assert.Equal(changes, await ChangeCountAsync());
    }

    [Fact]
    public async Task Rescheduling_from_a_stale_page_after_the_phase_was_closed_is_refused()
    {
        using var client = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Office);
        var stale = await client.GetDocumentAsync(Page);
        var before = await PhaseAsync(PhaseKind.SelfAssessment);
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync(Page, "#close-SelfAssessment", new())).StatusCode);
        var changes = await ChangeCountAsync();

        var response = await client.PostFormAsync(Form(stale, "#reschedule-SelfAssessment"),
            new() { ["StartsOn"] = before.StartsOn.ToString("yyyy-MM-dd"), ["EndsOn"] = before.EndsOn.AddDays(-2).ToString("yyyy-MM-dd") }, Page);

        await AssertConflictAsync(response, PhaseKind.SelfAssessment);
        var after = await PhaseAsync(PhaseKind.SelfAssessment);
        Assert.Equal((before.StartsOn, before.EndsOn), (after.StartsOn, after.EndsOn));
        Assert.NotNull(after.ClosedAt);
        Assert.Equal(changes, await ChangeCountAsync());
    }

    [Fact]
    public async Task Opening_now_from_a_stale_page_after_the_phase_was_rescheduled_is_refused()
    {
        using var client = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Office);
        var stale = await client.GetDocumentAsync(Page);
        var round1 = await PhaseAsync(PhaseKind.Appraisal1);
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync(Page, "#reschedule-Appraisal1",
            new() { ["StartsOn"] = round1.StartsOn.AddDays(1).ToString("yyyy-MM-dd"), ["EndsOn"] = round1.EndsOn.ToString("yyyy-MM-dd") })).StatusCode);
        var changes = await ChangeCountAsync();

        var response = await client.PostFormAsync(Form(stale, "#open-now-Appraisal1"), new(), Page);

        await AssertConflictAsync(response, PhaseKind.Appraisal1);
        Assert.Equal(round1.StartsOn.AddDays(1), (await PhaseAsync(PhaseKind.Appraisal1)).StartsOn);
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync(Page, "#open-now-Appraisal1", new())).StatusCode); // a fresh page may
        Assert.Equal(changes + 2, await ChangeCountAsync()); // the open and the end of self-assessment the day before
    }
}
