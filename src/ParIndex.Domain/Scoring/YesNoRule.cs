using System.Text.Json.Serialization;
using ParIndex.Domain.Formatting;

namespace ParIndex.Domain.Scoring;

/// <summary>
/// Full points when the requirement is met, otherwise <see cref="ScoringRule.MinPoints"/> (usually 0).
/// The optional labels name the two outcomes, e.g. "Ban hành kế hoạch đúng hạn".
/// </summary>
public sealed record YesNoRule(string? AchievedLabel = null, string? NotAchievedLabel = null) : ScoringRule
{
    private const string DefaultAchieved = "Đạt yêu cầu";
    private const string DefaultNotAchieved = "Không đạt yêu cầu";

    [JsonIgnore]
    public override RuleKind Kind => RuleKind.YesNo;

    public override RuleResult Evaluate(decimal maxPoints, ScoringFacts facts)
    {
        RequireMax(maxPoints);
        if (facts.Achieved is not { } achieved)
        {
            return Missing("cần xác định đạt hay không đạt");
        }

        var points = Bound(achieved ? maxPoints : MinPoints, maxPoints);
        var label = achieved ? Label(AchievedLabel, DefaultAchieved) : Label(NotAchievedLabel, DefaultNotAchieved);
        return Scored(points, $"{label}: được {OutOf(points, maxPoints)}.");
    }

    /// <summary>The maximum when met, <see cref="ScoringRule.MinPoints"/> when not.</summary>
    public override IReadOnlyList<decimal>? PossiblePoints(decimal maxPoints) => Distinct([maxPoints, MinPoints], maxPoints);

    public override string Describe(decimal maxPoints) =>
        $"{Label(AchievedLabel, DefaultAchieved)}: {Vn.Points(maxPoints)} điểm; "
        + $"{Label(NotAchievedLabel, DefaultNotAchieved).ToLower(Vn.Culture)}: {Vn.Points(MinPoints)} điểm.";

    private static string Label(string? label, string fallback) =>
        Vn.Clean(label) ?? fallback;
}
