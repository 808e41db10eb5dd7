using Microsoft.EntityFrameworkCore;
using ParIndex.Domain.Accountability;
using ParIndex.Domain.Assessments;
using ParIndex.Domain.Formatting;
using ParIndex.Domain.Plans;
using ParIndex.Web.Data;
using ParIndex.Web.Features.Assessments;
using ParIndex.Web.Features.Operations;

namespace ParIndex.Web.Features.Dashboard;

/// <summary>
/// The dashboard's part read from the assessments (<see cref="DashboardReader.ReadResultsAsync"/>): the result year,
/// the areas, the trend, the units, the newest assessment's phases and the points each unit lost.
/// </summary>
public sealed record DashboardResults(
    CurrentResult? Current,
    IReadOnlyList<AreaRow> Areas,
    IReadOnlyList<TrendYear> Trend,
    IReadOnlyList<AreaName> TrendAreas,
    IReadOnlyDictionary<int, UnitRef> Units,
    CurrentAssessment? Assessment,
    IReadOnlyDictionary<int, decimal> Lost,
    IReadOnlyDictionary<int, IReadOnlyList<string>> Notes);

/// <summary>Everything the leadership dashboard shows, computed once per request.</summary>
public sealed record DashboardView(
    DateOnly Today,
    CurrentResult? Current,
    IReadOnlyList<AreaRow> Areas,
    IReadOnlyList<TrendYear> Trend,
    IReadOnlyList<AreaName> TrendAreas,
    IReadOnlyList<UnitAccount> Units,
    PlanSummary? Plan,
    IReadOnlyList<AttentionTask> Attention,
    CurrentAssessment? Assessment)
{
    /// <summary>
    /// Points lost over all units (the unassigned row included), each sub-criterion's loss split among the units that
    /// lost it (<see cref="LostPointsAccount"/>): equals max − final of the year.
    /// </summary>
    public decimal AccountedLost => Units.Sum(u => u.PointsLost);
    public int OverdueCount => Units.Sum(u => u.Overdue);
    public int DueSoonCount => Units.Sum(u => u.DueSoon);
}

/// <summary>
/// The latest year with a result. <see cref="Total"/> is the published total where there is one, the computed final
/// total otherwise; <see cref="Differs"/> flags a published total that disagrees with the sub-criteria.
/// </summary>
public sealed record CurrentResult(
    int Year, decimal? Max, decimal? Computed, decimal? Published, string Classification, int? Rank, int? RankOf,
    PreviousResult? Previous)
{
    public decimal Total => Published ?? Computed ?? 0;
    public bool Differs => Published is { } p && Computed is { } c && p != c;
    public decimal? Percent => Max is { } m ? ScoreSheet.Percent(Total, m) : null;
    public decimal? PointsChange => Previous is { } p ? Total - p.Total : null;
    /// <summary>Places gained (positive) or lost (negative) since the previous year.</summary>
    public int? PlacesChange => Previous?.Rank is { } before && Rank is { } now ? before - now : null;
}

public sealed record PreviousResult(int Year, decimal Total, int? Rank);

public sealed record AreaName(string Code, string Name);

public sealed record AreaRow(string Code, string Name, decimal Max, decimal Points, decimal Percent, decimal Self, decimal SelfPercent,
    decimal? Appraised, decimal? AppraisedPercent, decimal Lost, decimal? PublishedPercent, bool Weak);

/// <summary>One recorded year: its total and each area's percentage (computed, or as published when only that exists).</summary>
public sealed record TrendYear(int Year, decimal Total, decimal? Max, bool Published, int? Rank, int? RankOf,
    IReadOnlyDictionary<string, decimal> AreaPercents);

/// <remarks><see cref="Responsibility"/>: for the sub-criteria charged to the unit whose shares carry the Office's note on
/// who answers for the loss, "6.4.1: trách nhiệm thuộc về …".</remarks>
public sealed record UnitAccount(int? UnitId, string Code, string Name, decimal PointsLost, int Done, int InProgress, int NotStarted,
    int OverdueInProgress, int OverdueNotStarted, int DueSoon, int LateDossiersResultYear, int LateDossiersCurrentYear,
    IReadOnlyList<string>? Responsibility = null)
{
    /// <summary>Tasks not cancelled.</summary>
    public int Tasks => Done + InProgress + NotStarted;
    /// <summary>Open tasks whose next due date has passed unmet (PlanTask.IsOverdue); a subset of in progress + not started.</summary>
    public int Overdue => OverdueInProgress + OverdueNotStarted;
}

