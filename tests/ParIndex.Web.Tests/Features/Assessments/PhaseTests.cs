using System.Net;
using Microsoft.EntityFrameworkCore;
using ParIndex.Domain.Assessments;
using ParIndex.Web.Data.Seed;
using ParIndex.Web.Tests.Infrastructure;

namespace ParIndex.Web.Tests.Features.Assessments;

/// <summary>The assessment cycle over HTTP: phases decided by dates (fixed clock) and by explicit close and reopen.</summary>
public class PhaseTests : IDisposable
{
    private readonly ParIndexFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private async Task<AssessmentPhase> PhaseAsync(int year, PhaseKind kind) =>
        await _factory.WithDbAsync(db => db.AssessmentPhases.AsNoTracking()
            .SingleAsync(p => p.Kind == kind && db.Assessments.Any(a => a.Id == p.AssessmentId && a.Year == year)));

    [Fact]
    public async Task After_its_end_date_self_assessment_refuses_every_write_and_the_page_says_so()
    {
        var self = await PhaseAsync(2023, PhaseKind.SelfAssessment);
        var id = await _factory.SubCriterionIdAsync(2023, "1.1.1");
        using var client = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Office);
        var token = await client.AntiforgeryTokenAsync($"/Assessments/2023/Score/{id}");

