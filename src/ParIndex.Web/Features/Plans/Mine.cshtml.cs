using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ParIndex.Domain;
using ParIndex.Domain.Plans;
using ParIndex.Web.Data;
using ParIndex.Web.Features.Assessments;
using ParIndex.Web.Features.Plans;
using ParIndex.Web.Identity;
using ParIndex.Web.Infrastructure;
using ParIndex.Web.Infrastructure.Caching;

namespace ParIndex.Web.Features.Plans;

/// <summary>
/// A unit head's tasks: what their unit leads (overdue, due within 14 days, the rest) and what it coordinates.
/// The forms post to the task page's handlers, so the one authorisation rule there applies.
/// </summary>
public class MineModel(ParIndexDbContext db, CurrentUser me, Clock clock, ILogger<MineModel> log, AssessmentViewCache shared,
    ReadCache cache) : PageModel
{
    /// <summary>Several of the unit's own tasks moved to one status at once, with one note: all or nothing.</summary>
    [BindProperty] public BulkForm Bulk { get; set; } = new();

    public sealed class BulkForm
    {
        public List<int> Ids { get; set; } = [];
        /// <summary>The version each task was shown with, by task id.</summary>
        public Dictionary<int, Guid> Versions { get; set; } = [];
        public string? To { get; set; }
        public string? Note { get; set; }
    }

    public string? BulkError { get; private set; }
    public const string BulkConflict = "Một số nhiệm vụ vừa được người khác cập nhật; chưa có thay đổi nào được lưu. Trạng thái mới đang hiển thị; hãy chọn lại.";

    public const int SoonDays = 14;

    public bool HasUnit { get; private set; }
    public string UnitName { get; private set; } = "";
    public IReadOnlyList<TaskRow> Overdue { get; private set; } = [];
    public IReadOnlyList<TaskRow> DueSoon { get; private set; } = [];
    public IReadOnlyList<TaskRow> Others { get; private set; } = [];
    public IReadOnlyList<TaskRow> Coordinated { get; private set; } = [];
    public IReadOnlyDictionary<int, UnitRef> Units { get; private set; } = new Dictionary<int, UnitRef>();
    public DateOnly Today => clock.Today;

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public async Task<IActionResult> OnPostBulkAsync(CancellationToken ct)
    {
        if (me.UnitId is not { } unit) return Forbid();
        var ids = Bulk.Ids.Distinct().ToList();
        var tasks = await db.PlanTasks.Include(t => t.Plan).Where(t => ids.Contains(t.Id)).ToListAsync(ct);
        // Only the unit's own tasks (it leads them), and every id must exist: otherwise nothing is changed.
        if (tasks.Count != ids.Count) return NotFound();
        if (tasks.Any(t => t.LeadUnitId != unit)) return Forbid();

        string? error = null;
        if (ids.Count == 0) error = "Vui lòng chọn ít nhất một nhiệm vụ.";
        else if (!Enum.TryParse<PlanTaskStatus>(Bulk.To, out var parsed) || !Enum.IsDefined(parsed) || parsed == PlanTaskStatus.Cancelled)
            error = "Vui lòng chọn trạng thái mới (đang thực hiện hoặc hoàn thành).";
        else if (tasks.Any(t => !Bulk.Versions.TryGetValue(t.Id, out var v) || v != t.Version)) error = BulkConflict;
        if (error is null)
        {
            var to = Enum.Parse<PlanTaskStatus>(Bulk.To!);
            try
            {
                foreach (var t in tasks)
                {
                    t.ChangeStatus(to, Bulk.Note, me.Id, me.Name, me.UnitId, clock.Today, clock.UtcNow, null);
                    db.Entry(t).Property(x => x.Version).OriginalValue = Bulk.Versions[t.Id];
                }
                await db.SaveChangesAsync(ct);
                log.LogInformation("{Count} tasks moved to {Status} at once by {UserId}", tasks.Count, to, me.Id);
                TempData["Message"] = $"Đã chuyển {tasks.Count} nhiệm vụ sang \"{to.ToVietnamese()}\".";
                return Redirect("/Tasks/Mine");
            }
            catch (DomainException e)
            {
                error = e.Message + " Chưa có thay đổi nào được lưu.";
            }
            catch (DbUpdateConcurrencyException)
            {
                error = BulkConflict;
            }
        }
        db.ChangeTracker.Clear();
        BulkError = error;
        ModelState.Clear();
        Bulk = new BulkForm { To = Bulk.To, Note = Bulk.Note, Ids = error == BulkConflict ? [] : ids };
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        if (me.UnitId is not { } unit) return;
        HasUnit = true;
        var today = clock.Today;
        // The tasks of each year's current plan version only (not a superseded version, nor a replacement being written).
        // A unit's tasks are the same for every user of the unit until the next write: shared (key unit-tasks:{unit}),
        // dropped by any write of this process, so a bulk update shows on the page it returns to.
        var tasks = await cache.GetAsync($"unit-tasks:{unit}", services => ReadTasksAsync(services.GetRequiredService<ParIndexDbContext>(), unit), ct);
        Units = await shared.UnitsAsync(ct);
        UnitName = Units.TryGetValue(unit, out var u) ? u.Name : "";

        var lead = tasks.Where(t => t.LeadUnitId == unit).ToList();
        Overdue = lead.Where(t => t.IsOverdue(today)).OrderBy(t => t.NextDue).ToList();
        DueSoon = lead.Where(t => !t.IsOverdue(today) && !t.IsClosed && t.NextDue is { } d && d <= today.AddDays(SoonDays))
            .OrderBy(t => t.NextDue).ToList();
        var shown = Overdue.Concat(DueSoon).Select(t => t.Id).ToHashSet();
        Others = lead.Where(t => !shown.Contains(t.Id)).OrderBy(t => t.IsClosed).ThenBy(t => t.NextDue ?? DateOnly.MaxValue).ToList();
        Coordinated = tasks.Where(t => t.LeadUnitId != unit).ToList();
    }

    private static Task<List<TaskRow>> ReadTasksAsync(ParIndexDbContext db, int unit) =>
        db.PlanTasks.AsNoTracking().Where(PlanTask.InCurrentPlan)
            .Where(t => t.LeadUnitId == unit || t.Coordinators.Any(c => c.UnitId == unit))
            .OrderByDescending(t => t.Plan!.TargetYear).ThenBy(t => t.SortOrder)
            .Select(TaskRow.Projection).ToListAsync(CancellationToken.None);
}
