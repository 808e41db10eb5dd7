using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using ParIndex.Domain.Assessments;
using ParIndex.Web.Data.Seed;
using ParIndex.Web.Tests.Infrastructure;

namespace ParIndex.Web.Tests.Features.Assessments;

/// <summary>
/// Issue 19: the Office adds a sub-criterion to the explanation list (to dispute a point) or drops one, with a reason;
/// the area grid marks the rows to explain and, in the explanation phase, says it is for explanations.
/// </summary>
public class ExplanationListTests : IDisposable
{
    private readonly ParIndexFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    /// <summary>2023 scored through round 1: 1.1.1 kept its self score (not on the list), 1.1.2 lost half a point (on it).</summary>
    private async Task<(int Kept, int Lost)> ScoredThroughRound1Async(PhaseKind today)
    {
        var kept = await _factory.SubCriterionIdAsync(2023, "1.1.1");
        var lost = await _factory.SubCriterionIdAsync(2023, "1.1.2");
        await _factory.WithDbAsync(async db =>
        {
            var assessment = await db.Assessments.Include(a => a.Phases).SingleAsync(a => a.Year == 2023);
            foreach (var (id, round1) in new[] { (kept, 1m), (lost, 0.5m) })
            {
                var score = new SubCriterionScore(assessment.Id, id);
                score.SetSelf(1, null, null, "test", DateTime.UtcNow);
                score.SetRound1(round1, null, "test", DateTime.UtcNow);
                db.Scores.Add(score);
            }
            await db.SaveChangesAsync();
            _factory.Clock.SetToday(assessment.Phase(today).StartsOn.AddDays(1));
        });
        return (kept, lost);
    }

    [Fact]
    public async Task The_office_adds_a_sub_criterion_to_dispute_a_point_with_a_reason_recorded_and_audited()
    {
        var (kept, _) = await ScoredThroughRound1Async(PhaseKind.Appraisal1);
        using var client = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Office);

        var response = await client.SubmitAsync("/Assessments/2023/Explanations", "#add-1\\.1\\.1", new() { ["Reason"] = "Đề nghị xem xét lại: kế hoạch ban hành đúng hạn" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var score = await _factory.ScoreAsync(2023, kept);
        Assert.True(score!.ExplanationRequired);
        Assert.Equal((ExplanationListChange.Added, "Đề nghị xem xét lại: kế hoạch ban hành đúng hạn"), (score.ExplanationChange, score.ExplanationChangeReason));
        var page = await client.GetDocumentAsync("/Assessments/2023/Explanations");
        Assert.Equal("2", page.QuerySelector("[data-testid=owed-count]")!.TextContent.Trim());
        Assert.Contains("kế hoạch ban hành đúng hạn", page.QuerySelector("[data-testid='added-reason-1.1.1']")!.TextContent);
        var audited = await _factory.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .CountAsync(e => e.EntityType == "SubCriterionScore" && e.EntityId == score.Id.ToString() && e.Field == "ExplanationChangeReason"));
        Assert.Equal(1, audited);
    }

    [Fact]
    public async Task The_office_drops_one_with_a_reason_and_without_one_is_told_beside_the_row_with_nothing_changed()
    {
        var (_, lost) = await ScoredThroughRound1Async(PhaseKind.Explanation);
        using var client = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Office);

        var refused = await client.SubmitAsync("/Assessments/2023/Explanations", "#drop-1\\.1\\.2", new() { ["Reason"] = " " });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("lý do bỏ", (await TestClient.ParseAsync(refused)).QuerySelector("[data-testid='reason-error-1.1.2']")!.TextContent);
        Assert.True((await _factory.ScoreAsync(2023, lost))!.ExplanationRequired);

        var dropped = await client.SubmitAsync("/Assessments/2023/Explanations", "#drop-1\\.1\\.2", new() { ["Reason"] = "Đã thống nhất với Sở Nội vụ" });

