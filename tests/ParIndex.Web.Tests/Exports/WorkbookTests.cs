using System.Globalization;
using System.IO.Compression;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using ParIndex.Web.Features.Assessments;
using static ParIndex.Web.Tests.Exports.ExportTestSupport;

namespace ParIndex.Web.Tests.Exports;

/// <summary>The workbooks reopened by ClosedXML and converted by LibreOffice: same figures as the app, typed cells, print-ready.</summary>
[Trait("Requires", "LibreOffice")]
[Collection(ExportCollection.Name)]
public sealed class WorkbookTests(ExportFixture fixture)
{
    [Fact]
    public async Task The_scores_workbook_totals_equal_the_apps_per_area_and_overall()
    {
        var view = (await fixture.Factory.WithDbAsync(db => new AssessmentReader(db).ReadAsync(2022)))!;
        using var workbook = OpenWorkbook(fixture.Scores);
        var sheet = workbook.Worksheet(1);
        var rows = sheet.RowsUsed().Skip(1).ToList();

        var total = rows.Single(r => r.Cell(1).GetString() == "Tổng");
        Assert.Equal(80.567m, total.Cell(8).GetValue<decimal>());
        Assert.Equal(view.Sheet.Total.Final, total.Cell(8).GetValue<decimal>());
        Assert.Equal(99m, total.Cell(4).GetValue<decimal>());
        foreach (var area in view.Sheet.Areas)
        {
            var row = rows.Single(r => r.Cell(1).GetString() == "Lĩnh vực" && r.Cell(2).GetString() == area.Code);
            Assert.Equal(area.Points.Max, row.Cell(4).GetValue<decimal>());
            Assert.Equal(area.Points.Final, row.Cell(8).GetValue<decimal>());
            Assert.Equal(area.Points.FinalPercent / 100m, Math.Round(row.Cell(9).GetValue<decimal>(), 4));
            Assert.Equal("0.00%", row.Cell(9).Style.NumberFormat.Format);
            Assert.Equal(XLDataType.Number, row.Cell(8).DataType);
        }
        Assert.Equal(view.Sheet.Areas.Sum(a => a.Criteria.Count), rows.Count(r => r.Cell(1).GetString() == "Tiêu chí"));
        Assert.Equal(view.Sheet.Lines.Count(), rows.Count(r => r.Cell(1).GetString() == "Tiêu chí thành phần"));

        var lost = view.Sheet.LostPoints[0];
        var lostRow = rows.Single(r => r.Cell(1).GetString() == "Tiêu chí thành phần" && r.Cell(2).GetString() == lost.Code);
        Assert.Equal(lost.Final, lostRow.Cell(8).GetValue<decimal>());
        Assert.Equal(lost.LostReason ?? "", lostRow.Cell(10).GetString());
        Assert.Equal(view.UnitName(lost.LeadUnitId), lostRow.Cell(11).GetString());
        Assert.False(sheet.CellsUsed().Any(c => c.HasFormula), "the scores are values, not formulas");
    }

    [Fact]
    public void The_scores_workbook_leaves_round_2_empty_where_there_was_no_round_2()
    {
        using var workbook = OpenWorkbook(fixture.Scores);
        var rows = workbook.Worksheet(1).RowsUsed().Skip(1).ToList();

        // 2022 was appraised once: round 1 everywhere, round 2 nowhere (it used to repeat round 1).
        Assert.All(rows, r => Assert.True(r.Cell(7).IsEmpty(), $"round 2 of {r.Cell(2).GetString()} should be empty"));
        var tthc = rows.Single(r => r.Cell(1).GetString() == "Tiêu chí thành phần" && r.Cell(2).GetString() == "3.5.1");
        Assert.Equal(3m, tthc.Cell(6).GetValue<decimal>());
        Assert.Equal(3m, tthc.Cell(8).GetValue<decimal>());
    }

