using System.Globalization;
using ClosedXML.Excel;
using ParIndex.Documents;
using ParIndex.Documents.Word;
using ParIndex.Domain.Formatting;
using ParIndex.Domain.Plans;
using ParIndex.Web.Features.Exports;

namespace ParIndex.Web.Features.Plans;

/// <summary>
/// The report on the plan's progress for a period (Báo cáo kết quả thực hiện Kế hoạch cải thiện Chỉ số CCHC), the
/// periodic report that criterion 1.2 of the index scores: a Decree 30 report (PDF and Word from one document) with
/// the figures, the counts per unit and the overdue tasks with their reasons, and an appendix of every task as it
/// stood; and the same rows as a workbook.
/// </summary>
public static class ProgressReportExporter
{
    private const double TableSize = 11;

    public static byte[] Pdf(ProgressReport report) => DocumentRenderer.Render(Compose(report));

    public static byte[] Docx(ProgressReport report) => DocxRenderer.Render(Compose(report));

    public static string FileStem(ProgressReport report) => $"bao-cao-ket-qua-ke-hoach-cchc-{report.Plan.TargetYear}-{report.Period.Slug}";

    /// <summary>"Báo cáo số …/BC-STNMT": the plan's symbol with the report's type.</summary>
    public static string NumberLine(PlanExport plan)
    {
        var symbol = plan.Number is { } n && n.IndexOf('-', StringComparison.Ordinal) is var dash and >= 0 ? n[(dash + 1)..] : "";
        return symbol.Length > 0 ? $"Số:      /BC-{symbol}" : "Số:      /BC";
    }

    /// <summary>"Kết quả thực hiện Kế hoạch cải thiện, nâng cao Chỉ số cải cách hành chính quý I năm 2023".</summary>
    public static string Title(ProgressReport report) =>
        $"Kết quả thực hiện Kế hoạch cải thiện, nâng cao Chỉ số cải cách hành chính {report.Period.Phrase}";

