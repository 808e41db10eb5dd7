using System.Net;
using Microsoft.EntityFrameworkCore;
using ParIndex.Domain.Operations;
using ParIndex.Web.Data.Seed;
using ParIndex.Web.Tests.Infrastructure;

namespace ParIndex.Web.Tests.Features.Operations;

/// <summary>Issue 19, reports: a late report feeds every sub-criterion the framework ties to the periodic reports.</summary>
public class ReportTieTests(ParIndexFactory factory) : IClassFixture<ParIndexFactory>
{
    [Fact]
    public async Task In_the_2022_demo_both_quality_1_2_2_and_timeliness_1_2_3_are_tied_to_the_late_reports()
    {
        using var client = await factory.CreateTestClient().SignInAsync(DemoAccounts.Office);
        var page = await client.GetDocumentAsync("/Operations/Sources?year=2022");
        string Effective(string code) => page.QuerySelector($"#sources tr[data-code='{code}'] select option[selected]")!.TextContent.Trim();
        Assert.Equal("Số báo cáo định kỳ trễ hạn", Effective("1.2.2"));
        Assert.Equal("Số báo cáo định kỳ trễ hạn", Effective("1.2.3"));
    }

    [Fact]
    public async Task Recording_facts_with_a_late_report_gives_both_sub_criteria_their_facts()
    {
        await factory.WithDbAsync(async db =>
        {
            var unit = await db.Units.Where(u => u.Code == "VP").Select(u => u.Id).SingleAsync();
            var report = new PeriodicReport(2023, "Báo cáo CCHC quý III/2023", "Q3", new DateOnly(2023, 9, 15), unit);
            report.Submit(new DateOnly(2023, 9, 20), "99/BC-STNMT");
            db.PeriodicReports.Add(report);
            await db.SaveChangesAsync();
        });
        using var client = await factory.CreateTestClient().SignInAsync(DemoAccounts.Office);
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync("/Operations/Projection?year=2023", "#record-facts", [])).StatusCode);

        async Task<string?> Facts(string code)
        {
            var id = await factory.SubCriterionIdAsync(2023, code);
            return await factory.WithDbAsync(db => db.Scores.Where(s => s.SubCriterionId == id).Select(s => s.FactsJson).SingleOrDefaultAsync());
        }
        Assert.Contains("\"occurrences\":1", await Facts("1.2.3"));
        Assert.Contains("\"manualPoints\":0", await Facts("1.2.2"));
    }
}
