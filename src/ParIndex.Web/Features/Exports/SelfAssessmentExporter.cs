using System.Globalization;
using ClosedXML.Excel;
using ParIndex.Documents;
using ParIndex.Documents.Word;
using ParIndex.Domain.Assessments;
using ParIndex.Domain.Formatting;
using ParIndex.Web.Features.Assessments;

namespace ParIndex.Web.Features.Exports;

/// <summary>
/// The self-assessment file the department sends to Sở Nội vụ: per sub-criterion the self score (of its maximum), the
/// reason given for it and the evidence (tài liệu kiểm chứng), grouped by area and criterion with their subtotals and
/// the total, every figure from the year's <see cref="ScoreSheet"/>. As a workbook, and as a Decree 30 report
/// ("BÁO CÁO Kết quả tự đánh giá, chấm điểm…") whose appendix is the same table, drawn as PDF and written as Word.
/// </summary>
public static class SelfAssessmentExporter
{
    private const double TableSize = 11;

    public static string WorkbookName(int year) => $"ho-so-tu-danh-gia-cchc-{year}.xlsx";
    public static string ReportName(int year, string extension) => $"bao-cao-tu-danh-gia-cchc-{year}.{extension}";

    public static string Summary(int year) => $"Kết quả tự đánh giá, chấm điểm Chỉ số cải cách hành chính năm {year}";

    /// <summary>
    /// The reason beside a self score: the note the department wrote, why points were lost below the maximum, and why a
    /// typed score is off the rule's scale, each on its line.
    /// </summary>
    public static string Reason(AssessmentDocument document, ScoreLine line)
    {
        var parts = new List<string>();
        if (document.NotesOf(line.SubCriterionId).SelfNote is { Length: > 0 } note) parts.Add(note);
        if (line.Self is { } self && self < line.MaxPoints && !string.IsNullOrWhiteSpace(line.LostReason))
            parts.Add($"Lý do không đạt điểm tối đa: {line.LostReason}");
        if (document.View.DetailOf(line.SubCriterionId).SelfOffScaleReason is { Length: > 0 } off)
            parts.Add($"Lý do điểm khác thang điểm: {off}");
        return string.Join("\n", parts);
    }

    /// <summary>"Tên tài liệu (đường dẫn hoặc tên tệp)", one a line.</summary>
    public static IReadOnlyList<string> EvidenceLines(IEnumerable<EvidenceRef> evidence) =>
        evidence.Select(e => string.IsNullOrWhiteSpace(e.Source) || e.Source == e.Title ? e.Title : $"{e.Title} ({e.Source})").ToList();

    private static IReadOnlyList<EvidenceRef> SelfEvidence(AssessmentDocument document, ScoreLine line) =>
        document.NotesOf(line.SubCriterionId).Of(EvidenceRound.Self);

    // ── Workbook ──────────────────────────────────────────────────────────────────────────────────────────────────

    public static byte[] Workbook(AssessmentDocument document)
    {
        var view = document.View;
        var appraised = view.Sheet.Total.HasAppraisal;
        using var workbook = new XLWorkbook();
        var sheet = workbook.Worksheets.Add($"Tự đánh giá {view.Year}");
        var columns = new List<(string, double)>
        {
            ("Cấp", 16), ("Mã", 9), ("Nội dung", 56), ("Điểm tối đa", 10), ("Điểm tự đánh giá", 11), ("Tỷ lệ tự đánh giá", 11),
            ("Lý do, giải trình điểm", 50), ("Tài liệu kiểm chứng", 50),
        };
        if (appraised) columns.Add(("Điểm thẩm định", 11));
        Xlsx.Header(sheet, 1, [.. columns]);
        var last = columns.Count;
        var row = 1;
        foreach (var area in view.Sheet.Areas)
        {
            row++;
            Subtotal(sheet, row, last, "Lĩnh vực", area.Code, $"Lĩnh vực {area.Code}: {area.Name}", area.Points, appraised, Xlsx.GroupFill);
            foreach (var criterion in area.Criteria)
            {
                row++;
                Subtotal(sheet, row, last, "Tiêu chí", criterion.Code, criterion.Name, criterion.Points, appraised, null);
                foreach (var (line, points) in criterion.SubCriteria)
                {
                    row++;
                    sheet.Cell(row, 1).Text("Tiêu chí thành phần");
                    sheet.Cell(row, 2).Text(line.Code);
                    sheet.Cell(row, 3).Text(line.Name);
                    sheet.Cell(row, 4).Number(line.MaxPoints);
                    sheet.Cell(row, 5).Number(line.Self);
                    if (line.Self is not null) sheet.Cell(row, 6).Percent(points.SelfPercent);
                    sheet.Cell(row, 7).Text(Reason(document, line));
                    sheet.Cell(row, 8).Text(string.Join("\n", EvidenceLines(SelfEvidence(document, line))));
                    if (appraised) sheet.Cell(row, 9).Number(line.Appraised);
                }
            }
        }
        row++;
        Subtotal(sheet, row, last, "Tổng", "", $"TỔNG ĐIỂM TỰ ĐÁNH GIÁ CHỈ SỐ CCHC NĂM {view.Year}", view.Sheet.Total, appraised, Xlsx.HeaderFill);
        Xlsx.Finish(sheet, 1, row, last, Summary(view.Year));

        // Every evidence document on a row of its own, with the link or the file's name in a column a filter can use.
        var list = workbook.Worksheets.Add("Tài liệu kiểm chứng");
        Xlsx.Header(list, 1, ("STT", 6), ("Mã", 9), ("Tiêu chí thành phần", 50), ("Tên tài liệu", 50), ("Đường dẫn hoặc tên tệp", 60));
        var n = 1;
        foreach (var line in view.Sheet.Lines)
        {
            foreach (var evidence in SelfEvidence(document, line))
            {
                n++;
                list.Cell(n, 1).Number(n - 1);
                list.Cell(n, 2).Text(line.Code);
                list.Cell(n, 3).Text(line.Name);
                list.Cell(n, 4).Text(evidence.Title);
                list.Cell(n, 5).Text(evidence.Source);
            }
        }
        Xlsx.Finish(list, 1, n, 5, $"Tài liệu kiểm chứng tự đánh giá Chỉ số CCHC năm {view.Year}");
        return Xlsx.Save(workbook);
    }

