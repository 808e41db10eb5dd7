using System.Net;
using Microsoft.EntityFrameworkCore;
using ParIndex.Domain.Formatting;
using ParIndex.Web.Data.Seed;
using ParIndex.Web.Tests.Infrastructure;

namespace ParIndex.Web.Tests.Features.Assessments;

/// <summary>
/// Issue 16, "honest numbers while the work is in progress": during self-assessment the year page shows how many
/// sub-criteria are scored, marks its totals provisional, never counts an unscored row as lost points nor classifies
/// an incomplete year; a round without a value reads "chưa có" whichever round it is.
/// </summary>
public class HonestNumbersTests : IDisposable
{
    private readonly ParIndexFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private Task<(int Count, int Scored)> ProgressAsync(int year) => _factory.WithDbAsync(async db =>
    {
        var framework = await db.Assessments.Where(a => a.Year == year).Select(a => a.FrameworkId).SingleAsync();
        var count = await db.SubCriteria.CountAsync(s => db.Criteria.Any(c => c.Id == s.CriterionId && db.Areas.Any(a => a.Id == c.AreaId && a.FrameworkId == framework)));
        var scored = await db.Scores.CountAsync(s => db.Assessments.Any(a => a.Id == s.AssessmentId && a.Year == year) &&
                                                     (s.SelfScore != null || s.Round1Score != null || s.Round2Score != null));
        return (count, scored);
    });

    [Fact]
    public async Task During_self_assessment_the_year_page_shows_progress_and_provisional_totals_without_lost_points_or_classification()
    {
        // 1.2.2 is scored by hand: 0,25 is on its scale (a tiered one would need a reason, ScoreScaleTests).
        var id = await _factory.SubCriterionIdAsync(2023, "1.2.2");
        var max = await _factory.WithDbAsync(db => db.SubCriteria.Where(s => s.Id == id).Select(s => s.MaxPoints).SingleAsync());
        using var client = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Office);
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync($"/Assessments/2023/Score/{id}", "#score-form",
            new() { ["Input.Score"] = "0,25", ["Input.LostReason"] = "Thiếu tài liệu." })).StatusCode);
        var (count, scored) = await ProgressAsync(2023);
        Assert.True(scored < count);

        var page = await client.GetDocumentAsync("/Assessments/2023");

        Assert.Contains($"{scored}/{count} tiêu chí thành phần đã chấm", page.QuerySelector("[data-testid=score-progress]")!.TextContent);
        Assert.NotNull(page.QuerySelector("[data-testid=provisional]"));
        var classification = page.QuerySelector("[data-testid=total-classification]")!.TextContent;
        Assert.Contains("Chưa xếp loại", classification);
        Assert.DoesNotContain("Yếu", classification);
        // Area 1's lost points are those of its scored sub-criteria only, not its maximum minus what is scored so far.
        var area1 = page.QuerySelector("tr[data-area='1']")!;
        var lost = await _factory.WithDbAsync(db => db.Scores.Where(s => db.Assessments.Any(a => a.Id == s.AssessmentId && a.Year == 2023) && s.SelfScore != null
                && db.SubCriteria.Any(x => x.Id == s.SubCriterionId && db.Criteria.Any(c => c.Id == x.CriterionId && c.Code.StartsWith("1."))))
            .Select(s => new { s.SelfScore, Max = db.SubCriteria.Where(x => x.Id == s.SubCriterionId).Select(x => x.MaxPoints).First() }).ToListAsync());
        Assert.Equal(Vn.Points(lost.Sum(l => l.Max - l.SelfScore!.Value)), area1.QuerySelector("[data-testid=area-lost]")!.FirstChild!.TextContent.Trim());
        Assert.Contains("chưa chấm", area1.QuerySelector("[data-testid=area-lost]")!.TextContent);
        Assert.True(max - 0.25m <= lost.Sum(l => l.Max - l.SelfScore!.Value));
    }

    [Fact]
    public async Task Every_round_without_a_value_reads_chua_co_round_1_included()
    {
        using var client = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Office);
        var hasRound1 = await _factory.WithDbAsync(db => db.Scores.AnyAsync(s => db.Assessments.Any(a => a.Id == s.AssessmentId && a.Year == 2023) && s.Round1Score != null));
        Assert.False(hasRound1);

        var year = await client.GetDocumentAsync("/Assessments/2023");
        var area = await client.GetDocumentAsync("/Assessments/2023/Area/1");

        Assert.Equal("chưa có", year.QuerySelector("[data-testid=total-round1]")!.TextContent.Trim());
        Assert.Equal("chưa có", year.QuerySelector("[data-testid=total-round2]")!.TextContent.Trim());
        Assert.All(year.QuerySelectorAll("[data-testid=area-round1]"), c => Assert.Equal("chưa có", c.TextContent.Trim()));
        Assert.Equal("chưa có", area.QuerySelector("[data-testid=area-round1]")!.TextContent.Trim());
        Assert.Equal("chưa có", area.QuerySelector("[data-testid=area-round2]")!.TextContent.Trim());
    }

    [Fact]
    public async Task A_published_complete_year_is_not_marked_provisional()
    {
        using var client = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Office);

        var page = await client.GetDocumentAsync("/Assessments/2022");

        Assert.Null(page.QuerySelector("[data-testid=score-progress]"));
        Assert.Null(page.QuerySelector("[data-testid=provisional]"));
        Assert.Contains("xếp loại Tốt", page.QuerySelector("[data-testid=total-classification]")!.TextContent);
    }
}
