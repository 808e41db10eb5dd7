using Microsoft.EntityFrameworkCore;
using ParIndex.Domain.Formatting;
using ParIndex.Domain.Plans;
using ParIndex.Web.Features.Assessments;
using ParIndex.Web.Features.Exports;
using ParIndex.Web.Features.Plans;
using static ParIndex.Web.Tests.Exports.ExportTestSupport;
using PigDocument = UglyToad.PdfPig.PdfDocument;

namespace ParIndex.Web.Tests.Exports;

/// <summary>The demo 2023 plan as PDF, read back by PdfPig, qpdf and poppler.</summary>
[Trait("Requires", "LibreOffice")]
[Trait("Requires", "Poppler")]
[Trait("Requires", "Qpdf")]
[Collection(ExportCollection.Name)]
public sealed class PlanPdfTests(ExportFixture fixture)
{
    private static readonly double A4Short = 210 * PtPerMm;
    private static readonly double A4Long = 297 * PtPerMm;

    [Fact]
    public async Task The_body_reads_back_exactly_and_in_reading_order()
    {
        var view = await fixture.Factory.WithDbAsync(db => new AssessmentReader(db).ReadAsync(2022));
        var lost = view!.Sheet.LostPoints[0];
        using var pdf = PigDocument.Open(fixture.PlanPdf);
        var text = Squash(string.Concat(pdf.GetPages().Select(p => p.Text)));

        var expected = new[]
        {
            "UBND TỈNH ĐẮK NÔNG", "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG", "Số: 45/KH-STNMT", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc", "Đắk Nông, ngày 15 tháng 3 năm 2023", "KẾ HOẠCH",
            "Cải thiện, nâng cao Chỉ số cải cách hành chính của Sở Tài nguyên và Môi trường năm 2023", "I. ĐÁNH GIÁ KẾT QUẢ", "80,567/99",
            $"{lost.Code} {lost.Name}", "1. Mục đích", "2. Yêu cầu", "3. Nhiệm vụ, giải pháp", "(Có Phụ lục kèm theo)",
            "III. TỔ CHỨC THỰC HIỆN", "Nơi nhận:", "- Sở Nội vụ (t/d);", "GIÁM ĐỐC", "Nguyễn Văn Hiệp", "PHỤ LỤC I",
            "NHIỆM VỤ, GIẢI PHÁP", "PHỤ LỤC II", "HỒ SƠ THỦ TỤC HÀNH CHÍNH TRỄ HẠN NĂM 2022",
        };
        var at = -1;
        foreach (var phrase in expected)
        {
            var next = text.IndexOf(Squash(phrase), at + 1, StringComparison.Ordinal);
            Assert.True(next > at, $"'{phrase}' is missing or out of order (searched after index {at}).");
            at = next;
        }
        Assert.Equal("Kế hoạch cải thiện, nâng cao Chỉ số CCHC năm 2023", pdf.Information.Title);
    }

    [Fact]
    public void The_body_is_A4_portrait_with_decree_margins_the_header_in_two_columns_and_page_numbers_from_page_2()
    {
        using var pdf = PigDocument.Open(fixture.PlanPdf);
        var first = pdf.GetPage(1);
        Assert.Equal(A4Short, first.Width, 1);
        Assert.Equal(A4Long, first.Height, 1);

        var letters = first.Letters.Where(l => !string.IsNullOrWhiteSpace(l.Value)).ToList();
        Assert.True(letters.Min(l => l.BoundingBox.Left) >= 30 * PtPerMm - 1, "left margin under 30 mm");
        Assert.True(letters.Max(l => l.BoundingBox.Right) <= A4Short - 15 * PtPerMm + 1, "right margin under 15 mm");
        // Justified body: many lines end at the right margin.
        var lineEnds = letters.GroupBy(l => Math.Round(l.StartBaseLine.Y)).Select(g => g.Max(l => l.BoundingBox.Right)).ToList();
        Assert.True(lineEnds.Count(x => x > A4Short - 15 * PtPerMm - 3) >= 5, "body text is not justified to the right margin");

        // The agency (left) and the national name (right) share the top band.
        Assert.Contains("SỞTÀINGUYÊN", Squash(first.Text), StringComparison.Ordinal);
        var leftTop = letters.Where(l => l.BoundingBox.Left < A4Short / 2).Max(l => l.StartBaseLine.Y);
        var rightTop = letters.Where(l => l.BoundingBox.Left > A4Short / 2).Max(l => l.StartBaseLine.Y);
        Assert.True(Math.Abs(leftTop - rightTop) < 20, $"header columns are not side by side ({leftTop} vs {rightTop})");

        // Page 1 has no number; page 2 shows "2" centred above the text.
        Assert.DoesNotContain(letters, l => l.StartBaseLine.Y > A4Long - 20 * PtPerMm);
        var second = pdf.GetPage(2);
        var top = second.Letters.Where(l => !string.IsNullOrWhiteSpace(l.Value) && l.StartBaseLine.Y > A4Long - 20 * PtPerMm).ToList();
        Assert.Equal("2", string.Concat(top.Select(l => l.Value)));
        var centre = (30 + (210 - 15)) / 2.0 * PtPerMm;
        Assert.InRange(top[0].BoundingBox.Centroid.X, centre - 10, centre + 10);
    }

