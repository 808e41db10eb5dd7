using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Microsoft.EntityFrameworkCore;
using ParIndex.Domain.Plans;
using static ParIndex.Web.Tests.Exports.ExportTestSupport;
using PigDocument = UglyToad.PdfPig.PdfDocument;

namespace ParIndex.Web.Tests.Exports;

/// <summary>The demo 2023 plan as Word, read back by the Open XML SDK and converted by LibreOffice to PDF and text.</summary>
[Collection(ExportCollection.Name)]
public sealed class PlanDocxTests(ExportFixture fixture)
{
    private const int A4Short = 11906; // twips
    private const int A4Long = 16838;

    private static int Twips(double mm) => (int)Math.Round(mm * 1440 / 25.4);

    private WordprocessingDocument Open() => WordprocessingDocument.Open(new MemoryStream(fixture.PlanDocx), false);

    [Fact]
    public void The_Word_plan_has_A4_sections_with_decree_margins_a_landscape_appendix_and_page_numbers_from_page_2()
    {
        using var word = Open();
        var main = word.MainDocumentPart!;
        var sections = main.Document.Body!.Descendants<SectionProperties>().ToList();
        Assert.Equal(3, sections.Count); // the text, the tasks' appendix, the late dossiers' appendix

        var first = sections[0];
        var size = first.GetFirstChild<PageSize>()!;
        Assert.Equal((uint)A4Short, size.Width!.Value, 2u);
        Assert.Equal((uint)A4Long, size.Height!.Value, 2u);
        var margin = first.GetFirstChild<PageMargin>()!;
        Assert.Equal(Twips(20), margin.Top!.Value);
        Assert.Equal(Twips(20), margin.Bottom!.Value);
        Assert.Equal((uint)Twips(30), margin.Left!.Value);
        Assert.Equal((uint)Twips(15), margin.Right!.Value);
        // Page numbers from page 2: a different (empty) first-page header, the number in the default header.
        Assert.NotNull(first.GetFirstChild<TitlePage>());
        var headers = first.Elements<HeaderReference>().ToDictionary(h => h.Type!.Value, h => (HeaderPart)main.GetPartById(h.Id!));
        Assert.DoesNotContain("PAGE", headers[HeaderFooterValues.First].Header.InnerText, StringComparison.Ordinal);
        Assert.Contains(headers[HeaderFooterValues.Default].Header.Descendants<FieldCode>(), f => f.Text.Trim() == "PAGE");

        foreach (var appendix in sections.Skip(1))
        {
            var page = appendix.GetFirstChild<PageSize>()!;
            Assert.Equal(PageOrientationValues.Landscape, page.Orient!.Value);
            Assert.Equal((uint)A4Long, page.Width!.Value, 2u);
            Assert.Equal((uint)A4Short, page.Height!.Value, 2u);
            Assert.Null(appendix.GetFirstChild<TitlePage>());
            Assert.NotEmpty(appendix.Elements<HeaderReference>());
        }
    }

