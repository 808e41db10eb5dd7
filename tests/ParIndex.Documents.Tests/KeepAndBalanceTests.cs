using DocumentFormat.OpenXml.Packaging;
using ParIndex.Documents.Word;
using static ParIndex.Documents.Tests.PdfTestSupport;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace ParIndex.Documents.Tests;

/// <summary>Balanced lines, keep-with-next chains (paragraphs and table rows), and the same document as Word.</summary>
public sealed class KeepAndBalanceTests
{
    private const string Agency = "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG";

    private static List<string> LeftLines(bool balance)
    {
        var document = new Document();
        var body = document.AddSection();
        var header = body.Add(new TwoColumnBlock { LeftFraction = 0.42 });
        header.Left.Add(new Paragraph(new Run(Agency) { Bold = true }) { Alignment = TextAlignment.Center, FontSize = 13, BalanceLines = balance });
        header.Right.Add(new Paragraph(new Run("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") { Bold = true }) { Alignment = TextAlignment.Center, FontSize = 12.5 });
        using var pdf = Open(DocumentRenderer.Render(document));
        var page = pdf.GetPage(1);
        return Lines(page, l => l.BoundingBox.Right < A4WidthPt * 0.45)
            .Select(line => Collapse(string.Concat(line.Select(l => l.Value)))).ToList();
    }

    [Fact]
    public void Balanced_lines_keep_whole_words_on_lines_of_nearly_equal_length()
    {
        // Filled greedily the name leaves its last word alone; balanced it breaks where the halves match.
        Assert.Equal(["SỞTÀINGUYÊNVÀMÔI", "TRƯỜNG"], LeftLines(balance: false).Select(Squash));
        Assert.Equal(["SỞTÀINGUYÊN", "VÀMÔITRƯỜNG"], LeftLines(balance: true).Select(Squash));
    }

    private static Paragraph Heading(string text) =>
        new(new Run(text) { Bold = true }) { KeepWithNext = true };

    [Fact]
    public void A_chain_of_headings_moves_to_the_next_page_together_with_the_start_of_the_text()
    {
        var document = new Document { FontSize = 13 };
        var body = document.AddSection();
        body.Add(new Spacer(257 - 14)); // leaves room for the two headings, not for them and two lines of text
        body.Add(Heading("II. KẾ HOẠCH CẢI THIỆN"));
        body.Add(Heading("1. Mục đích"));
        body.Add(new Paragraph(LongVietnamese) { Alignment = TextAlignment.Justify });
        var pages = PageTexts(DocumentRenderer.Render(document));
        Assert.Equal(2, pages.Length);
        Assert.DoesNotContain("KẾ HOẠCH", pages[0]);
        Assert.StartsWith(Squash("II. KẾ HOẠCH CẢI THIỆN 1. Mục đích Nhằm cải thiện"), Squash(pages[1]));
    }

    [Fact]
    public void A_kept_last_paragraph_takes_the_signature_block_along_instead_of_leaving_it_alone()
    {
        var document = new Document { FontSize = 13 };
        var body = document.AddSection();
        body.Add(new Spacer(257 - 30));
        body.Add(new Paragraph("Trên đây là kế hoạch của Sở./.") { KeepWithNext = true });
        var signature = body.Add(new TwoColumnBlock { LeftFraction = 0.5 });
        signature.Left.Add(new Paragraph("Nơi nhận:"));
        signature.Right.Add(new Paragraph("GIÁM ĐỐC") { SpaceAfterPt = 64 });
        signature.Right.Add(new Paragraph("Nguyễn Văn Hiệp"));
        var pages = PageTexts(DocumentRenderer.Render(document));
        Assert.Equal(2, pages.Length);
        Assert.StartsWith(Squash("Trên đây là kế hoạch của Sở./."), Squash(pages[1]));
    }

    [Fact]
    public void A_group_row_that_keeps_with_the_next_never_ends_a_page_and_the_header_repeats_above_it()
    {
        var document = new Document { FontSize = 13 };
        var body = document.AddSection();
        body.Add(new Spacer(257 - 18)); // room for the header and the group row only
        var table = body.Add(new Table { HeaderRowCount = 1 });
        table.Columns.Add(TableColumn.Mm(12));
        table.Columns.Add(TableColumn.Relative(1));
        table.AddRow("STT", "Nhiệm vụ");
        table.AddRow(new TableCell("Lĩnh vực 2: Cải cách thể chế") { ColumnSpan = 2, Bold = true }).KeepWithNext = true;
        table.AddRow("1", LongVietnamese[..250]);
        var pages = PageTexts(DocumentRenderer.Render(document));
        Assert.Equal(2, pages.Length);
        Assert.DoesNotContain("Lĩnh vực", pages[0]);
        Assert.StartsWith(Squash("STT Nhiệm vụ Lĩnh vực 2: Cải cách thể chế 1 Nhằm"), Squash(pages[1]));
    }

    [Fact]
    public void The_same_document_as_Word_has_its_sections_styles_repeating_header_rows_and_a_borderless_two_column_header()
    {
        var bytes = DocxRenderer.Render(PlanDocumentTests.PlanDocument());
        using var word = WordprocessingDocument.Open(new MemoryStream(bytes), false);
        var body = word.MainDocumentPart!.Document.Body!;
        var sections = body.Descendants<W.SectionProperties>().ToList();
        Assert.Equal(2, sections.Count);
        Assert.Equal(11906u, sections[0].GetFirstChild<W.PageSize>()!.Width!.Value);
        Assert.Equal(W.PageOrientationValues.Landscape, sections[1].GetFirstChild<W.PageSize>()!.Orient!.Value);
        Assert.NotNull(sections[0].GetFirstChild<W.TitlePage>());
        var header = Assert.IsType<W.Table>(body.FirstChild);
        Assert.All(header.GetFirstChild<W.TableProperties>()!.GetFirstChild<W.TableBorders>()!.ChildElements.Cast<W.BorderType>(),
            b => Assert.Equal(W.BorderValues.None, b.Val!.Value));
        var appendix = body.Elements<W.Table>().Last();
        var rows = appendix.Elements<W.TableRow>().ToList();
        Assert.Equal(42, rows.Count);
        Assert.NotNull(rows[0].TableRowProperties!.GetFirstChild<W.TableHeader>());
        Assert.Null(rows[1].TableRowProperties!.GetFirstChild<W.TableHeader>());
        Assert.Equal("Times New Roman", word.MainDocumentPart.StyleDefinitionsPart!.Styles!.DocDefaults!.RunPropertiesDefault!
            .RunPropertiesBaseStyle!.GetFirstChild<W.RunFonts>()!.Ascii!.Value);
        Assert.Contains(Squash(LongVietnamese[..80]), Squash(body.InnerText));
    }
}
