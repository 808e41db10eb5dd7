using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using ParIndex.Domain.Plans;
using ParIndex.Web.Data;
using ParIndex.Web.Features.Assessments;

namespace ParIndex.Web.Features.Plans;

/// <summary>A sub-criterion of a year's framework, as task forms and tables show it.</summary>
public sealed record SubCriterionOption(int Id, string Code, string Name, string AreaCode, string AreaName, int? LeadUnitId);

public sealed record DueRow(DateOnly DueOn, DateOnly? MetOn);

/// <summary>A task as lists show it, read in one query with its targets, coordinators and due dates.</summary>
public sealed record TaskRow(
    int Id, int PlanId, int TargetYear, PlanStatus PlanStatus, int SortOrder, string Content, int LeadUnitId, string? ExpectedOutput,
    DateOnly? DueDate, Recurrence Recurrence, PlanTaskStatus Status, int PercentComplete, Guid Version,
    List<int> TargetIds, List<int> CoordinatorIds, List<DueRow> DueDates, DateOnly? CompletedOn = null, int? PlanReplacesId = null)
{
    public static readonly Expression<Func<PlanTask, TaskRow>> Projection = t => new TaskRow(
        t.Id, t.PlanId, t.Plan!.TargetYear, t.Plan.Status, t.SortOrder, t.Content, t.LeadUnitId, t.ExpectedOutput,
        t.DueDate, t.Recurrence, t.Status, t.PercentComplete, t.Version,
        t.Targets.Select(x => x.SubCriterionId).ToList(),
        t.Coordinators.OrderBy(x => x.UnitId).Select(x => x.UnitId).ToList(),
        t.DueDates.OrderBy(d => d.DueOn).Select(d => new DueRow(d.DueOn, d.MetOn)).ToList(),
        t.CompletedOn,
        t.Plan.ReplacesPlanId);

    /// <summary>The task belongs to its year's current plan version (<see cref="ImprovementPlan.IsCurrentVersion"/>).</summary>
    public bool PlanInForce => ImprovementPlan.IsCurrentState(PlanStatus, PlanReplacesId);

    public bool IsClosed => Status is PlanTaskStatus.Done or PlanTaskStatus.Cancelled;

    public bool IsOverdue(DateOnly today) => PlanTask.IsOverdue(Status, DueDate, DueDates.Select(d => (d.DueOn, d.MetOn)), today);

    public DateOnly? NextDue => PlanTask.NextDue(DueDate, DueDates.Select(d => (d.DueOn, d.MetOn)));

    /// <summary>The statuses this task may move to now, in the order the buttons show them.</summary>
    public IEnumerable<PlanTaskStatus> NextStatuses =>
        Enum.GetValues<PlanTaskStatus>().Where(to => PlanTask.CanMove(Status, to));
}

/// <summary>
/// <see cref="PlanTask.IsOverdue(DateOnly)"/> and <see cref="PlanTask.NextDue"/> written for the database, so counts,
/// filters and sorts over a plan of thousands of tasks run in SQL: a task is overdue when it is open and its next
/// unmet due date (a recurring task's earliest unmet date, else the one-off deadline) has passed.
/// </summary>
public static class TaskQueries
{
    public static Expression<Func<PlanTask, bool>> Overdue(DateOnly today) => t =>
        (t.Status == PlanTaskStatus.InProgress || t.Status == PlanTaskStatus.NotStarted)
        // "DueDate != null" keeps the value a true boolean in SQL (no NULL from a missing deadline), so it also sorts.
        && (t.DueDates.Any() ? t.DueDates.Any(d => d.MetOn == null && d.DueOn < today) : t.DueDate != null && t.DueDate < today);

    /// <summary>The status's place in <see cref="PlanTaskStatus"/> (the column holds the names, which sort otherwise).</summary>
    public static readonly Expression<Func<PlanTask, int>> StatusOrder = t =>
        t.Status == PlanTaskStatus.NotStarted ? (int)PlanTaskStatus.NotStarted
        : t.Status == PlanTaskStatus.InProgress ? (int)PlanTaskStatus.InProgress
        : t.Status == PlanTaskStatus.Done ? (int)PlanTaskStatus.Done
        : (int)PlanTaskStatus.Cancelled;

    public static readonly Expression<Func<PlanTask, DateOnly?>> NextDue = t =>
        t.DueDates.Any() ? t.DueDates.Where(d => d.MetOn == null).Min(d => (DateOnly?)d.DueOn) : t.DueDate;

    public static readonly Expression<Func<PlanTask, bool>> NoNextDue = t =>
        (t.DueDates.Any() ? t.DueDates.Where(d => d.MetOn == null).Min(d => (DateOnly?)d.DueOn) : t.DueDate) == null;
}

