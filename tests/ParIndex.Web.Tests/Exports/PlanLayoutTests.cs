using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using ParIndex.Domain.Plans;
using static ParIndex.Web.Tests.Exports.ExportTestSupport;

namespace ParIndex.Web.Tests.Exports;

/// <summary>
/// The demo 2023 plan's PDF as a signable Decree 30 document: layout facts read back from the PDF itself, word boxes
/// by poppler's pdftotext -bbox and pixels by pdftoppm.
/// </summary>
[Collection(ExportCollection.Name)]
public sealed partial class PlanLayoutTests(ExportFixture fixture)
{
    private static readonly double LeftMargin = 30 * PtPerMm;

    private IReadOnlyList<BoxPage> Pages => _pages ??= PdfWords(fixture.PlanPdf);
    private IReadOnlyList<BoxPage>? _pages;

    /// <summary>Lines of a page without its number (drawn in the top margin).</summary>
    private static IReadOnlyList<BoxLine> TextLines(BoxPage page) => page.Lines(w => w.YMin > 18 * PtPerMm);

    [Fact]
    public void The_agency_name_breaks_between_whole_words_into_balanced_lines()
    {
        var page = Pages[0];
        var left = page.Lines(w => w.XMax < page.Width * 0.45 && w.YMax < 50 * PtPerMm);
        var texts = left.Select(l => l.Text).ToList();
        var first = texts.IndexOf("SỞ TÀI NGUYÊN");
        Assert.True(first >= 0, "agency lines: " + string.Join(" / ", texts));
        Assert.Equal("VÀ MÔI TRƯỜNG", texts[first + 1]);
        Assert.Equal("UBND TỈNH ĐẮK NÔNG", texts[first - 1]);
        var (a, b) = (left[first], left[first + 1]);
        Assert.InRange((a.XMax - a.XMin) / (b.XMax - b.XMin), 0.8, 1.25);
        // Both lines centred on the same axis.
        Assert.InRange((a.XMin + a.XMax) / 2 - (b.XMin + b.XMax) / 2, -2, 2);
    }

    [Fact]
    public void The_trich_yeu_is_complete_and_a_short_rule_is_drawn_under_it()
    {
        var page = Pages[0];
        var lines = TextLines(page);
        var type = lines.ToList().FindIndex(l => l.Text == "KẾ HOẠCH");
        var heading = lines.ToList().FindIndex(l => l.Text.StartsWith("I. ĐÁNH GIÁ", StringComparison.Ordinal));
        Assert.True(type > 0 && heading > type + 1, string.Join(" / ", lines.Select(l => l.Text)));
        var summary = lines.Skip(type + 1).Take(heading - type - 1).ToList();
        Assert.Equal("Cải thiện, nâng cao Chỉ số cải cách hành chính của Sở Tài nguyên và Môi trường năm 2023",
            string.Join(" ", summary.Select(l => l.Text)));
        Assert.Equal(2, summary.Count);
        Assert.InRange((summary[0].XMax - summary[0].XMin) / (summary[1].XMax - summary[1].XMin), 0.75, 1.33);

        // The rule: a dark horizontal run between the trích yếu and the first heading, centred, 1/3 to 1/2 of the line.
        const int dpi = 144;
        var scale = dpi / 72.0;
        var (width, _, pixels) = RenderPage(fixture.PlanPdf, 1, dpi);
        var from = (int)(summary[^1].YMax * scale) + 1;
        var to = (int)(lines[heading].YMin * scale) - 1;
        var best = (Length: 0, Start: 0);
        for (var y = from; y < to; y++)
        {
            var run = 0;
            for (var x = 0; x < width; x++)
            {
                run = pixels[y * width + x] < 128 ? run + 1 : 0;
                if (run > best.Length) best = (run, x - run + 1);
            }
        }
        var lengthMm = best.Length / scale / PtPerMm;
        var centreMm = (best.Start + best.Length / 2.0) / scale / PtPerMm;
        var lineMm = (summary[0].XMax - summary[0].XMin) / PtPerMm;
        Assert.InRange(lengthMm, lineMm / 4, lineMm / 2 + 1);
        Assert.InRange(centreMm, (30 + 195) / 2.0 - 3, (30 + 195) / 2.0 + 3);
    }

    private static readonly string[] Headings =
    [
        "I. ĐÁNH GIÁ KẾT QUẢ", "II. KẾ HOẠCH CẢI THIỆN", "1. Mục đích", "2. Yêu cầu", "3. Nhiệm vụ, giải pháp", "III. TỔ CHỨC THỰC HIỆN",
    ];

