using Microsoft.EntityFrameworkCore;
using ParIndex.Domain.Assessments;
using ParIndex.Web.Data.Seed;
using ParIndex.Web.Tests.Infrastructure;

namespace ParIndex.Web.Tests.Features.Assessments;

/// <summary>Issue 19: the year table's round-2 column shows an area's round-1 figure where that is what counts, and says so.</summary>
public class RoundTwoColumnTests : IDisposable
{
    private readonly ParIndexFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task An_area_without_round_2_shows_its_round_1_figure_marked_so_the_column_adds_up()
    {
        var scores = new (string Code, decimal Round1, decimal? Round2)[] { ("1.1.1", 1m, null), ("1.1.2", 0.5m, null), ("2.1.1", 0.5m, 1m) };
        await _factory.WithDbAsync(async db =>
        {
            var assessment = await db.Assessments.SingleAsync(a => a.Year == 2023);
            foreach (var (code, round1, round2) in scores)
            {
                var score = new SubCriterionScore(assessment.Id, await _factory.SubCriterionIdAsync(2023, code));
                score.SetSelf(1, null, "x", "test", DateTime.UtcNow);
                score.SetRound1(round1, null, "test", DateTime.UtcNow);
                if (round2 is { } r2) score.SetRound2(r2, null, "test", DateTime.UtcNow);
                db.Scores.Add(score);
            }
            await db.SaveChangesAsync();
        });
        using var client = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Leadership);

        var page = await client.GetDocumentAsync("/Assessments/2023");

        Assert.Equal("1,5 (vòng 1)", page.QuerySelector("tr[data-area='1'] [data-testid=area-round2]")!.TextContent.Trim());
        Assert.Equal("1", page.QuerySelector("tr[data-area='2'] [data-testid=area-round2]")!.TextContent.Trim());
        Assert.Equal("chưa có", page.QuerySelector("tr[data-area='3'] [data-testid=area-round2]")!.TextContent.Trim());
        Assert.Equal("2,5", page.QuerySelector("[data-testid=total-round2]")!.TextContent.Trim());
    }
}
