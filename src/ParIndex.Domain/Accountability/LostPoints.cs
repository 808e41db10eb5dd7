namespace ParIndex.Domain.Accountability;

/// <summary>Why a sub-criterion's lost points are charged to the units they are charged to.</summary>
public enum LossBasis
{
    /// <summary>In proportion to each unit's late dossiers of the year (the rule counts late dossiers or the on-time rate).</summary>
    LateDossiers = 1,
    /// <summary>In proportion to each unit's late or missing periodic reports of the year.</summary>
    LateReports = 2,
    /// <summary>By the units and weights the Office set on the sub-criterion for the year.</summary>
    OfficeShares = 3,
    /// <summary>The lead unit alone: nothing else is known.</summary>
    LeadUnit = 4,
    /// <summary>No lead unit and nothing else known.</summary>
    Unassigned = 5,
}

/// <summary>A unit's weight in a split: a count of late dossiers or reports, or a share the Office set.</summary>
public sealed record UnitWeight(int UnitId, decimal Weight);

/// <summary>
/// What is known about one sub-criterion's loss: the points lost, its lead unit, the Office's shares for the year (if any)
/// with their note on who answers for the loss (<see cref="LossShare.Responsible"/>), and the per-unit figures of the
/// facts its rule counts (if any).
/// </summary>
public sealed record LossFacts(
    int SubCriterionId, decimal Lost, int? LeadUnitId,
    IReadOnlyList<UnitWeight>? OfficeShares = null,
    LossBasis? FactBasis = null, IReadOnlyList<UnitWeight>? FactWeights = null, string? Responsible = null);

/// <summary>One unit's part of a sub-criterion's loss; <see cref="UnitId"/> is null for a loss no unit is charged with.</summary>
public sealed record UnitLoss(int? UnitId, decimal Weight, decimal Points);

/// <summary>
/// A sub-criterion's loss and the units it is charged to (their points sum to <see cref="Lost"/>); <see cref="Responsible"/>
/// is the Office's note on who answers for it, carried with its shares.
/// </summary>
public sealed record SubCriterionLoss(int SubCriterionId, decimal Lost, LossBasis Basis, IReadOnlyList<UnitLoss> Units, string? Responsible = null)
{
    public decimal Weights => Units.Sum(u => u.Weight);

    /// <summary>"trách nhiệm thuộc về …" in the plan's words, as every output names who answers; null without a note.</summary>
    public string? ResponsibleText => Responsible is null ? null : $"trách nhiệm thuộc về {Responsible}";
}

/// <summary>A unit's points lost over the year, and on which sub-criteria.</summary>
public sealed record UnitLossTotal(int? UnitId, decimal Points, IReadOnlyList<(int SubCriterionId, decimal Points)> Items);

/// <summary>
/// The points lost per unit for one year: the one computation every page, document, workbook and endpoint reads.
/// A sub-criterion's loss goes to the units by the first of: the Office's shares set for the year; the per-unit
/// figures of the facts its rule counts (late dossiers, late reports); the lead unit alone. Each part is rounded to
/// 3 decimals by the largest-remainder rule, so the units' parts always sum to the sub-criterion's loss and the
/// units' totals to the year's total loss.
/// </summary>
public sealed class LostPointsAccount
{
    public const int Decimals = 3;

    private readonly Dictionary<int, SubCriterionLoss> bySubCriterion;

    private LostPointsAccount(List<SubCriterionLoss> items)
    {
        SubCriteria = items;
        bySubCriterion = items.ToDictionary(i => i.SubCriterionId);
        Units = items.SelectMany(i => i.Units.Select(u => (u.UnitId, i.SubCriterionId, u.Points)))
            .GroupBy(x => x.UnitId)
            .Select(g => new UnitLossTotal(g.Key, g.Sum(x => x.Points), g.Select(x => (x.SubCriterionId, x.Points)).ToList()))
            .OrderByDescending(u => u.Points).ThenBy(u => u.UnitId ?? int.MaxValue)
            .ToList();
    }

    public static LostPointsAccount Empty { get; } = new([]);

    /// <summary>Every sub-criterion that lost points, in the order given.</summary>
    public IReadOnlyList<SubCriterionLoss> SubCriteria { get; }

    /// <summary>Every unit charged with a loss (null: the loss no unit is charged with), largest loss first.</summary>
    public IReadOnlyList<UnitLossTotal> Units { get; }

    public decimal Total => SubCriteria.Sum(s => s.Lost);

    public SubCriterionLoss? For(int subCriterionId) => bySubCriterion.GetValueOrDefault(subCriterionId);