    [Fact]
    public void The_Word_plan_names_times_new_roman_with_a_fallback_uses_styles_and_sets_the_header_as_a_borderless_table()
    {
        using var word = Open();
        var main = word.MainDocumentPart!;
        var styles = main.StyleDefinitionsPart!.Styles!;
        var defaults = styles.DocDefaults!.RunPropertiesDefault!.RunPropertiesBaseStyle!.GetFirstChild<RunFonts>()!;
        Assert.Equal("Times New Roman", defaults.Ascii!.Value);
        Assert.Equal("Times New Roman", defaults.HighAnsi!.Value);
        var font = main.FontTablePart!.Fonts!.Elements<Font>().Single(f => f.Name == "Times New Roman");
        Assert.Equal("Liberation Serif", font.GetFirstChild<AltName>()!.Val!.Value);
        foreach (var id in new[] { "Normal", "Title", "Heading1", "Heading2" })
            Assert.Contains(styles.Elements<Style>(), s => s.StyleId == id);

        var body = main.Document.Body!;
        string StyleOf(Paragraph p) => p.ParagraphProperties?.ParagraphStyleId?.Val?.Value ?? "Normal";
        var paragraphs = body.Elements<Paragraph>().ToList();
        Assert.Contains(paragraphs, p => StyleOf(p) == "Heading1" && p.InnerText.StartsWith("I. ĐÁNH GIÁ KẾT QUẢ", StringComparison.Ordinal));
        Assert.Contains(paragraphs, p => StyleOf(p) == "Heading2" && p.InnerText == "1. Mục đích");
        Assert.Contains(paragraphs, p => StyleOf(p) == "Title" && p.InnerText == "KẾ HOẠCH");
        Assert.All(paragraphs.Where(p => StyleOf(p).StartsWith("Heading", StringComparison.Ordinal)),
            p => Assert.Equal(JustificationValues.Left, p.ParagraphProperties!.Justification!.Val!.Value));

        // The header: the body's first element, a two-column table without borders; the agency on balanced lines.
        var header = Assert.IsType<Table>(body.FirstChild);
        var borders = header.GetFirstChild<TableProperties>()!.GetFirstChild<TableBorders>()!;
        Assert.All(borders.ChildElements.Cast<BorderType>(), b => Assert.Equal(BorderValues.None, b.Val!.Value));
        var cells = header.Descendants<TableCell>().ToList();
        Assert.Equal(2, cells.Count);
        var agency = cells[0].Elements<Paragraph>().First(p => p.InnerText.StartsWith("SỞ", StringComparison.Ordinal));
        Assert.Equal(["SỞ TÀI NGUYÊN", "VÀ MÔI TRƯỜNG"], agency.Descendants<Run>().Select(r => r.InnerText).ToArray());
        Assert.Contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", cells[1].InnerText, StringComparison.Ordinal);
        Assert.Contains("Đắk Nông, ngày 15 tháng 3 năm 2023", cells[1].InnerText, StringComparison.Ordinal);

        // The tasks' table: its header row repeats on every page, no row splits, no working columns.
        var tasks = body.Elements<Table>().First(t => t.InnerText.Contains("Nhiệm vụ, giải pháp", StringComparison.Ordinal));
        var rows = tasks.Elements<TableRow>().ToList();
        Assert.NotNull(rows[0].TableRowProperties!.GetFirstChild<TableHeader>());
        Assert.All(rows.Skip(1), r => Assert.Null(r.TableRowProperties!.GetFirstChild<TableHeader>()));
        Assert.All(rows, r => Assert.NotNull(r.TableRowProperties!.GetFirstChild<CantSplit>()));
        Assert.Equal(["STT", "Nhiệm vụ, giải pháp", "Tiêu chí hướng tới", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời hạn hoàn thành", "Sản phẩm"],
            rows[0].Elements<TableCell>().Select(c => c.InnerText).ToArray());
    }

    [Fact]
    public async Task LibreOffice_converts_the_Word_plan_to_A4_pages_with_the_same_content_in_the_same_order()
    {
        var folder = TempFolder();
        var path = Write(folder, "plan.docx", fixture.PlanDocx);
        var profile = Path.Combine(Path.GetTempPath(), "lo-" + Guid.NewGuid().ToString("N"));
        var convert = RunTool("soffice", "libreoffice-writer-nogui", TimeSpan.FromMinutes(4),
            "-env:UserInstallation=file://" + profile, "--headless", "--norestore", "--convert-to", "pdf", "--outdir", folder, path);
        Assert.True(convert.ExitCode == 0 && File.Exists(Path.Combine(folder, "plan.pdf")), convert.StdOut + convert.StdErr);
        var text = RunTool("soffice", "libreoffice-writer-nogui", TimeSpan.FromMinutes(4),
            "-env:UserInstallation=file://" + profile, "--headless", "--norestore", "--convert-to", "txt:Text (encoded):UTF8", "--outdir", folder, path);
        Assert.True(text.ExitCode == 0 && File.Exists(Path.Combine(folder, "plan.txt")), text.StdOut + text.StdErr);
        try { Directory.Delete(profile, recursive: true); } catch (IOException) { }

        var plain = Squash(File.ReadAllText(Path.Combine(folder, "plan.txt")));
        var at = -1;
        foreach (var phrase in new[]
                 {
                     "UBND TỈNH ĐẮK NÔNG", "SỞ TÀI NGUYÊN", "VÀ MÔI TRƯỜNG", "Số: 45/KH-STNMT", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                     "Độc lập - Tự do - Hạnh phúc", "Đắk Nông, ngày 15 tháng 3 năm 2023", "KẾ HOẠCH",
                     "Cải thiện, nâng cao Chỉ số cải cách hành chính của Sở Tài nguyên và Môi trường năm 2023", "I. ĐÁNH GIÁ KẾT QUẢ",
                     "80,567/99", "1. Mục đích", "2. Yêu cầu", "3. Nhiệm vụ, giải pháp", "(Có Phụ lục kèm theo)", "III. TỔ CHỨC THỰC HIỆN",
                     "./.", "Nơi nhận:", "- Sở Nội vụ (t/d);", "GIÁM ĐỐC", "Nguyễn Văn Hiệp", "PHỤ LỤC I", "NHIỆM VỤ, GIẢI PHÁP",
                     "Lĩnh vực 1: Công tác chỉ đạo, điều hành", "Các phòng, đơn vị thuộc Sở", "Điểm bị mất năm 2022 theo đơn vị",
                     "PHỤ LỤC II", "HỒ SƠ THỦ TỤC HÀNH CHÍNH TRỄ HẠN NĂM 2022", "Tổng cộng",
                 })
        {
            var next = plain.IndexOf(Squash(phrase), at + 1, StringComparison.Ordinal);
            Assert.True(next > at, $"'{phrase}' is missing or out of order in LibreOffice's text (searched after index {at}).");
            at = next;
        }
        var tasks = await fixture.Factory.WithDbAsync(db =>
            db.PlanTasks.Where(t => t.Plan!.TargetYear == 2023).Select(t => new { t.Content, t.Status }).ToListAsync());
        foreach (var task in tasks)
        {
            if (task.Status == PlanTaskStatus.Cancelled) Assert.DoesNotContain(Squash(task.Content), plain);
            else Assert.Contains(Squash(task.Content), plain);
        }
        Assert.DoesNotContain(Squash("Trạng thái"), plain);

        using var pdf = PigDocument.Open(File.ReadAllBytes(Path.Combine(folder, "plan.pdf")));
        var pages = pdf.GetPages().ToList();
        Assert.InRange(pages.Count, 10, 24);
        var appendix = pages.FindIndex(p => Squash(p.Text).Contains("PHỤLỤCI", StringComparison.Ordinal));
        Assert.True(appendix > 1, $"the appendix starts on page {appendix + 1}");
        foreach (var page in pages)
        {
            var landscape = page.Number > appendix;
            Assert.InRange(page.Width - (landscape ? 841.89 : 595.28), -0.5, 0.5);
            Assert.InRange(page.Height - (landscape ? 595.28 : 841.89), -0.5, 0.5);
        }
        // The number: none on page 1, "2" in the top margin of page 2.
        static string Top(UglyToad.PdfPig.Content.Page page) =>
            string.Concat(page.Letters.Where(l => l.StartBaseLine.Y > page.Height - 20 * PtPerMm).Select(l => l.Value)).Trim();
        Assert.DoesNotContain("1", Top(pages[0]), StringComparison.Ordinal);
        Assert.Equal("2", Top(pages[1]));
    }
}
