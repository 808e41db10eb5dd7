using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using ParIndex.Domain.Assessments;
using ParIndex.Web.Data.Seed;
using ParIndex.Web.Tests.Infrastructure;

namespace ParIndex.Web.Tests.Features.Assessments;

/// <summary>
/// Issue 19: recorded facts giving another result than the self score (1.2.3: self 0,5, one late report, rule 0) show on
/// the score page, the area grid and the year page until the Office takes the rule's points or keeps the score with a reason.
/// </summary>
public class RuleMismatchTests : IDisposable
{
    private readonly ParIndexFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private async Task<int> SelfAgainstFactsAsync()
    {
        var id = await _factory.SubCriterionIdAsync(2023, "1.2.3");
        await _factory.WithDbAsync(async db =>
        {
            var assessment = await db.Assessments.SingleAsync(a => a.Year == 2023);
            var score = new SubCriterionScore(assessment.Id, id);
            score.SetSelf(0.5m, null, null, "test", DateTime.UtcNow);
            score.SetFacts("{\"occurrences\":1}", "test", DateTime.UtcNow);
            db.Scores.Add(score);
            await db.SaveChangesAsync();
        });
        return id;
    }

    private async Task AssertShownAsync(TestClient client, int id, bool shown)
    {
        var score = await client.GetDocumentAsync($"/Assessments/2023/Score/{id}");
        var area = await client.GetDocumentAsync("/Assessments/2023/Area/1");
        var year = await client.GetDocumentAsync("/Assessments/2023");
        Assert.Equal(shown, score.QuerySelector("[data-testid=rule-mismatch]") is not null);
        Assert.Equal(shown, area.QuerySelector("tr[data-code='1.2.3'] [data-testid='mismatch-1.2.3']") is not null);
        Assert.Equal(shown, year.QuerySelector("[data-testid=rule-mismatches] li[data-code='1.2.3']") is not null);
    }

    [Fact]
    public async Task The_mismatch_shows_on_three_pages_until_the_office_takes_the_rule_points_with_one_button()
    {
        var id = await SelfAgainstFactsAsync();
        using var client = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Office);
        await AssertShownAsync(client, id, true);
        var page = await client.GetDocumentAsync($"/Assessments/2023/Score/{id}");
        Assert.Contains("0,5", page.QuerySelector("[data-testid=rule-mismatch]")!.TextContent);
        Assert.Contains("tự đánh giá 0,5, theo số liệu 0", (await client.GetDocumentAsync("/Assessments/2023")).QuerySelector("[data-testid=rule-mismatches]")!.TextContent);

        var accepted = await client.SubmitAsync($"/Assessments/2023/Score/{id}", "#accept-rule-form", new());

        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        var score = await _factory.ScoreAsync(2023, id);
        Assert.Equal(0m, score!.SelfScore);
        Assert.Contains("trừ 1 × 0,5 = 0,5 điểm", score.LostReason);
        await AssertShownAsync(client, id, false);
    }

    [Fact]
    public async Task Keeping_the_score_needs_a_reason_then_the_mismatch_is_resolved_and_the_reason_shown()
    {
        var id = await SelfAgainstFactsAsync();
        using var client = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Office);

        var refused = await client.SubmitAsync($"/Assessments/2023/Score/{id}", "#keep-score-form", new() { ["KeepReason"] = "" });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("lý do giữ điểm", (await TestClient.ParseAsync(refused)).QuerySelector("[data-testid=keep-error]")!.TextContent);
        Assert.Null((await _factory.ScoreAsync(2023, id))!.RuleMismatchKeptReason);

        var kept = await client.SubmitAsync($"/Assessments/2023/Score/{id}", "#keep-score-form", new() { ["KeepReason"] = "Báo cáo gửi đúng hạn qua hệ thống" });

        Assert.Equal(HttpStatusCode.Redirect, kept.StatusCode);
        var score = await _factory.ScoreAsync(2023, id);
        Assert.Equal((0.5m, "Báo cáo gửi đúng hạn qua hệ thống", 0m), (score!.SelfScore!.Value, score.RuleMismatchKeptReason, score.RuleMismatchKeptPoints!.Value));
        await AssertShownAsync(client, id, false);
        Assert.Contains("Báo cáo gửi đúng hạn", (await client.GetDocumentAsync($"/Assessments/2023/Score/{id}")).QuerySelector("[data-testid=rule-kept]")!.TextContent);
    }

    [Fact]
    public async Task A_stale_resolution_is_told_and_writes_nothing()
    {
        var id = await SelfAgainstFactsAsync();
        using var client = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Office);
        var form = (await client.GetDocumentAsync($"/Assessments/2023/Score/{id}")).QuerySelector<IHtmlFormElement>("#accept-rule-form")!;
        await _factory.WithDbAsync(async db =>
        {
            var score = await db.Scores.SingleAsync(s => s.SubCriterionId == id);
            score.SetSelf(0.5m, "Người khác ghi chú", null, "khác", DateTime.UtcNow);
            await db.SaveChangesAsync();
        });
        var before = (await _factory.ScoreAsync(2023, id))!.Version;

        var response = await client.PostFormAsync(form, new(), $"/Assessments/2023/Score/{id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("người khác thay đổi", (await TestClient.ParseAsync(response)).QuerySelector("[data-testid=form-errors]")!.TextContent);
        var after = await _factory.ScoreAsync(2023, id);
        Assert.Equal((before, 0.5m), (after!.Version, after.SelfScore!.Value));
    }

    [Fact]
    public async Task Leadership_cannot_resolve_a_mismatch()
    {
        var id = await SelfAgainstFactsAsync();
        using var client = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Leadership);
        var token = await client.AntiforgeryTokenAsync($"/Assessments/2023/Score/{id}");
        var version = (await _factory.ScoreAsync(2023, id))!.Version;

        var response = await client.Http.PostAsync($"/Assessments/2023/Score/{id}?handler=AcceptRule", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["RuleVersion"] = version.ToString(),
        }));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0.5m, (await _factory.ScoreAsync(2023, id))!.SelfScore);
    }
}