    /// <summary>Points lost by a unit over the year (null: the loss no unit is charged with).</summary>
    public decimal OfUnit(int? unitId) => Units.FirstOrDefault(u => u.UnitId == unitId)?.Points ?? 0m;

    public static LostPointsAccount Compute(IEnumerable<LossFacts> facts) =>
        new(facts.Select(Allocate).OfType<SubCriterionLoss>().ToList());

    /// <summary>The split of one sub-criterion's loss, or null when it lost nothing.</summary>
    public static SubCriterionLoss? Allocate(LossFacts facts)
    {
        var lost = Math.Round(facts.Lost, Decimals, MidpointRounding.AwayFromZero);
        if (lost <= 0) return null;

        var (basis, weights) = Choose(facts);
        if (weights.Count == 0)
            return new SubCriterionLoss(facts.SubCriterionId, lost, LossBasis.Unassigned, [new UnitLoss(null, 1, lost)]);
        var parts = LargestRemainder.Split(lost, weights.Select(w => w.Weight).ToList(), Decimals);
        return new SubCriterionLoss(facts.SubCriterionId, lost, basis,
            weights.Select((w, i) => new UnitLoss(w.UnitId, w.Weight, parts[i])).ToList(),
            basis == LossBasis.OfficeShares ? facts.Responsible : null);
    }

    private static (LossBasis Basis, IReadOnlyList<UnitWeight> Weights) Choose(LossFacts facts)
    {
        var shares = Positive(facts.OfficeShares);
        if (shares.Count > 0) return (LossBasis.OfficeShares, shares);
        var counted = Positive(facts.FactWeights);
        if (facts.FactBasis is { } basis && counted.Count > 0) return (basis, counted);
        return facts.LeadUnitId is { } lead ? (LossBasis.LeadUnit, [new UnitWeight(lead, 1)]) : (LossBasis.Unassigned, []);
    }

    /// <summary>Positive weights only, one per unit (a unit named twice has its weights added).</summary>
    private static List<UnitWeight> Positive(IReadOnlyList<UnitWeight>? weights) =>
        (weights ?? []).Where(w => w.Weight > 0)
            .GroupBy(w => w.UnitId)
            .Select(g => new UnitWeight(g.Key, g.Sum(w => w.Weight)))
            .ToList();
}

/// <summary>
/// Splits a total in proportion to weights, at a number of decimals, so that the parts sum exactly to the total
/// (the total itself rounded to those decimals): every part gets its quota rounded down, then the units left over go
/// one each to the largest remainders (ties: the larger weight, then the earlier position).
/// </summary>
public static class LargestRemainder
{
    public static IReadOnlyList<decimal> Split(decimal total, IReadOnlyList<decimal> weights, int decimals = 3)
    {
        if (weights.Count == 0) return [];
        if (weights.Any(w => w < 0)) throw new ArgumentException("Weights cannot be negative.", nameof(weights));
        var sum = weights.Sum();
        if (sum == 0) throw new ArgumentException("At least one weight must be positive.", nameof(weights));

        var scale = Pow10(decimals);
        var units = Math.Round(total * scale, 0, MidpointRounding.AwayFromZero);
        var sign = units < 0 ? -1 : 1;
        units = Math.Abs(units);

        var quotas = weights.Select(w => units * w / sum).ToList();
        var floors = quotas.Select(Math.Floor).ToList();
        var left = (int)(units - floors.Sum());
        var order = Enumerable.Range(0, weights.Count)
            .OrderByDescending(i => quotas[i] - floors[i]).ThenByDescending(i => weights[i]).ThenBy(i => i)
            .Take(left);
        foreach (var i in order) floors[i] += 1;
        return floors.Select(f => sign * f / scale).ToList();
    }

    private static decimal Pow10(int decimals)
    {
        var p = 1m;
        for (var i = 0; i < decimals; i++) p *= 10;
        return p;
    }
}

public static class LossBasisNames
{
    /// <summary>Where a split came from, as shown beside it.</summary>
    public static string ToVietnamese(this LossBasis basis) => basis switch
    {
        LossBasis.LateDossiers => "Theo số hồ sơ TTHC trễ hạn của từng đơn vị",
        LossBasis.LateReports => "Theo số báo cáo định kỳ trễ hạn của từng đơn vị",
        LossBasis.OfficeShares => "Theo phân bổ của Văn phòng Sở cho năm này",
        LossBasis.LeadUnit => "Đơn vị chủ trì (chưa có số liệu theo đơn vị hay phân bổ)",
        LossBasis.Unassigned => "Chưa giao đơn vị",
        _ => basis.ToString(),
    };
}