    [Fact]
    public void Headings_are_left_aligned_not_justified_balanced_and_never_the_last_line_of_a_page()
    {
        var found = 0;
        foreach (var page in Pages.Where(p => p.Width < p.Height))
        {
            var lines = TextLines(page);
            for (var i = 0; i < lines.Count; i++)
            {
                if (!Headings.Any(h => lines[i].Text.StartsWith(h, StringComparison.Ordinal))) continue;
                found++;
                var line = lines[i];
                Assert.InRange(line.XMin, LeftMargin + 10 * PtPerMm - 2, LeftMargin + 10 * PtPerMm + 2);
                // Not justified: the gaps between its words are plain spaces.
                var gaps = line.Words.Zip(line.Words.Skip(1), (a, b) => b.XMin - a.XMax).ToList();
                Assert.True(gaps.All(g => g < 6), $"'{line.Text}' has stretched gaps: {string.Join(", ", gaps.Select(g => g.ToString("0.0")))}");
                Assert.True(i < lines.Count - 1, $"'{line.Text}' is the last line of page {page.Number}");
                var next = lines[i + 1];
                // A heading over two lines is balanced: its second line is no lone word.
                if (line.Text.StartsWith("I. ", StringComparison.Ordinal) || line.Text.StartsWith("II. ", StringComparison.Ordinal))
                {
                    Assert.True(next.Words.Count >= 3, $"the heading '{line.Text}' leaves '{next.Text}' on its own line");
                    Assert.True(i + 1 < lines.Count - 1, $"the heading '{line.Text}' ends page {page.Number}");
                }
            }
        }
        Assert.Equal(Headings.Length, found);
    }

    [Fact]
    public void No_area_heading_ends_a_page_of_the_appendix()
    {
        var areas = 0;
        foreach (var page in Pages.Where(p => p.Width > p.Height))
        {
            var lines = TextLines(page);
            for (var i = 0; i < lines.Count; i++)
            {
                if (!lines[i].Text.StartsWith("Lĩnh vực ", StringComparison.Ordinal)) continue;
                areas++;
                Assert.True(i + 1 < lines.Count && int.TryParse(lines[i + 1].Words[0].Text, out _),
                    $"'{lines[i].Text}' on page {page.Number} is not followed by a task on the same page");
            }
        }
        Assert.True(areas >= 5, $"{areas} area headings found");
    }

    [GeneratedRegex(@"(?<!\d)(\d{1,2})/(\d{1,2})/(\d{4})(?!\d)")]
    private static partial Regex NumericDate();

    [GeneratedRegex(@"ngày (\d{1,2}) tháng (\d{1,2}) năm (\d{4})")]
    private static partial Regex WrittenDate();

    [Fact]
    public void Dates_carry_a_leading_zero_only_for_days_below_10_and_for_january_and_february()
    {
        // The header and the appendices, which the exporter writes (the sections' prose is the author's).
        var text = string.Join("\n", new[] { Pages[0].Lines(w => w.YMax < 50 * PtPerMm).Select(l => l.Text) }
            .Concat(Pages.Where(p => p.Width > p.Height).Select(p => p.Lines().Select(l => l.Text))).SelectMany(x => x));
        var dates = NumericDate().Matches(text).Concat(WrittenDate().Matches(text)).ToList();
        Assert.True(dates.Count > 100, $"{dates.Count} dates found");
        Assert.Contains("Đắk Nông, ngày 15 tháng 3 năm 2023", text);
        foreach (var date in dates)
        {
            var (day, month) = (date.Groups[1].Value, date.Groups[2].Value);
            Assert.True(day.Length == 2, $"'{date.Value}': the day has no leading zero");
            var m = int.Parse(month);
            Assert.True(m <= 2 ? month.Length == 2 : month.Length == (m >= 10 ? 2 : 1), $"'{date.Value}': the month is not as Decree 30 writes it");
        }
    }

    [Fact]
    public void The_text_ends_with_the_closing_mark_and_the_signature_never_stands_alone_on_a_page()
    {
        var page = Pages.First(p => p.Text.Contains("Nơi nhận:", StringComparison.Ordinal));
        var lines = TextLines(page);
        var recipients = lines.ToList().FindIndex(l => l.Text.StartsWith("Nơi nhận:", StringComparison.Ordinal));
        Assert.True(recipients >= 2, $"page {page.Number} holds {recipients} lines of text before the signature");
        Assert.EndsWith("./.", lines[recipients - 1].Text, StringComparison.Ordinal);
        Assert.Contains(lines.Skip(recipients), l => l.Text.Contains("GIÁM ĐỐC", StringComparison.Ordinal));
        Assert.Contains(lines.Skip(recipients), l => l.Text.Contains("Nguyễn Văn Hiệp", StringComparison.Ordinal));
        // The closing mark once, at the end of the text.
        Assert.Single(Regex.Matches(string.Join("\n", Pages.Select(p => p.Text)), @"\./\."));
    }

