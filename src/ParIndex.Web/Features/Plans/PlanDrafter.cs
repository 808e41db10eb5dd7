using System.Text;
using Microsoft.EntityFrameworkCore;
using ParIndex.Domain.Accountability;
using ParIndex.Domain.Assessments;
using ParIndex.Domain.Formatting;
using ParIndex.Web.Data;
using ParIndex.Web.Features.Assessments;

namespace ParIndex.Web.Features.Plans;

public sealed record PlanDraft(string Evaluation, string Organisation);

/// <summary>
/// Drafts the plan's section I (evaluation of the base year) and section III (organisation) from the data,
/// in the wording of the department's own plans. Nothing is typed: every figure comes from the sheet or
/// from the published result.
/// </summary>
public static class PlanDrafter
{
    public static async Task<PlanDraft> DraftAsync(ParIndexDbContext db, int baseYear, int targetYear, CancellationToken ct = default)
    {
        var reader = new AssessmentReader(db);
        var view = await reader.ReadAsync(baseYear, ct)
            ?? throw new ParIndex.Domain.DomainException($"Chưa có kết quả đánh giá năm {baseYear} để lập kế hoạch.");
        var previous = await reader.ReadPublishedAsync(baseYear - 1, ct);
        return new PlanDraft(Evaluation(view, previous), Organisation(view, targetYear));
    }

    public static string Evaluation(AssessmentView view, PublishedView? previous)
    {
        var sheet = view.Sheet;
        var total = view.Published?.Total ?? sheet.Total.Final;
        var max = sheet.Total.Max;
        var classification = view.Published?.Classification
            ?? ClassificationRules.FromPercent(ScoreSheet.Percent(total, max)).ToVietnamese();
        var text = new StringBuilder();
        text.Append($"Tổng điểm chỉ số CCHC năm {view.Year} đạt {Vn.Points(total)}/{Vn.Points(max)} điểm, xếp loại {classification.ToLowerInvariant()}");
        if (previous is not null)
        {
            var delta = total - previous.Total;
            text.Append(delta switch
            {
                < 0 => $", giảm {Vn.Points(-delta)} điểm",
                > 0 => $", tăng {Vn.Points(delta)} điểm",
                _ => ", giữ nguyên số điểm",
            });
            if (view.Published is { } published)
            {
                var places = published.Rank - previous.Rank;
                text.Append(places switch
                {
                    > 0 => $", giảm {places} bậc",
                    < 0 => $", tăng {-places} bậc",
                    _ => ", giữ nguyên thứ hạng",
                });
            }
            text.Append($" so với năm {previous.Year}");
        }
        if (view.Published is { } p) text.Append($", xếp thứ {p.Rank}/{p.RankOf} các Sở, ban, ngành trên địa bàn tỉnh");
        text.Append(", chỉ số cụ thể đối với từng lĩnh vực như sau:");

        foreach (var area in sheet.Areas)
        {
            text.Append('\n');
            text.Append($"- Lĩnh vực {area.Code}: {area.Name} với {area.Criteria.Count:00} tiêu chí, {area.SubCriterionCount:00} tiêu chí thành phần " +
                        $"đạt {Vn.Points(area.Points.Final)}/{Vn.Points(area.Points.Max)} điểm, chiếm {Vn.Percent(area.Points.FinalPercent)}.");
            var lost = area.Criteria.SelectMany(c => c.SubCriteria).Select(s => s.Line)
                .Where(l => l.Final is { } f && f < l.MaxPoints).ToList();
            if (lost.Count == 0)
            {
                text.Append(" Tất cả các tiêu chí thành phần đạt điểm tối đa.");
                continue;
            }
            text.Append('\n').Append("+ Các tiêu chí thành phần bị mất điểm, không đạt điểm tối đa gồm:");
            foreach (var line in lost)
            {
                text.Append('\n').Append($"* {line.Code} {line.Name}: đạt {Vn.Points(line.Final!.Value)}/{Vn.Points(line.MaxPoints)} điểm " +
                                         $"(mất {Vn.Points(line.MaxPoints - line.Final.Value)} điểm)");
                if (!string.IsNullOrWhiteSpace(line.LostReason)) text.Append($"; {line.LostReason.TrimEnd('.', ' ')}");
                text.Append(Responsible(view, line)).Append('.');
            }
        }
        return text.ToString();
    }

    /// <summary>
    /// Who lost a sub-criterion's points, from the year's split (<see cref="AssessmentView.Losses"/>): the units and their
    /// points where the loss is charged to units by their facts or by the Office's shares, then the lead unit;
    /// "(Văn phòng Sở chủ trì)" alone where nothing else is known, as the department's own plans write it.
    /// </summary>
    public static string Responsible(AssessmentView view, ScoreLine line)
    {
        var lead = view.UnitName(line.LeadUnitId);
        var loss = view.Losses.Account.For(line.SubCriterionId);
        var parts = new List<string>();
        if (loss is { Basis: not (LossBasis.LeadUnit or LossBasis.Unassigned) })
            parts.Add("đơn vị làm mất điểm: " + view.LossText(line.SubCriterionId));
        if (lead.Length > 0) parts.Add($"{lead} chủ trì");
        return parts.Count == 0 ? "" : $" ({string.Join("; ", parts)})";
    }

    /// <summary>Section III: which unit leads which areas, from the framework's lead units.</summary>
    public static string Organisation(AssessmentView view, int targetYear)
    {
        var byUnit = view.Sheet.Areas
            .SelectMany(a => a.Criteria.SelectMany(c => c.SubCriteria).Select(s => (Area: a, s.Line.LeadUnitId)))
            .Where(x => x.LeadUnitId is not null)
            .GroupBy(x => x.LeadUnitId!.Value)
            .OrderBy(g => g.Key)
            .Select(g => (Unit: view.UnitName(g.Key), Areas: g.Select(x => x.Area).DistinctBy(a => a.Code).ToList()))
            .ToList();
        var text = new StringBuilder();
        var n = 0;
        foreach (var (unit, areas) in byUnit)
        {
            if (n > 0) text.Append('\n');
            text.Append($"{++n}. Giao {unit}").Append('\n');
            text.Append("Chủ trì, tham mưu triển khai thực hiện hiệu quả các tiêu chí, tiêu chí thành phần thuộc lĩnh vực ");
            text.Append(string.Join("; ", areas.Select(a => a.Name.ToLowerInvariant()))).Append('.');
        }
        text.Append('\n').Append($"Trên cơ sở lĩnh vực được phân công, Trưởng các phòng, đơn vị thuộc Sở có trách nhiệm triển khai thực hiện " +
                                 $"nghiêm túc các nội dung về nhiệm vụ cải cách hành chính năm {targetYear} đảm bảo hiệu quả, chất lượng, đúng thời gian quy định.");
        return text.ToString();
    }
}
