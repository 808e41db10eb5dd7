using ClosedXML.Excel;
using ParIndex.Domain.Accountability;
using ParIndex.Domain.Assessments;
using ParIndex.Domain.Formatting;
using ParIndex.Domain.Plans;
using ParIndex.Web.Features.Assessments;
using ParIndex.Web.Features.Plans;

namespace ParIndex.Web.Features.Exports;

/// <summary>
/// The Excel workbooks: the plan's appendix of tasks, the scores of a year, the late dossiers of a year.
/// Every figure is a typed number or date computed by the app (no formulas), so the workbook shows what the app shows.
/// </summary>
public static class WorkbookExporter
{
    public static byte[] PlanAppendix(PlanExport plan)
    {
        using var workbook = new XLWorkbook();
        using var body = new BodyStyles(); // one style assignment per cell: this sheet has 11 cells per task
        var sheet = workbook.Worksheets.Add("Phụ lục nhiệm vụ");
        Xlsx.Header(sheet, 1,
            ("STT", 6), ("Lĩnh vực", 28), ("Nhiệm vụ, giải pháp", 60), ("Tiêu chí hướng tới", 14), ("Đơn vị chủ trì", 26),
            ("Đơn vị phối hợp", 30), ("Thời hạn", 12), ("Định kỳ", 11), ("Các hạn định kỳ", 24), ("Sản phẩm", 32), ("Trạng thái", 15));
        var row = 1;
        var number = 0;
        foreach (var group in plan.Groups())
        {
            foreach (var task in group.Tasks)
            {
                row++;
                body.Count(sheet.Cell(row, 1), ++number);
                body.Text(sheet.Cell(row, 2), group.Title);
                body.Text(sheet.Cell(row, 3), task.Content);
                body.Text(sheet.Cell(row, 4), string.Join(", ", task.TargetCodes));
                body.Text(sheet.Cell(row, 5), task.LeadUnit);
                body.Text(sheet.Cell(row, 6), string.Join("; ", task.CoordinatingUnits));
                body.Date(sheet.Cell(row, 7), task.DueDate);
                body.Text(sheet.Cell(row, 8), task.Recurrence.ToVietnamese());
                body.Text(sheet.Cell(row, 9), task.Recurrence == Recurrence.None ? "" : string.Join("; ", task.DueDates.Select(Vn.Date)));
                body.Text(sheet.Cell(row, 10), task.ExpectedOutput);
                body.Text(sheet.Cell(row, 11), task.Status.ToVietnamese());
            }
        }
        Xlsx.Finish(sheet, 1, row, 11, $"Phụ lục nhiệm vụ, giải pháp cải thiện Chỉ số CCHC năm {plan.TargetYear}", bodyStyled: true);
        if (plan.UnitLosses.Count > 0) UnitLosses(workbook.Worksheets.Add("Điểm mất theo đơn vị"), plan.UnitLosses, plan.BaseYear);
        return Xlsx.Save(workbook);
    }