    [Fact]
    public async Task The_appendix_has_no_working_columns_leaves_cancelled_tasks_out_and_names_all_units_once()
    {
        var tasks = await fixture.Factory.WithDbAsync(async db =>
        {
            var units = await db.Units.CountAsync(u => u.RetiredOn == null);
            return (await db.PlanTasks.Where(t => t.Plan!.TargetYear == 2023)
                    .Select(t => new { t.Content, t.Status, Coordinators = t.Coordinators.Count }).ToListAsync())
                .Select(t => (t.Content, t.Status, Everyone: t.Coordinators + 1 >= units)).ToList();
        });
        Assert.Contains(tasks, t => t.Status == PlanTaskStatus.Cancelled);
        var appendix = Pages.Where(p => p.Width > p.Height).TakeWhile(p => !p.Text.Contains("PHỤ LỤC II", StringComparison.Ordinal)).ToList();
        string text; // in drawing order (cell by cell) for whole cells; the boxes below for positions
        using (var pig = UglyToad.PdfPig.PdfDocument.Open(fixture.PlanPdf))
            text = Squash(string.Concat(appendix.Select(p => pig.GetPage(p.Number).Text)));
        // The header row (repeated on every page of the table) names the document's columns only: no status, no percentage.
        foreach (var page in appendix.TakeWhile(p => !p.Text.Contains("Điểm bị mất năm", StringComparison.Ordinal)))
        {
            var lines = TextLines(page).ToList();
            var stt = lines.FindIndex(l => l.Words[0].Text == "STT");
            Assert.True(stt >= 0, $"page {page.Number} has no header row");
            // The header's cells are centred vertically: its words lie within a few lines of "STT", above the first row.
            var centre = (lines[stt].YMin + lines[stt].YMax) / 2;
            var firstRow = lines.Skip(stt + 1).First(l => int.TryParse(l.Words[0].Text, out _) || l.Text.StartsWith("Lĩnh vực", StringComparison.Ordinal));
            var header = page.Words.Where(w => Math.Abs((w.YMin + w.YMax) / 2 - centre) < 25 && w.YMax <= firstRow.YMin + 1)
                .Select(w => w.Text).ToList();
            foreach (var column in new[] { "Nhiệm", "Tiêu", "chủ", "phối", "Thời", "Sản" }) Assert.Contains(column, header);
            foreach (var working in new[] { "Trạng", "thái", "%", "Tiến", "Tỷ" }) Assert.DoesNotContain(working, header);
        }
        Assert.DoesNotContain(Squash("Trạng thái"), text);
        foreach (var (content, status, _) in tasks)
        {
            if (status == PlanTaskStatus.Cancelled) Assert.DoesNotContain(Squash(content), text);
            else Assert.Contains(Squash(content), text);
        }
        var everyone = tasks.Count(t => t.Everyone && t.Status != PlanTaskStatus.Cancelled);
        Assert.True(everyone >= 5);
        Assert.Equal(everyone, Regex.Count(text, Regex.Escape(Squash("Các phòng, đơn vị thuộc Sở"))));
        // The tasks' numbers run 1..n without the cancelled one.
        Assert.Contains(Squash($"{tasks.Count(t => t.Status != PlanTaskStatus.Cancelled)}"), text);
    }

    [Fact]
    public void The_whole_demo_plan_with_its_appendices_fits_in_18_pages_the_tasks_in_a_handful()
    {
        Assert.InRange(Pages.Count, 10, 18);
        var start = Pages.ToList().FindIndex(p => p.Text.Contains("PHỤ LỤC I", StringComparison.Ordinal));
        var losses = Pages.ToList().FindIndex(p => p.Text.Contains("Điểm bị mất năm 2022", StringComparison.Ordinal));
        Assert.InRange(losses - start + 1, 3, 6);
        // Every appendix page but the last of a table is used: no task page ends with more than a third of it empty.
        foreach (var page in Pages.Skip(start).Take(losses - start))
            Assert.True(TextLines(page)[^1].YMax > page.Height * 0.6, $"page {page.Number} ends at {TextLines(page)[^1].YMax / PtPerMm:0} mm");
    }
}