    public static Document Compose(ProgressReport report)
    {
        var plan = report.Plan;
        var document = new Document { FontSize = Nd30.BodySize, Title = Vn.Nfc($"Báo cáo kết quả thực hiện Kế hoạch cải thiện Chỉ số CCHC {report.Period.Phrase}") };
        var body = document.AddSection(new PageSetup { TopMm = 20, BottomMm = 20, LeftMm = 30, RightMm = 15 });
        body.PageNumbers = new PageNumberStyle { FontSize = Nd30.BodySize, FirstNumberedPage = 2 };

        Nd30.AddHeader(body, plan.ParentAgency, plan.Agency, NumberLine(plan), plan.Place, null);
        Nd30.AddTitle(body, "BÁO CÁO", Title(report));

        var basis = plan.Number is { Length: > 0 } number ? $"Kế hoạch số {number}" : "Kế hoạch";
        var issued = plan.PlanDate is { } date ? $" {Nd30.Long(date)}" : "";
        Text(body, $"Thực hiện {basis}{issued} của {plan.AgencyInText} về cải thiện, nâng cao Chỉ số cải cách hành chính năm {plan.TargetYear}, " +
                   $"{plan.AgencyInText} báo cáo kết quả thực hiện {report.Period.Phrase} (số liệu tính đến {Nd30.Long(report.AsOf)}) như sau:");

        body.Add(Nd30.Heading("I. KẾT QUẢ THỰC HIỆN"));
        var total = report.Tasks.Count(t => t.Status != PlanTaskStatus.Cancelled);
        var done = report.Count(PlanTaskStatus.Done);
        var share = total == 0 ? 0 : Math.Round(100m * done / total, 2);
        var cancelled = report.Count(PlanTaskStatus.Cancelled);
        Text(body, $"Kế hoạch có {total} nhiệm vụ{(cancelled > 0 ? $" (không kể {cancelled} nhiệm vụ đã hủy)" : "")}; đến {Nd30.Long(report.AsOf)}: " +
                   $"hoàn thành {done} nhiệm vụ, đạt {Vn.Percent(share)}; đang thực hiện {report.Count(PlanTaskStatus.InProgress)} nhiệm vụ; " +
                   $"chưa thực hiện {report.Count(PlanTaskStatus.NotStarted)} nhiệm vụ; quá hạn {report.Overdue} nhiệm vụ " +
                   "(chi tiết tại Phụ lục kèm theo).");

        body.Add(Nd30.Heading("1. Kết quả theo đơn vị chủ trì", ParagraphRole.Heading2));
        var units = body.Add(new Table { HeaderRowCount = 1, FontSize = 12, CellPaddingMm = 1.2 });
        foreach (var column in new[] { TableColumn.Mm(12), TableColumn.Relative(1), TableColumn.Mm(17), TableColumn.Mm(19), TableColumn.Mm(19), TableColumn.Mm(19), TableColumn.Mm(16) })
            units.Columns.Add(column);
        units.AddRow(Nd30.HeaderCells("STT", "Đơn vị chủ trì", "Số nhiệm vụ", "Hoàn thành", "Đang thực hiện", "Chưa thực hiện", "Quá hạn"));
        var n = 0;
        var rows = report.Units();
        foreach (var unit in rows)
            units.AddRow(Nd30.Cell((++n).ToString(CultureInfo.InvariantCulture), TextAlignment.Center), Nd30.Cell(unit.Unit),
                Count(unit.Total - unit.Cancelled), Count(unit.Done), Count(unit.InProgress), Count(unit.NotStarted), Count(unit.Overdue));
        if (units.Rows.Count > 1) units.Rows[^1].KeepWithNext = true;
        units.AddRow(new TableCell("Tổng cộng") { ColumnSpan = 2, Bold = true, Alignment = TextAlignment.Center },
            Count(rows.Sum(u => u.Total - u.Cancelled), bold: true), Count(rows.Sum(u => u.Done), bold: true),
            Count(rows.Sum(u => u.InProgress), bold: true), Count(rows.Sum(u => u.NotStarted), bold: true), Count(rows.Sum(u => u.Overdue), bold: true));

        body.Add(Nd30.Heading("2. Nhiệm vụ quá hạn và nguyên nhân", ParagraphRole.Heading2));
        var overdue = report.Tasks.Where(t => t.IsOverdue).ToList();
        if (overdue.Count == 0) Text(body, $"Đến {Nd30.Long(report.AsOf)}, không có nhiệm vụ quá hạn.");
        foreach (var task in overdue)
            Text(body, $"- Nhiệm vụ {task.Number}: {Clause(task.Task.Content)} ({task.Task.LeadUnit} chủ trì; thời hạn {PlanPdfExporter.Deadline(task.Task)}): " +
                       $"{Clause(task.Reason ?? "")}.");
        var cancelledTasks = report.Tasks.Where(t => t.Status == PlanTaskStatus.Cancelled).ToList();
        if (cancelledTasks.Count > 0)
        {
            body.Add(Nd30.Heading("3. Nhiệm vụ đã hủy", ParagraphRole.Heading2));
            foreach (var task in cancelledTasks)
                Text(body, $"- Nhiệm vụ {task.Number}: {Clause(task.Task.Content)} ({task.Task.LeadUnit}): {Clause(task.Reason ?? "không nêu lý do")}.");
        }

        body.Add(Nd30.Heading("II. NHIỆM VỤ TRỌNG TÂM KỲ TỚI"));
        var upcoming = report.Upcoming();
        if (upcoming.Count == 0)
            Text(body, "Các phòng, đơn vị tiếp tục thực hiện các nhiệm vụ chưa hoàn thành của Kế hoạch, khắc phục ngay các nhiệm vụ quá hạn.");
        foreach (var task in upcoming)
            Text(body, $"- {Clause(task.Task.Content)} ({task.Task.LeadUnit} chủ trì; hạn {Nd30.Date(task.NextDue!.Value)}).");
        Text(body, $"Trên đây là báo cáo kết quả thực hiện Kế hoạch cải thiện, nâng cao Chỉ số cải cách hành chính {report.Period.Phrase} của {plan.AgencyInText}.");
        Nd30.EndText(body);
        Nd30.AddSignature(body, "Sở Nội vụ (b/c);\nLãnh đạo Sở;\nCác phòng, đơn vị thuộc Sở;\nLưu: VT, VP.", plan.SignerTitle, plan.SignerName);

        AddAppendix(document, report);
        return document;
    }

    private static void AddAppendix(Document document, ProgressReport report)
    {
        var section = document.AddSection(PageSetup.Landscape());
        section.PageNumbers = new PageNumberStyle { FontSize = 13 };
        Nd30.AddAppendixTitle(section, "PHỤ LỤC",
            $"KẾT QUẢ THỰC HIỆN NHIỆM VỤ CẢI THIỆN, NÂNG CAO CHỈ SỐ CẢI CÁCH HÀNH CHÍNH ĐẾN {Nd30.Long(report.AsOf).ToUpper(Vn.Culture)}",
            $"(Kèm theo Báo cáo kết quả thực hiện Kế hoạch {report.Period.Phrase} của {report.Plan.AgencyInText})");
        var table = section.Add(new Table { HeaderRowCount = 1, FontSize = TableSize, CellPaddingMm = 1.2 });
        foreach (var column in new[]
                 {
                     TableColumn.Mm(11), TableColumn.Relative(4), TableColumn.Mm(28), TableColumn.Mm(24), TableColumn.Mm(25),
                     TableColumn.Relative(3.2), TableColumn.Relative(1.6),
                 })
            table.Columns.Add(column);
        table.AddRow(Nd30.HeaderCells("STT", "Nhiệm vụ, giải pháp", "Đơn vị chủ trì", "Thời hạn hoàn thành", "Tình trạng", "Kết quả, sản phẩm",
            "Minh chứng"));
        foreach (var group in report.Tasks.GroupBy(t => t.Group))
        {
            table.AddRow(new TableCell(Vn.Nfc(group.Key)) { ColumnSpan = 7, Bold = true }).KeepWithNext = true;
            foreach (var task in group)
                table.AddRow(
                    Nd30.Cell(task.Number.ToString(CultureInfo.InvariantCulture), TextAlignment.Center),
                    Nd30.Cell(task.Task.Content, TextAlignment.Justify),
                    Nd30.Cell(task.Task.LeadUnit),
                    Nd30.Cell(PlanPdfExporter.Deadline(task.Task), TextAlignment.Center),
                    Nd30.Cell(task.StatusText, TextAlignment.Center),
                    Nd30.Cell(task.Result ?? "Chưa có báo cáo tiến độ."),
                    Nd30.Cell(task.Evidence.Count == 0 ? "" : string.Join("\n", task.Evidence)));
        }
    }

