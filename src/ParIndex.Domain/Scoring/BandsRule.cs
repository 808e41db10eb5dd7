using System.Text.Json.Serialization;
using ParIndex.Domain.Formatting;

namespace ParIndex.Domain.Scoring;

/// <summary>
/// Points by the band facts.Value falls in. Higher is better by default: the highest threshold reached wins
/// (≥ 30% → 1; 20% to &lt; 30% → 0,5; below every threshold → 0). With <see cref="LowerIsBetter"/> each
/// threshold means "at most" and the lowest one not exceeded wins (late dossiers: 0 → 6; ≤ 20 → 4,5;
/// ≤ 100 → 3; more → 0). <see cref="ValueLabel"/> names the value in lower case ("số hồ sơ trễ hạn").
/// </summary>
public sealed record BandsRule(IReadOnlyList<Band> Bands, string ValueLabel, bool IsPercent, bool LowerIsBetter = false)
    : ScoringRule
{
    [JsonPropertyOrder(-1)]
    public IReadOnlyList<Band> Bands { get; init; } = Bands.ToArray();

    [JsonIgnore]
    public override RuleKind Kind => RuleKind.Bands;

    public override RuleResult Evaluate(decimal maxPoints, ScoringFacts facts)
    {
        RequireMax(maxPoints);
        var label = Label;
        if (facts.Value is not { } value)
        {
            return Missing($"cần {label}");
        }

        if (value < 0m)
        {
            return Unusable($"{Capitalize(label)} không được âm nên chưa chấm được điểm.");
        }

        var ordered = Ordered();
        if (ordered.Count == 0)
        {
            return Unusable("Tiêu chí chưa có mức chấm điểm nên chưa chấm được điểm.");
        }

        var index = ordered.FindIndex(b => LowerIsBetter ? value <= b.AtLeast : value >= b.AtLeast);
        var points = Bound(index < 0 ? 0m : ordered[index].Points, maxPoints);
        var stated = Stated(ordered);
        return Scored(points,
            $"{Capitalize(label)} là {Format(value)}, thuộc mức {Range(stated, index < stated.Count ? index : -1)}: đạt {OutOf(points, maxPoints)}.");
    }

    /// <summary>Each band's points, and 0 for a value beyond every band.</summary>
    public override IReadOnlyList<decimal>? PossiblePoints(decimal maxPoints) =>
        Distinct(Bands.Select(b => b.Points).Append(0m), maxPoints);

    public override string Describe(decimal maxPoints)
    {
        var ordered = Stated(Ordered());
        var parts = ordered.Select((b, i) => $"{Range(ordered, i)} – {Vn.Points(b.Points)} điểm").ToList();
        if (ordered.Count > 0)
        {
            parts.Add($"{Range(ordered, -1)} – 0 điểm");
        }

        return $"Chấm theo {Label} (tối đa {Vn.Points(maxPoints)} điểm): {string.Join("; ", parts)}.";
    }

    private string Label => Vn.Clean(ValueLabel) ?? "giá trị đo được";

    /// <summary>Bands in evaluation order: best first.</summary>
    private List<Band> Ordered() => LowerIsBetter
        ? Bands.OrderBy(b => b.AtLeast).ToList()
        : Bands.OrderByDescending(b => b.AtLeast).ToList();

    /// <summary>
    /// The bands worth putting in words: trailing bands that give 0 points say the same as "beyond every band" (a cut-off
    /// such as "≤ 100000 → 0" written only to close the list), so they are left out: "trên 100 – 0 điểm".
    /// </summary>
    private static List<Band> Stated(List<Band> ordered)
    {
        var count = ordered.Count;
        while (count > 1 && ordered[count - 1].Points == 0m) count--;
        return ordered.GetRange(0, count);
    }

    private string Format(decimal value) => IsPercent ? Vn.Percent(value) : Vn.Points(value);

    /// <summary>The range of band <paramref name="index"/> in words; -1 is "beyond every band".</summary>
    private string Range(List<Band> ordered, int index)
    {
        if (index < 0)
        {
            var last = Format(ordered[^1].AtLeast);
            return LowerIsBetter ? $"trên {last}" : $"dưới {last}";
        }

        var own = ordered[index].AtLeast;
        if (index == 0)
        {
            return LowerIsBetter
                ? own == 0m ? $"bằng {Format(own)}" : $"không quá {Format(own)}"
                : $"từ {Format(own)} trở lên";
        }

        var previous = Format(ordered[index - 1].AtLeast);
        return LowerIsBetter
            ? $"trên {previous} đến {Format(own)}"
            : $"từ {Format(own)} đến dưới {previous}";
    }

    private protected override void AddDefinitionProblems(decimal maxPoints, List<string> problems)
    {
        if (Bands.Count == 0)
        {
            problems.Add("Cần có ít nhất một mức chấm điểm.");
        }

        if (string.IsNullOrWhiteSpace(ValueLabel))
        {
            problems.Add("Cần ghi tên của giá trị được đo.");
        }

        foreach (var band in Bands)
        {
            if (band.AtLeast < 0m)
            {
                problems.Add($"Ngưỡng {Format(band.AtLeast)} không được âm.");
            }

            if (band.Points > maxPoints)
            {
                problems.Add(
                    $"Mức {Format(band.AtLeast)} có {Vn.Points(band.Points)} điểm, vượt quá điểm tối đa {Vn.Points(maxPoints)}.");
            }

            if (band.Points < MinPoints)
            {
                problems.Add(
                    $"Mức {Format(band.AtLeast)} có {Vn.Points(band.Points)} điểm, thấp hơn điểm thấp nhất {Vn.Points(MinPoints)}.");
            }
        }

        foreach (var duplicate in Bands.GroupBy(b => b.AtLeast).Where(g => g.Count() > 1))
        {
            problems.Add($"Ngưỡng {Format(duplicate.Key)} bị trùng.");
        }
    }

    public bool Equals(BandsRule? other) =>
        other is not null
        && base.Equals(other)
        && ValueLabel == other.ValueLabel
        && IsPercent == other.IsPercent
        && LowerIsBetter == other.LowerIsBetter
        && Bands.SequenceEqual(other.Bands);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(base.GetHashCode());
        hash.Add(ValueLabel);
        hash.Add(IsPercent);
        hash.Add(LowerIsBetter);
        foreach (var band in Bands)
        {
            hash.Add(band);
        }

        return hash.ToHashCode();
    }
}
