using System.Globalization;
using ParIndex.Documents;
using ParIndex.Domain.Formatting;
using ParIndex.Domain.Plans;
using ParIndex.Web.Features.Exports;

namespace ParIndex.Web.Features.Plans;

/// <summary>
/// The plan as an administrative document in the form of Decree 30/2020/NĐ-CP: the body on A4 portrait
/// (two-column header, title, sections I–III, recipients and signer), then the appendix of tasks in landscape
/// and, where the base year had late dossiers, the appendix of late dossiers.
/// </summary>
public static class PlanPdfExporter
{
    private const double BodySize = 13;
    private const double Indent = 10;
    /// <summary>The appendix tables' text: 11 pt keeps a task to a few lines in its row.</summary>
    private const double TableSize = 11;

    public static byte[] Render(PlanExport plan) => DocumentRenderer.Render(Compose(plan));

    /// <summary>The same document as Word (.docx): <see cref="PlanDocxExporter"/>.</summary>
    public static Document Compose(PlanExport plan)
    {
        var document = new Document { FontSize = BodySize, Title = Vn.Nfc($"Kế hoạch cải thiện, nâng cao Chỉ số CCHC năm {plan.TargetYear}") };
        var body = document.AddSection(new PageSetup { TopMm = 20, BottomMm = 20, LeftMm = 30, RightMm = 15 });
        body.PageNumbers = new PageNumberStyle { FontSize = BodySize, FirstNumberedPage = 2 };

        Nd30.AddHeader(body, plan.ParentAgency, plan.Agency, plan.NumberLine, plan.Place, plan.PlanDate);
        Nd30.AddTitle(body, "KẾ HOẠCH", $"Cải thiện, nâng cao Chỉ số cải cách hành chính của {plan.AgencyInText} năm {plan.TargetYear}");
        // A replacement says what it replaces at the opening of its text, as Decree 30 practice does.
        if (plan.ReplacesText is { } replaces) AddText(body, replaces);

        body.Add(Nd30.Heading($"I. ĐÁNH GIÁ KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM {plan.BaseYear}"));
        AddText(body, plan.Evaluation);

        body.Add(Nd30.Heading($"II. KẾ HOẠCH CẢI THIỆN, NÂNG CAO CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM {plan.TargetYear}"));
        body.Add(Nd30.Heading("1. Mục đích", ParagraphRole.Heading2));
        AddText(body, plan.Purpose);
        body.Add(Nd30.Heading("2. Yêu cầu", ParagraphRole.Heading2));
        AddText(body, plan.Requirements);
        body.Add(Nd30.Heading("3. Nhiệm vụ, giải pháp", ParagraphRole.Heading2));
        body.Add(Nd30.BodyParagraph(new Run("(Có Phụ lục kèm theo)") { Italic = true }));

        body.Add(Nd30.Heading("III. TỔ CHỨC THỰC HIỆN"));
        AddText(body, plan.Organisation);
        Nd30.EndText(body);

        Nd30.AddSignature(body, plan.Recipients, plan.SignerTitle, plan.SignerName);

        var hasDossiers = plan.LateDossiers.Count > 0;
        AddTaskAppendix(document, plan, hasDossiers ? "PHỤ LỤC I" : "PHỤ LỤC");
        if (hasDossiers) AddDossierAppendix(document, plan, "PHỤ LỤC II");
        return document;
    }

    /// <summary>Decree 30 writes a leading zero only for days below 10 and for January and February.</summary>
    public static string DateLine(string place, DateOnly? date) => Nd30.DateLine(place, date);

    /// <summary>
    /// A task's deadline as the appendix writes it: the date (Decree 30 style), or the recurrence with its due dates,
    /// the year written once when they share it ("Hằng quý: 15/3; 15/6; 15/9; 15/12/2023").
    /// </summary>
    public static string Deadline(ExportTask task)
    {
        if (task.Recurrence != Recurrence.None && task.DueDates.Count > 0)
        {
            var sameYear = task.DueDates.All(d => d.Year == task.DueDates[0].Year);
            var dates = sameYear
                ? string.Join("; ", task.DueDates.Select((d, i) => i == task.DueDates.Count - 1 ? Nd30.Date(d) : Nd30.DayMonth(d)))
                : string.Join("; ", task.DueDates.Select(Nd30.Date));
            return $"{task.Recurrence.ToVietnamese()}: {dates}";
        }
        return task.DueDate is { } due ? Nd30.Date(due) : "";
    }