/// <summary>
/// What the plan page's task table asks for: tasks led or coordinated by <see cref="Unit"/>, of a status (or
/// <see cref="StatusFilter.Overdue"/>), aiming at one of <see cref="AreaSubCriteria"/>, with a deadline in
/// [<see cref="DueFrom"/>, <see cref="DueTo"/>]; in the order <see cref="Sort"/> names ("", "due", "unit", "status", "area").
/// </summary>
public sealed record TaskFilter(int? Unit, string? Status, IReadOnlyCollection<int>? AreaSubCriteria, DateOnly? DueFrom, DateOnly? DueTo,
    string? Sort);

/// <summary>One page of the selected tasks: how many match in all, the page shown (clamped to the pages there are) and its rows.</summary>
public sealed record TaskPage(int Matches, int PageNumber, int PageCount, IReadOnlyList<TaskRow> Rows);

/// <summary>A plan's tasks counted by lead unit and status, and its overdue tasks by lead unit, as the database groups them.</summary>
public sealed record TaskTally(IReadOnlyList<(int LeadUnitId, PlanTaskStatus Status, int Count)> ByStatus,
    IReadOnlyDictionary<int, int> OverdueByUnit)
{
    public int Total => ByStatus.Sum(c => c.Count);
    public int Overdue => OverdueByUnit.Values.Sum();
}

/// <summary>The filter value for computed overdue tasks, next to the stored statuses.</summary>
public static class StatusFilter
{
    public const string Overdue = "Overdue";

    public static bool Matches(string? filter, TaskRow row, DateOnly today) => filter switch
    {
        null or "" => true,
        Overdue => row.IsOverdue(today),
        _ => Enum.TryParse<PlanTaskStatus>(filter, out var s) && row.Status == s,
    };
}

public static class StatusCss
{
    public static string Badge(PlanTaskStatus status, bool overdue) => overdue ? "text-bg-danger" : status switch
    {
        PlanTaskStatus.Done => "text-bg-success",
        PlanTaskStatus.InProgress => "text-bg-primary",
        PlanTaskStatus.Cancelled => "text-bg-secondary",
        _ => "text-bg-light border",
    };
}

/// <summary>
/// The one reader of a plan's tasks, used by the plan page, the API and the exports: the tasks in plan order (a page of them
/// when asked) in one query whatever their number, each with its targets, coordinators and due dates; and the units' names
/// as they stood on a day (an issued plan shows the names of its issue date, a draft today's).
/// </summary>
public sealed class PlanTaskReader(ParIndexDbContext db)
{
    public Task<int> CountAsync(int planId, CancellationToken ct = default) =>
        db.PlanTasks.CountAsync(t => t.PlanId == planId, ct);

    public Task<List<TaskRow>> ReadAsync(int planId, CancellationToken ct = default) => ReadAsync(planId, 0, null, ct);

    public Task<List<TaskRow>> ReadAsync(int planId, long skip, int? take, CancellationToken ct = default)
    {
        IQueryable<PlanTask> query = db.PlanTasks.AsNoTracking().Where(t => t.PlanId == planId).OrderBy(t => t.SortOrder).ThenBy(t => t.Id);
        if (skip > 0) query = query.Skip((int)Math.Min(skip, int.MaxValue));
        if (take is { } n) query = query.Take(n);
        return query.Select(TaskRow.Projection).ToListAsync(ct);
    }

