using ParIndex.Domain.Accountability;
using ParIndex.Domain.Formatting;
using ParIndex.Domain.Scoring;

namespace ParIndex.Domain.Plans;

/// <summary>
/// A sub-criterion that lost points in the base year, with what a task needs to fix it: the sub-criterion of the same code
/// in the target year's framework, its rule there, whether its facts are periodic reports, and who lost the points.
/// </summary>
public sealed record LostItem(
    int TargetSubCriterionId, string Code, string Name, decimal MaxPoints, decimal Final, string? Reason, ScoringRule? Rule,
    bool PeriodicReports, int? LeadUnitId, SubCriterionLoss? Loss);

/// <summary>A task as drafted from a lost sub-criterion, before the Office edits it.</summary>
public sealed record TaskDraft(
    int TargetSubCriterionId, string Content, int LeadUnitId, IReadOnlyList<int> CoordinatorIds, string ExpectedOutput,
    DateOnly? DueDate, Recurrence Recurrence, IReadOnlyList<DateOnly> DueDates);

/// <summary>
/// One task per sub-criterion that lost points: led by the unit charged with the largest part of the loss (the
/// sub-criterion's lead unit on a tie or when nothing else is known), coordinated by the other units charged and by the
/// lead unit when it lost nothing itself; an action and an expected output taken from the scoring rule (what must be
/// reached for full points), and a deadline that fits it: periodic reports and counted facts are due every quarter,
/// a plan to issue by the end of the first quarter, everything else by 30/09 so the result is in the year's evidence.
/// </summary>
public static class LostPointTasks
{
    public static TaskDraft? Draft(LostItem item, int baseYear, int targetYear, IReadOnlyDictionary<int, int> unitOrder)
    {
        var charged = (item.Loss?.Units ?? []).Where(u => u.UnitId is not null && u.Points > 0)
            .OrderByDescending(u => u.Points)
            .ThenBy(u => u.UnitId == item.LeadUnitId ? 0 : 1)
            .ThenBy(u => unitOrder.GetValueOrDefault(u.UnitId!.Value, int.MaxValue))
            .Select(u => u.UnitId!.Value).ToList();
        var lead = charged.Count > 0 ? charged[0] : item.LeadUnitId;
        if (lead is not { } leadId) return null;
        var coordinators = charged.Skip(1).ToList();
        if (item.LeadUnitId is { } subLead && subLead != leadId && !coordinators.Contains(subLead)) coordinators.Add(subLead);
        coordinators = coordinators.OrderBy(u => unitOrder.GetValueOrDefault(u, int.MaxValue)).ToList();

        var name = PlanText.LowerFirst(item.Name);
        var was = $"năm {baseYear} đạt {Vn.Points(item.Final)}/{Vn.Points(item.MaxPoints)} điểm";
        string content, output;
        var recurrence = Recurrence.None;
        List<DateOnly> dates = [];
        DateOnly? due = new DateOnly(targetYear, 9, 30);

        switch (item.Rule)
        {
            case BandsRule { LowerIsBetter: true } bands when bands.Bands.Count > 1:
                {
                    var limit = bands.Bands.OrderBy(b => b.AtLeast).Skip(1).First().AtLeast;
                    var label = bands.ValueLabel.ToLower(Vn.Culture);
                    content = $"Theo dõi, kiểm soát hằng quý để {label} dưới {Vn.Points(limit)}{(bands.IsPercent ? "%" : "")} ({was}).";
                    output = $"Báo cáo hằng quý {label}; cả năm {targetYear} dưới {Vn.Points(limit)}{(bands.IsPercent ? "%" : "")}.";
                    recurrence = Recurrence.Quarterly;
                    dates = QuarterEnds(targetYear);
                    break;
                }
            case OnTimeRateRule rate when rate.Bands.Count > 0:
                {
                    var top = rate.Bands.Where(b => b.Points >= item.MaxPoints).Select(b => b.AtLeast).DefaultIfEmpty(rate.Bands.Max(b => b.AtLeast)).Min();
                    content = $"Theo dõi, kiểm soát hằng quý để tỷ lệ hồ sơ TTHC giải quyết đúng hạn đạt từ {Vn.Points(top)}% trở lên ({was}).";
                    output = $"Báo cáo hằng quý tỷ lệ hồ sơ giải quyết đúng hạn; cả năm {targetYear} đạt từ {Vn.Points(top)}% trở lên.";
                    recurrence = Recurrence.Quarterly;
                    dates = QuarterEnds(targetYear);
                    break;
                }
            case BandsRule bands when bands.Bands.Count > 0:
                {
                    var top = bands.Bands.Where(b => b.Points >= item.MaxPoints).Select(b => b.AtLeast).DefaultIfEmpty(bands.Bands.Max(b => b.AtLeast)).Min();
                    var label = bands.ValueLabel.ToLower(Vn.Culture);
                    var unit = bands.IsPercent ? "%" : "";
                    content = $"Nâng {label} đạt từ {Vn.Points(top)}{unit} trở lên ({was}).";
                    output = $"{Capital(bands.ValueLabel)} đạt từ {Vn.Points(top)}{unit} trở lên, có số liệu kiểm chứng.";
                    break;
                }
            case TieredRule tiered when tiered.Tiers.Count > 0:
                {
                    var top = tiered.Tiers.OrderByDescending(t => t.Points).First();
                    content = $"Thực hiện {name} đạt mức \"{top.Label}\" ({was}).";
                    output = $"Văn bản, tài liệu chứng minh đạt mức \"{top.Label}\".";
                    if (item.Name.StartsWith("Ban hành", StringComparison.OrdinalIgnoreCase)) due = new DateOnly(targetYear, 3, 31);
                    break;
                }
            case ProportionalRule proportional:
                content = $"Hoàn thành 100% {proportional.ItemLabel} thuộc tiêu chí thành phần {item.Code} {name} ({was}).";
                output = $"100% {proportional.ItemLabel} được hoàn thành; báo cáo kết quả kèm văn bản kiểm chứng.";
                break;
            case DeductionRule deduction:
                content = $"Bảo đảm không phát sinh {deduction.OccurrenceLabel} đối với {name} ({was}).";
                output = $"Không có {deduction.OccurrenceLabel} trong năm {targetYear}.";
                if (item.PeriodicReports || item.Name.Contains("báo cáo", StringComparison.OrdinalIgnoreCase))
                {
                    recurrence = Recurrence.Quarterly;
                    dates = ReportDueDates(targetYear);
                    output = $"04 báo cáo (quý I, 6 tháng, quý III, năm) gửi đúng hạn; không có {deduction.OccurrenceLabel} trong năm {targetYear}.";
                }
                break;
            case YesNoRule:
                content = $"Thực hiện đầy đủ, đúng quy định: {name} ({was}).";
                output = $"Văn bản thực hiện {name} được ban hành đúng thời hạn.";
                if (item.Name.StartsWith("Ban hành", StringComparison.OrdinalIgnoreCase)) due = new DateOnly(targetYear, 3, 31);
                break;
            default:
                {
                    var reason = PlanText.CleanReason(item.Reason);
                    content = reason.Length > 0
                        ? $"Khắc phục hạn chế năm {baseYear} ({PlanText.LowerFirst(reason)}) để {name} đạt điểm tối đa."
                        : $"Thực hiện đầy đủ yêu cầu của tiêu chí thành phần {item.Code} {name} ({was}).";
                    output = $"Hồ sơ, tài liệu kiểm chứng đầy đủ cho tiêu chí thành phần {item.Code}, gửi Văn phòng Sở trước ngày {Vn.Date(due.Value)}.";
                    break;
                }
        }
        if (item.PeriodicReports && recurrence == Recurrence.None)
        {
            recurrence = Recurrence.Quarterly;
            dates = ReportDueDates(targetYear);
            output = $"04 báo cáo (quý I, 6 tháng, quý III, năm) gửi đúng hạn, đủ nội dung; {PlanText.LowerFirst(output)}";
        }
        if (recurrence != Recurrence.None) due = null;
        return new TaskDraft(item.TargetSubCriterionId, content, leadId, coordinators, output, due, recurrence, dates);
    }

    /// <summary>The department's periodic CCHC reports are due on the 15th of the quarter's last month.</summary>
    public static List<DateOnly> ReportDueDates(int year) =>
        [new(year, 3, 15), new(year, 6, 15), new(year, 9, 15), new(year, 12, 15)];

    public static List<DateOnly> QuarterEnds(int year) =>
        [new(year, 3, 31), new(year, 6, 30), new(year, 9, 30), new(year, 12, 31)];

    private static string Capital(string text) =>
        text.Length == 0 ? text : char.ToUpper(text[0], Vn.Culture) + text[1..];
}
