using ParIndex.Domain.Plans;
using ParIndex.Web.Data.Seed;
using ParIndex.Web.Tests.Infrastructure;

namespace ParIndex.Web.Tests.Exports;

[CollectionDefinition(Name)]
public sealed class ExportCollection : ICollectionFixture<ExportFixture>
{
    public const string Name = "Exports";
}

/// <summary>
/// One application on the demo data, the files downloaded once, and every workbook converted by LibreOffice
/// in a single call (it takes seconds to start). Adds a draft plan for <see cref="DraftYear"/> whose tasks
/// begin with formula characters.
/// </summary>
public sealed class ExportFixture : IAsyncLifetime
{
    public const int DraftYear = 2031;
    public const string HyperlinkTask = "=HYPERLINK(\"http://x\",\"y\")";
    public static readonly string[] FormulaLikeTasks = [HyperlinkTask, "+84 261 3544 123 là số đường dây nóng", "-1 điểm nếu chậm", "@mention", "\tthụt đầu dòng"];

    public ParIndexFactory Factory { get; } = new();
    public byte[] PlanPdf { get; private set; } = [];
    public byte[] PlanDocx { get; private set; } = [];
    public byte[] Appendix { get; private set; } = [];
    public byte[] Scores { get; private set; } = [];
    public byte[] Dossiers { get; private set; } = [];
    public byte[] DraftAppendix { get; private set; } = [];
    public Dictionary<string, string> Csv { get; private set; } = [];

    public async Task InitializeAsync()
    {
        await Factory.WithDbAsync(async db =>
        {
            var unit = db.Units.OrderBy(u => u.SortOrder).First().Id;
            var plan = new ImprovementPlan(DraftYear, 2022);
            plan.SetHeader(null, "Đắk Nông", null, DemoSeeder.Agency, DemoSeeder.ParentAgency, "GIÁM ĐỐC", "Nguyễn Văn Hiệp", "Lưu: VT.");
            plan.SetSections("Đánh giá.", "Mục đích.", "Yêu cầu.", "Tổ chức.", null, null);
            var order = 0;
            foreach (var content in FormulaLikeTasks)
                plan.AddTask(new PlanTask("x", unit, content, new DateOnly(DraftYear, 6, 30)) { SortOrder = ++order });
            db.Plans.Add(plan);
            await db.SaveChangesAsync();
            // Content is trimmed by the entity; the tab-led text goes in raw, as an import or a later edit could store it.
            foreach (var (task, content) in plan.Tasks.Zip(FormulaLikeTasks))
                db.Entry(task).Property(t => t.Content).CurrentValue = content;
            await db.SaveChangesAsync();
        });

        using var client = await Factory.CreateTestClient().SignInAsync(DemoAccounts.Office);
        PlanPdf = await GetAsync(client, "/exports/plans/2023.pdf");
        PlanDocx = await GetAsync(client, "/api/v1/plans/2023/export.docx");
        Appendix = await GetAsync(client, "/exports/plans/2023/appendix.xlsx");
        Scores = await GetAsync(client, "/exports/assessments/2022/scores.xlsx");
        Dossiers = await GetAsync(client, "/exports/dossiers/2022.xlsx");
        DraftAppendix = await GetAsync(client, $"/exports/plans/{DraftYear}/appendix.xlsx");

        // PARINDEX_EXPORT_DUMP=folder keeps the downloaded files for a person to look at.
        if (Environment.GetEnvironmentVariable("PARINDEX_EXPORT_DUMP") is { Length: > 0 } dump)
        {
            Directory.CreateDirectory(dump);
            File.WriteAllBytes(Path.Combine(dump, "plan-2023.pdf"), PlanPdf);
            File.WriteAllBytes(Path.Combine(dump, "plan-2023.docx"), PlanDocx);
        }

        var folder = ExportTestSupport.TempFolder();
        Csv = ExportTestSupport.ConvertToCsv([
            ExportTestSupport.Write(folder, "appendix.xlsx", Appendix),
            ExportTestSupport.Write(folder, "scores.xlsx", Scores),
            ExportTestSupport.Write(folder, "dossiers.xlsx", Dossiers),
            ExportTestSupport.Write(folder, "draft.xlsx", DraftAppendix),
        ]);
    }

    private static async Task<byte[]> GetAsync(TestClient client, string url)
    {
        var response = await client.Http.GetAsync(url);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"GET {url} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadAsByteArrayAsync();
    }

    public Task DisposeAsync()
    {
        Factory.Dispose();
        return Task.CompletedTask;
    }
}