    /// <summary>The coordinating units, or "Các phòng, đơn vị thuộc Sở" when every unit other than the lead coordinates.</summary>
    public static string Coordinators(ExportTask task, int unitCount)
    {
        var involved = task.CoordinatingUnits.Append(task.LeadUnit).Distinct(StringComparer.Ordinal).Count();
        if (unitCount > 2 && task.CoordinatingUnits.Count > 1 && involved >= unitCount) return "Các phòng, đơn vị thuộc Sở";
        return string.Join("; ", task.CoordinatingUnits);
    }

    /// <summary>The tasks the appendix lists: every task but the cancelled ones, grouped by area.</summary>
    public static IReadOnlyList<ExportTaskGroup> AppendixGroups(PlanExport plan) =>
        (plan with { Tasks = plan.Tasks.Where(t => t.Status != PlanTaskStatus.Cancelled).ToList() }).Groups();

    private static void AddTaskAppendix(Document document, PlanExport plan, string heading)
    {
        var section = document.AddSection(PageSetup.Landscape());
        section.PageNumbers = new PageNumberStyle { FontSize = 13 };
        Nd30.AddAppendixTitle(section, heading, $"NHIỆM VỤ, GIẢI PHÁP CẢI THIỆN, NÂNG CAO CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM {plan.TargetYear}",
            AttachedTo(plan));

        var table = section.Add(new Table { HeaderRowCount = 1, FontSize = TableSize, CellPaddingMm = 1.2 });
        foreach (var column in new[]
                 {
                     TableColumn.Mm(11), TableColumn.Relative(5), TableColumn.Mm(16), TableColumn.Mm(29), TableColumn.Relative(2.5),
                     TableColumn.Mm(24), TableColumn.Relative(2.6),
                 })
            table.Columns.Add(column);
        table.AddRow(Nd30.HeaderCells("STT", "Nhiệm vụ, giải pháp", "Tiêu chí hướng tới", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời hạn hoàn thành",
            "Sản phẩm"));

        var number = 0;
        foreach (var group in AppendixGroups(plan))
        {
            table.AddRow(new TableCell(Vn.Nfc(group.Title)) { ColumnSpan = 7, Bold = true }).KeepWithNext = true;
            foreach (var task in group.Tasks)
            {
                table.AddRow(
                    Nd30.Cell((++number).ToString(CultureInfo.InvariantCulture), TextAlignment.Center),
                    Nd30.Cell(task.Content, TextAlignment.Justify),
                    Nd30.Cell(string.Join(", ", task.TargetCodes), TextAlignment.Center),
                    Nd30.Cell(task.LeadUnit),
                    Nd30.Cell(Coordinators(task, plan.UnitCount)),
                    Nd30.Cell(Deadline(task), TextAlignment.Center),
                    Nd30.Cell(task.ExpectedOutput ?? ""));
            }
        }

        if (plan.UnitLosses.Count == 0) return;
        // The units that lost the base year's points: the ground on which the tasks above are given to them.
        section.Add(new Paragraph(Bold($"Điểm bị mất năm {plan.BaseYear} theo đơn vị")) { KeepWithNext = true, SpaceBeforePt = 12, SpaceAfterPt = 4 });
        var losses = section.Add(new Table { HeaderRowCount = 1, FontSize = TableSize, CellPaddingMm = 1.2 });
        losses.Columns.Add(TableColumn.Mm(11));
        losses.Columns.Add(TableColumn.Relative(2));
        losses.Columns.Add(TableColumn.Mm(30));
        losses.Columns.Add(TableColumn.Relative(3));
        losses.AddRow(Nd30.HeaderCells("STT", "Đơn vị", "Điểm bị mất", "Tiêu chí thành phần (điểm)"));
        var n = 0;
        foreach (var unit in plan.UnitLosses)
            losses.AddRow(Nd30.Cell((++n).ToString(CultureInfo.InvariantCulture), TextAlignment.Center), Nd30.Cell(unit.Unit),
                Nd30.Cell(Vn.Points(unit.Points), TextAlignment.Center),
                Nd30.Cell(string.Join("; ", unit.Items.Select(x => $"{x.Code}: {Vn.Points(x.Points)}"))));
        losses.Rows[^1].KeepWithNext = true; // the total never stands alone at the top of a page
        losses.AddRow(new TableCell("Tổng cộng") { ColumnSpan = 2, Bold = true, Alignment = TextAlignment.Center },
            new TableCell(Vn.Points(plan.UnitLosses.Sum(u => u.Points))) { Bold = true, Alignment = TextAlignment.Center },
            new TableCell(""));
    }