    private static void Subtotal(IXLWorksheet sheet, int row, int last, string level, string code, string name, Points points, bool appraised,
        XLColor? fill)
    {
        sheet.Cell(row, 1).Text(level);
        sheet.Cell(row, 2).Text(code);
        sheet.Cell(row, 3).Text(name);
        sheet.Cell(row, 4).Number(points.Max);
        sheet.Cell(row, 5).Number(points.Self);
        sheet.Cell(row, 6).Percent(points.SelfPercent);
        if (appraised) sheet.Cell(row, 9).Number(points.Appraised);
        var style = sheet.Range(row, 1, row, last).Style;
        style.Font.Bold = true;
        if (fill is not null) style.Fill.BackgroundColor = fill;
    }

    // ── The report (PDF and Word from one document) ───────────────────────────────────────────────────────────────

    public static byte[] Pdf(AssessmentDocument document) => DocumentRenderer.Render(Compose(document));

    public static byte[] Docx(AssessmentDocument document) => DocxRenderer.Render(Compose(document));

    public static Document Compose(AssessmentDocument source)
    {
        var view = source.View;
        var agency = source.Agency;
        var agencyInText = Nd30.InText(agency.Name);
        var total = view.Sheet.Total;
        var progress = ScoreProgress.Of(view.Sheet.Lines);
        var document = new Document { FontSize = Nd30.BodySize, Title = Vn.Nfc($"Báo cáo kết quả tự đánh giá Chỉ số CCHC năm {view.Year}") };
        var body = document.AddSection(new PageSetup { TopMm = 20, BottomMm = 20, LeftMm = 30, RightMm = 15 });
        body.PageNumbers = new PageNumberStyle { FontSize = Nd30.BodySize, FirstNumberedPage = 2 };

        Nd30.AddHeader(body, agency.ParentAgency, agency.Name, $"Số:      /BC-{source.Abbreviation}", agency.Place, null);
        Nd30.AddTitle(body, "BÁO CÁO", Summary(view.Year));

        Text(body, $"Căn cứ {view.FrameworkName}, {agencyInText} đã tổ chức tự đánh giá, chấm điểm Chỉ số cải cách hành chính " +
                   $"năm {view.Year} và báo cáo kết quả như sau:");

        body.Add(Nd30.Heading("I. KẾT QUẢ TỰ ĐÁNH GIÁ, CHẤM ĐIỂM"));
        var unscored = progress.Complete ? "" : $" (còn {progress.UnscoredCount} tiêu chí thành phần chưa chấm)";
        Text(body, $"Tổng điểm tự đánh giá: {Vn.Points(total.Self)}/{Vn.Points(total.Max)} điểm, đạt {Vn.Percent(total.SelfPercent)}{unscored}.");
        if (total.HasAppraisal)
        {
            var round = total.HasRound2 ? "thẩm định vòng 2" : "thẩm định vòng 1";
            Text(body, $"Kết quả sau {round} của Hội đồng thẩm định: {Vn.Points(total.Appraised)}/{Vn.Points(total.Max)} điểm, " +
                       $"đạt {Vn.Percent(total.AppraisedPercent)}.");
        }
        body.Add(Nd30.Heading("1. Kết quả theo lĩnh vực", ParagraphRole.Heading2));
        var areas = body.Add(new Table { HeaderRowCount = 1, FontSize = 12, CellPaddingMm = 1.2 });
        areas.Columns.Add(TableColumn.Mm(12));
        areas.Columns.Add(TableColumn.Relative(1));
        areas.Columns.Add(TableColumn.Mm(18));
        areas.Columns.Add(TableColumn.Mm(20));
        areas.Columns.Add(TableColumn.Mm(18));
        if (total.HasAppraisal) areas.Columns.Add(TableColumn.Mm(20));
        var headings = new List<string> { "STT", "Lĩnh vực", "Điểm tối đa", "Điểm tự đánh giá", "Tỷ lệ" };
        if (total.HasAppraisal) headings.Add("Điểm thẩm định");
        areas.AddRow(Nd30.HeaderCells([.. headings]));
        foreach (var area in view.Sheet.Areas)
        {
            var cells = new List<TableCell>
            {
                Nd30.Cell(area.Code, TextAlignment.Center), Nd30.Cell(area.Name), Nd30.Cell(Vn.Points(area.Points.Max), TextAlignment.Center),
                Nd30.Cell(Vn.Points(area.Points.Self), TextAlignment.Center), Nd30.Cell(Vn.Percent(area.Points.SelfPercent), TextAlignment.Center),
            };
            if (total.HasAppraisal) cells.Add(Nd30.Cell(Vn.Points(area.Points.Appraised), TextAlignment.Center));
            areas.AddRow(cells);
        }
        if (areas.Rows.Count > 1) areas.Rows[^1].KeepWithNext = true;
        var totals = new List<TableCell>
        {
            new("Tổng cộng") { ColumnSpan = 2, Bold = true, Alignment = TextAlignment.Center },
            new(Vn.Points(total.Max)) { Bold = true, Alignment = TextAlignment.Center },
            new(Vn.Points(total.Self)) { Bold = true, Alignment = TextAlignment.Center },
            new(Vn.Percent(total.SelfPercent)) { Bold = true, Alignment = TextAlignment.Center },
        };
        if (total.HasAppraisal) totals.Add(new TableCell(Vn.Points(total.Appraised)) { Bold = true, Alignment = TextAlignment.Center });
        areas.AddRow(totals);

        body.Add(Nd30.Heading("2. Tiêu chí thành phần không đạt điểm tối đa", ParagraphRole.Heading2));
        var lost = view.Sheet.Lines.Where(l => l.Self is { } s && s < l.MaxPoints).ToList();
        if (lost.Count == 0) Text(body, "Tất cả tiêu chí thành phần đã chấm đều đạt điểm tối đa.");
        foreach (var line in lost)
        {
            var why = string.IsNullOrWhiteSpace(line.LostReason) ? "" : $": {Clause(line.LostReason)}";
            Text(body, $"- {line.Code} ({Vn.Points(line.Self!.Value)}/{Vn.Points(line.MaxPoints)} điểm){why}.");
        }

        body.Add(Nd30.Heading("II. TÀI LIỆU KIỂM CHỨNG"));
        var evidenceCount = view.Sheet.Lines.Sum(l => SelfEvidence(source, l).Count);
        Text(body, $"Điểm tự đánh giá, lý do và {evidenceCount} tài liệu kiểm chứng của từng tiêu chí thành phần được nêu chi tiết tại Phụ lục kèm theo.");
        Text(body, $"Trên đây là báo cáo kết quả tự đánh giá, chấm điểm Chỉ số cải cách hành chính năm {view.Year} của {agencyInText}, " +
                   "kính đề nghị Sở Nội vụ xem xét, thẩm định.");
        Nd30.EndText(body);
        Nd30.AddSignature(body, "Sở Nội vụ;\nLãnh đạo Sở;\nLưu: VT, VP.", agency.SignerTitle, agency.SignerName);

        AddAppendix(document, source, agencyInText);
        return document;
    }

