using System.Text;
using static ParIndex.Documents.Tests.PdfTestSupport;

namespace ParIndex.Documents.Tests;

[Trait("Requires", "Poppler")]
public sealed class TextTests
{
    private static readonly string[] Phrases =
    [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Cải thiện, nâng cao Chỉ số cải cách hành chính",
        "Quỹ Bảo vệ môi trường",
        "Khoáng sản",
        "ưu tiên",
        "Nghị định số 30/2020/NĐ-CP",
    ];

    private static byte[] RenderPhrases(bool decomposed)
    {
        var document = new Document();
        var section = document.AddSection();
        foreach (var phrase in Phrases)
        {
            var text = decomposed ? phrase.Normalize(NormalizationForm.FormD) : phrase;
            section.Add(new Paragraph(text) { Alignment = TextAlignment.Center });
        }
        return DocumentRenderer.Render(document);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Vietnamese_text_reads_back_exactly_with_pdfpig(bool decomposedInput)
    {
        var text = Squash(string.Concat(PageTexts(RenderPhrases(decomposedInput))));

        foreach (var phrase in Phrases)
        {
            Assert.Contains(Squash(phrase), text);
        }
    }

    [Fact]
    public void Vietnamese_text_reads_back_exactly_with_pdftotext()
    {
        var text = Collapse(PdfToText(RenderPhrases(decomposed: false)));

        foreach (var phrase in Phrases)
        {
            Assert.Contains(Collapse(phrase), text);
        }
    }

    [Fact]
    public void Mixed_runs_share_a_line_and_keep_their_styles()
    {
        var document = new Document();
        var paragraph = document.AddSection().Add(new Paragraph());
        paragraph.Add("Nơi nhận:", bold: true, italic: true);
        paragraph.Add(" thường ");
        paragraph.Add("gạch chân", underline: true);
        paragraph.Add(" và ");
        paragraph.Add("nghiêng", italic: true);

        using var read = Open(DocumentRenderer.Render(document));
        var page = read.GetPage(1);
        var lines = Lines(page);

        Assert.Single(lines);
        Assert.Equal(Squash("Nơi nhận: thường gạch chân và nghiêng"), Squash(string.Concat(lines[0].Select(l => l.Value))));
        var fonts = lines[0].Select(l => l.FontName ?? "").Distinct().ToList();
        Assert.Contains(fonts, f => f.Contains("BoldItalic", StringComparison.OrdinalIgnoreCase) || f.Contains("Bold", StringComparison.OrdinalIgnoreCase));
        Assert.True(fonts.Count >= 2, "bold/italic runs should use other fonts than the regular run");
    }

    [Fact]
    public void A_long_paragraph_wraps_within_the_margins()
    {
        var document = new Document();
        var section = document.AddSection();
        section.Add(new Paragraph(LongVietnamese + " " + LongVietnamese) { FirstLineIndentMm = 10 });

        var pdf = DocumentRenderer.Render(document);
        using var read = Open(pdf);
        var page = read.GetPage(1);
        var lines = Lines(page);

        Assert.True(lines.Count >= 5, $"expected several lines, got {lines.Count}");
        var left = 30 * PtPerMm;
        var right = page.Width - 15 * PtPerMm;
        foreach (var letter in lines.SelectMany(l => l))
        {
            Assert.InRange(letter.BoundingBox.Left, left - 1.5, right + 1.5);
            Assert.InRange(letter.BoundingBox.Right, left - 1.5, right + 1.5);
            Assert.InRange(letter.EndBaseLine.X, left, right + 0.01);
        }
        // The first line is indented by 10 mm, the others start at the margin.
        Assert.InRange(lines[0][0].StartBaseLine.X - left, 10 * PtPerMm - 1.5, 10 * PtPerMm + 1.5);
        Assert.InRange(lines[1][0].StartBaseLine.X - left, -1.5, 1.5);
        Assert.Contains(Squash(LongVietnamese), Squash(page.Text));
    }

    [Fact]
    public void Justified_lines_share_a_right_edge_except_the_last()
    {
        var document = new Document();
        document.AddSection().Add(new Paragraph(LongVietnamese) { Alignment = TextAlignment.Justify, FirstLineIndentMm = 10 });

        using var read = Open(DocumentRenderer.Render(document));
        var page = read.GetPage(1);
        var lines = Lines(page);
        var right = page.Width - 15 * PtPerMm;

        Assert.True(lines.Count >= 3, $"expected at least three lines, got {lines.Count}");
        foreach (var line in lines.SkipLast(1))
        {
            Assert.InRange(line[^1].EndBaseLine.X, right - 1, right + 0.01);
        }
        Assert.True(lines[^1][^1].EndBaseLine.X < right - 20, "the last line stays ragged");
        Assert.Equal(Collapse(LongVietnamese), Collapse(PdfToText(DocumentRenderer.Render(document))));
    }

    [Fact]
    public void An_overlong_word_is_broken_between_characters()
    {
        var word = string.Concat(Enumerable.Repeat("Khoángsản", 30));
        var document = new Document();
        document.AddSection().Add(new Paragraph(word));

        using var read = Open(DocumentRenderer.Render(document));
        var page = read.GetPage(1);
        var lines = Lines(page);

        Assert.True(lines.Count >= 2);
        Assert.All(lines.SelectMany(l => l), l => Assert.True(l.EndBaseLine.X <= page.Width - 15 * PtPerMm + 0.01));
        Assert.Equal(word, Squash(page.Text));
    }

    [Fact]
    public void Hard_line_breaks_start_new_lines()
    {
        var document = new Document();
        document.AddSection().Add(new Paragraph("- Như trên;\n- Lưu: VT, VP.") { Alignment = TextAlignment.Justify });

        using var read = Open(DocumentRenderer.Render(document));
        var lines = Lines(read.GetPage(1));

        Assert.Equal(2, lines.Count);
        Assert.Equal(Squash("- Lưu: VT, VP."), Squash(string.Concat(lines[1].Select(l => l.Value))));
    }
}
