using ParIndex.Domain.Formatting;
using ParIndex.Domain.Scoring;

namespace ParIndex.Domain.Projection;

/// <summary>What a projected figure rests on, strongest first.</summary>
public enum ProjectionBasis
{
    /// <summary>Dossiers or periodic reports recorded this year, through the rule.</summary>
    Operations = 1,
    /// <summary>Completion of the plan's tasks targeting the sub-criterion, through the rule.</summary>
    Tasks = 2,
    /// <summary>Facts recorded in this year's assessment, through the rule.</summary>
    RecordedFacts = 3,
    /// <summary>The department's own self score of this year.</summary>
    SelfScore = 4,
    /// <summary>Last year's final score of the sub-criterion with the same code.</summary>
    PreviousYear = 5,
    /// <summary>Nothing known: projected at 0.</summary>
    None = 6,
}

/// <summary>One sub-criterion as the projection needs it.</summary>
public sealed record ProjectionItem(
    int SubCriterionId,
    string Code,
    string Name,
    decimal MaxPoints,
    ScoringRule Rule,
    int? LeadUnitId,
    FactSource Source,
    ScoringFacts? RecordedFacts = null,
    decimal? SelfScore = null,
    decimal? PreviousFinal = null,
    TaskFigures? Tasks = null);

public sealed record ProjectedLine(ProjectionItem Item, decimal Points, string Explanation, ProjectionBasis Basis)
{
    public decimal Lost => Item.MaxPoints - Points;
    public bool AtRisk => Points < Item.MaxPoints;
}

public sealed record ScoreProjection(IReadOnlyList<ProjectedLine> Lines, decimal? Target)
{
    public decimal Total => Lines.Sum(l => l.Points);
    public decimal MaxTotal => Lines.Sum(l => l.Item.MaxPoints);
    /// <summary>Projected total minus the target: negative when short of it; null without a target.</summary>
    public decimal? Margin => Target is { } t ? Total - t : null;
    public bool MeetsTarget => Target is not { } t || Total >= t;
    /// <summary>The sub-criteria projected below their maximum, the largest loss first.</summary>
    public IReadOnlyList<ProjectedLine> AtRisk =>
        Lines.Where(l => l.AtRisk).OrderByDescending(l => l.Lost).ThenBy(l => l.Item.Code, CodeComparer.Instance).ToList();
}

/// <summary>
/// Projects each sub-criterion's points from what is known so far. Pure: every input is passed in.
/// Order of evidence: operational figures linked to the sub-criterion (through its rule); completion of the plan's
/// tasks targeting it where its rule counts achievements (Proportional); facts recorded in the assessment; the self
/// score; last year's final score; otherwise 0.
/// </summary>
public static class ScoreProjector
{
    public static ScoreProjection Project(IEnumerable<ProjectionItem> items, OperationsFigures figures, decimal? target) =>
        new(items.OrderBy(i => i.Code, CodeComparer.Instance).Select(i => ProjectOne(i, figures)).ToList(), target);