    private static void AddAppendix(Document document, AssessmentDocument source, string agencyInText)
    {
        var view = source.View;
        var appraised = view.Sheet.Total.HasAppraisal;
        var section = document.AddSection(PageSetup.Landscape());
        section.PageNumbers = new PageNumberStyle { FontSize = 13 };
        Nd30.AddAppendixTitle(section, "PHỤ LỤC", $"BẢNG TỰ ĐÁNH GIÁ, CHẤM ĐIỂM CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM {view.Year}",
            $"(Kèm theo Báo cáo kết quả tự đánh giá, chấm điểm Chỉ số cải cách hành chính năm {view.Year} của {agencyInText})");
        var table = section.Add(new Table { HeaderRowCount = 1, FontSize = TableSize, CellPaddingMm = 1.2 });
        table.Columns.Add(TableColumn.Mm(14));
        table.Columns.Add(TableColumn.Relative(3.2));
        table.Columns.Add(TableColumn.Mm(15));
        table.Columns.Add(TableColumn.Mm(18));
        if (appraised) table.Columns.Add(TableColumn.Mm(18));
        table.Columns.Add(TableColumn.Relative(3));
        table.Columns.Add(TableColumn.Relative(2.4));
        var headings = new List<string> { "Mã", "Lĩnh vực, tiêu chí, tiêu chí thành phần", "Điểm tối đa", "Điểm tự đánh giá" };
        if (appraised) headings.Add("Điểm thẩm định");
        headings.AddRange(["Lý do, giải trình điểm", "Tài liệu kiểm chứng"]);
        table.AddRow(Nd30.HeaderCells([.. headings]));
        var columns = headings.Count;

        foreach (var area in view.Sheet.Areas)
        {
            table.AddRow(GroupRow(area.Code, $"Lĩnh vực {area.Code}: {area.Name}", area.Points, appraised, columns)).KeepWithNext = true;
            foreach (var criterion in area.Criteria)
            {
                table.AddRow(GroupRow(criterion.Code, criterion.Name, criterion.Points, appraised, columns)).KeepWithNext = true;
                foreach (var (line, _) in criterion.SubCriteria)
                {
                    var cells = new List<TableCell>
                    {
                        Nd30.Cell(line.Code, TextAlignment.Center),
                        Nd30.Cell(line.Name, TextAlignment.Justify),
                        Nd30.Cell(Vn.Points(line.MaxPoints), TextAlignment.Center),
                        Nd30.Cell(line.Self is { } s ? Vn.Points(s) : "Chưa chấm", TextAlignment.Center),
                    };
                    if (appraised) cells.Add(Nd30.Cell(line.Appraised is { } a ? Vn.Points(a) : "", TextAlignment.Center));
                    cells.Add(Lines(Reason(source, line).Split('\n', StringSplitOptions.RemoveEmptyEntries)));
                    cells.Add(Lines(EvidenceLines(SelfEvidence(source, line))));
                    table.AddRow(cells);
                }
            }
        }
        table.Rows[^1].KeepWithNext = true;
        var total = view.Sheet.Total;
        var last = new List<TableCell>
        {
            new(Vn.Nfc($"TỔNG ĐIỂM NĂM {view.Year}")) { ColumnSpan = 2, Bold = true, Alignment = TextAlignment.Center },
            new(Vn.Points(total.Max)) { Bold = true, Alignment = TextAlignment.Center },
            new(Vn.Points(total.Self)) { Bold = true, Alignment = TextAlignment.Center },
        };
        if (appraised) last.Add(new TableCell(Vn.Points(total.Appraised)) { Bold = true, Alignment = TextAlignment.Center });
        last.Add(new TableCell("") { ColumnSpan = 2 });
        table.AddRow(last);
    }

