using static ParIndex.Documents.Tests.PdfTestSupport;

namespace ParIndex.Documents.Tests;

[Trait("Requires", "Poppler")]
[Trait("Requires", "Qpdf")]
public sealed class PageTests
{
    private static Document NumberedDocument(int paragraphs, PageNumberStyle? numbers = null)
    {
        var document = new Document();
        var section = document.AddSection();
        section.PageNumbers = numbers ?? new PageNumberStyle();
        for (var i = 0; i < paragraphs; i++)
        {
            section.Add(new Paragraph(PdfTestSupport.LongVietnamese) { Alignment = TextAlignment.Justify, SpaceAfterPt = 6 });
        }
        return document;
    }

    private static string TopMarginText(UglyToad.PdfPig.Content.Page page) =>
        string.Concat(page.Letters.Where(l => l.BoundingBox.Bottom > page.Height - 20 * PtPerMm).Select(l => l.Value));

    [Fact]
    public void Page_numbers_start_on_page_two_centred_at_the_top()
    {
        using var read = Open(DocumentRenderer.Render(NumberedDocument(20)));

        Assert.True(read.NumberOfPages >= 3);
        Assert.Equal("", TopMarginText(read.GetPage(1)));
        var page2 = read.GetPage(2);
        Assert.Equal("2", TopMarginText(page2));
        var digit = page2.Letters.Single(l => l.BoundingBox.Bottom > page2.Height - 20 * PtPerMm);
        var centre = (30 * PtPerMm + page2.Width - 15 * PtPerMm) / 2;
        Assert.InRange((digit.StartBaseLine.X + digit.EndBaseLine.X) / 2, centre - 1, centre + 1);
        Assert.Equal("3", TopMarginText(read.GetPage(3)));
    }

    [Fact]
    public void Page_number_format_can_show_the_total()
    {
        var style = new PageNumberStyle { Format = "Trang {0}/{1}", Italic = true, FontSize = 11 };
        using var read = Open(DocumentRenderer.Render(NumberedDocument(20, style)));

        Assert.Equal(Squash($"Trang 2/{read.NumberOfPages}"), Squash(TopMarginText(read.GetPage(2))));
    }

    [Fact]
    public void A_landscape_section_has_wide_pages_and_continues_the_numbering()
    {
        var document = NumberedDocument(2);
        var appendix = document.AddSection(PageSetup.Landscape());
        appendix.PageNumbers = new PageNumberStyle();
        appendix.Add(new Paragraph("Phụ lục") { Alignment = TextAlignment.Center });

        using var read = Open(DocumentRenderer.Render(document));
        var first = read.GetPage(1);
        var last = read.GetPage(read.NumberOfPages);

        Assert.True(first.Height > first.Width);
        Assert.InRange(first.Width, A4WidthPt - 1, A4WidthPt + 1);
        Assert.True(last.Width > last.Height, "landscape pages are wider than tall");
        Assert.InRange(last.Width, A4HeightPt - 1, A4HeightPt + 1);
        Assert.Equal(0, last.Rotation.Value);
        Assert.Equal(read.NumberOfPages.ToString(), TopMarginText(last));
    }

    [Fact]
    public void Explicit_page_breaks_and_spacers_move_content()
    {
        var document = new Document();
        var section = document.AddSection();
        section.Add(new Paragraph("Trang một"));
        section.Add(new PageBreak());
        section.Add(new Spacer(50));
        section.Add(new Paragraph("Trang hai"));

        using var read = Open(DocumentRenderer.Render(document));

        Assert.Equal(2, read.NumberOfPages);
        var line = Lines(read.GetPage(2)).Single();
        var expectedTop = read.GetPage(2).Height - 20 * PtPerMm - 50 * PtPerMm;
        Assert.True(line[0].BoundingBox.Top < expectedTop && line[0].BoundingBox.Top > expectedTop - 20);
    }

    [Fact]
    public void A_heading_kept_with_next_does_not_end_a_page()
    {
        var document = new Document();
        var section = document.AddSection();
        // Fill the page until only about two lines are left, then a heading and a long paragraph.
        section.Add(new Spacer(297 - 40 - 12));
        section.Add(new Paragraph("II. KẾ HOẠCH") { KeepWithNext = true });
        section.Add(new Paragraph(PdfTestSupport.LongVietnamese));

        using var read = Open(DocumentRenderer.Render(document));

        Assert.Equal(2, read.NumberOfPages);
        Assert.DoesNotContain("KẾHOẠCH", Squash(read.GetPage(1).Text));
        Assert.StartsWith(Squash("II. KẾ HOẠCH"), Squash(read.GetPage(2).Text));
    }

    [Fact]
    public void Qpdf_finds_no_structural_errors()
    {
        var path = WriteTemp(DocumentRenderer.Render(NumberedDocument(20)), "check.pdf");
        var result = RunTool("qpdf", "qpdf", "--check", path);

        Assert.True(result.ExitCode == 0, $"qpdf --check exited {result.ExitCode}: {result.StdOut} {result.StdErr}");
        Assert.Contains("No syntax or stream encoding errors", result.StdOut);
    }

    [Fact]
    public void The_first_page_renders_as_a_non_blank_image()
    {
        var path = WriteTemp(DocumentRenderer.Render(NumberedDocument(3)), "image.pdf");
        var prefix = Path.Combine(Path.GetDirectoryName(path)!, "page");
        var result = RunTool("pdftoppm", "poppler-utils", "-r", "30", "-gray", "-f", "1", "-l", "1", "-singlefile", path, prefix);
        Assert.True(result.ExitCode == 0, $"pdftoppm failed: {result.StdErr}");

        var (width, height, pixels) = ReadPgm(File.ReadAllBytes(prefix + ".pgm"));

        Assert.InRange(width, 240, 250); // 210 mm at 30 dpi
        Assert.InRange(height, 345, 355);
        Assert.Contains(pixels, p => p < 128);
    }

    /// <summary>Binary PGM (P5): header of magic, width, height and maximum, then one byte per pixel.</summary>
    private static (int Width, int Height, byte[] Pixels) ReadPgm(byte[] data)
    {
        var position = 0;
        string NextToken()
        {
            while (true)
            {
                while (char.IsWhiteSpace((char)data[position]))
                {
                    position++;
                }
                if (data[position] != '#')
                {
                    break;
                }
                while (data[position] != '\n')
                {
                    position++;
                }
            }
            var start = position;
            while (!char.IsWhiteSpace((char)data[position]))
            {
                position++;
            }
            return System.Text.Encoding.ASCII.GetString(data, start, position - start);
        }

        Assert.Equal("P5", NextToken());
        var width = int.Parse(NextToken());
        var height = int.Parse(NextToken());
        Assert.Equal("255", NextToken());
        position++; // the single whitespace before the raster
        return (width, height, data.AsSpan(position, width * height).ToArray());
    }
}
