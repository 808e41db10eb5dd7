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
    /// <summary>The appraisal of this year (round 2, else round 1): stronger than any figure of the department's own.</summary>
    Appraisal = 7,
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
    TaskFigures? Tasks = null,
    decimal? Round1 = null,
    decimal? Round2 = null);

public sealed record ProjectedLine(ProjectionItem Item, decimal Points, string Explanation, ProjectionBasis Basis)
{
    public decimal Lost => Item.MaxPoints - Points;
    public bool AtRisk => Points < Item.MaxPoints;
}

/// <param name="Published">The total the province published for the year, when it has: the projection is then that figure.</param>
public sealed record ScoreProjection(IReadOnlyList<ProjectedLine> Lines, decimal? Target, decimal? Published = null)
{
    /// <summary>The published total once there is one (published &gt; round 2 &gt; round 1 &gt; facts &gt; self), else the lines' sum.</summary>
    public decimal Total => Published ?? Lines.Sum(l => l.Points);
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
/// Order of evidence: this year's appraisal (round 2, else round 1); operational figures linked to the sub-criterion
/// (through its rule), when the year has any (no dossier or no report due is "chưa có dữ liệu", never full marks);
/// completion of the plan's tasks targeting it; facts recorded in the assessment; the self score; last year's final
/// score; otherwise 0. A published total replaces the sum.
/// </summary>
public static class ScoreProjector
{
    public static ScoreProjection Project(IEnumerable<ProjectionItem> items, OperationsFigures figures, decimal? target, decimal? published = null) =>
        new(items.OrderBy(i => i.Code, CodeComparer.Instance).Select(i => ProjectOne(i, figures)).ToList(), target, published);

    /// <summary>Whether the year has any figure of this source's kind: no dossier, or no report due yet, is no data.</summary>
    public static bool HasData(FactSource source, OperationsFigures figures) => source switch
    {
        FactSource.LateDossierCount => figures.Dossiers > 0 || figures.YearTotal is not null,
        FactSource.OnTimeDossierRate => figures.YearTotal is not null,
        FactSource.LateReportCount or FactSource.SubmittedReports => figures.ReportsDue > 0 || figures.LateReports > 0,
        _ => true,
    };

    public static ProjectedLine ProjectOne(ProjectionItem item, OperationsFigures figures)
    {
        if ((item.Round2 ?? item.Round1) is { } appraised)
        {
            var points = Clamp(appraised, item);
            var round = item.Round2 is not null ? "vòng 2" : "vòng 1";
            return new ProjectedLine(item, points,
                $"Theo điểm thẩm định {round}: {Vn.Points(points)}/{Vn.Points(item.MaxPoints)} điểm.", ProjectionBasis.Appraisal);
        }

        var noData = item.Source is not FactSource.None and not FactSource.TaskCompletion && !HasData(item.Source, figures);
        if (item.Source is not FactSource.None and not FactSource.TaskCompletion && !noData
            && FactSources.Facts(item.Source, item.Rule, figures, item.Tasks) is { } facts)
        {
            return FromRule(item, facts, ProjectionBasis.Operations, FactSources.Describe(item.Source, figures, item.Tasks));
        }
        if (noData)
        {
            var fallback = ProjectFromTasksOrKnown(item, figures);
            var what = item.Source is FactSource.LateDossierCount or FactSource.OnTimeDossierRate ? "hồ sơ TTHC" : "báo cáo định kỳ đến hạn";
            return fallback with { Explanation = $"Chưa có dữ liệu {what} năm nay. {fallback.Explanation}" };
        }
        return ProjectFromTasksOrKnown(item, figures);
    }

    private static ProjectedLine ProjectFromTasksOrKnown(ProjectionItem item, OperationsFigures figures)
    {
        // Linked to the tasks by the Office: their completion is the sub-criterion's measure.
        if (item.Source == FactSource.TaskCompletion
            && FactSources.Facts(FactSource.TaskCompletion, item.Rule, figures, item.Tasks) is { } taskFacts)
        {
            return FromRule(item, taskFacts, ProjectionBasis.Tasks, FactSources.Describe(FactSource.TaskCompletion, figures, item.Tasks));
        }

        var known = FromKnown(item);
        // The plan's tasks target it: their progress (a task at 70% counts 0,7) moves the projection from what is known
        // towards full marks, on every sub-criterion they target; it does not replace the facts (a sub-criterion at full
        // marks last year stays there while its task is unfinished). In proportion where the rule counts (proportional,
        // percentage bands); where the rule gives only fixed values (yes/no, tiers, manual), full marks once every task
        // is done. With nothing else known, the tasks are all there is.
        if (item.Source != FactSource.TaskCompletion && item.Tasks is { Required: > 0 } tasks)
        {
            var proportional = item.Rule is ProportionalRule or BandsRule { IsPercent: true };
            if (known.Basis == ProjectionBasis.None && proportional
                && FactSources.Facts(FactSource.TaskCompletion, item.Rule, figures, tasks) is { } onlyTasks)
                return FromRule(item, onlyTasks, ProjectionBasis.Tasks, FactSources.Describe(FactSource.TaskCompletion, figures, tasks));
            if (known.Points < item.MaxPoints)
            {
                var share = tasks.Progress / tasks.Required;
                var points = proportional
                    ? Math.Round(known.Points + (item.MaxPoints - known.Points) * share, 3, MidpointRounding.AwayFromZero)
                    : share >= 1 ? item.MaxPoints : known.Points;
                var progress = $"Nhiệm vụ của kế hoạch hướng tới tiêu chí: {tasks.Done}/{tasks.Required} đã hoàn thành, tiến độ chung {Vn.Percent(Math.Round(share * 100, 2))}";
                return new ProjectedLine(item, points,
                    proportional || share >= 1
                        ? $"{known.Explanation} {progress}; tạm tính {Vn.Points(points)}/{Vn.Points(item.MaxPoints)} điểm."
                        : $"{known.Explanation} {progress}; quy tắc chỉ cho điểm khi hoàn thành nên giữ {Vn.Points(points)}/{Vn.Points(item.MaxPoints)} điểm.",
                    points == known.Points && !proportional ? known.Basis : ProjectionBasis.Tasks);
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