    [Fact]
    public void The_scores_workbook_charges_lost_points_to_the_units_that_lost_them()
    {
        using var workbook = OpenWorkbook(fixture.Scores);
        var rows = workbook.Worksheet(1).RowsUsed().Skip(1).ToList();
        var tthc = rows.Single(r => r.Cell(1).GetString() == "Tiêu chí thành phần" && r.Cell(2).GetString() == "3.5.1");
        Assert.Equal("Đơn vị làm mất điểm", workbook.Worksheet(1).Cell(1, 12).GetString());
        Assert.Contains("Văn phòng Đăng ký đất đai 1,214 điểm", tthc.Cell(12).GetString());
        Assert.DoesNotContain("Văn phòng Sở", tthc.Cell(12).GetString());

        var units = workbook.Worksheet("Điểm mất theo đơn vị").RowsUsed().Skip(1).ToList();
        var vpdkdd = units.Where(r => r.Cell(1).GetString() == "Văn phòng Đăng ký đất đai").ToList();
        Assert.Equal(["3.5.1", "7.1.2"], vpdkdd.Select(r => r.Cell(2).GetString()));
        Assert.Equal(XLDataType.Number, vpdkdd[0].Cell(4).DataType);
        Assert.Equal(Math.Round(3m * 34 / 84, 3), vpdkdd[0].Cell(4).GetValue<decimal>());
        Assert.Equal("Theo số hồ sơ TTHC trễ hạn của từng đơn vị", vpdkdd[0].Cell(5).GetString());
        Assert.Equal(1.714m, units.Single(r => r.Cell(1).GetString() == "Cộng Văn phòng Đăng ký đất đai").Cell(4).GetValue<decimal>());
        Assert.Equal(10.266m, units.Single(r => r.Cell(1).GetString() == "Cộng Văn phòng Sở").Cell(4).GetValue<decimal>());
        var subtotals = units.Where(r => r.Cell(1).GetString().StartsWith("Cộng ", StringComparison.Ordinal)).Sum(r => r.Cell(4).GetValue<decimal>());
        Assert.Equal(18.433m, subtotals);
        Assert.Equal(18.433m, units.Single(r => r.Cell(1).GetString() == "Tổng cộng").Cell(4).GetValue<decimal>());
    }

    [Fact]
    public void The_appendix_workbook_lists_the_base_year_s_points_lost_per_unit()
    {
        using var workbook = OpenWorkbook(fixture.Appendix);
        var units = workbook.Worksheet("Điểm mất theo đơn vị").RowsUsed().Skip(1).ToList();

        Assert.Equal(18.433m, units.Single(r => r.Cell(1).GetString() == "Tổng cộng").Cell(4).GetValue<decimal>());
        var tthc = units.Where(r => r.Cell(2).GetString() == "3.5.1").ToDictionary(r => r.Cell(1).GetString(), r => r.Cell(4).GetValue<decimal>());
        Assert.Equal(5, tthc.Count);
        Assert.Equal(1.214m, tthc["Văn phòng Đăng ký đất đai"]);
        Assert.Equal(0.714m, tthc["Phòng Quy hoạch - Giao đất"]);
        Assert.Equal(3m, tthc.Values.Sum());
        var e712 = units.Where(r => r.Cell(2).GetString() == "7.1.2").Select(r => r.Cell(1).GetString()).ToList();
        Assert.Equal(["Văn phòng Đăng ký đất đai", "Quỹ Bảo vệ môi trường", "Trung tâm Đo đạc và Tư vấn tài nguyên môi trường"], e712);
    }

