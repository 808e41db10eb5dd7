using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ParIndex.Web.Data;
using ParIndex.Web.Features.Assessments;
using ParIndex.Web.Features.Plans;
using ParIndex.Web.Identity;
using ParIndex.Web.Infrastructure;

namespace ParIndex.Web.Features.Plans;

/// <summary>
/// A unit head's tasks: what their unit leads (overdue, due within 14 days, the rest) and what it coordinates.
/// The forms post to the task page's handlers, so the one authorisation rule there applies.
/// </summary>
public class MineModel(ParIndexDbContext db, CurrentUser me, Clock clock) : PageModel
{
    public const int SoonDays = 14;

    public bool HasUnit { get; private set; }
    public string UnitName { get; private set; } = "";
    public IReadOnlyList<TaskRow> Overdue { get; private set; } = [];
    public IReadOnlyList<TaskRow> DueSoon { get; private set; } = [];
    public IReadOnlyList<TaskRow> Others { get; private set; } = [];
    public IReadOnlyList<TaskRow> Coordinated { get; private set; } = [];
    public IReadOnlyDictionary<int, UnitRef> Units { get; private set; } = new Dictionary<int, UnitRef>();
    public DateOnly Today => clock.Today;

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (me.UnitId is not { } unit) return;
        HasUnit = true;
        var today = clock.Today;
        var tasks = await db.PlanTasks.AsNoTracking()
            .Where(t => t.LeadUnitId == unit || t.Coordinators.Any(c => c.UnitId == unit))
            .OrderByDescending(t => t.Plan!.TargetYear).ThenBy(t => t.SortOrder)
            .Select(TaskRow.Projection).ToListAsync(ct);
        Units = await new AssessmentReader(db).ReadUnitsAsync(ct);
        UnitName = Units.TryGetValue(unit, out var u) ? u.Name : "";

        var lead = tasks.Where(t => t.LeadUnitId == unit).ToList();
        Overdue = lead.Where(t => t.IsOverdue(today)).OrderBy(t => t.NextDue).ToList();
        DueSoon = lead.Where(t => !t.IsOverdue(today) && !t.IsClosed && t.NextDue is { } d && d <= today.AddDays(SoonDays))
            .OrderBy(t => t.NextDue).ToList();
        var shown = Overdue.Concat(DueSoon).Select(t => t.Id).ToHashSet();
        Others = lead.Where(t => !shown.Contains(t.Id)).OrderBy(t => t.IsClosed).ThenBy(t => t.NextDue ?? DateOnly.MaxValue).ToList();
        Coordinated = tasks.Where(t => t.LeadUnitId != unit).ToList();
    }
}