public sealed record PlanSummary(int Id, int TargetYear, int BaseYear, bool Issued, int? TargetRankImprovement, decimal? TargetTotal,
    int? TargetRank, decimal? PointsToTarget, int? PlacesToTarget);

public sealed record AttentionTask(int Id, string Content, string LeadUnit, PlanTaskStatus Status, DateOnly DueOn, int Days)
{
    public bool Overdue => Days < 0;
}

public sealed record CurrentAssessment(int Year, IReadOnlyList<PhaseRow> Phases, PhaseRow? Open, DateOnly Today)
{
    public bool Locked => Open is null;
    public int? DaysLeft => Open is { } p ? p.EndsOn.DayNumber - Today.DayNumber : null;
    public PhaseRow? Next => Phases.Where(p => p.StartsOn > Today && p.ClosedAt is null).MinBy(p => p.StartsOn);
}

public sealed record PhaseRow(PhaseKind Kind, DateOnly StartsOn, DateOnly EndsOn, DateTime? ClosedAt)
{
    public string Name => Kind.ToVietnamese();
}

/// <summary>
/// Reads the dashboard in a fixed number of SQL commands, whatever the number of years, units, tasks or dossiers:
/// every year's score lines come in one query and are summed in memory through <see cref="ScoreSheet"/>;
/// task and dossier figures are grouped by the database.
/// </summary>
public sealed class DashboardReader(ParIndexDbContext db)
{
    public const int AttentionLimit = 30;
    public const int DueSoonDays = 14;

    public async Task<DashboardView> ReadAsync(DateOnly today, CancellationToken ct = default) =>
        await ReadAsync(today, await ReadResultsAsync(today, ct), ct);

