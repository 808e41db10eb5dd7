using System.Text.Json.Serialization;
using ParIndex.Domain.Formatting;

namespace ParIndex.Domain.Scoring;

/// <summary>
/// The result of handling administrative procedures (kết quả giải quyết TTHC) by the on-time rate, in bands, as criteria
/// sets write it: "Từ 98% trở lên: 6 điểm; từ 95% đến dưới 98%: 4,5 điểm; từ 90% đến dưới 95%: 3 điểm; dưới 90%: 0 điểm".
/// Reads facts.AchievedCount (dossiers handled on time) and facts.RequiredCount (all dossiers to handle): the rate is
/// on time ÷ total × 100, compared exactly (49 of 50 is 98%). Each band's <see cref="Band.AtLeast"/> is a percentage and
/// the highest one reached wins; below every band the points are 0. No total, no score: it says so rather than guessing.
/// No dossier at all gives full points (nothing was handled late). Beside it, <see cref="BandsRule"/> still scores by the
/// count of late dossiers.
/// </summary>
public sealed record OnTimeRateRule(IReadOnlyList<Band> Bands) : ScoringRule
{
    /// <summary>Why the rule cannot compute without the total (the seed gives only the late dossiers).</summary>
    public const string NoTotal = "chưa có tổng số hồ sơ";

    [JsonPropertyOrder(-1)]
    public IReadOnlyList<Band> Bands { get; init; } = Bands.ToArray();

    [JsonIgnore]
    public override RuleKind Kind => RuleKind.OnTimeRate;

    public override RuleResult Evaluate(decimal maxPoints, ScoringFacts facts)
    {
        RequireMax(maxPoints);
        if (facts.RequiredCount is not { } total)
        {
            return Missing(NoTotal);
        }

        if (facts.AchievedCount is not { } onTime)
        {
            return Missing("chưa có số hồ sơ giải quyết đúng hạn");
        }

        if (total < 0m || onTime < 0m)
        {
            return Unusable("Số hồ sơ không được âm nên chưa chấm được điểm.");
        }

        if (onTime > total)
        {
            return Unusable(
                $"Số hồ sơ giải quyết đúng hạn ({Vn.Points(onTime)}) lớn hơn tổng số hồ sơ ({Vn.Points(total)}) nên chưa chấm được điểm.");
        }

        if (total == 0m)
        {
            var full = Bound(maxPoints, maxPoints);
            return Scored(full, $"Không có hồ sơ nào phải giải quyết nên đạt tối đa {OutOf(full, maxPoints)}.");
        }

        var ordered = Ordered();
        if (ordered.Count == 0)
        {
            return Unusable("Tiêu chí chưa có mức chấm điểm nên chưa chấm được điểm.");
        }

        // Exact: on time × 100 ≥ threshold × total, so no rounding of the rate moves a dossier across a band edge.
        var index = ordered.FindIndex(b => onTime * 100m >= b.AtLeast * total);
        var points = Bound(index < 0 ? 0m : ordered[index].Points, maxPoints);
        var stated = Stated(ordered);
        var rate = Math.Round(onTime * 100m / total, 2, MidpointRounding.ToZero);
        return Scored(points,
            $"Tỷ lệ hồ sơ giải quyết đúng hạn là {Vn.Percent(rate)} ({Vn.Points(onTime)}/{Vn.Points(total)} hồ sơ), "
            + $"thuộc mức {Range(stated, index < stated.Count ? index : -1)}: đạt {OutOf(points, maxPoints)}.");
    }

    public override string Describe(decimal maxPoints)
    {
        var stated = Stated(Ordered());
        var parts = stated.Select((b, i) => $"{Range(stated, i)}: {Vn.Points(b.Points)} điểm").ToList();
        if (stated.Count > 0 && stated[^1].AtLeast > 0m)
        {
            parts.Add($"{Range(stated, -1)}: 0 điểm");
        }

        var bands = parts.Count == 0 ? string.Empty : " " + Capitalize(string.Join("; ", parts)) + ".";
        return $"Chấm theo tỷ lệ hồ sơ TTHC giải quyết đúng hạn trên tổng số hồ sơ phải giải quyết (tối đa {Vn.Points(maxPoints)} điểm).{bands}";
    }

    /// <summary>Bands in evaluation order: highest threshold first.</summary>
    private List<Band> Ordered() => Bands.OrderByDescending(b => b.AtLeast).ToList();

    /// <summary>Trailing bands that give 0 points say what "below every band" says, so they are not put in words.</summary>
    private static List<Band> Stated(List<Band> ordered)
    {
        var count = ordered.Count;
        while (count > 1 && ordered[count - 1].Points == 0m) count--;
        return ordered.GetRange(0, count);
    }

    /// <summary>The range of band <paramref name="index"/> in words; -1 is "below every band".</summary>
    private static string Range(List<Band> ordered, int index)
    {
        if (index < 0)
        {
            return $"dưới {Vn.Percent(ordered[^1].AtLeast)}";
        }

        var own = Vn.Percent(ordered[index].AtLeast);
        return index == 0 ? $"từ {own} trở lên" : $"từ {own} đến dưới {Vn.Percent(ordered[index - 1].AtLeast)}";
    }

    private protected override void AddDefinitionProblems(decimal maxPoints, List<string> problems)
    {
        if (Bands.Count == 0)
        {
            problems.Add("Cần có ít nhất một mức chấm điểm.");
        }

        foreach (var band in Bands)
        {
            if (band.AtLeast is < 0m or > 100m)
            {
                problems.Add($"Ngưỡng {Vn.Percent(band.AtLeast)} phải nằm trong khoảng từ 0% đến 100%.");
            }

            if (band.Points > maxPoints)
            {
                problems.Add(
                    $"Mức {Vn.Percent(band.AtLeast)} có {Vn.Points(band.Points)} điểm, vượt quá điểm tối đa {Vn.Points(maxPoints)}.");
            }

            if (band.Points < MinPoints)
            {
                problems.Add(
                    $"Mức {Vn.Percent(band.AtLeast)} có {Vn.Points(band.Points)} điểm, thấp hơn điểm thấp nhất {Vn.Points(MinPoints)}.");
            }
        }

        foreach (var duplicate in Bands.GroupBy(b => b.AtLeast).Where(g => g.Count() > 1))
        {
            problems.Add($"Ngưỡng {Vn.Percent(duplicate.Key)} bị trùng.");
        }
    }

    public bool Equals(OnTimeRateRule? other) =>
        other is not null && base.Equals(other) && Bands.SequenceEqual(other.Bands);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(base.GetHashCode());
        foreach (var band in Bands)
        {
            hash.Add(band);
        }

        return hash.ToHashCode();
    }
}
