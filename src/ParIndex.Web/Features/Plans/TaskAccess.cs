using ParIndex.Web.Identity;

namespace ParIndex.Web.Features.Plans;

/// <summary>What the signed-in user may do with one task.</summary>
public enum TaskRight
{
    /// <summary>Read only: Leadership, and unit heads of units not involved.</summary>
    Read = 0,
    /// <summary>Add progress notes, not change the status: a coordinating unit's head.</summary>
    Note = 1,
    /// <summary>Change the status and add progress: the lead unit's head, Office and Admin.</summary>
    Full = 2,
}

public static class TaskAccess
{
    /// <summary>
    /// One rule for every handler: the lead unit answers for the task, coordinating units may report on it,
    /// the office keeps the whole plan; Leadership reads and issues only.
    /// </summary>
    public static TaskRight For(CurrentUser me, int leadUnitId, IEnumerable<int> coordinatingUnitIds)
    {
        if (me.IsEditor) return TaskRight.Full;
        if (!me.IsUnitHead || me.UnitId is not { } unit) return TaskRight.Read;
        if (unit == leadUnitId) return TaskRight.Full;
        return coordinatingUnitIds.Contains(unit) ? TaskRight.Note : TaskRight.Read;
    }
}