    /// <summary>
    /// The part computed from the assessments (scores, published results, phases, units, points lost): what a task's
    /// change leaves as it is, so the dashboard can share it apart (<see cref="DashboardCache"/>).
    /// </summary>
    public async Task<DashboardResults> ReadResultsAsync(DateOnly today, CancellationToken ct = default)
    {
        // 1. every year's sub-criterion figures, as sheets.
        var reader = new AssessmentReader(db);
        var sheets = await reader.ReadAllYearsAsync(ct);
        // ... and each year's parts (bands, scale): every result is IndexResult's (not-applicable rows rescaled).
        var parts = await reader.ReadAllPartsAsync(ct);
        IndexResult? ResultOf(int year) => sheets.TryGetValue(year, out var sheet)
            ? IndexResult.Of(sheet, parts.GetValueOrDefault(year) ?? IndexParts.Default)
            : null;

        // 2. area names per year.
        var areaNames = await (
            from a in db.Assessments.AsNoTracking()
            join area in db.Areas on a.FrameworkId equals area.FrameworkId
            select new { a.Year, area.Code, area.Name, area.SortOrder }
        ).ToListAsync(ct);

        // 3. the published results with their areas.
        var published = await db.PublishedResults.AsNoTracking()
            .Select(p => new
            {
                p.Year,
                p.Total,
                p.Classification,
                p.Rank,
                p.RankOf,
                Areas = p.Areas.Select(x => new { x.AreaCode, x.Percent }).ToList(),
            }).ToListAsync(ct);

        // 4. the assessments and the phases of the newest one.
        var assessments = await db.Assessments.AsNoTracking().OrderByDescending(a => a.Year)
            .Select(a => new { a.Id, a.Year }).ToListAsync(ct);
        var newest = assessments.FirstOrDefault();
        var phases = newest is null
            ? []
            : (await db.AssessmentPhases.AsNoTracking().Where(p => p.AssessmentId == newest.Id)
                .Select(p => new PhaseRow(p.Kind, p.StartsOn, p.EndsOn, p.ClosedAt)).ToListAsync(ct)).OrderBy(p => p.Kind).ToList();

        // 5. units.
        var units = await reader.ReadUnitsAsync(ct);

        var publishedByYear = published.ToDictionary(p => p.Year);

        // A year has a result when it was published or appraised; a self-assessment in progress is not a result yet.
        var resultYears = publishedByYear.Keys
            .Union(sheets.Where(s => s.Value.Total.HasAppraisal).Select(s => s.Key))
            .OrderBy(y => y).ToList();

        var trend = resultYears.Select(year =>
        {
            sheets.TryGetValue(year, out var sheet);
            publishedByYear.TryGetValue(year, out var pub);
            IReadOnlyDictionary<string, decimal> percents = sheet is not null && sheet.Total.HasAppraisal
                ? sheet.Areas.ToDictionary(a => a.Code, a => a.Points.FinalPercent)
                : (pub?.Areas ?? []).Where(a => a.Percent is not null).ToDictionary(a => a.AreaCode, a => a.Percent!.Value);
            var result = ResultOf(year);
            var total = pub?.Total ?? result?.Total ?? 0;
            return new TrendYear(year, total, result?.Max, pub is not null, pub?.Rank, pub?.RankOf, percents);
        }).ToList();

        var trendAreas = trend.SelectMany(t => t.AreaPercents.Keys).Distinct()
            .OrderBy(c => c, CodeComparer.Instance)
            .Select(code => new AreaName(code, areaNames.Where(a => a.Code == code).OrderByDescending(a => a.Year).Select(a => a.Name)
                .FirstOrDefault() ?? $"Lĩnh vực {code}"))
            .ToList();

        CurrentResult? current = null;
        ScoreSheet? currentSheet = null;
        if (resultYears.Count > 0)
        {
            var year = resultYears[^1];
            sheets.TryGetValue(year, out currentSheet);
            publishedByYear.TryGetValue(year, out var pub);
            var previous = trend.Count > 1 ? trend[^2] : null;
            var result = ResultOf(year);
            var computed = result?.Total;
            var max = result?.Max;
            var classification = pub?.Classification ?? result?.ClassificationText ?? "";
            current = new CurrentResult(year, max, computed, pub?.Total, classification, pub?.Rank, pub?.RankOf,
                previous is null ? null : new PreviousResult(previous.Year, previous.Total, previous.Rank));
        }

        var areas = AreaRows(currentSheet, current is null ? null : publishedByYear.GetValueOrDefault(current.Year)?.Areas
            .ToDictionary(a => a.AreaCode, a => a.Percent));

        // 10. points lost per unit in the result year: the one split every output uses (LostPointsReader).
        var losses = currentSheet is null || current is null
            ? LostPointsAccount.Empty
            : (await new LostPointsReader(db).ReadAsync(current.Year, currentSheet, today, ct)).Account;
        var lost = losses.Units.ToDictionary(u => u.UnitId ?? 0, u => u.Points);
        var codes = currentSheet?.Lines.ToDictionary(l => l.SubCriterionId, l => l.Code) ?? new Dictionary<int, string>();
        var notes = losses.Units.Where(u => u.UnitId is not null).ToDictionary(u => u.UnitId!.Value, u => (IReadOnlyList<string>)u.Items
            .Select(i => (Code: codes.GetValueOrDefault(i.SubCriterionId, ""), Answers: losses.For(i.SubCriterionId)?.ResponsibleText))
            .Where(i => i.Answers is not null).Select(i => $"{i.Code}: {i.Answers}").ToList());

        var assessment = newest is null
            ? null
            : new CurrentAssessment(newest.Year, phases,
                phases.Where(p => p.ClosedAt is null && today >= p.StartsOn && today <= p.EndsOn).OrderBy(p => p.Kind).FirstOrDefault(), today);

        return new DashboardResults(current, areas, trend, trendAreas, units, assessment, lost, notes);
    }