    [Fact]
    public async Task The_appendix_is_landscape_with_its_header_on_every_page_and_every_task()
    {
        var tasks = await fixture.Factory.WithDbAsync(db =>
            db.PlanTasks.Where(t => t.Plan!.TargetYear == 2023 && t.Status != PlanTaskStatus.Cancelled).OrderBy(t => t.SortOrder)
                .Select(t => t.Content).ToListAsync());
        using var pdf = PigDocument.Open(fixture.PlanPdf);
        var pages = pdf.GetPages().ToList();
        var appendixStart = pages.FindIndex(p => Squash(p.Text).Contains("PHỤLỤCI", StringComparison.Ordinal));
        var dossierStart = pages.FindIndex(p => Squash(p.Text).Contains("PHỤLỤCII", StringComparison.Ordinal));
        Assert.True(appendixStart > 0 && dossierStart > appendixStart, $"appendix pages {appendixStart}, {dossierStart}");

        foreach (var page in pages.Skip(appendixStart))
            Assert.True(page.Width > page.Height, $"page {page.Number} is not landscape");
        // The tasks' table ends with the table of the base year's points lost per unit (its own header repeats on its pages).
        var lossStart = pages.FindIndex(p => Squash(p.Text).Contains(Squash("Điểm bị mất năm 2022 theo đơn vị"), StringComparison.Ordinal));
        Assert.InRange(lossStart, appendixStart, dossierStart - 1);
        foreach (var page in pages.Skip(appendixStart).Take(lossStart - appendixStart))
            Assert.Contains(Squash("STT Nhiệm vụ, giải pháp Tiêu chí hướng tới Đơn vị chủ trì Đơn vị phối hợp Thời hạn hoàn thành Sản phẩm"),
                Squash(page.Text));
        var losses = Squash(string.Concat(pages.Skip(lossStart).Take(dossierStart - lossStart).Select(p => p.Text)));
        Assert.Contains(Squash("STT Đơn vị Điểm bị mất Tiêu chí thành phần (điểm)"), losses);
        Assert.Contains(Squash("Văn phòng Đăng ký đất đai 1,714 3.5.1: 1,214; 7.1.2: 0,5"), losses);
        Assert.Contains(Squash("Tổng cộng 18,433"), losses);
        foreach (var page in pages.Skip(dossierStart + 1))
            Assert.Contains(Squash("STT Mã hồ sơ Thủ tục hành chính Ngày nhận Hẹn trả Ngày trả Số ngày trễ"), Squash(page.Text));

        var appendix = Squash(string.Concat(pages.Skip(appendixStart).Take(dossierStart - appendixStart).Select(p => p.Text)));
        Assert.Contains(Squash("Lĩnh vực 1: Công tác chỉ đạo, điều hành"), appendix);
        foreach (var content in tasks)
            Assert.Contains(Squash(content), appendix);
    }

    [Fact]
    public async Task The_late_dossier_appendix_counts_each_unit()
    {
        using var pdf = PigDocument.Open(fixture.PlanPdf);
        var pages = pdf.GetPages().ToList();
        var dossierStart = pages.FindIndex(p => Squash(p.Text).Contains("PHỤLỤCII", StringComparison.Ordinal));
        var text = Squash(string.Concat(pages.Skip(dossierStart).Select(p => p.Text)));
        Assert.Contains(Squash("Phòng Quy hoạch - Giao đất 20"), text);
        Assert.Contains(Squash("Văn phòng Đăng ký đất đai 34"), text);
        Assert.Contains(Squash("Tổng cộng 84"), text);
        var first = await fixture.Factory.WithDbAsync(db => db.Dossiers.OrderBy(d => d.ReceivedOn).Select(d => d.Code).FirstAsync());
        Assert.Contains(Squash(first), text);
    }

