using System.Net;
using Microsoft.EntityFrameworkCore;
using ParIndex.Web.Data.Seed;
using ParIndex.Web.Tests.Infrastructure;

namespace ParIndex.Web.Tests.Features.Operations;

/// <summary>The year's figures written as facts into its scores, so each rule explains its points from them.</summary>
public class RecordFactsTests : IDisposable
{
    private readonly ParIndexFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private Task<string?> FactsAsync(int year, string code) => _factory.WithDbAsync(async db =>
    {
        var id = await _factory.SubCriterionIdAsync(year, code);
        return await db.Scores.Where(s => s.SubCriterionId == id).Select(s => s.FactsJson).SingleOrDefaultAsync();
    });

    [Fact]
    public async Task Office_records_the_late_dossier_count_and_the_score_page_explains_the_points_from_it()
    {
        // Three late dossiers of 2023 out of the 100 received, for 3.5.1's on-time rate (97%: from 95% → 4,5).
        await _factory.WithDbAsync(async db =>
        {
            db.Add(new ParIndex.Domain.Operations.DossierYearTotal(2023, 100, "Báo cáo kết quả giải quyết TTHC năm 2023", "test", DateTime.UtcNow));
            var unit = await db.Units.Where(u => u.Code == "QHGD").Select(u => u.Id).SingleAsync();
            for (var i = 1; i <= 3; i++)
                db.Dossiers.Add(new ParIndex.Domain.Operations.Dossier($"T-2023-{i}", "Giao đất", unit,
                    new DateOnly(2023, 3, i), new DateOnly(2023, 3, 10 + i), new DateOnly(2023, 3, 20 + i), null));
            await db.SaveChangesAsync();
        });
        using var client = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Office);

        var response = await client.SubmitAsync("/Operations/Projection?year=2023", "#record-facts", new());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var facts = await FactsAsync(2023, "3.5.1");
        Assert.Contains("\"achievedCount\":97", facts);
        Assert.Contains("\"requiredCount\":100", facts);
        var id = await _factory.SubCriterionIdAsync(2023, "3.5.1");
        var page = await client.GetDocumentAsync($"/Assessments/2023/Score/{id}");
        Assert.Contains("4,5", page.QuerySelector("[data-testid=rule-outcome]")!.TextContent);
    }

    [Fact]
    public async Task Outside_the_self_assessment_phase_nothing_is_recorded()
    {
        var before = await FactsAsync(2022, "3.5.1");
        using var client = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Office);

        var response = await client.SubmitAsync("/Operations/Projection?year=2022", "#record-facts", new());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("khóa", (await TestClient.ParseAsync(response)).QuerySelector("[data-testid=form-errors]")!.TextContent);
        Assert.Equal(before, await FactsAsync(2022, "3.5.1"));
    }

    [Fact]
    public async Task A_unit_head_is_refused_and_nothing_changes()
    {
        using var client = await _factory.CreateTestClient().SignInAsync(DemoAccounts.UnitHead("QHGD"));
        var token = await client.AntiforgeryTokenAsync("/Operations/Projection?year=2023");

        var response = await client.Http.PostAsync("/Operations/Projection?year=2023&handler=Record",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Null(await FactsAsync(2023, "3.5.1"));
    }
}