        Assert.Equal(HttpStatusCode.Redirect, dropped.StatusCode);
        var score = await _factory.ScoreAsync(2023, lost);
        Assert.False(score!.ExplanationRequired);
        Assert.Equal(ExplanationListChange.Dropped, score.ExplanationChange);
        var page = await client.GetDocumentAsync("/Assessments/2023/Explanations");
        Assert.Equal("0", page.QuerySelector("[data-testid=owed-count]")!.TextContent.Trim());
        Assert.Contains("Đã thống nhất với Sở Nội vụ", page.QuerySelector("[data-testid='dropped-reason-1.1.2']")!.TextContent);
    }

    [Fact]
    public async Task A_stale_form_is_told_someone_changed_the_score_and_nothing_is_written()
    {
        var (kept, _) = await ScoredThroughRound1Async(PhaseKind.Appraisal1);
        using var client = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Office);
        var form = (await client.GetDocumentAsync("/Assessments/2023/Explanations")).QuerySelector<IHtmlFormElement>("#add-1\\.1\\.1")!;
        await _factory.WithDbAsync(async db =>
        {
            var score = await db.Scores.SingleAsync(s => s.SubCriterionId == kept);
            score.SetRound1(1, "Người khác ghi chú", "khác", DateTime.UtcNow);
            await db.SaveChangesAsync();
        });
        var before = (await _factory.ScoreAsync(2023, kept))!.Version;

        var response = await client.PostFormAsync(form, new() { ["Reason"] = "Tranh luận" }, "/Assessments/2023/Explanations");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("người khác thay đổi", (await TestClient.ParseAsync(response)).QuerySelector("[data-testid=form-errors]")!.TextContent);
        var after = await _factory.ScoreAsync(2023, kept);
        Assert.Equal((before, false, (ExplanationListChange?)null), (after!.Version, after.ExplanationRequired, after.ExplanationChange));
    }

    [Fact]
    public async Task Outside_round_1_and_the_explanation_the_list_cannot_be_changed()
    {
        // Self-assessment is open today (the demo's 2023): a scored sub-criterion is a candidate, but the list is locked.
        var kept = await _factory.SubCriterionIdAsync(2023, "1.1.1");
        await _factory.WithDbAsync(async db =>
        {
            var assessment = await db.Assessments.SingleAsync(a => a.Year == 2023);
            var score = new SubCriterionScore(assessment.Id, kept);
            score.SetSelf(1, null, null, "test", DateTime.UtcNow);
            db.Scores.Add(score);
            await db.SaveChangesAsync();
        });
        var before = (await _factory.ScoreAsync(2023, kept))!;
        using var client = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Office);
        var token = await client.AntiforgeryTokenAsync("/Assessments/2023/Explanations");

        var response = await client.Http.PostAsync("/Assessments/2023/Explanations?handler=Add", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["SubCriterionId"] = kept.ToString(),
            ["Version"] = before.Version.ToString(),
            ["Reason"] = "x",
        }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await TestClient.ParseAsync(response);
        Assert.Contains("Chỉ thay đổi được danh sách giải trình khi giai đoạn thẩm định vòng 1 hoặc giải trình đang mở",
            page.QuerySelector("[data-testid=form-errors]")!.TextContent);
        var after = (await _factory.ScoreAsync(2023, kept))!;
        Assert.Equal((false, (ExplanationListChange?)null, before.Version), (after.ExplanationRequired, after.ExplanationChange, after.Version));
    }

    [Fact]
    public async Task Leadership_cannot_change_the_list()
    {
        var (kept, _) = await ScoredThroughRound1Async(PhaseKind.Appraisal1);
        using var client = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Leadership);
        var token = await client.AntiforgeryTokenAsync("/Assessments/2023/Explanations");
        var version = (await _factory.ScoreAsync(2023, kept))!.Version;

        var response = await client.Http.PostAsync("/Assessments/2023/Explanations?handler=Add", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["SubCriterionId"] = kept.ToString(),
            ["Version"] = version.ToString(),
            ["Reason"] = "x",
        }));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False((await _factory.ScoreAsync(2023, kept))!.ExplanationRequired);
    }

    [Fact]
    public async Task In_the_explanation_phase_the_area_grid_marks_the_rows_to_explain_and_is_for_explanations_only()
    {
        await ScoredThroughRound1Async(PhaseKind.Explanation);
        using var client = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Office);

        var page = await client.GetDocumentAsync("/Assessments/2023/Area/1");

        Assert.NotNull(page.QuerySelector("tr[data-code='1.1.2'] [data-testid='explain-1.1.2']"));
        Assert.Null(page.QuerySelector("[data-testid='explain-1.1.1']"));
        var form = page.QuerySelector("#area-scores")!.TextContent;
        Assert.DoesNotContain("Điểm nhập được dạng 1,25", form);
        Assert.DoesNotContain("Lưu điểm lĩnh vực 1", form);
        Assert.Contains("nội dung giải trình", page.QuerySelector("[data-testid=round-hint]")!.TextContent);
        Assert.Equal("Lưu giải trình lĩnh vực 1", page.QuerySelector("[data-testid=save-area]")!.TextContent.Trim());
        Assert.Single(page.QuerySelectorAll("#area-scores input[name$='.Note']"));
    }
}