    /// <summary>The plan's tasks counted per lead unit and status, and its overdue tasks per lead unit: two grouped queries.</summary>
    public async Task<TaskTally> TallyAsync(int planId, DateOnly today, CancellationToken ct = default)
    {
        var tasks = db.PlanTasks.AsNoTracking().Where(t => t.PlanId == planId);
        var byStatus = await tasks.GroupBy(t => new { t.LeadUnitId, t.Status })
            .Select(g => new { g.Key.LeadUnitId, g.Key.Status, Count = g.Count() }).ToListAsync(ct);
        var overdue = await tasks.Where(TaskQueries.Overdue(today)).GroupBy(t => t.LeadUnitId)
            .Select(g => new { LeadUnitId = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.LeadUnitId, g => g.Count, ct);
        return new TaskTally(byStatus.Select(c => (c.LeadUnitId, c.Status, c.Count)).ToList(), overdue);
    }

    /// <summary>
    /// One page of the tasks <paramref name="filter"/> selects, filtered, counted, sorted and paged by the database in two
    /// queries whatever the plan's size (the count, then the page's rows); ties keep the plan's order.
    /// </summary>
    public async Task<TaskPage> ReadPageAsync(int planId, TaskFilter filter, DateOnly today, int page, int pageSize,
        CancellationToken ct = default)
    {
        var selected = Selected(planId, filter, today);
        var matches = await selected.CountAsync(ct);
        var pageCount = Math.Max(1, (matches + pageSize - 1) / pageSize);
        page = Math.Clamp(page, 1, pageCount);
        var rows = await Sorted(selected, filter.Sort, today).Skip((page - 1) * pageSize).Take(pageSize)
            .Select(TaskRow.Projection).ToListAsync(ct);
        return new TaskPage(matches, page, pageCount, rows);
    }

    private IQueryable<PlanTask> Selected(int planId, TaskFilter filter, DateOnly today)
    {
        var query = db.PlanTasks.AsNoTracking().Where(t => t.PlanId == planId);
        if (filter.Unit is { } unit) query = query.Where(t => t.LeadUnitId == unit || t.Coordinators.Any(c => c.UnitId == unit));
        if (filter.Status == StatusFilter.Overdue) query = query.Where(TaskQueries.Overdue(today));
        else if (!string.IsNullOrEmpty(filter.Status))
            query = Enum.TryParse<PlanTaskStatus>(filter.Status, out var status) ? query.Where(t => t.Status == status) : query.Where(t => false);
        if (filter.AreaSubCriteria is { } subs) query = query.Where(t => t.Targets.Any(x => subs.Contains(x.SubCriterionId)));
        if (filter.DueFrom is not null || filter.DueTo is not null)
        {
            // One of the task's deadlines (its due date, or any date of a recurring task) lies in the range.
            var from = filter.DueFrom ?? DateOnly.MinValue;
            var to = filter.DueTo ?? DateOnly.MaxValue;
            query = query.Where(t => t.DueDate >= from && t.DueDate <= to || t.DueDates.Any(d => d.DueOn >= from && d.DueOn <= to));
        }
        return query;
    }

    /// <summary>
    /// The order asked for, then the plan's: "due" nearest next deadline first (none last), "unit" the units' order,
    /// "status" overdue first then by status, "area" the framework's order of the first area the task aims at (none last).
    /// </summary>
    private IOrderedQueryable<PlanTask> Sorted(IQueryable<PlanTask> query, string? sort, DateOnly today)
    {
        IOrderedQueryable<PlanTask>? ordered = sort switch
        {
            "due" => query.OrderBy(TaskQueries.NoNextDue).ThenBy(TaskQueries.NextDue),
            "unit" => query.OrderBy(t => db.Units.Where(u => u.Id == t.LeadUnitId).Select(u => (int?)u.SortOrder).FirstOrDefault() ?? int.MaxValue)
                .ThenBy(t => t.LeadUnitId),
            "status" => query.OrderByDescending(TaskQueries.Overdue(today)).ThenBy(TaskQueries.StatusOrder),
            "area" => query.OrderBy(t => (from x in t.Targets
                                          join s in db.SubCriteria on x.SubCriterionId equals s.Id
                                          join c in db.Criteria on s.CriterionId equals c.Id
                                          join a in db.Areas on c.AreaId equals a.Id
                                          select (int?)a.SortOrder).Min() ?? int.MaxValue),
            _ => null,
        };
        return ordered is null ? query.OrderBy(t => t.SortOrder).ThenBy(t => t.Id) : ordered.ThenBy(t => t.SortOrder).ThenBy(t => t.Id);
    }

    /// <summary>
    /// Every unit in its order, named as it was on <paramref name="asOf"/> (null: today's names), in one query: a unit renamed
    /// after that day shows the name it carried until its first later change.
    /// </summary>
    public async Task<IReadOnlyDictionary<int, UnitRef>> UnitsAsync(DateOnly? asOf, CancellationToken ct = default)
    {
        if (asOf is not { } day)
            return await db.Units.AsNoTracking().OrderBy(u => u.SortOrder)
                .Select(u => new UnitRef(u.Id, u.Code, u.Name, u.RetiredOn == null)).ToDictionaryAsync(u => u.Id, ct);
        return await db.Units.AsNoTracking().OrderBy(u => u.SortOrder)
            .Select(u => new UnitRef(u.Id, u.Code,
                u.NameHistory.Where(h => h.ChangedOn > day).OrderBy(h => h.ChangedOn).Select(h => h.PreviousName).FirstOrDefault() ?? u.Name,
                u.RetiredOn == null || u.RetiredOn > day))
            .ToDictionaryAsync(u => u.Id, ct);
    }

    /// <summary>The day whose names a plan shows: its issue date once issued, else none (today's names).</summary>
    public static DateOnly? NamesAsOf(PlanStatus status, DateOnly? planDate) =>
        status is PlanStatus.Issued or PlanStatus.Superseded ? planDate : null;
}
