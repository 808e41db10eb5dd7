using System.Globalization;
using ParIndex.Documents;
using ParIndex.Domain.Formatting;
using ParIndex.Domain.Plans;

namespace ParIndex.Web.Features.Plans;

/// <summary>
/// The plan as an administrative document in the form of Decree 30/2020/NĐ-CP: the body on A4 portrait
/// (two-column header, title, sections I–III, recipients and signer), then the appendix of tasks in landscape
/// and, where the base year had late dossiers, the appendix of late dossiers.
/// </summary>
public static class PlanPdfExporter
{
    private const double BodySize = 14;
    private const double Indent = 10;

    public static byte[] Render(PlanExport plan) => DocumentRenderer.Render(Compose(plan));

    public static Document Compose(PlanExport plan)
    {
        var document = new Document { FontSize = BodySize, Title = Vn.Nfc($"Kế hoạch cải thiện, nâng cao Chỉ số CCHC năm {plan.TargetYear}") };
        var body = document.AddSection(new PageSetup { TopMm = 20, BottomMm = 20, LeftMm = 30, RightMm = 15 });
        body.PageNumbers = new PageNumberStyle { FontSize = BodySize, FirstNumberedPage = 2 };

        AddHeader(body, plan);
        body.Add(Centered(Bold("KẾ HOẠCH"), spaceBefore: 18));
        body.Add(Centered(Bold($"Cải thiện, nâng cao Chỉ số cải cách hành chính năm {plan.TargetYear}"), spaceAfter: 12));

        body.Add(Heading($"I. ĐÁNH GIÁ KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM {plan.BaseYear}"));
        AddText(body, plan.Evaluation);

        body.Add(Heading($"II. KẾ HOẠCH CẢI THIỆN, NÂNG CAO CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM {plan.TargetYear}"));
        body.Add(Heading("1. Mục đích"));
        AddText(body, plan.Purpose);
        body.Add(Heading("2. Yêu cầu"));
        AddText(body, plan.Requirements);
        body.Add(Heading("3. Nhiệm vụ, giải pháp"));
        body.Add(BodyParagraph(new Run("(Có Phụ lục kèm theo)") { Italic = true }));

        body.Add(Heading("III. TỔ CHỨC THỰC HIỆN"));
        AddText(body, plan.Organisation);

        AddSignature(body, plan);

        var hasDossiers = plan.LateDossiers.Count > 0;
        AddTaskAppendix(document, plan, hasDossiers ? "PHỤ LỤC I" : "PHỤ LỤC");
        if (hasDossiers) AddDossierAppendix(document, plan, "PHỤ LỤC II");
        return document;
    }

    /// <summary>Decree 30 writes a leading zero only for days below 10 and for January and February.</summary>
    public static string DateLine(string place, DateOnly? date)
    {
        var prefix = string.IsNullOrWhiteSpace(place) ? "" : $"{place}, ";
        if (date is not { } d) return $"{prefix}ngày     tháng     năm";
        var month = d.Month <= 2 ? d.Month.ToString("00", CultureInfo.InvariantCulture) : d.Month.ToString(CultureInfo.InvariantCulture);
        return $"{prefix}ngày {d.Day:00} tháng {month} năm {d.Year}";
    }

    public static string Deadline(ExportTask task)
    {
        if (task.Recurrence != Recurrence.None && task.DueDates.Count > 0)
            return $"{task.Recurrence.ToVietnamese()}: {string.Join("; ", task.DueDates.Select(Vn.Date))}";
        return task.DueDate is { } d ? Vn.Date(d) : "";
    }