    public static byte[] Scores(AssessmentView view)
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.Worksheets.Add($"Điểm CCHC {view.Year}");
        Xlsx.Header(sheet, 1,
            ("Cấp", 16), ("Mã", 9), ("Nội dung", 58), ("Điểm tối đa", 10), ("Tự chấm", 10), ("Thẩm định vòng 1", 11),
            ("Thẩm định vòng 2", 11), ("Điểm đạt", 10), ("Tỷ lệ đạt", 10), ("Lý do mất điểm", 44), ("Đơn vị chủ trì", 28),
            ("Đơn vị làm mất điểm", 44), ("Lý do điểm khác thang điểm", 44));
        var row = 1;
        foreach (var area in view.Sheet.Areas)
        {
            row++;
            Subtotal(sheet, row, "Lĩnh vực", area.Code, $"Lĩnh vực {area.Code}: {area.Name}", area.Points, Xlsx.GroupFill);
            foreach (var criterion in area.Criteria)
            {
                row++;
                Subtotal(sheet, row, "Tiêu chí", criterion.Code, criterion.Name, criterion.Points, null);
                foreach (var (line, points) in criterion.SubCriteria)
                {
                    row++;
                    sheet.Cell(row, 1).Text("Tiêu chí thành phần");
                    sheet.Cell(row, 2).Text(line.Code);
                    sheet.Cell(row, 3).Text(line.Name);
                    sheet.Cell(row, 4).Number(line.MaxPoints);
                    sheet.Cell(row, 5).Number(line.Self);
                    // Each round as it was scored: no round 2 leaves its cell empty (the totals fall back to round 1).
                    sheet.Cell(row, 6).Number(line.Round1);
                    sheet.Cell(row, 7).Number(line.Round2);
                    sheet.Cell(row, 8).Number(line.Final);
                    if (line.Final is not null) sheet.Cell(row, 9).Percent(points.FinalPercent);
                    sheet.Cell(row, 10).Text(line.Final is { } f && f < line.MaxPoints ? line.LostReason : "");
                    sheet.Cell(row, 11).Text(view.UnitName(line.LeadUnitId));
                    sheet.Cell(row, 12).Text(view.LossText(line.SubCriterionId));
                    sheet.Cell(row, 13).Text(view.DetailOf(line.SubCriterionId).OffScaleText);
                }
            }
        }
        row++;
        Subtotal(sheet, row, "Tổng", "", $"TỔNG ĐIỂM CHỈ SỐ CCHC NĂM {view.Year}", view.Sheet.Total, Xlsx.HeaderFill);
        var result = view.Result;
        foreach (var line in view.Sheet.NotApplicable)
        {
            row++;
            sheet.Cell(row, 1).Text("Không áp dụng");
            sheet.Cell(row, 2).Text(line.Code);
            sheet.Cell(row, 3).Text(line.Name);
            sheet.Cell(row, 4).Number(line.MaxPoints);
            sheet.Cell(row, 10).Text($"Không áp dụng: {line.NotApplicableReason}");
            sheet.Cell(row, 11).Text(view.UnitName(line.LeadUnitId));
        }
        foreach (var survey in result.Surveys)
        {
            row++;
            sheet.Cell(row, 1).Text("Điều tra xã hội học");
            sheet.Cell(row, 3).Text(survey.Name);
            sheet.Cell(row, 4).Number(survey.MaxPoints);
            if (survey.Points is { } surveyPoints) sheet.Cell(row, 8).Number(surveyPoints);
        }
        if (result.Bonus > 0)
        {
            row++;
            sheet.Cell(row, 1).Text("Điểm thưởng");
            sheet.Cell(row, 3).Text(result.BonusCounted < result.Bonus ? $"Đề nghị {Vn.Points(result.Bonus)}, tối đa {Vn.Points(result.BonusCap!.Value)}" : "");
            sheet.Cell(row, 8).Number(result.BonusCounted);
        }
        if (result.Deduction > 0)
        {
            row++;
            sheet.Cell(row, 1).Text("Điểm trừ");
            sheet.Cell(row, 3).Text(result.DeductionCounted < result.Deduction ? $"Tổng {Vn.Points(result.Deduction)}, tối đa {Vn.Points(result.DeductionCap!.Value)}" : "");
            sheet.Cell(row, 8).Number(-result.DeductionCounted);
        }
        if (result.Rescaled || result.HasOtherParts)
        {
            row++;
            sheet.Cell(row, 1).Text("Kết quả");
            sheet.Cell(row, 3).Text(result.HasOtherParts ? result.PartsText : result.RescaleText);
            sheet.Cell(row, 4).Number(result.Max);
            sheet.Cell(row, 8).Number(result.Total);
            sheet.Cell(row, 9).Percent(result.Percent);
            sheet.Range(row, 1, row, 12).Style.Font.Bold = true;
        }
        row++;
        sheet.Cell(row, 1).Text("Xếp loại");
        sheet.Cell(row, 3).Text($"Xếp loại theo ngưỡng của năm {view.Year}: {result.Bands.Text}");
        sheet.Cell(row, 8).Text(result.ClassificationText);
        if (result.OnScale is { } onScale)
        {
            row++;
            sheet.Cell(row, 1).Text("Quy đổi");
            sheet.Cell(row, 3).Text($"Kết quả quy đổi sang thang {Vn.Points(result.Scale!.Value)} điểm");
            sheet.Cell(row, 4).Number(result.Scale.Value);
            sheet.Cell(row, 8).Number(onScale);
        }
        Xlsx.Finish(sheet, 1, row, 13, $"Điểm Chỉ số cải cách hành chính năm {view.Year}");
        UnitLosses(workbook.Worksheets.Add("Điểm mất theo đơn vị"), ExportUnitLoss.From(view), view.Year);
        return Xlsx.Save(workbook);
    }

    /// <summary>
    /// A year's points lost per unit (<see cref="AssessmentView.Losses"/>, as <see cref="ExportUnitLoss.From"/> lists them):
    /// one row per unit and sub-criterion with the basis of the split, each unit's total, and the grand total equal to
    /// max − final. In the scores workbook, and in the appendix as the ground on which its tasks are given to units.
    /// </summary>
    private static void UnitLosses(IXLWorksheet sheet, IReadOnlyList<ExportUnitLoss> losses, int year)
    {
        Xlsx.Header(sheet, 1, ("Đơn vị", 44), ("Mã", 9), ("Tiêu chí thành phần", 58), ("Điểm bị mất", 11), ("Cách phân bổ", 50));
        var row = 1;
        foreach (var unit in losses)
        {
            foreach (var item in unit.Items)
            {
                row++;
                sheet.Cell(row, 1).Text(unit.Unit);
                sheet.Cell(row, 2).Text(item.Code);
                sheet.Cell(row, 3).Text(item.Name);
                sheet.Cell(row, 4).Number(item.Points);
                sheet.Cell(row, 5).Text(item.Basis);
            }
            row++;
            sheet.Cell(row, 1).Text($"Cộng {unit.Unit}");
            sheet.Cell(row, 4).Number(unit.Points);
            sheet.Range(row, 1, row, 5).Style.Font.Bold = true;
        }
        row++;
        sheet.Cell(row, 1).Text("Tổng cộng");
        sheet.Cell(row, 4).Number(losses.Sum(u => u.Points));
        var style = sheet.Range(row, 1, row, 5).Style;
        style.Font.Bold = true;
        style.Fill.BackgroundColor = Xlsx.HeaderFill;
        Xlsx.Finish(sheet, 1, row, 5, $"Điểm bị mất năm {year} theo đơn vị");
    }

    public static byte[] LateDossiers(int year, IReadOnlyList<ExportDossier> dossiers)
    {
        using var workbook = new XLWorkbook();
        var list = workbook.Worksheets.Add("Hồ sơ trễ hạn");
        Xlsx.Header(list, 1,
            ("STT", 6), ("Mã hồ sơ", 22), ("Thủ tục hành chính", 60), ("Đơn vị", 32), ("Ngày nhận", 12), ("Hẹn trả", 12),
            ("Ngày trả", 12), ("Số ngày trễ (ngày làm việc)", 14), ("Ghi chú", 40));
        var row = 1;
        foreach (var d in dossiers)
        {
            row++;
            list.Cell(row, 1).Number(row - 1);
            list.Cell(row, 2).Text(d.Code);
            list.Cell(row, 3).Text(d.Procedure);
            list.Cell(row, 4).Text(d.Unit);
            list.Cell(row, 5).Date(d.ReceivedOn);
            list.Cell(row, 6).Date(d.DueOn);
            list.Cell(row, 7).Date(d.ReturnedOn);
            list.Cell(row, 8).Number(d.DaysLate);
            list.Cell(row, 9).Text(d.Note);
        }
        Xlsx.Finish(list, 1, row, 9, $"Hồ sơ thủ tục hành chính trễ hạn năm {year}");

        var summary = workbook.Worksheets.Add("Theo đơn vị");
        Xlsx.Header(summary, 1, ("STT", 6), ("Đơn vị", 50), ("Số hồ sơ trễ hạn", 16), ("Tổng số ngày trễ (ngày làm việc)", 18));
        row = 1;
        foreach (var unit in dossiers.GroupBy(d => (d.UnitSortOrder, d.Unit)).OrderBy(g => g.Key.UnitSortOrder))
        {
            row++;
            summary.Cell(row, 1).Number(row - 1);
            summary.Cell(row, 2).Text(unit.Key.Unit);
            summary.Cell(row, 3).Number(unit.Count());
            summary.Cell(row, 4).Number(unit.Sum(d => d.DaysLate));
        }
        row++;
        summary.Cell(row, 2).Text("Tổng cộng");
        summary.Cell(row, 3).Number(dossiers.Count);
        summary.Cell(row, 4).Number(dossiers.Sum(d => d.DaysLate));
        summary.Range(row, 1, row, 4).Style.Font.Bold = true;
        Xlsx.Finish(summary, 1, row, 4, $"Hồ sơ trễ hạn theo đơn vị năm {year}");
        return Xlsx.Save(workbook);
    }

    private static void Subtotal(IXLWorksheet sheet, int row, string level, string code, string name, Points points, XLColor? fill)
    {
        sheet.Cell(row, 1).Text(level);
        sheet.Cell(row, 2).Text(code);
        sheet.Cell(row, 3).Text(name);
        sheet.Cell(row, 4).Number(points.Max);
        sheet.Cell(row, 5).Number(points.Self);
        if (points.HasAppraisal) sheet.Cell(row, 6).Number(points.Round1);
        if (points.HasRound2) sheet.Cell(row, 7).Number(points.Round2);
        sheet.Cell(row, 8).Number(points.Final);
        sheet.Cell(row, 9).Percent(points.FinalPercent);
        var style = sheet.Range(row, 1, row, 12).Style;
        style.Font.Bold = true;
        if (fill is not null) style.Fill.BackgroundColor = fill;
    }
}