    private static void AddDossierAppendix(Document document, PlanExport plan, string heading)
    {
        var section = document.AddSection(PageSetup.Landscape());
        section.PageNumbers = new PageNumberStyle { FontSize = 13 };
        Nd30.AddAppendixTitle(section, heading, $"HỒ SƠ THỦ TỤC HÀNH CHÍNH TRỄ HẠN NĂM {plan.BaseYear}", AttachedTo(plan));

        section.Add(new Paragraph(Bold("1. Số hồ sơ trễ hạn theo đơn vị")) { KeepWithNext = true, SpaceAfterPt = 4 });
        var byUnit = section.Add(new Table { HeaderRowCount = 1, FontSize = TableSize, CellPaddingMm = 1.2 });
        byUnit.Columns.Add(TableColumn.Mm(14));
        byUnit.Columns.Add(TableColumn.Relative(1));
        byUnit.Columns.Add(TableColumn.Mm(40));
        byUnit.AddRow(Nd30.HeaderCells("STT", "Đơn vị", "Số hồ sơ trễ hạn"));
        var n = 0;
        foreach (var unit in plan.LateDossiers.GroupBy(d => (d.UnitSortOrder, d.Unit)).OrderBy(g => g.Key.UnitSortOrder))
            byUnit.AddRow(Nd30.Cell((++n).ToString(CultureInfo.InvariantCulture), TextAlignment.Center), Nd30.Cell(unit.Key.Unit),
                Nd30.Cell(unit.Count().ToString(CultureInfo.InvariantCulture), TextAlignment.Center));
        byUnit.Rows[^1].KeepWithNext = true;
        byUnit.AddRow(new TableCell("Tổng cộng") { ColumnSpan = 2, Bold = true, Alignment = TextAlignment.Center },
            new TableCell(plan.LateDossiers.Count.ToString(CultureInfo.InvariantCulture)) { Bold = true, Alignment = TextAlignment.Center });

        // Listed under each unit (the units' order), so no column repeats the unit's name on every row.
        section.Add(new Paragraph(Bold("2. Danh sách hồ sơ trễ hạn")) { KeepWithNext = true, SpaceBeforePt = 12, SpaceAfterPt = 4 });
        var list = section.Add(new Table { HeaderRowCount = 1, FontSize = 11, CellPaddingMm = 0.9 });
        foreach (var column in new[]
                 {
                     TableColumn.Mm(11), TableColumn.Mm(36), TableColumn.Relative(1), TableColumn.Mm(20), TableColumn.Mm(20),
                     TableColumn.Mm(20), TableColumn.Mm(15),
                 })
            list.Columns.Add(column);
        list.AddRow(Nd30.HeaderCells("STT", "Mã hồ sơ", "Thủ tục hành chính", "Ngày nhận", "Hẹn trả", "Ngày trả", "Số ngày trễ"));
        n = 0;
        foreach (var unit in plan.LateDossiers.GroupBy(d => (d.UnitSortOrder, d.Unit)).OrderBy(g => g.Key.UnitSortOrder))
        {
            list.AddRow(new TableCell(Vn.Nfc($"{unit.Key.Unit} ({unit.Count()} hồ sơ)")) { ColumnSpan = 7, Bold = true }).KeepWithNext = true;
            foreach (var d in unit)
                list.AddRow(
                    Nd30.Cell((++n).ToString(CultureInfo.InvariantCulture), TextAlignment.Center),
                    Nd30.Cell(d.Code),
                    Nd30.Cell(d.Procedure),
                    Nd30.Cell(Nd30.Date(d.ReceivedOn), TextAlignment.Center),
                    Nd30.Cell(Nd30.Date(d.DueOn), TextAlignment.Center),
                    Nd30.Cell(d.ReturnedOn is { } r ? Nd30.Date(r) : "Chưa trả", TextAlignment.Center),
                    Nd30.Cell(d.DaysLate.ToString(CultureInfo.InvariantCulture), TextAlignment.Center));
        }
    }

    private static string AttachedTo(PlanExport plan)
    {
        var number = plan.Number is { Length: > 0 } ? $" số {plan.Number}" : "";
        var date = plan.PlanDate is { } d ? $" {Nd30.Long(d)}" : "";
        return $"(Kèm theo Kế hoạch{number}{date} của {plan.AgencyInText})";
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
            var paragraph = Nd30.BodyParagraph(new Run(Vn.Nfc(line)));
            paragraph.FirstLineIndentMm = indent;
            section.Add(paragraph);
        }
    }

    private static Run Bold(string text) => new(Vn.Nfc(text)) { Bold = true };
}