    [Fact]
    public void Qpdf_finds_the_structure_sound_and_poppler_renders_a_non_blank_first_page()
    {
        var folder = TempFolder();
        var path = Write(folder, "plan.pdf", fixture.PlanPdf);
        var check = RunTool("qpdf", "qpdf", TimeSpan.FromMinutes(1), "--check", path);
        Assert.True(check.ExitCode == 0, check.StdOut + check.StdErr);

        var prefix = Path.Combine(folder, "page");
        var render = RunTool("pdftoppm", "poppler-utils", TimeSpan.FromMinutes(1), "-r", "30", "-gray", "-f", "1", "-l", "1", "-singlefile", path, prefix);
        Assert.True(render.ExitCode == 0, render.StdErr);
        var (width, height, pixels) = ReadPgm(File.ReadAllBytes(prefix + ".pgm"));
        Assert.InRange(width, 240, 250);
        Assert.InRange(height, 345, 355);
        Assert.True(pixels.Count(p => p < 128) > 500, "page 1 renders (nearly) blank");
    }

    [Fact]
    public void Decree_30_dates_carry_a_leading_zero_only_for_days_below_10_and_january_february()
    {
        Assert.Equal("Đắk Nông, ngày 15 tháng 3 năm 2023", PlanPdfExporter.DateLine("Đắk Nông", new DateOnly(2023, 3, 15)));
        Assert.Equal("Đắk Nông, ngày 05 tháng 02 năm 2023", PlanPdfExporter.DateLine("Đắk Nông", new DateOnly(2023, 2, 5)));
        Assert.Equal("Đắk Nông, ngày 09 tháng 12 năm 2023", PlanPdfExporter.DateLine("Đắk Nông", new DateOnly(2023, 12, 9)));
        Assert.Equal("ngày 01 tháng 01 năm 2024", Nd30.Long(new DateOnly(2024, 1, 1)));
        Assert.Equal("30/11/2023", Nd30.Date(new DateOnly(2023, 11, 30)));
        Assert.Equal("07/3/2022", Nd30.Date(new DateOnly(2022, 3, 7)));
    }

    [Fact]
    public void Agency_names_in_running_text_and_every_unit_coordinating()
    {
        Assert.Equal("Sở Tài nguyên và Môi trường", Nd30.InText("SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG"));
        Assert.Equal("Sở Kế hoạch và Đầu tư", Nd30.InText("SỞ KẾ HOẠCH\nVÀ ĐẦU TƯ"));
        Assert.Equal("Sở Nội vụ", Nd30.InText("Sở Nội vụ"));
        var task = new ExportTask(1, 1, "Báo cáo", "Văn phòng Sở", ["Thanh tra Sở", "Phòng Kế hoạch - Tài chính"], [], null, null, null,
            Recurrence.None, [], null, PlanTaskStatus.NotStarted);
        Assert.Equal("Các phòng, đơn vị thuộc Sở", PlanPdfExporter.Coordinators(task, 3));
        Assert.Equal("Thanh tra Sở; Phòng Kế hoạch - Tài chính", PlanPdfExporter.Coordinators(task, 4));
        Assert.Equal("Thanh tra Sở; Phòng Kế hoạch - Tài chính", PlanPdfExporter.Coordinators(task, 0));
    }

    [Fact]
    public void A_recurring_task_lists_its_due_dates()
    {
        var task = new ExportTask(1, 1, "Báo cáo", "Văn phòng Sở", [], [], null, null, new DateOnly(2023, 12, 15), Recurrence.Quarterly,
            [new DateOnly(2023, 3, 15), new DateOnly(2023, 6, 15)], null, PlanTaskStatus.NotStarted);
        Assert.Equal("Hằng quý: 15/3; 15/6/2023", PlanPdfExporter.Deadline(task));
        Assert.Equal("15/12/2023", PlanPdfExporter.Deadline(task with { Recurrence = Recurrence.None, DueDates = [] }));
        Assert.Equal("05/02/2024", PlanPdfExporter.Deadline(task with { Recurrence = Recurrence.None, DueDates = [], DueDate = new DateOnly(2024, 2, 5) }));
        Assert.Equal(Vn.Nfc("Hằng quý: 15/12/2023; 15/02/2024"),
            PlanPdfExporter.Deadline(task with { DueDates = [new DateOnly(2023, 12, 15), new DateOnly(2024, 2, 15)] }));
    }
}