    /// <summary>The same report as a workbook: every task as it stood, and the counts per unit.</summary>
    public static byte[] Workbook(ProgressReport report)
    {
        using var workbook = new XLWorkbook();
        using var body = new BodyStyles();
        var sheet = workbook.Worksheets.Add("Kết quả nhiệm vụ");
        Features.Exports.Xlsx.Header(sheet, 1,
            ("STT", 6), ("Lĩnh vực", 26), ("Nhiệm vụ, giải pháp", 56), ("Đơn vị chủ trì", 24), ("Đơn vị phối hợp", 28), ("Thời hạn", 20),
            ("Tình trạng", 16), ("Quá hạn", 9), ("Tỷ lệ hoàn thành", 11), ("Kết quả, sản phẩm", 48), ("Minh chứng", 30), ("Nguyên nhân, lý do", 40));
        var row = 1;
        foreach (var task in report.Tasks)
        {
            row++;
            body.Count(sheet.Cell(row, 1), task.Number);
            body.Text(sheet.Cell(row, 2), task.Group);
            body.Text(sheet.Cell(row, 3), task.Task.Content);
            body.Text(sheet.Cell(row, 4), task.Task.LeadUnit);
            body.Text(sheet.Cell(row, 5), string.Join("; ", task.Task.CoordinatingUnits));
            body.Text(sheet.Cell(row, 6), PlanPdfExporter.Deadline(task.Task));
            body.Text(sheet.Cell(row, 7), task.Status.ToVietnamese());
            body.Text(sheet.Cell(row, 8), task.IsOverdue ? "Có" : "Không");
            sheet.Cell(row, 9).Percent(task.Percent);
            body.Text(sheet.Cell(row, 10), task.Result);
            body.Text(sheet.Cell(row, 11), string.Join("\n", task.Evidence));
            body.Text(sheet.Cell(row, 12), task.Reason);
        }
        Features.Exports.Xlsx.Finish(sheet, 1, row, 12, Vn.Nfc($"Kết quả thực hiện Kế hoạch cải thiện Chỉ số CCHC {report.Period.Phrase} (đến {Nd30.Date(report.AsOf)})"),
            bodyStyled: true);

        var units = workbook.Worksheets.Add("Theo đơn vị");
        Features.Exports.Xlsx.Header(units, 1, ("STT", 6), ("Đơn vị chủ trì", 36), ("Số nhiệm vụ", 12), ("Hoàn thành", 12), ("Đang thực hiện", 12),
            ("Chưa thực hiện", 12), ("Quá hạn", 10), ("Đã hủy", 10));
        var r = 1;
        var all = report.Units();
        foreach (var unit in all)
        {
            r++;
            units.Cell(r, 1).Number(r - 1);
            units.Cell(r, 2).Text(unit.Unit);
            units.Cell(r, 3).Number(unit.Total - unit.Cancelled);
            units.Cell(r, 4).Number(unit.Done);
            units.Cell(r, 5).Number(unit.InProgress);
            units.Cell(r, 6).Number(unit.NotStarted);
            units.Cell(r, 7).Number(unit.Overdue);
            units.Cell(r, 8).Number(unit.Cancelled);
        }
        r++;
        units.Cell(r, 2).Text("Tổng cộng").Style.Font.Bold = true;
        units.Cell(r, 3).Number(all.Sum(u => u.Total - u.Cancelled));
        units.Cell(r, 4).Number(all.Sum(u => u.Done));
        units.Cell(r, 5).Number(all.Sum(u => u.InProgress));
        units.Cell(r, 6).Number(all.Sum(u => u.NotStarted));
        units.Cell(r, 7).Number(all.Sum(u => u.Overdue));
        units.Cell(r, 8).Number(all.Sum(u => u.Cancelled));
        units.Range(r, 1, r, 8).Style.Font.Bold = true;
        Features.Exports.Xlsx.Finish(units, 1, r, 8, Vn.Nfc($"Kết quả theo đơn vị {report.Period.Phrase}"));
        return Features.Exports.Xlsx.Save(workbook);
    }

    private static TableCell Count(int value, bool bold = false) =>
        new(value.ToString(CultureInfo.InvariantCulture)) { Alignment = TextAlignment.Center, Bold = bold };

    /// <summary>A sentence used inside another: no closing full stop, lower case after the colon kept as written.</summary>
    private static string Clause(string text) => Vn.Nfc(text).Trim().TrimEnd('.', ';');

    private static void Text(Section body, string text) => body.Add(Nd30.BodyParagraph(new Run(Vn.Nfc(text))));
}