    private static void AddHeader(Section body, PlanExport plan)
    {
        var header = body.Add(new TwoColumnBlock { LeftFraction = 0.42 });
        header.Left.Add(Centered(new Run(Upper(plan.ParentAgency)), size: 13));
        header.Left.Add(Centered(Bold(Upper(plan.Agency)), size: 13));
        header.Left.RuleAfterParagraph = 1;
        header.Left.RuleWidthMm = 22;
        header.Left.Add(Centered(new Run($"Số: {plan.Number ?? "      /KH"}"), size: 13, spaceBefore: 8));

        header.Right.Add(Centered(Bold("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), size: 12.5));
        header.Right.Add(Centered(Bold("Độc lập - Tự do - Hạnh phúc"), size: 13.5));
        header.Right.RuleAfterParagraph = 1;
        header.Right.Add(Centered(new Run(DateLine(plan.Place, plan.PlanDate)) { Italic = true }, size: 13.5, spaceBefore: 8));
    }

    private static void AddSignature(Section body, PlanExport plan)
    {
        var block = body.Add(new TwoColumnBlock { LeftFraction = 0.5 });
        block.Left.Add(new Paragraph(new Run("Nơi nhận:") { Bold = true, Italic = true, FontSize = 12 }) { SpaceBeforePt = 12 });
        var recipients = plan.Recipients.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(r => r.StartsWith('-') ? r : $"- {r}");
        foreach (var recipient in recipients)
            block.Left.Add(new Paragraph(new Run(Vn.Nfc(recipient)) { FontSize = 11 }) { FontSize = 11 });

        block.Right.Add(Centered(Bold(Upper(plan.SignerTitle)), spaceBefore: 12, spaceAfter: 64));
        block.Right.Add(Centered(Bold(plan.SignerName)));
    }

    private static void AddTaskAppendix(Document document, PlanExport plan, string heading)
    {
        var section = document.AddSection(PageSetup.Landscape());
        section.PageNumbers = new PageNumberStyle { FontSize = 13 };
        section.Add(Centered(Bold(heading)));
        section.Add(Centered(Bold($"NHIỆM VỤ, GIẢI PHÁP CẢI THIỆN, NÂNG CAO CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM {plan.TargetYear}")));
        section.Add(Centered(new Run(AttachedTo(plan)) { Italic = true }, spaceAfter: 8));

        var table = section.Add(new Table { HeaderRowCount = 1, FontSize = 11 });
        foreach (var column in new[]
                 {
                     TableColumn.Mm(11), TableColumn.Relative(5), TableColumn.Mm(22), TableColumn.Relative(2), TableColumn.Relative(2.4),
                     TableColumn.Mm(27), TableColumn.Relative(2.6), TableColumn.Mm(22),
                 })
            table.Columns.Add(column);
        table.AddRow(HeaderCells("STT", "Nhiệm vụ, giải pháp", "Tiêu chí hướng tới", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời hạn",
            "Sản phẩm", "Trạng thái"));

        var number = 0;
        foreach (var group in plan.Groups())
        {
            table.AddRow(new TableCell(Vn.Nfc(group.Title)) { ColumnSpan = 8, Bold = true });
            foreach (var task in group.Tasks)
            {
                table.AddRow(
                    Cell((++number).ToString(CultureInfo.InvariantCulture), TextAlignment.Center),
                    Cell(task.Content, TextAlignment.Justify),
                    Cell(string.Join(", ", task.TargetCodes), TextAlignment.Center),
                    Cell(task.LeadUnit),
                    Cell(string.Join("; ", task.CoordinatingUnits)),
                    Cell(Deadline(task), TextAlignment.Center),
                    Cell(task.ExpectedOutput ?? ""),
                    Cell(task.Status.ToVietnamese(), TextAlignment.Center));
            }
        }

        if (plan.UnitLosses.Count == 0) return;
        // The units that lost the base year's points: the ground on which the tasks above are given to them.
        section.Add(new Paragraph(Bold($"Điểm bị mất năm {plan.BaseYear} theo đơn vị")) { KeepWithNext = true, SpaceBeforePt = 12, SpaceAfterPt = 4 });
        var losses = section.Add(new Table { HeaderRowCount = 1, FontSize = 11 });
        losses.Columns.Add(TableColumn.Mm(11));
        losses.Columns.Add(TableColumn.Relative(2));
        losses.Columns.Add(TableColumn.Mm(30));
        losses.Columns.Add(TableColumn.Relative(3));
        losses.AddRow(HeaderCells("STT", "Đơn vị", "Điểm bị mất", "Tiêu chí thành phần (điểm)"));
        var n = 0;
        foreach (var unit in plan.UnitLosses)
            losses.AddRow(Cell((++n).ToString(CultureInfo.InvariantCulture), TextAlignment.Center), Cell(unit.Unit),
                Cell(Vn.Points(unit.Points), TextAlignment.Center),
                Cell(string.Join("; ", unit.Items.Select(x => $"{x.Code}: {Vn.Points(x.Points)}"))));
        losses.AddRow(new TableCell("Tổng cộng") { ColumnSpan = 2, Bold = true, Alignment = TextAlignment.Center },
            new TableCell(Vn.Points(plan.UnitLosses.Sum(u => u.Points))) { Bold = true, Alignment = TextAlignment.Center },
            new TableCell(""));
    }

    private static void AddDossierAppendix(Document document, PlanExport plan, string heading)
    {
        var section = document.AddSection(PageSetup.Landscape());
        section.PageNumbers = new PageNumberStyle { FontSize = 13 };
        section.Add(Centered(Bold(heading)));
        section.Add(Centered(Bold($"HỒ SƠ THỦ TỤC HÀNH CHÍNH TRỄ HẠN NĂM {plan.BaseYear}")));
        section.Add(Centered(new Run(AttachedTo(plan)) { Italic = true }, spaceAfter: 8));

        section.Add(new Paragraph(Bold("1. Số hồ sơ trễ hạn theo đơn vị")) { KeepWithNext = true, SpaceAfterPt = 4 });
        var byUnit = section.Add(new Table { HeaderRowCount = 1, FontSize = 12 });
        byUnit.Columns.Add(TableColumn.Mm(14));
        byUnit.Columns.Add(TableColumn.Relative(1));
        byUnit.Columns.Add(TableColumn.Mm(40));
        byUnit.AddRow(HeaderCells("STT", "Đơn vị", "Số hồ sơ trễ hạn"));
        var n = 0;
        foreach (var unit in plan.LateDossiers.GroupBy(d => (d.UnitSortOrder, d.Unit)).OrderBy(g => g.Key.UnitSortOrder))
            byUnit.AddRow(Cell((++n).ToString(CultureInfo.InvariantCulture), TextAlignment.Center), Cell(unit.Key.Unit),
                Cell(unit.Count().ToString(CultureInfo.InvariantCulture), TextAlignment.Center));
        byUnit.AddRow(new TableCell("Tổng cộng") { ColumnSpan = 2, Bold = true, Alignment = TextAlignment.Center },
            new TableCell(plan.LateDossiers.Count.ToString(CultureInfo.InvariantCulture)) { Bold = true, Alignment = TextAlignment.Center });

        section.Add(new Paragraph(Bold("2. Danh sách hồ sơ trễ hạn")) { KeepWithNext = true, SpaceBeforePt = 12, SpaceAfterPt = 4 });
        var list = section.Add(new Table { HeaderRowCount = 1, FontSize = 11 });
        foreach (var column in new[]
                 {
                     TableColumn.Mm(11), TableColumn.Mm(38), TableColumn.Relative(4), TableColumn.Relative(2), TableColumn.Mm(23),
                     TableColumn.Mm(23), TableColumn.Mm(23), TableColumn.Mm(17),
                 })
            list.Columns.Add(column);
        list.AddRow(HeaderCells("STT", "Mã hồ sơ", "Thủ tục hành chính", "Đơn vị", "Ngày nhận", "Hẹn trả", "Ngày trả", "Số ngày trễ"));
        n = 0;
        foreach (var d in plan.LateDossiers)
            list.AddRow(
                Cell((++n).ToString(CultureInfo.InvariantCulture), TextAlignment.Center),
                Cell(d.Code),
                Cell(d.Procedure),
                Cell(d.Unit),
                Cell(Vn.Date(d.ReceivedOn), TextAlignment.Center),
                Cell(Vn.Date(d.DueOn), TextAlignment.Center),
                Cell(d.ReturnedOn is { } r ? Vn.Date(r) : "Chưa trả", TextAlignment.Center),
                Cell(d.DaysLate.ToString(CultureInfo.InvariantCulture), TextAlignment.Center));
    }

    private static string AttachedTo(PlanExport plan)
    {
        var number = plan.Number is { Length: > 0 } ? $" số {plan.Number}" : "";
        var date = plan.PlanDate is { } d ? $" ngày {Vn.Date(d)}" : "";
        return $"(Kèm theo Kế hoạch{number}{date})";
    }

    /// <summary>Sections arrive as plain text, one paragraph a line; "- ", "+ " and "* " lines step further in.</summary>
    private static void AddText(Section section, string text)
    {
        foreach (var line in text.Replace("\r\n", "\n").Split('\n', StringSplitOptions.TrimEntries))
        {
            if (line.Length == 0) continue;
            var indent = line.StartsWith("+ ", StringComparison.Ordinal) ? Indent + 5
                : line.StartsWith("* ", StringComparison.Ordinal) ? Indent + 10
                : Indent;
            var paragraph = BodyParagraph(new Run(Vn.Nfc(line)));
            paragraph.FirstLineIndentMm = indent;
            section.Add(paragraph);
        }
    }

    private static Paragraph BodyParagraph(Run run) =>
        new(run) { Alignment = TextAlignment.Justify, FirstLineIndentMm = Indent, SpaceAfterPt = 6, LineSpacing = 1.1 };

    private static Paragraph Heading(string text) =>
        new(Bold(text)) { Alignment = TextAlignment.Justify, FirstLineIndentMm = Indent, SpaceBeforePt = 6, SpaceAfterPt = 6, KeepWithNext = true };

    private static Paragraph Centered(Run run, double? size = null, double spaceBefore = 0, double spaceAfter = 0) =>
        new(run) { Alignment = TextAlignment.Center, FontSize = size, SpaceBeforePt = spaceBefore, SpaceAfterPt = spaceAfter };

    private static Run Bold(string text) => new(Vn.Nfc(text)) { Bold = true };

    private static TableCell Cell(string text, TextAlignment alignment = TextAlignment.Left) =>
        new(new Paragraph(Vn.Nfc(text)) { Alignment = alignment });

    private static IEnumerable<TableCell> HeaderCells(params string[] titles) =>
        titles.Select(t => new TableCell(Vn.Nfc(t)) { Bold = true, Alignment = TextAlignment.Center, VerticalAlignment = VerticalAlignment.Center });

    private static string Upper(string text) => Vn.Nfc(text).ToUpper(Vn.Culture);
}
