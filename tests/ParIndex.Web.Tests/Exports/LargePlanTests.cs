using ParIndex.Web.Data.Seed;
using ParIndex.Web.Tests.Infrastructure;
using PigDocument = UglyToad.PdfPig.PdfDocument;

namespace ParIndex.Web.Tests.Exports;

/// <summary>A synthetic 5,000-task plan exports whole (no timing assertions: see bench/exports for those).</summary>
/// <remarks>
/// In the exports collection so that its application does not start at the same moment as the fixture's: two hosts
/// starting in parallel in one process fail ("The entry point exited without ever building an IHost"), most likely both
/// freezing the one static Serilog bootstrap logger Program.cs installs.
/// </remarks>
[Trait("Requires", "LibreOffice")]
[Collection(ExportCollection.Name)]
public sealed class LargePlanTests : IDisposable
{
    private const int Year = 2099;
    private readonly ParIndexFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task A_5000_task_plan_exports_to_pdf_and_xlsx_in_the_same_number_of_queries_as_the_demo_plan()
    {
        await _factory.WithDbAsync(db => SyntheticPlan.CreateAsync(db, Year, 5000));
        using var client = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Office);
        await client.Http.GetAsync("/exports/plans/2023/appendix.xlsx");

        var demoQueries = await CountQueriesAsync(client, "/exports/plans/2023/appendix.xlsx");
        var largeQueries = await CountQueriesAsync(client, $"/exports/plans/{Year}/appendix.xlsx");
        Assert.Equal(demoQueries, largeQueries);

        var pdf = await client.Http.GetByteArrayAsync($"/exports/plans/{Year}.pdf");
        using (var read = PigDocument.Open(pdf))
        {
            Assert.True(read.NumberOfPages > 100, $"{read.NumberOfPages} pages");
            var text = ExportTestSupport.Squash(string.Concat(read.GetPages().Select(p => p.Text)));
            Assert.Contains(ExportTestSupport.Squash("Nhiệm vụ tổng hợp số 5000:"), text);
        }

        var xlsx = await client.Http.GetByteArrayAsync($"/exports/plans/{Year}/appendix.xlsx");
        using var workbook = ExportTestSupport.OpenWorkbook(xlsx);
        Assert.Equal(5000, workbook.Worksheet(1).RowsUsed().Count() - 1);
    }

    private async Task<int> CountQueriesAsync(TestClient client, string url)
    {
        _factory.Commands.Reset();
        _factory.Commands.Recording = true;
        try
        {
            (await client.Http.GetAsync(url)).EnsureSuccessStatusCode();
            return _factory.Commands.Count;
        }
        finally
        {
            _factory.Commands.Recording = false;
        }
    }
}
