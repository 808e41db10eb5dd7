using System.Text.Json.Serialization;
using ParIndex.Domain.Formatting;

namespace ParIndex.Domain.Scoring;

/// <summary>
/// Points by outcome, e.g. on time 1, late 0,5, not issued 0 (or −1, with MinPoints −1).
/// facts.Outcome holds the tier key (compared ignoring case). Tier points are kept within [MinPoints, max].
/// </summary>
public sealed record TieredRule(IReadOnlyList<Tier> Tiers) : ScoringRule
{
    [JsonPropertyOrder(-1)]
    public IReadOnlyList<Tier> Tiers { get; init; } = Tiers.ToArray();

    [JsonIgnore]
    public override RuleKind Kind => RuleKind.Tiered;

    public Tier? FindTier(string? key) =>
        string.IsNullOrWhiteSpace(key)
            ? null
            : Tiers.FirstOrDefault(t => string.Equals(t.Key, key.Trim(), StringComparison.OrdinalIgnoreCase));

    public override RuleResult Evaluate(decimal maxPoints, ScoringFacts facts)
    {
        RequireMax(maxPoints);
        if (string.IsNullOrWhiteSpace(facts.Outcome))
        {
            return Missing("cần chọn kết quả");
        }

        if (FindTier(facts.Outcome) is not { } tier)
        {
            return Unusable(
                $"Kết quả “{facts.Outcome.Trim()}” không thuộc các mức của tiêu chí này nên chưa chấm được điểm.");
        }

        var points = Bound(tier.Points, maxPoints);
        return Scored(points, $"Kết quả “{tier.Label}”: đạt {OutOf(points, maxPoints)}.");
    }

    /// <summary>Each tier's points.</summary>
    public override IReadOnlyList<decimal>? PossiblePoints(decimal maxPoints) => Distinct(Tiers.Select(t => t.Points), maxPoints);

    public override string Describe(decimal maxPoints) =>
        $"Chấm theo kết quả (tối đa {Vn.Points(maxPoints)} điểm): "
        + string.Join("; ", Tiers.Select(t => $"{t.Label} – {Vn.Points(t.Points)} điểm"))
        + ".";

    private protected override void AddDefinitionProblems(decimal maxPoints, List<string> problems)
    {
        if (Tiers.Count == 0)
        {
            problems.Add("Cần có ít nhất một mức chấm điểm.");
        }

        foreach (var tier in Tiers)
        {
            if (string.IsNullOrWhiteSpace(tier.Key) || string.IsNullOrWhiteSpace(tier.Label))
            {
                problems.Add("Mỗi mức chấm điểm cần có mã và tên.");
                continue;
            }

            if (tier.Points > maxPoints)
            {
                problems.Add(
                    $"Mức “{tier.Label}” có {Vn.Points(tier.Points)} điểm, vượt quá điểm tối đa {Vn.Points(maxPoints)}.");
            }

            if (tier.Points < MinPoints)
            {
                problems.Add(
                    $"Mức “{tier.Label}” có {Vn.Points(tier.Points)} điểm, thấp hơn điểm thấp nhất {Vn.Points(MinPoints)}.");
            }
        }

        foreach (var duplicate in Tiers
                     .Where(t => !string.IsNullOrWhiteSpace(t.Key))
                     .GroupBy(t => t.Key.Trim(), StringComparer.OrdinalIgnoreCase)
                     .Where(g => g.Count() > 1))
        {
            problems.Add($"Mã mức “{duplicate.Key}” bị trùng.");
        }
    }

    public bool Equals(TieredRule? other) =>
        other is not null && base.Equals(other) && Tiers.SequenceEqual(other.Tiers);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(base.GetHashCode());
        foreach (var tier in Tiers)
        {
            hash.Add(tier);
        }

        return hash.ToHashCode();
    }
}
