using System.Net;
using ClosedXML.Excel;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Microsoft.EntityFrameworkCore;
using ParIndex.Domain.Plans;
using ParIndex.Web.Data.Seed;
using ParIndex.Web.Tests.Infrastructure;
using static ParIndex.Web.Tests.Exports.ExportTestSupport;

namespace ParIndex.Web.Tests.Exports;

/// <summary>
/// The report on the demo 2023 plan's progress for each period, as PDF (poppler), Word (Open XML SDK, LibreOffice)
/// and Excel (ClosedXML), checked against the tasks' history in the database.
/// </summary>
[Collection(ExportCollection.Name)]
public sealed class ProgressReportTests(ExportFixture fixture)
{
    private static readonly string[] Periods = ["Q1", "H1", "Q3", "Annual"];

    private async Task<byte[]> GetAsync(string url)
    {
        using var client = await fixture.Factory.CreateTestClient().SignInAsync(DemoAccounts.Office);
        var response = await client.Http.GetAsync(url);
        Assert.True(response.IsSuccessStatusCode, $"GET {url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        if (Environment.GetEnvironmentVariable("PARINDEX_EXPORT_DUMP") is { Length: > 0 } dump)
        {
            Directory.CreateDirectory(dump);
            File.WriteAllBytes(Path.Combine(dump, url.Trim('/').Replace('/', '-')), bytes);
        }
        return bytes;
    }

    private sealed record Expected(string Content, PlanTaskStatus Status);

    /// <summary>
    /// Each task's status on <paramref name="end"/>, replayed from its history rows: the last change on or before it,
    /// else under way once any progress was reported.
    /// </summary>
    private Task<List<Expected>> ExpectedAsync(DateOnly end) => fixture.Factory.WithDbAsync(async db =>
    {
        var tasks = await db.PlanTasks.Where(t => t.Plan!.TargetYear == 2023).Select(t => new { t.Id, t.Content }).ToListAsync();
        var entries = await db.TaskProgress.Where(p => p.Date <= end)
            .Select(p => new { p.PlanTaskId, p.Date, p.AtUtc, p.Id, p.StatusTo }).ToListAsync();
        return tasks.Select(t =>
        {
            var mine = entries.Where(c => c.PlanTaskId == t.Id).OrderBy(c => c.Date).ThenBy(c => c.AtUtc).ThenBy(c => c.Id).ToList();
            return new Expected(t.Content, mine.LastOrDefault(c => c.StatusTo != null)?.StatusTo
                ?? (mine.Count > 0 ? PlanTaskStatus.InProgress : PlanTaskStatus.NotStarted));
        }).ToList();
    });

    private static DateOnly End(string period) => period switch
    {
        "Q1" => new DateOnly(2023, 3, 31),
        "H1" => new DateOnly(2023, 6, 30),
        "Q3" => new DateOnly(2023, 9, 30),
        _ => new DateOnly(2023, 12, 31),
    };

    [Fact]
    public async Task The_reports_page_offers_the_progress_report_of_each_period_in_three_formats()
    {
        using var client = await fixture.Factory.CreateTestClient().SignInAsync(DemoAccounts.Office);
        var html = await client.Http.GetStringAsync("/Operations/Reports?year=2023");
        Assert.Contains("Báo cáo kết quả thực hiện Kế hoạch cải thiện Chỉ số CCHC năm 2023", html);
        foreach (var period in Periods)
            foreach (var format in new[] { "pdf", "docx", "xlsx" })
                Assert.Contains($"href=\"/exports/plans/2023/progress/{period}.{format}\"", html);
        // A year without a plan offers none.
        var empty = await client.Http.GetStringAsync("/Operations/Reports?year=2040");
        Assert.DoesNotContain("/progress/", empty);
    }

    [Fact]
    public async Task The_workbook_states_every_task_as_it_stood_at_the_periods_end_and_counts_each_unit()
    {
        var moved = 0;
        Dictionary<string, string>? q1 = null;
        foreach (var period in Periods)
        {
            using var workbook = OpenWorkbook(await GetAsync($"/exports/plans/2023/progress/{period}.xlsx"));
            var sheet = workbook.Worksheet("Kết quả nhiệm vụ");
            Assert.Equal("Tình trạng", sheet.Cell(1, 7).GetString());
            var rows = sheet.RowsUsed().Skip(1).Select(r => new
            {
                Content = r.Cell(3).GetString(),
                Lead = r.Cell(4).GetString(),
                Status = r.Cell(7).GetString(),
                Overdue = r.Cell(8).GetString(),
                Reason = r.Cell(12).GetString(),
            }).ToList();
            var expected = await ExpectedAsync(End(period));
            Assert.Equal(expected.Count, rows.Count);
            foreach (var task in expected)
                Assert.Equal(task.Status.ToVietnamese(), rows.Single(r => r.Content == task.Content).Status);
            Assert.All(rows.Where(r => r.Overdue == "Có"), r => Assert.False(string.IsNullOrWhiteSpace(r.Reason), $"'{r.Content}' is overdue without a reason"));
            Assert.All(rows.Where(r => r.Status is "Hoàn thành" or "Đã hủy"), r => Assert.Equal("Không", r.Overdue));

            // Per unit: the counts are those of the task rows.
            var units = workbook.Worksheet("Theo đơn vị").RowsUsed().Skip(1).ToList();
            var total = units[^1];
            Assert.Equal("Tổng cộng", total.Cell(2).GetString());
            Assert.Equal(rows.Count(r => r.Status != "Đã hủy"), total.Cell(3).GetValue<int>());
            Assert.Equal(rows.Count(r => r.Status == "Hoàn thành"), total.Cell(4).GetValue<int>());
            Assert.Equal(rows.Count(r => r.Overdue == "Có"), total.Cell(7).GetValue<int>());
            foreach (var unit in units.SkipLast(1))
                Assert.Equal(rows.Count(r => r.Lead == unit.Cell(2).GetString() && r.Status == "Hoàn thành"), unit.Cell(4).GetValue<int>());

            if (period == "Q1") q1 = rows.ToDictionary(r => r.Content, r => r.Status);
            else moved += rows.Count(r => q1![r.Content] != r.Status);
        }
        Assert.True(moved > 0, "no task changed status between the periods: the report does not follow the history");
    }

    [Fact]
    public async Task The_pdf_report_reads_back_in_decree_30_form_with_the_figures_of_the_period()
    {
        var pdf = await GetAsync("/exports/plans/2023/progress/Q1.pdf");
        var pages = PdfWords(pdf);
        Assert.True(pages[0].Width < pages[0].Height && pages[^1].Width > pages[^1].Height, "body portrait, appendix landscape");
        string text;
        using (var read = UglyToad.PdfPig.PdfDocument.Open(pdf))
            text = Squash(string.Concat(read.GetPages().Select(p => p.Text))); // in drawing order: cell by cell
        var expected = await ExpectedAsync(End("Q1"));
        var done = expected.Count(t => t.Status == PlanTaskStatus.Done);
        var at = -1;
        foreach (var phrase in new[]
                 {
                     "UBND TỈNH ĐẮK NÔNG", "SỞ TÀI NGUYÊN", "VÀ MÔI TRƯỜNG", "Số: /BC-STNMT", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                     "Đắk Nông, ngày tháng năm", "BÁO CÁO",
                     "Kết quả thực hiện Kế hoạch cải thiện, nâng cao Chỉ số cải cách hành chính quý I năm 2023",
                     "Thực hiện Kế hoạch số 45/KH-STNMT ngày 15 tháng 3 năm 2023 của Sở Tài nguyên và Môi trường",
                     "số liệu tính đến ngày 31 tháng 3 năm 2023", "I. KẾT QUẢ THỰC HIỆN", $"hoàn thành {done} nhiệm vụ",
                     "1. Kết quả theo đơn vị chủ trì", "Tổng cộng", "2. Nhiệm vụ quá hạn và nguyên nhân", "II. NHIỆM VỤ TRỌNG TÂM KỲ TỚI", "./.",
                     "Nơi nhận:", "GIÁM ĐỐC", "Nguyễn Văn Hiệp", "PHỤ LỤC", "Tình trạng", "Kết quả, sản phẩm", "Minh chứng",
                 })
        {
            var next = text.IndexOf(Squash(phrase), at + 1, StringComparison.Ordinal);
            Assert.True(next > at, $"'{phrase}' is missing or out of order (searched after index {at}).");
            at = next;
        }
        foreach (var task in expected) Assert.Contains(Squash(task.Content), text);
        // The signature never alone on its page.
        var signature = pages.First(p => p.Text.Contains("Nơi nhận:", StringComparison.Ordinal));
        var lines = signature.Lines(w => w.YMin > 18 * PtPerMm).ToList();
        Assert.True(lines.FindIndex(l => l.Text.StartsWith("Nơi nhận:", StringComparison.Ordinal)) >= 2);
    }

    [Fact]
    public async Task The_word_report_is_the_same_document_and_libreoffice_reads_it_on_A4()
    {
        var bytes = await GetAsync("/api/v1/plans/2023/progress/H1/export.docx");
        using (var word = WordprocessingDocument.Open(new MemoryStream(bytes), false))
        {
            var body = word.MainDocumentPart!.Document.Body!;
            var sections = body.Descendants<SectionProperties>().ToList();
            Assert.Equal(2, sections.Count);
            Assert.Equal(PageOrientationValues.Landscape, sections[1].GetFirstChild<PageSize>()!.Orient!.Value);
            Assert.Equal(11906u, sections[0].GetFirstChild<PageSize>()!.Width!.Value, 2u);
            var table = body.Elements<Table>().Last();
            Assert.NotNull(table.Elements<TableRow>().First().TableRowProperties!.GetFirstChild<TableHeader>());
            Assert.Contains("6 tháng đầu năm 2023", body.InnerText, StringComparison.Ordinal);
        }

        var folder = TempFolder();
        var path = Write(folder, "report.docx", bytes);
        var profile = Path.Combine(Path.GetTempPath(), "lo-" + Guid.NewGuid().ToString("N"));
        var result = RunTool("soffice", "libreoffice-writer-nogui", TimeSpan.FromMinutes(4), "-env:UserInstallation=file://" + profile, "--headless",
            "--norestore", "--convert-to", "txt:Text (encoded):UTF8", "--outdir", folder, path);
        try { Directory.Delete(profile, recursive: true); } catch (IOException) { }
        Assert.True(result.ExitCode == 0 && File.Exists(Path.Combine(folder, "report.txt")), result.StdOut + result.StdErr);
        var text = Squash(File.ReadAllText(Path.Combine(folder, "report.txt")));
        var at = -1;
        foreach (var phrase in new[]
                 {
                     "SỞ TÀI NGUYÊN", "BÁO CÁO", "6 tháng đầu năm 2023", "số liệu tính đến ngày 30 tháng 6 năm 2023", "I. KẾT QUẢ THỰC HIỆN",
                     "./.", "GIÁM ĐỐC", "PHỤ LỤC", "Kết quả, sản phẩm",
                 })
        {
            var next = text.IndexOf(Squash(phrase), at + 1, StringComparison.Ordinal);
            Assert.True(next > at, $"'{phrase}' is missing or out of order in LibreOffice's text.");
            at = next;
        }
        foreach (var task in await ExpectedAsync(End("H1"))) Assert.Contains(Squash(task.Content), text);
    }

    [Theory]
    [InlineData("/exports/plans/2023/progress/Q5.pdf", "kỳ báo cáo")]
    [InlineData("/exports/plans/2040/progress/Q1.xlsx", "năm 2040")]
    [InlineData("/api/v1/plans/2040/progress/Annual/export.docx", "năm 2040")]
    public async Task An_unknown_period_or_a_year_without_a_plan_is_not_found(string url, string says)
    {
        using var client = await fixture.Factory.CreateTestClient().SignInAsync(DemoAccounts.UnitHead("VP"));
        var response = await client.Http.GetAsync(url);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains(says, await response.Content.ReadAsStringAsync());
    }
}
