using System.Linq.Expressions;
using ParIndex.Domain.Plans;

namespace ParIndex.Web.Features.Plans;

/// <summary>A sub-criterion of a year's framework, as task forms and tables show it.</summary>
public sealed record SubCriterionOption(int Id, string Code, string Name, string AreaCode, string AreaName, int? LeadUnitId);

public sealed record DueRow(DateOnly DueOn, DateOnly? MetOn);

/// <summary>A task as lists show it, read in one query with its targets, coordinators and due dates.</summary>
public sealed record TaskRow(
    int Id, int PlanId, int TargetYear, PlanStatus PlanStatus, int SortOrder, string Content, int LeadUnitId, string? ExpectedOutput,
    DateOnly? DueDate, Recurrence Recurrence, PlanTaskStatus Status, int PercentComplete, Guid Version,
    List<int> TargetIds, List<int> CoordinatorIds, List<DueRow> DueDates)
{
    public static readonly Expression<Func<PlanTask, TaskRow>> Projection = t => new TaskRow(
        t.Id, t.PlanId, t.Plan!.TargetYear, t.Plan.Status, t.SortOrder, t.Content, t.LeadUnitId, t.ExpectedOutput,
        t.DueDate, t.Recurrence, t.Status, t.PercentComplete, t.Version,
        t.Targets.Select(x => x.SubCriterionId).ToList(),
        t.Coordinators.Select(x => x.UnitId).ToList(),
        t.DueDates.OrderBy(d => d.DueOn).Select(d => new DueRow(d.DueOn, d.MetOn)).ToList());

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