    [Fact]
    public void LibreOffice_reads_the_scores_with_the_same_figures()
    {
        var lines = fixture.Csv["scores.xlsx"].Split('\n');
        Assert.StartsWith("Cấp,Mã,Nội dung,Điểm tối đa,Tự chấm", lines[0]);
        var total = lines.Single(l => l.StartsWith("Tổng,", StringComparison.Ordinal));
        Assert.Contains(",99,", total);
        Assert.Contains(",80.567,", total); // LibreOffice's CSV uses its own (en-US) locale: '.' here, ',' in a Vietnamese Excel.
        Assert.Contains("81.38%", total);
        var area1 = lines.First(l => l.StartsWith("Lĩnh vực,1,", StringComparison.Ordinal));
        Assert.Contains("67.31%", area1);
    }

    [Fact]
    public void Every_sheet_has_a_frozen_filtered_header_set_widths_and_a_landscape_one_page_wide_print_setup()
    {
        foreach (var bytes in new[] { fixture.Scores, fixture.Appendix, fixture.Dossiers })
        {
            using var workbook = OpenWorkbook(bytes);
            foreach (var sheet in workbook.Worksheets)
            {
                Assert.Equal(1, sheet.SheetView.SplitRow);
                Assert.True(sheet.AutoFilter.IsEnabled, $"{sheet.Name}: no autofilter");
                Assert.True(sheet.Cell(1, 1).Style.Font.Bold);
                foreach (var column in sheet.ColumnsUsed()) Assert.InRange(column.Width, 5, 70);
                Assert.Equal(XLPageOrientation.Landscape, sheet.PageSetup.PageOrientation);
                Assert.Equal(1, sheet.PageSetup.PagesWide);
                Assert.Equal(0, sheet.PageSetup.PagesTall);
                Assert.Equal(1, sheet.PageSetup.FirstRowToRepeatAtTop);
                Assert.Equal(1, sheet.PageSetup.LastRowToRepeatAtTop);
            }
        }
    }

    [Fact]
    public void The_appendix_prints_with_wrapped_cells_each_row_as_tall_as_its_longest_text()
    {
        using var workbook = OpenWorkbook(fixture.Appendix);
        var sheet = workbook.Worksheet(1);
        var page = sheet.PageSetup;
        Assert.Equal(XLPageOrientation.Landscape, page.PageOrientation);
        Assert.Equal(XLPaperSize.A4Paper, page.PaperSize);
        Assert.Equal(1, page.PagesWide);
        Assert.Equal((1, 1), (page.FirstRowToRepeatAtTop, page.LastRowToRepeatAtTop));
        Assert.Single(page.PrintAreas);
        foreach (var row in sheet.RowsUsed().Skip(1))
        {
            var needed = row.CellsUsed().Max(c => Lines(c.GetString(), sheet.Column(c.Address.ColumnNumber).Width));
            Assert.All(row.CellsUsed(), c => Assert.True(c.Style.Alignment.WrapText, $"{c.Address} does not wrap"));
            // Written into the file: a printer that does not measure rows would otherwise print one line per row.
            Assert.True(row.Height >= needed * 15 - 0.01, $"row {row.RowNumber()}: {row.Height} pt for {needed} lines");
        }
        Assert.Contains(sheet.RowsUsed().Skip(1), r => r.Height >= 45);

        // Lines of a text in a column of that width (a width-w column shows at least w-1 characters a line).
        static int Lines(string text, double width) =>
            text.Split('\n').Sum(p => Math.Max(1, (p.Length + (int)width - 2) / ((int)width - 1)));
    }

    [Fact]
    public async Task The_appendix_workbook_has_one_row_per_task_with_real_dates()
    {
        var tasks = await fixture.Factory.WithDbAsync(db => db.PlanTasks.AsNoTracking().Where(t => t.Plan!.TargetYear == 2023)
            .Select(t => new { t.Content, t.DueDate }).ToListAsync());
        using var workbook = OpenWorkbook(fixture.Appendix);
        var sheet = workbook.Worksheet(1);
        Assert.Equal("Nhiệm vụ, giải pháp", sheet.Cell(1, 3).GetString());
        var rows = sheet.RowsUsed().Skip(1).ToList();
        Assert.Equal(tasks.Count, rows.Count);
        Assert.Equal(tasks.Select(t => t.Content).Order(), rows.Select(r => r.Cell(3).GetString()).Order());
        var dated = rows.First(r => !r.Cell(7).IsEmpty());
        Assert.Equal(XLDataType.DateTime, dated.Cell(7).DataType);
        Assert.Equal("dd/mm/yyyy", dated.Cell(7).Style.DateFormat.Format);
        Assert.Equal(XLDataType.Number, rows[0].Cell(1).DataType);

        var csv = fixture.Csv["appendix.xlsx"];
        foreach (var task in tasks) Assert.Contains(task.Content.Replace("\"", "\"\""), csv);
    }