    /// <summary>The dashboard from <paramref name="results"/> and the plan's tasks and the late dossiers, read now.</summary>
    public async Task<DashboardView> ReadAsync(DateOnly today, DashboardResults results, CancellationToken ct = default)
    {
        var (current, areas, trend, trendAreas, units, assessment, lost, notes) = results;
        // 6. the plan written from the current result (or, with no result yet, the newest plan).
        var planQuery = db.Plans.AsNoTracking().Where(ParIndex.Domain.Plans.ImprovementPlan.IsCurrentVersion);
        planQuery = current is not null
            ? planQuery.Where(p => p.BaseYear == current.Year)
            : planQuery.OrderByDescending(p => p.TargetYear);
        var plan = await planQuery
            .Select(p => new { p.Id, p.TargetYear, p.BaseYear, p.Status, p.TargetRankImprovement, p.TargetTotal })
            .FirstOrDefaultAsync(ct);

        var taskCounts = new Dictionary<int, TaskCounts>();
        var attention = new List<AttentionTask>();
        if (plan is not null)
        {
            var soon = today.AddDays(DueSoonDays);
            var tasks = db.PlanTasks.AsNoTracking().Where(t => t.PlanId == plan.Id);
            // Open tasks, with PlanTask.IsOverdue's rule written as EXISTS tests the database answers from the index:
            // a recurring task is overdue when an unmet due date has passed, a one-off task when its deadline has;
            // "due soon" when its next unmet due date (or deadline) falls within the fortnight.
            var open = tasks.Where(t => t.Status == PlanTaskStatus.InProgress || t.Status == PlanTaskStatus.NotStarted);
            var overdue = open.Where(t => t.DueDates.Any()
                ? t.DueDates.Any(d => d.MetOn == null && d.DueOn < today)
                : t.DueDate < today);
            var dueSoon = open.Where(t => t.DueDates.Any()
                ? !t.DueDates.Any(d => d.MetOn == null && d.DueOn < today) && t.DueDates.Any(d => d.MetOn == null && d.DueOn <= soon)
                : t.DueDate >= today && t.DueDate <= soon);

            // 7. task counts per unit and status, and the open tasks' deadlines per unit, grouped by the database.
            var byStatus = await tasks.GroupBy(t => new { t.LeadUnitId, t.Status })
                .Select(g => new { g.Key.LeadUnitId, g.Key.Status, Count = g.Count() }).ToListAsync(ct);
            var late = await overdue.Select(t => new { t.LeadUnitId, t.Status, Kind = 0 })
                .Concat(dueSoon.Select(t => new { t.LeadUnitId, t.Status, Kind = 1 }))
                .GroupBy(t => new { t.LeadUnitId, t.Status, t.Kind })
                .Select(g => new { g.Key.LeadUnitId, g.Key.Status, g.Key.Kind, Count = g.Count() }).ToListAsync(ct);
            int Count(int unit, PlanTaskStatus status) => byStatus.Where(c => c.LeadUnitId == unit && c.Status == status).Sum(c => c.Count);
            int Late(int unit, PlanTaskStatus? status, int kind) =>
                late.Where(c => c.LeadUnitId == unit && c.Kind == kind && (status is null || c.Status == status)).Sum(c => c.Count);
            taskCounts = byStatus.Select(c => c.LeadUnitId).Concat(late.Select(c => c.LeadUnitId)).Distinct()
                .ToDictionary(u => u, u => new TaskCounts(u, Count(u, PlanTaskStatus.Done), Count(u, PlanTaskStatus.InProgress),
                    Count(u, PlanTaskStatus.NotStarted), Late(u, PlanTaskStatus.InProgress, 0), Late(u, PlanTaskStatus.NotStarted, 0),
                    Late(u, null, 1)));

            // 8. the tasks that need attention: overdue or due within the fortnight, earliest first.
            var rows = await overdue.Concat(dueSoon)
                .Select(t => new
                {
                    t.Id,
                    t.Content,
                    t.LeadUnitId,
                    t.Status,
                    Next = t.DueDates.Any() ? t.DueDates.Where(d => d.MetOn == null).Min(d => (DateOnly?)d.DueOn) : t.DueDate,
                })
                .OrderBy(t => t.Next).ThenBy(t => t.Id)
                .Take(AttentionLimit)
                .ToListAsync(ct);
            attention = rows.Select(r => new AttentionTask(r.Id, r.Content, units.TryGetValue(r.LeadUnitId, out var u) ? u.Name : "",
                r.Status, r.Next!.Value, r.Next!.Value.DayNumber - today.DayNumber)).ToList();
        }

        // 9. late dossiers per unit in the result year and in the year after (the plan's year).
        var resultYear = current?.Year ?? today.Year;
        var from = new DateOnly(resultYear, 1, 1);
        var endOfResultYear = new DateOnly(resultYear, 12, 31);
        var to = new DateOnly(resultYear + 1, 12, 31);
        var dossiers = (await DossierReader.LateAsync(db, from, to, today, ct))
            .GroupBy(d => d.UnitId)
            .Select(g => new { UnitId = g.Key, ResultYear = g.Count(d => d.ReceivedOn <= endOfResultYear), Next = g.Count(d => d.ReceivedOn > endOfResultYear) })
            .ToDictionary(d => d.UnitId);

        var accounts = units.Values.Select(u =>
            {
                taskCounts.TryGetValue(u.Id, out var t);
                dossiers.TryGetValue(u.Id, out var d);
                return new UnitAccount(u.Id, u.Code, u.Name, lost.GetValueOrDefault(u.Id), t?.Done ?? 0, t?.InProgress ?? 0,
                    t?.NotStarted ?? 0, t?.OverdueInProgress ?? 0, t?.OverdueNotStarted ?? 0, t?.DueSoon ?? 0, d?.ResultYear ?? 0, d?.Next ?? 0,
                    notes.GetValueOrDefault(u.Id));
            })
            .Where(u => u.PointsLost != 0 || u.Tasks > 0 || u.LateDossiersResultYear > 0 || u.LateDossiersCurrentYear > 0
                        || units[u.UnitId!.Value].IsActive)
            .OrderByDescending(u => u.PointsLost).ThenByDescending(u => u.Overdue).ThenBy(u => u.Code, StringComparer.Ordinal)
            .ToList();
        if (lost.TryGetValue(0, out var unassigned) && unassigned != 0)
            accounts.Add(new UnitAccount(null, "", "Chưa giao đơn vị chủ trì", unassigned, 0, 0, 0, 0, 0, 0, 0, 0));

        PlanSummary? planSummary = null;
        if (plan is not null)
        {
            int? targetRank = plan.TargetRankImprovement is { } up && current?.Rank is { } rank && plan.BaseYear == current.Year
                ? Math.Max(1, rank - up) : null;
            planSummary = new PlanSummary(plan.Id, plan.TargetYear, plan.BaseYear, plan.Status == PlanStatus.Issued,
                plan.TargetRankImprovement, plan.TargetTotal, targetRank,
                plan.TargetTotal is { } goal && current is not null && plan.BaseYear == current.Year ? goal - current.Total : null,
                targetRank is { } tr && current?.Rank is { } r ? r - tr : null);
        }

        return new DashboardView(today, current, areas, trend, trendAreas, accounts, planSummary, attention, assessment);
    }

    private static List<AreaRow> AreaRows(ScoreSheet? sheet, Dictionary<string, decimal?>? publishedPercents)
    {
        if (sheet is null) return [];
        var rows = sheet.Areas.Select(a => new AreaRow(a.Code, a.Name, a.Points.Max, a.Points.Final, a.Points.FinalPercent,
                a.Points.Self, a.Points.SelfPercent,
                a.Points.HasAppraisal ? a.Points.Appraised : null, a.Points.HasAppraisal ? a.Points.AppraisedPercent : null,
                a.Points.Lost, publishedPercents?.GetValueOrDefault(a.Code), false))
            .OrderByDescending(a => a.Lost).ThenBy(a => a.Code, CodeComparer.Instance)
            .ToList();
        // The three areas that lost the most are highlighted (only where they lost something).
        return rows.Select((a, i) => a with { Weak = i < 3 && a.Lost > 0 }).ToList();
    }

    private sealed record TaskCounts(int UnitId, int Done, int InProgress, int NotStarted, int OverdueInProgress, int OverdueNotStarted, int DueSoon);
}
