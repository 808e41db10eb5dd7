using System.Diagnostics;
using Xunit.Abstractions;
using static ParIndex.Documents.Tests.PdfTestSupport;

namespace ParIndex.Documents.Tests;

public sealed class TableTests(ITestOutputHelper output)
{
    private static Table TaskTable(int rows, Func<int, string> task)
    {
        var table = new Table { HeaderRowCount = 1, FontSize = 12 };
        table.Columns.Add(TableColumn.Mm(12));
        table.Columns.Add(TableColumn.Relative(3));
        table.Columns.Add(TableColumn.Relative(1));
        table.AddRow(
            new TableCell("STT") { Bold = true, Alignment = TextAlignment.Center },
            new TableCell("Nhiệm vụ, giải pháp") { Bold = true, Alignment = TextAlignment.Center },
            new TableCell("Đơn vị chủ trì") { Bold = true, Alignment = TextAlignment.Center, VerticalAlignment = VerticalAlignment.Center });
        for (var i = 1; i <= rows; i++)
        {
            table.AddRow(new TableCell(i.ToString()) { Alignment = TextAlignment.Center }, new TableCell(task(i)), new TableCell("Văn phòng Sở"));
        }
        return table;
    }

    /// <summary>Rows of one to four lines, each with a start and end marker.</summary>
    private static string VaryingTask(int i) =>
        $"BEGIN{i:D4} " + string.Join(' ', Enumerable.Repeat("rà soát, ưu tiên khoáng sản", i % 4 * 3)) + $" END{i:D4}";

    [Fact]
    public void A_300_row_table_repeats_its_header_and_never_splits_a_row()
    {
        var document = new Document();
        document.AddSection().Add(TaskTable(300, VaryingTask));

        var pages = PageTexts(DocumentRenderer.Render(document)).Select(Squash).ToArray();

        Assert.True(pages.Length >= 5, $"expected several pages, got {pages.Length}");
        Assert.All(pages, page => Assert.Contains(Squash("Nhiệm vụ, giải pháp"), page));
        Assert.All(pages, page => Assert.Contains(Squash("Đơn vị chủ trì"), page));
        for (var i = 1; i <= 300; i++)
        {
            var begin = Array.FindIndex(pages, p => p.Contains($"BEGIN{i:D4}"));
            var end = Array.FindIndex(pages, p => p.Contains($"END{i:D4}"));
            Assert.True(begin >= 0 && begin == end, $"row {i} starts on page {begin + 1} and ends on page {end + 1}");
        }
    }

    [Fact]
    public void Table_text_stays_inside_the_body_area()
    {
        var document = new Document();
        document.AddSection().Add(TaskTable(120, VaryingTask));

        using var read = Open(DocumentRenderer.Render(document));
        foreach (var page in read.GetPages())
        {
            foreach (var letter in page.Letters.Where(l => !string.IsNullOrWhiteSpace(l.Value)))
            {
                Assert.InRange(letter.BoundingBox.Bottom, 20 * PtPerMm - 1, page.Height - 20 * PtPerMm + 1);
                Assert.InRange(letter.BoundingBox.Right, 30 * PtPerMm, page.Width - 15 * PtPerMm + 1);
            }
        }
    }

    [Fact]
    public void A_row_taller_than_a_page_is_split_between_lines()
    {
        var lines = Enumerable.Range(1, 150).Select(i => $"Dòng{i:D3}").ToArray();
        var tall = new TableCell();
        foreach (var line in lines)
        {
            tall.Paragraphs.Add(new Paragraph(line));
        }
        var table = new Table { HeaderRowCount = 1 };
        table.Columns.Add(TableColumn.Relative(1));
        table.Columns.Add(TableColumn.Relative(1));
        table.AddRow("Đầu bảng", "Cột hai");
        table.AddRow(new TableCell("ngắn"), tall);
        var document = new Document();
        var section = document.AddSection();
        section.Add(new Paragraph("Đoạn mở đầu."));
        section.Add(table);

        using var read = Open(DocumentRenderer.Render(document));
        var pages = read.GetPages().ToList();

        Assert.True(pages.Count >= 3, $"150 lines need several pages, got {pages.Count}");
        var seen = new List<string>();
        foreach (var page in pages)
        {
            Assert.Contains("Đầubảng", Squash(page.Text));
            var secondColumn = (30 * PtPerMm + page.Width - 15 * PtPerMm) / 2;
            foreach (var line in Lines(page, l => l.StartBaseLine.X > secondColumn))
            {
                // A line cut by the page edge would lose letters or fall outside the body.
                Assert.All(line, l => Assert.InRange(l.BoundingBox.Bottom, 20 * PtPerMm - 1, page.Height - 20 * PtPerMm + 1));
                var text = string.Concat(line.Select(l => l.Value));
                if (text.StartsWith("Dòng", StringComparison.Ordinal))
                {
                    seen.Add(text);
                }
            }
        }
        Assert.Equal(lines, seen.Select(s => s.Normalize()));
    }

    [Fact]
    public void Column_spans_and_millimetre_widths_are_honoured()
    {
        var table = new Table();
        table.Columns.Add(TableColumn.Mm(40));
        table.Columns.Add(TableColumn.Relative(1));
        table.AddRow(new TableCell("I. CẢI CÁCH THỂ CHẾ") { ColumnSpan = 2, Bold = true });
        table.AddRow("A", "B");
        var document = new Document();
        document.AddSection().Add(table);

        using var read = Open(DocumentRenderer.Render(document));
        var page = read.GetPage(1);
        var b = page.Letters.Single(l => l.Value == "B");
        var padding = 1.5 * PtPerMm;
        Assert.InRange(b.StartBaseLine.X, (30 + 40) * PtPerMm + padding - 0.5, (30 + 40) * PtPerMm + padding + 0.5);
    }

    [Fact]
    public void A_5000_row_table_renders_in_linear_time()
    {
        // Ten times the rows must cost about ten times the time: a layout that re-measured earlier rows for each new one
        // (quadratic) would cost about a hundred times. Each size is the best of two runs (the first also warms up),
        // so one slow moment on a shared machine does not decide; 30 leaves room for noise and still fails quadratic.
        var (small, _) = BestOfTwo(500);
        var (large, pdf) = BestOfTwo(5000);

        using var read = Open(pdf);
        output.WriteLine($"500 rows: {small.TotalSeconds:F3} s; 5000 rows: {read.NumberOfPages} pages, {pdf.Length / 1024} KiB, {large.TotalSeconds:F3} s");
        Assert.True(large < small * 30, $"5000 rows took {large.TotalSeconds:F3} s, 500 rows {small.TotalSeconds:F3} s: not linear");
        Assert.True(read.NumberOfPages > 100, $"got {read.NumberOfPages} pages");
        Assert.Contains("Nhiệmvụsố5000", Squash(read.GetPage(read.NumberOfPages).Text));
    }

    private static (TimeSpan Elapsed, byte[] Pdf) BestOfTwo(int rows)
    {
        var best = TimeSpan.MaxValue;
        byte[] pdf = [];
        for (var run = 0; run < 2; run++)
        {
            var table = TaskTable(rows, i => $"Nhiệm vụ số {i}: cải thiện, nâng cao Chỉ số cải cách hành chính");
            var document = new Document();
            document.AddSection(PageSetup.Landscape()).Add(table);
            var clock = Stopwatch.StartNew();
            pdf = DocumentRenderer.Render(document);
            clock.Stop();
            if (clock.Elapsed < best) best = clock.Elapsed;
        }
        return (best, pdf);
    }
}
