namespace ParIndex.Domain.Assessments;

/// <summary>One sub-criterion's figures, as read from the database for one year.</summary>
public sealed record ScoreLine(
    string AreaCode, string AreaName, string CriterionCode, string CriterionName,
    int SubCriterionId, string Code, string Name, decimal MaxPoints,
    decimal? Self, decimal? Round1, decimal? Round2,
    string? LostReason = null, int? LeadUnitId = null, string? NotApplicableReason = null)
{
    /// <summary>False for a sub-criterion the Office marked "không áp dụng / không phát sinh" for the year.</summary>
    public bool Applicable => NotApplicableReason is null;

    public decimal? Appraised => Round2 ?? Round1;
    public decimal? Final => Round2 ?? Round1 ?? Self;
}

/// <summary>Points of one level (sub-criterion, criterion, area, whole index) for every round.</summary>
public sealed record Points(decimal Max, decimal Self, decimal Round1, decimal Round2, decimal Appraised, decimal Final,
    bool HasAppraisal, bool HasRound2 = false)
{
    public decimal SelfPercent => ScoreSheet.Percent(Self, Max);
    public decimal AppraisedPercent => ScoreSheet.Percent(Appraised, Max);
    public decimal FinalPercent => ScoreSheet.Percent(Final, Max);
    /// <summary>Points lost between the maximum and the final score.</summary>
    public decimal Lost => Max - Final;

    internal static Points Sum(IEnumerable<Points> parts)
    {
        var list = parts as IReadOnlyCollection<Points> ?? parts.ToList();
        return new Points(list.Sum(p => p.Max), list.Sum(p => p.Self), list.Sum(p => p.Round1), list.Sum(p => p.Round2),
            list.Sum(p => p.Appraised), list.Sum(p => p.Final), list.Any(p => p.HasAppraisal), list.Any(p => p.HasRound2));
    }

    internal static Points Of(ScoreLine l) =>
        new(l.MaxPoints, l.Self ?? 0, l.Round1 ?? 0, l.Round2 ?? l.Round1 ?? 0, l.Appraised ?? 0, l.Final ?? 0,
            l.Appraised is not null, l.Round2 is not null);
}

public sealed record CriterionSheet(string Code, string Name, Points Points, IReadOnlyList<(ScoreLine Line, Points Points)> SubCriteria);

public sealed record AreaSheet(string Code, string Name, Points Points, IReadOnlyList<CriterionSheet> Criteria)
{
    public int SubCriterionCount => Criteria.Sum(c => c.SubCriteria.Count);
}

/// <summary>
/// The whole index of one year computed from its sub-criteria: every total and percentage is derived
/// here, never typed. Round 2 falls back to round 1 where round 2 left a sub-criterion unchanged.
/// </summary>
public sealed class ScoreSheet
{
    public ScoreSheet(IEnumerable<ScoreLine> lines)
    {
        var all = lines as IReadOnlyCollection<ScoreLine> ?? lines.ToList();
        NotApplicable = all.Where(l => !l.Applicable).OrderBy(l => l.Code, CodeComparer.Instance).ToList();
        Areas = all.Where(l => l.Applicable)
            .GroupBy(l => (l.AreaCode, l.AreaName))
            .OrderBy(g => g.Key.AreaCode, CodeComparer.Instance)
            .Select(area =>
            {
                var criteria = area
                    .GroupBy(l => (l.CriterionCode, l.CriterionName))
                    .OrderBy(g => g.Key.CriterionCode, CodeComparer.Instance)
                    .Select(c =>
                    {
                        var subs = c.OrderBy(l => l.Code, CodeComparer.Instance).Select(l => (l, Points.Of(l))).ToList();
                        return new CriterionSheet(c.Key.CriterionCode, c.Key.CriterionName, Points.Sum(subs.Select(s => s.Item2)), subs);
                    }).ToList();
                return new AreaSheet(area.Key.AreaCode, area.Key.AreaName, Points.Sum(criteria.Select(c => c.Points)), criteria);
            }).ToList();
        Total = Points.Sum(Areas.Select(a => a.Points));
    }

    /// <summary>The applicable sub-criteria by area; every total and maximum here leaves the not-applicable ones out.</summary>
    public IReadOnlyList<AreaSheet> Areas { get; }
    public Points Total { get; }

    /// <summary>Sub-criteria marked "không áp dụng" for the year: out of <see cref="Areas"/>, <see cref="Lines"/> and every total, so they lose nothing.</summary>
    public IReadOnlyList<ScoreLine> NotApplicable { get; }

    /// <summary>The framework's maximum with the not-applicable sub-criteria counted: the full scale the result is rescaled to.</summary>
    public decimal FullMax => Total.Max + NotApplicable.Sum(l => l.MaxPoints);

    public IEnumerable<ScoreLine> Lines => Areas.SelectMany(a => a.Criteria).SelectMany(c => c.SubCriteria).Select(s => s.Line);

    /// <summary>Sub-criteria whose final score is below the maximum, largest loss first.</summary>
    public IReadOnlyList<ScoreLine> LostPoints =>
        Lines.Where(l => l.Final is { } f && f < l.MaxPoints)
            .OrderByDescending(l => l.MaxPoints - l.Final!.Value)
            .ThenBy(l => l.Code, CodeComparer.Instance)
            .ToList();

    public static decimal Percent(decimal points, decimal max) =>
        max == 0 ? 0 : Math.Round(points / max * 100m, 2, MidpointRounding.AwayFromZero);
}

/// <summary>Orders hierarchical codes numerically: 1.2 before 1.10.</summary>
public sealed class CodeComparer : IComparer<string>
{
    public static readonly CodeComparer Instance = new();

    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y)) return 0;
        if (x is null) return -1;
        if (y is null) return 1;
        var a = x.Split('.');
        var b = y.Split('.');
        for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
        {
            var c = int.TryParse(a[i], out var ia) && int.TryParse(b[i], out var ib)
                ? ia.CompareTo(ib)
                : string.CompareOrdinal(a[i], b[i]);
            if (c != 0) return c;
        }
        return a.Length.CompareTo(b.Length);
    }
}