    public static ProjectedLine ProjectOne(ProjectionItem item, OperationsFigures figures)
    {
        if (item.Source is not FactSource.None and not FactSource.TaskCompletion
            && FactSources.Facts(item.Source, item.Rule, figures, item.Tasks) is { } facts)
        {
            return FromRule(item, facts, ProjectionBasis.Operations, FactSources.Describe(item.Source, figures, item.Tasks));
        }

        // Linked to the tasks by the Office: their completion is the sub-criterion's measure.
        if (item.Source == FactSource.TaskCompletion
            && FactSources.Facts(FactSource.TaskCompletion, item.Rule, figures, item.Tasks) is { } taskFacts)
        {
            return FromRule(item, taskFacts, ProjectionBasis.Tasks, FactSources.Describe(FactSource.TaskCompletion, figures, item.Tasks));
        }

        var known = FromKnown(item);
        // Not linked, but the plan's tasks target it: their completion moves the projection from what is known towards
        // full marks; it does not replace the facts (a sub-criterion at full marks last year stays there while its task
        // is unfinished). With nothing else known, the tasks are all there is.
        if (item.Source == FactSource.None && item.Rule is ProportionalRule && item.Tasks is { Required: > 0 } tasks)
        {
            if (known.Basis == ProjectionBasis.None
                && FactSources.Facts(FactSource.TaskCompletion, item.Rule, figures, tasks) is { } onlyTasks)
                return FromRule(item, onlyTasks, ProjectionBasis.Tasks, FactSources.Describe(FactSource.TaskCompletion, figures, tasks));
            if (known.Points < item.MaxPoints)
            {
                var points = Math.Round(known.Points + (item.MaxPoints - known.Points) * tasks.Done / tasks.Required, 3,
                    MidpointRounding.AwayFromZero);
                return new ProjectedLine(item, points,
                    $"{known.Explanation} Nhiệm vụ của kế hoạch hướng tới tiêu chí: {tasks.Done}/{tasks.Required} đã hoàn thành; " +
                    $"tạm tính {Vn.Points(points)}/{Vn.Points(item.MaxPoints)} điểm.", ProjectionBasis.Tasks);
            }
        }
        return known;
    }

    /// <summary>What is known without operational figures: recorded facts, the self score, last year's result, or nothing.</summary>
    private static ProjectedLine FromKnown(ProjectionItem item)
    {
        if (item.RecordedFacts is { } recorded)
        {
            var result = item.Rule.Evaluate(item.MaxPoints, recorded);
            if (result.HasFacts)
                return new ProjectedLine(item, result.Points,
                    recorded.Sample ? $"{result.Explanation} (số liệu mẫu, không có trong văn bản gốc)" : result.Explanation,
                    ProjectionBasis.RecordedFacts);
        }

        if (item.SelfScore is { } self)
        {
            var points = Clamp(self, item);
            return new ProjectedLine(item, points,
                $"Theo điểm tự đánh giá năm nay: {Vn.Points(points)}/{Vn.Points(item.MaxPoints)} điểm.", ProjectionBasis.SelfScore);
        }

        if (item.PreviousFinal is { } previous)
        {
            var points = Clamp(previous, item);
            return new ProjectedLine(item, points,
                $"Chưa có số liệu năm nay; tạm tính theo kết quả năm trước: {Vn.Points(points)}/{Vn.Points(item.MaxPoints)} điểm.",
                ProjectionBasis.PreviousYear);
        }

        var none = item.Rule.Evaluate(item.MaxPoints, ScoringFacts.None);
        return new ProjectedLine(item, 0m, none.Explanation, ProjectionBasis.None);
    }

    private static ProjectedLine FromRule(ProjectionItem item, ScoringFacts facts, ProjectionBasis basis, string figure)
    {
        var result = item.Rule.Evaluate(item.MaxPoints, facts);
        var explanation = string.IsNullOrEmpty(figure) ? result.Explanation : $"Số liệu đến nay: {figure}. {result.Explanation}";
        return new ProjectedLine(item, result.Points, explanation, basis);
    }

    /// <summary>A score from another round or year kept within this year's bounds (the maximum may have changed).</summary>
    private static decimal Clamp(decimal points, ProjectionItem item) =>
        Math.Min(item.MaxPoints, Math.Max(item.Rule.MinPoints, points));
}

/// <summary>Orders codes like "1.2.10" after "1.2.9".</summary>
public sealed class CodeComparer : IComparer<string>
{
    public static CodeComparer Instance { get; } = new();

    public int Compare(string? x, string? y)
    {
        var a = (x ?? "").Split('.');
        var b = (y ?? "").Split('.');
        for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
        {
            var c = int.TryParse(a[i], out var na) && int.TryParse(b[i], out var nb)
                ? na.CompareTo(nb)
                : string.CompareOrdinal(a[i], b[i]);
            if (c != 0) return c;
        }
        return a.Length.CompareTo(b.Length);
    }
}
