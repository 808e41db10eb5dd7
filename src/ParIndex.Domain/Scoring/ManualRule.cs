using System.Text.Json.Serialization;
using ParIndex.Domain.Formatting;

namespace ParIndex.Domain.Scoring;

/// <summary>The assessor enters the points (MinPoints ≤ points ≤ max).</summary>
public sealed record ManualRule : ScoringRule
{
    [JsonIgnore]
    public override RuleKind Kind => RuleKind.Manual;

    /// <summary>
    /// Returns the entered points rounded to 3 decimals. Points outside [MinPoints, max] are not expected
    /// (input is checked with <see cref="ScoringRule.ValidateManualScore"/>); if they occur anyway they are
    /// brought within range and the explanation says so.
    /// </summary>
    public override RuleResult Evaluate(decimal maxPoints, ScoringFacts facts)
    {
        RequireMax(maxPoints);
        if (facts.ManualPoints is not { } entered)
        {
            return Missing("cần nhập điểm");
        }

        var points = Bound(entered, maxPoints);
        if (entered > maxPoints)
        {
            return Scored(points,
                $"Điểm nhập {Vn.Points(entered)} vượt quá điểm tối đa nên chỉ tính {OutOf(points, maxPoints)}.");
        }

        if (entered < MinPoints)
        {
            return Scored(points,
                $"Điểm nhập {Vn.Points(entered)} thấp hơn mức cho phép nên tính {OutOf(points, maxPoints)}.");
        }

        return Scored(points, $"Điểm do người chấm nhập: đạt {OutOf(points, maxPoints)}.");
    }

    /// <summary>Any value the assessor types within range.</summary>
    public override IReadOnlyList<decimal>? PossiblePoints(decimal maxPoints) => null;

    public override string Describe(decimal maxPoints) =>
        $"Người chấm nhập điểm trực tiếp, từ {Vn.Points(MinPoints)} đến {Vn.Points(maxPoints)} điểm.";
}
