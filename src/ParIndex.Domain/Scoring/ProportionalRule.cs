using System.Text.Json.Serialization;
using ParIndex.Domain.Formatting;

namespace ParIndex.Domain.Scoring;

/// <summary>
/// achieved ÷ required × max (5 of 6 tasks done → 5/6 of the points), capped at max. Below
/// <see cref="FloorPercent"/> (e.g. 80) the points are 0. Nothing required → full points.
/// <see cref="ItemLabel"/> names what is counted in explanations ("nhiệm vụ", "văn bản", ...).
/// </summary>
public sealed record ProportionalRule(decimal? FloorPercent = null, string ItemLabel = "nhiệm vụ") : ScoringRule
{
    [JsonIgnore]
    public override RuleKind Kind => RuleKind.Proportional;

    public override RuleResult Evaluate(decimal maxPoints, ScoringFacts facts)
    {
        RequireMax(maxPoints);
        var item = Item;
        if (facts.AchievedCount is not { } achieved || facts.RequiredCount is not { } required)
        {
            return Missing($"cần số {item} đã hoàn thành và số {item} phải thực hiện");
        }

        if (achieved < 0m || required < 0m)
        {
            return Unusable($"Số {item} không được âm nên chưa chấm được điểm.");
        }

        if (required == 0m)
        {
            var full = Bound(maxPoints, maxPoints);
            return Scored(full, $"Không có {item} nào phải thực hiện nên đạt tối đa {OutOf(full, maxPoints)}.");
        }

        var percent = achieved * 100m / required;
        var done = $"Hoàn thành {Vn.Points(achieved)}/{Vn.Points(required)} {item} ({Vn.Percent(percent)})";
        if (FloorPercent is { } floor && percent < floor)
        {
            var zero = Bound(0m, maxPoints);
            return Scored(zero, $"{done}, dưới mức tối thiểu {Vn.Percent(floor)}: đạt {OutOf(zero, maxPoints)}.");
        }

        var points = Bound(Math.Min(achieved, required) * maxPoints / required, maxPoints);
        return Scored(points, $"{done}: đạt {OutOf(points, maxPoints)}.");
    }

    /// <summary>Any share of the maximum.</summary>
    public override IReadOnlyList<decimal>? PossiblePoints(decimal maxPoints) => null;

    public override string Describe(decimal maxPoints)
    {
        var item = Item;
        var floor = FloorPercent is { } f ? $"; hoàn thành dưới {Vn.Percent(f)} được 0 điểm" : string.Empty;
        return $"Điểm = số {item} hoàn thành ÷ số {item} phải thực hiện × {Vn.Points(maxPoints)} điểm{floor}; "
            + $"không có {item} phải thực hiện thì được tối đa {Vn.Points(maxPoints)} điểm.";
    }

    private string Item => Vn.Clean(ItemLabel) ?? "nhiệm vụ";

    private protected override void AddDefinitionProblems(decimal maxPoints, List<string> problems)
    {
        if (FloorPercent is < 0m or > 100m)
        {
            problems.Add("Mức tối thiểu phải nằm trong khoảng từ 0% đến 100%.");
        }
    }
}