        _factory.Clock.SetToday(self.EndsOn.AddDays(1));
        var page = await client.GetDocumentAsync($"/Assessments/2023/Area/1");
        var response = await client.Http.PostAsync($"/Assessments/2023/Score/{id}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Input.Score"] = "0",
            ["Input.LostReason"] = "x",
        }));

        Assert.NotNull(page.QuerySelector("[data-testid=self-locked]"));
        var result = await TestClient.ParseAsync(response);
        Assert.Contains($"đã kết thúc ngày {self.EndsOn:dd/MM/yyyy}", result.QuerySelector("[data-testid=form-errors]")!.TextContent);
        Assert.Null(await _factory.ScoreAsync(2023, id));
    }

    [Fact]
    public async Task The_day_after_self_assessment_appraisal_round_1_is_open_and_takes_the_round_1_score()
    {
        var self = await PhaseAsync(2023, PhaseKind.SelfAssessment);
        var id = await _factory.SubCriterionIdAsync(2023, "1.1.1");
        using var client = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Office);
        await client.SubmitAsync($"/Assessments/2023/Score/{id}", "#score-form", new() { ["Input.Score"] = "0,5", ["Input.LostReason"] = "Thiếu" });

        _factory.Clock.SetToday(self.EndsOn.AddDays(1));
        var page = await client.GetDocumentAsync($"/Assessments/2023/Score/{id}");
        var response = await client.SubmitAsync($"/Assessments/2023/Score/{id}", "#score-form", new() { ["Input.Score"] = "0", ["Input.Note"] = "Thiếu tài liệu" });

        Assert.Contains("thẩm định vòng 1", page.QuerySelector("#score-form")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var score = await _factory.ScoreAsync(2023, id);
        Assert.Equal(0.5m, score!.SelfScore);
        Assert.Equal(0m, score.Round1Score);
        Assert.True(score.ExplanationRequired);

        var owed = await client.GetDocumentAsync("/Assessments/2023/Explanations");
        Assert.Equal("1", owed.QuerySelector("[data-testid=owed-count]")!.TextContent.Trim());
        Assert.Contains("1.1.1", owed.QuerySelector("[data-testid=explanations]")!.TextContent);
    }

    [Fact]
    public async Task The_office_closes_a_phase_and_reopens_it_only_with_a_reason_each_recorded()
    {
        var id = await _factory.SubCriterionIdAsync(2023, "1.1.1");
        using var client = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Office);

        var closed = await client.SubmitAsync("/Assessments/2023/Phases", "#close-SelfAssessment", new());
        Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
        Assert.NotNull((await PhaseAsync(2023, PhaseKind.SelfAssessment)).ClosedAt);
        var refused = await client.Http.GetAsync($"/Assessments/2023/Score/{id}");
        Assert.Null((await TestClient.ParseAsync(refused)).QuerySelector("#score-form"));

        var noReason = await client.SubmitAsync("/Assessments/2023/Phases", "#reopen-SelfAssessment",
            new() { ["Until"] = _factory.Clock.Today.AddDays(5).ToString("yyyy-MM-dd"), ["Reason"] = "" });
        Assert.Equal(HttpStatusCode.OK, noReason.StatusCode);
        Assert.Contains("lý do", (await TestClient.ParseAsync(noReason)).QuerySelector("[data-testid=form-errors]")!.TextContent);
        Assert.NotNull((await PhaseAsync(2023, PhaseKind.SelfAssessment)).ClosedAt);

        var reopened = await client.SubmitAsync("/Assessments/2023/Phases", "#reopen-SelfAssessment",
            new() { ["Until"] = _factory.Clock.Today.AddDays(5).ToString("yyyy-MM-dd"), ["Reason"] = "Bổ sung tài liệu theo yêu cầu của Sở Nội vụ" });
        Assert.Equal(HttpStatusCode.Redirect, reopened.StatusCode);
        Assert.Null((await PhaseAsync(2023, PhaseKind.SelfAssessment)).ClosedAt);
        var log = await client.GetDocumentAsync("/Assessments/2023/Phases");
        Assert.Contains("Bổ sung tài liệu theo yêu cầu của Sở Nội vụ", log.QuerySelector("[data-testid=phase-changes]")!.TextContent);
        Assert.Contains("khóa", log.QuerySelector("[data-testid=phase-changes]")!.TextContent);
    }

    [Fact]
    public async Task Once_self_assessment_closes_early_the_banner_names_the_next_phase_and_its_start()
    {
        var round1 = await PhaseAsync(2023, PhaseKind.Appraisal1);
        using var client = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Office);
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync("/Assessments/2023/Phases", "#close-SelfAssessment", new())).StatusCode);

        var banner = (await client.GetDocumentAsync("/Assessments/2023")).QuerySelector("[data-testid=phase-banner]")!.TextContent;

        Assert.True(round1.StartsOn > _factory.Clock.Today, "the demo's round 1 starts after today");
        Assert.Contains("Giai đoạn tiếp theo: thẩm định vòng 1", Normalize(banner));
        Assert.Contains($"bắt đầu ngày {round1.StartsOn:dd/MM/yyyy}", Normalize(banner));
        Assert.DoesNotContain("đã khóa.", banner);
    }

    [Fact]
    public async Task With_no_later_phase_the_banner_says_the_year_is_locked()
    {
        var published = await PhaseAsync(2023, PhaseKind.Published);
        _factory.Clock.SetToday(published.EndsOn.AddDays(1));
        try
        {
            using var client = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Leadership);
            var banner = (await client.GetDocumentAsync("/Assessments/2023")).QuerySelector("[data-testid=phase-banner]")!.TextContent;
            Assert.Contains("Không có giai đoạn nào đang mở: mọi số liệu của năm 2023 đã khóa.", banner);
        }
        finally
        {
            _factory.Clock.Reset();
        }
    }

    [Fact]
    public async Task Reopening_a_phase_that_has_not_started_is_refused_beside_its_form_and_changes_nothing()
    {
        var round1 = await PhaseAsync(2023, PhaseKind.Appraisal1);
        Assert.True(round1.StartsOn > _factory.Clock.Today, "the demo's round 1 starts after today");
        using var client = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Office);

        var response = await client.SubmitAsync("/Assessments/2023/Phases", "#reopen-Appraisal1",
            new() { ["Until"] = round1.EndsOn.ToString("yyyy-MM-dd"), ["Reason"] = "Mở sớm" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await TestClient.ParseAsync(response);
        var error = page.QuerySelector("tr[data-phase=Appraisal1] [data-testid=reopen-error-Appraisal1]");
        Assert.NotNull(error);
        Assert.Contains($"chưa bắt đầu (bắt đầu ngày {round1.StartsOn:dd/MM/yyyy})", error.TextContent);
        Assert.Equal("Chưa bắt đầu", page.QuerySelector("[data-testid=status-Appraisal1]")!.TextContent);
        Assert.DoesNotContain("Đã mở lại", page.QuerySelector("main")!.TextContent);
        var after = await PhaseAsync(2023, PhaseKind.Appraisal1);
        Assert.Equal((round1.StartsOn, round1.EndsOn, round1.ClosedAt), (after.StartsOn, after.EndsOn, after.ClosedAt));
        Assert.Equal(0, await _factory.WithDbAsync(db => db.Set<PhaseChange>().CountAsync(c => c.Kind == PhaseKind.Appraisal1)));
    }

    [Fact]
    public async Task Reopening_until_a_date_before_the_planned_end_keeps_it_open_to_that_date_only()
    {
        var self = await PhaseAsync(2023, PhaseKind.SelfAssessment);
        var until = _factory.Clock.Today.AddDays(2);
        Assert.True(until < self.EndsOn, "the demo's self-assessment ends later than two days from today");
        using var client = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Office);
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync("/Assessments/2023/Phases", "#close-SelfAssessment", new())).StatusCode);

        var reopened = await client.SubmitAsync("/Assessments/2023/Phases", "#reopen-SelfAssessment",
            new() { ["Until"] = until.ToString("yyyy-MM-dd"), ["Reason"] = "Bổ sung tài liệu" });

        Assert.Equal(HttpStatusCode.Redirect, reopened.StatusCode);
        var after = await PhaseAsync(2023, PhaseKind.SelfAssessment);
        Assert.Equal(until, after.EndsOn);
        Assert.Null(after.ClosedAt);
        var page = await client.GetDocumentAsync("/Assessments/2023/Phases");
        Assert.Contains($"đến hết ngày {until:dd/MM/yyyy}", page.QuerySelector(".alert-success")!.TextContent);
        Assert.Equal(until.ToString("dd/MM/yyyy"), page.QuerySelectorAll("tr[data-phase=SelfAssessment] td")[1].TextContent);
    }

    private static string Normalize(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ");

    [Fact]
    public async Task Leadership_cannot_close_a_phase()
    {
        using var client = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Leadership);
        var token = await client.AntiforgeryTokenAsync("/Assessments/2023/Phases");

        var response = await client.Http.PostAsync("/Assessments/2023/Phases?handler=Close",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["Kind"] = "SelfAssessment" }));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Null((await PhaseAsync(2023, PhaseKind.SelfAssessment)).ClosedAt);
    }
}
