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
