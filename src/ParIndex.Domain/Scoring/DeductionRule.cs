using System.Text.Json.Serialization;
using ParIndex.Domain.Formatting;

namespace ParIndex.Domain.Scoring;

/// <summary>
/// max − occurrences × <see cref="PerOccurrence"/>; the deduction is at most <see cref="Cap"/> when given,
/// and the points never go below <see cref="ScoringRule.MinPoints"/>. <see cref="OccurrenceLabel"/> names
/// what is counted ("báo cáo trễ hạn").
/// </summary>
public sealed record DeductionRule(decimal PerOccurrence, decimal? Cap = null, string OccurrenceLabel = "lần vi phạm")
    : ScoringRule
{
    [JsonIgnore]
    public override RuleKind Kind => RuleKind.Deduction;

    public override RuleResult Evaluate(decimal maxPoints, ScoringFacts facts)
    {
        RequireMax(maxPoints);
        var label = Label;
        if (facts.Occurrences is not { } count)
        {
            return Missing($"cần số {label}");
        }

        if (count < 0)
        {
            return Unusable($"Số {label} không được âm nên chưa chấm được điểm.");
        }

        if (count == 0)
        {
            var full = Bound(maxPoints, maxPoints);
            return Scored(full, $"Không có {label} nào: đạt {OutOf(full, maxPoints)}.");
        }

        var raw = count * PerOccurrence;
        var deduction = Cap is { } cap ? Math.Min(raw, cap) : raw;
        var points = Bound(maxPoints - deduction, maxPoints);
        var applied = maxPoints - points;
        var limited = applied < Round(raw) ? $" nhưng chỉ trừ tối đa {Vn.Points(applied)} điểm" : string.Empty;
        return Scored(points,
            $"Có {count} {label}, trừ {count} × {Vn.Points(PerOccurrence)} = {Vn.Points(raw)} điểm{limited}: "
            + $"đạt {OutOf(points, maxPoints)}.");
    }

    /// <summary>Not listed: the count of occurrences is open, so typed points are held only to the range.</summary>
    public override IReadOnlyList<decimal>? PossiblePoints(decimal maxPoints) => null;

    public override string Describe(decimal maxPoints)
    {
        var cap = Cap is { } c ? $", trừ tối đa {Vn.Points(c)} điểm" : string.Empty;
        return $"Tối đa {Vn.Points(maxPoints)} điểm, trừ {Vn.Points(PerOccurrence)} điểm cho mỗi {Label}{cap}; "
            + $"không thấp hơn {Vn.Points(MinPoints)} điểm.";
    }

    private string Label => Vn.Clean(OccurrenceLabel) ?? "lần vi phạm";

    private protected override void AddDefinitionProblems(decimal maxPoints, List<string> problems)
    {
        if (PerOccurrence <= 0m)
        {
            problems.Add("Số điểm trừ cho mỗi lần phải lớn hơn 0.");
        }

        if (Cap is < 0m)
        {
            problems.Add("Mức trừ tối đa không được âm.");
        }
    }
}
