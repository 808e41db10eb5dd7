using Microsoft.AspNetCore.Authorization;
using ParIndex.Web.Identity;

namespace ParIndex.Web.Features.Plans;

/// <summary>
/// The people of one task: its lead unit and the units coordinating (the resource of <see cref="TaskRightRequirement"/>);
/// <paramref name="InForce"/> false for a task of a plan version that is not the year's current one (superseded, or a
/// replacement still being written), on which nobody records progress.
/// </summary>
public sealed record TaskParties(int LeadUnitId, IReadOnlyCollection<int> CoordinatingUnitIds, bool InForce = true);

/// <summary>
/// A record-level rule, checked through <see cref="IAuthorizationService"/> with the task's <see cref="TaskParties"/>:
/// <see cref="Full"/> (status and percentage: the lead unit's head, Office, Admin) or <see cref="Note"/> (progress notes:
/// also a coordinating unit's head). Declared on handlers with <c>[RecordRule]</c>.
/// </summary>
public sealed class TaskRightRequirement(TaskRight needed) : IAuthorizationRequirement
{
    public static readonly TaskRightRequirement Full = new(TaskRight.Full);
    public static readonly TaskRightRequirement Note = new(TaskRight.Note);

    public TaskRight Needed { get; } = needed;
}

/// <summary>Decides <see cref="TaskRightRequirement"/> with the one rule of <see cref="TaskAccess.For"/>.</summary>
public sealed class TaskRightHandler(CurrentUser me) : AuthorizationHandler<TaskRightRequirement, TaskParties>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, TaskRightRequirement requirement, TaskParties resource)
    {
        if (resource.InForce && TaskAccess.For(me, resource.LeadUnitId, resource.CoordinatingUnitIds) >= requirement.Needed)
            context.Succeed(requirement);
        return Task.CompletedTask;
    }
}