    private static IEnumerable<TableCell> GroupRow(string code, string name, Points points, bool appraised, int columns)
    {
        yield return new TableCell(Vn.Nfc(code)) { Bold = true, Alignment = TextAlignment.Center };
        yield return new TableCell(Vn.Nfc(name)) { Bold = true };
        yield return new TableCell(Vn.Points(points.Max)) { Bold = true, Alignment = TextAlignment.Center };
        yield return new TableCell(Vn.Points(points.Self)) { Bold = true, Alignment = TextAlignment.Center };
        if (appraised) yield return new TableCell(Vn.Points(points.Appraised)) { Bold = true, Alignment = TextAlignment.Center };
        yield return new TableCell("") { ColumnSpan = columns - (appraised ? 5 : 4) };
    }

    /// <summary>A cell of several paragraphs (one reason or one evidence document each); an empty cell when none.</summary>
    internal static TableCell Lines(IEnumerable<string> lines)
    {
        var paragraphs = lines.Select(l => new Paragraph(Vn.Nfc(l)) { Alignment = TextAlignment.Left }).ToList();
        return paragraphs.Count == 0 ? new TableCell("") : new TableCell(paragraphs);
    }

    internal static void Text(Section body, string text) => body.Add(Nd30.BodyParagraph(new Run(Vn.Nfc(text))));

    /// <summary>A sentence used inside another: without its closing full stop.</summary>
    internal static string Clause(string text) => Vn.Nfc(text).Trim().TrimEnd('.', ';');

    internal static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);
}