    [Fact]
    public void Text_that_looks_like_a_formula_stays_text()
    {
        using var workbook = OpenWorkbook(fixture.DraftAppendix);
        var rows = workbook.Worksheet(1).RowsUsed().Skip(1).ToList();
        Assert.Equal(ExportFixture.FormulaLikeTasks.Length, rows.Count);
        foreach (var (row, expected) in rows.Zip(ExportFixture.FormulaLikeTasks))
        {
            var cell = row.Cell(3);
            Assert.False(cell.HasFormula, $"'{expected}' became a formula");
            Assert.Equal(expected, cell.GetString());
            Assert.Equal(XLDataType.Text, cell.DataType);
            Assert.True(cell.Style.IncludeQuotePrefix);
        }
        // No <f> element anywhere in the sheet's XML: nothing for Excel to evaluate.
        using var zip = new ZipArchive(new MemoryStream(fixture.DraftAppendix));
        using var reader = new StreamReader(zip.GetEntry("xl/worksheets/sheet1.xml")!.Open());
        Assert.DoesNotContain("<x:f>", reader.ReadToEnd().Replace("<f>", "<x:f>"));

        // LibreOffice shows the text itself, not "y" (the HYPERLINK result).
        Assert.Contains("\"=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"", fixture.Csv["draft.xlsx"]);
    }

    [Fact]
    public async Task The_dossier_workbook_lists_the_84_late_dossiers_and_counts_by_unit()
    {
        using var workbook = OpenWorkbook(fixture.Dossiers);
        var list = workbook.Worksheet("Hồ sơ trễ hạn");
        var rows = list.RowsUsed().Skip(1).ToList();
        Assert.Equal(84, rows.Count);
        var code = await fixture.Factory.WithDbAsync(db => db.Dossiers.OrderBy(d => d.Code).Select(d => d.Code).FirstAsync());
        Assert.Contains(rows, r => r.Cell(2).GetString() == code);
        Assert.All(rows, r => Assert.Equal(XLDataType.DateTime, r.Cell(5).DataType));
        Assert.All(rows, r => Assert.True(r.Cell(8).GetValue<int>() > 0));

        var byUnit = workbook.Worksheet("Theo đơn vị").RowsUsed().Skip(1)
            .ToDictionary(r => r.Cell(2).GetString(), r => r.Cell(3).GetValue<int>());
        Assert.Equal(20, byUnit["Phòng Quy hoạch - Giao đất"]);
        Assert.Equal(19, byUnit["Chi cục Bảo vệ môi trường"]);
        Assert.Equal(34, byUnit["Văn phòng Đăng ký đất đai"]);
        Assert.Equal(84, byUnit["Tổng cộng"]);

        var csv = fixture.Csv["dossiers.xlsx#Hồ sơ trễ hạn"];
        Assert.Contains(code, csv);
        // A real date: LibreOffice prints it through the cell's dd/mm/yyyy format.
        var received = rows.First(r => r.Cell(2).GetString() == code).Cell(5).GetDateTime();
        Assert.Contains(received.ToString("dd'/'MM'/'yyyy", CultureInfo.InvariantCulture), csv);
        Assert.Contains("Tổng cộng,84", fixture.Csv["dossiers.xlsx#Theo đơn vị"]);
    }
}
