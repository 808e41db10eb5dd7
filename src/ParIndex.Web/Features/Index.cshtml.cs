using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ParIndex.Domain.Assessments;
using ParIndex.Domain.Plans;
using ParIndex.Web.Data;
using ParIndex.Web.Features.Assessments;
using ParIndex.Web.Features.Plans;
using ParIndex.Web.Identity;
using ParIndex.Web.Infrastructure;

namespace ParIndex.Web.Features;

/// <summary>
/// The page after sign-in, where each role's work is: Leadership goes to the dashboard, a unit head to the unit's
/// tasks; the Office (and the administrator) see the open assessment's progress and the plan's overdue tasks here.
/// </summary>
public class IndexModel(ParIndexDbContext db, AssessmentViewCache assessments, CurrentUser me, Clock clock) : PageModel
{
    public DateOnly Today => clock.Today;
    /// <summary>The assessment with a phase open today (else the latest), its progress and open phase.</summary>
    public AssessmentView? Assessment { get; private set; }
    public ScoreProgress? Progress { get; private set; }
    public AssessmentPhase? OpenPhase { get; private set; }
    public int? PlanYear { get; private set; }
    public IReadOnlyList<TaskRow> OverdueTasks { get; private set; } = [];
    public int OverdueCount { get; private set; }
    public IReadOnlyDictionary<int, UnitRef> Units { get; private set; } = new Dictionary<int, UnitRef>();

    public const int OverdueShown = 10;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (me.IsLeadership && !me.IsEditor) return Redirect("/Dashboard");
        if (me.IsUnitHead && !me.IsEditor && me.UnitId is not null) return Redirect("/Tasks/Mine");
        if (!me.IsEditor) return Page();

        var today = clock.Today;
        var years = await db.Assessments.AsNoTracking().OrderByDescending(a => a.Year)
            .Select(a => new { a.Year, Open = a.Phases.Any(p => p.ClosedAt == null && p.StartsOn <= today && p.EndsOn >= today) })
            .ToListAsync(ct);
        var year = years.FirstOrDefault(y => y.Open)?.Year ?? years.FirstOrDefault()?.Year;
        if (year is { } y && await assessments.ReadAsync(y, ct) is { } view)
        {
            Assessment = view;
            Progress = ScoreProgress.Of(view.Sheet.Lines);
            OpenPhase = view.Phases.OrderBy(p => p.Kind).FirstOrDefault(p => p.IsOpen(today));
        }

        PlanYear = await db.Plans.AsNoTracking().Where(p => p.Status == PlanStatus.Issued).MaxAsync(p => (int?)p.TargetYear, ct);
        if (PlanYear is { } planYear)
        {
            var tasks = await db.PlanTasks.AsNoTracking().Where(t => t.Plan!.TargetYear == planYear && t.Plan.Status == PlanStatus.Issued)
                .OrderBy(t => t.SortOrder).Select(TaskRow.Projection).ToListAsync(ct);
            var overdue = tasks.Where(t => t.IsOverdue(today)).OrderBy(t => t.NextDue).ToList();
            OverdueCount = overdue.Count;
            OverdueTasks = overdue.Take(OverdueShown).ToList();
            Units = await new AssessmentReader(db).ReadUnitsAsync(ct);
        }
        return Page();
    }
}
