using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ParIndex.Domain;
using ParIndex.Domain.Plans;
using ParIndex.Web.Data;
using ParIndex.Web.Features.Assessments;
using ParIndex.Web.Features.Plans;
using ParIndex.Web.Identity;

namespace ParIndex.Web.Features.Plans;

/// <summary>Creates or edits a task's content while its plan is a draft (Office and Admin).</summary>
[Authorize(Policy = Policies.Editor)]
public class TaskEditModel(ParIndexDbContext db) : PageModel
{
    public const string Conflict = "Nhiệm vụ vừa được người khác cập nhật; nội dung của bạn chưa được lưu. Vui lòng tải lại trang.";

    [FromRoute] public int Year { get; set; }
    [FromRoute] public int? Id { get; set; }
    [BindProperty] public TaskInput Input { get; set; } = new();

    public bool PlanIssued { get; private set; }

    /// <summary>Route values of the forms: a null id would make the optional route parameter fail to generate.</summary>
    public Dictionary<string, string> FormRoute => Id is { } id
        ? new() { ["year"] = Year.ToString(System.Globalization.CultureInfo.InvariantCulture), ["id"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture) }
        : new() { ["year"] = Year.ToString(System.Globalization.CultureInfo.InvariantCulture) };
    public IReadOnlyList<UnitRef> Units { get; private set; } = [];
    public IReadOnlyList<SubCriterionOption> SubCriteria { get; private set; } = [];

    public sealed class TaskInput
    {
        public Guid? Version { get; set; }
        public string? Content { get; set; }
        // Nullable so that an empty selection reaches our Vietnamese message, not the framework's implicit "required".
        public List<int>? TargetIds { get; set; } = [];
        public int? LeadUnitId { get; set; }
        public List<int>? CoordinatorIds { get; set; } = [];
        public Recurrence Recurrence { get; set; }
        public DateOnly? DueDate { get; set; }
        public string? DueDates { get; set; }
        public string? ExpectedOutput { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var plan = await db.Plans.AsNoTracking().Working(Year).Select(p => new { p.Id, p.Status }).SingleOrDefaultAsync(ct);
        if (plan is null) return NotFound();
        PlanIssued = plan.Status != PlanStatus.Draft;
        if (Id is { } id)
        {
            var task = await db.PlanTasks.AsNoTracking().Where(t => t.Id == id && t.PlanId == plan.Id).Select(TaskRow.Projection).SingleOrDefaultAsync(ct);
            if (task is null) return NotFound();
            Input = new TaskInput
            {
                Version = task.Version,
                Content = task.Content,
                TargetIds = task.TargetIds,
                LeadUnitId = task.LeadUnitId,
                CoordinatorIds = task.CoordinatorIds,
                Recurrence = task.Recurrence,
                DueDate = task.Recurrence == Recurrence.None ? task.DueDate : null,
                DueDates = DateInput.Format(task.DueDates.Select(d => d.DueOn)),
                ExpectedOutput = task.ExpectedOutput,
            };
        }
        else
        {
            Input.DueDate = new DateOnly(Year, 11, 30);
        }
        await LoadOptionsAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken ct)
    {
        await LoadOptionsAsync(ct);
        PlanTask? task = null;
        ImprovementPlan? plan;
        if (Id is { } id)
        {
            task = await db.PlanTasks.Include(t => t.Plan).Include(t => t.Targets).Include(t => t.Coordinators).Include(t => t.DueDates)
                .SingleOrDefaultAsync(t => t.Id == id && t.Plan!.TargetYear == Year, ct);
            if (task is null) return NotFound();
            plan = task.Plan!;
        }
        else
        {
            plan = await db.Plans.Include(p => p.Tasks).Working(Year).SingleOrDefaultAsync(ct);
            if (plan is null) return NotFound();
        }
        PlanIssued = plan.Status != PlanStatus.Draft;

        Input.TargetIds ??= [];
        Input.CoordinatorIds ??= [];
        var subIds = SubCriteria.Select(s => s.Id).ToHashSet();
        var unitIds = Units.Select(u => u.Id).ToHashSet();
        if (string.IsNullOrWhiteSpace(Input.Content)) ModelState.AddModelError("Input.Content", "Vui lòng nhập nội dung nhiệm vụ.");
        if (Input.TargetIds.Count == 0) ModelState.AddModelError("Input.TargetIds", "Vui lòng chọn ít nhất một tiêu chí thành phần.");
        else if (Input.TargetIds.Any(i => !subIds.Contains(i)))
            ModelState.AddModelError("Input.TargetIds", $"Tiêu chí thành phần phải thuộc bộ tiêu chí năm {Year}.");
        if (Input.LeadUnitId is not { } lead || !unitIds.Contains(lead)) ModelState.AddModelError("Input.LeadUnitId", "Vui lòng chọn đơn vị chủ trì.");
        if (Input.CoordinatorIds.Any(i => !unitIds.Contains(i))) ModelState.AddModelError("Input.CoordinatorIds", "Đơn vị phối hợp không hợp lệ.");
        if (!Enum.IsDefined(Input.Recurrence)) ModelState.AddModelError("Input.Recurrence", "Nhịp thực hiện không hợp lệ.");
        var dueDates = new List<DateOnly>();
        if (Input.Recurrence == Recurrence.None)
        {
            if (Input.DueDate is null) ModelState.AddModelError("Input.DueDate", "Vui lòng chọn thời hạn hoàn thành.");
        }
        else if (!DateInput.TryParseList(Input.DueDates, out dueDates, out var dateError))
            ModelState.AddModelError("Input.DueDates", dateError!);
        else if (dueDates.Count == 0)
            ModelState.AddModelError("Input.DueDates", "Nhiệm vụ định kỳ cần ít nhất một hạn hoàn thành.");
        if (!ModelState.IsValid) return Page();

        try
        {
            var dueDate = Input.Recurrence == Recurrence.None ? Input.DueDate : null;
            if (task is null)
            {
                task = new PlanTask(Input.Content!, Input.LeadUnitId!.Value, Input.ExpectedOutput, dueDate, Input.Recurrence, dueDates);
                task.SetTargets(Input.TargetIds);
                task.SetCoordinators(Input.CoordinatorIds);
                plan.AddTask(task);
            }
            else
            {
                // The entity refuses first when the plan is issued, so the user reads the rule rather than a conflict.
                task.EditContent(Input.Content!, Input.LeadUnitId!.Value, Input.ExpectedOutput, dueDate, Input.Recurrence, dueDates);
                if (db.Entry(task).Property(t => t.Version).OriginalValue != Input.Version)
                {
                    ModelState.AddModelError(string.Empty, Conflict);
                    return Page();
                }
                task.SetTargets(Input.TargetIds);
                task.SetCoordinators(Input.CoordinatorIds);
            }
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError(string.Empty, Conflict);
            return Page();
        }
        TempData["Message"] = Id is null ? "Đã thêm nhiệm vụ." : "Đã lưu nhiệm vụ.";
        return RedirectToPage("/Plans/Task", new { year = Year, id = task.Id });
    }

    public async Task<IActionResult> OnPostDeleteAsync(CancellationToken ct)
    {
        if (Id is not { } id) return NotFound();
        // Progress is loaded so that the plan can refuse to delete a task with history (ImprovementPlan.RemoveTask).
        var task = await db.PlanTasks.Include(t => t.Plan).Include(t => t.Progress)
            .SingleOrDefaultAsync(t => t.Id == id && t.Plan!.TargetYear == Year, ct);
        if (task is null) return NotFound();
        await LoadOptionsAsync(ct);
        PlanIssued = task.Plan!.Status != PlanStatus.Draft;
        task.Plan.RemoveTask(task);
        if (db.Entry(task).Property(t => t.Version).OriginalValue != Input.Version)
        {
            ModelState.AddModelError(string.Empty, Conflict);
            return Page();
        }
        await db.SaveChangesAsync(ct);
        TempData["Message"] = "Đã xóa nhiệm vụ.";
        return RedirectToPage("/Plans/Details", new { year = Year });
    }

    private async Task LoadOptionsAsync(CancellationToken ct)
    {
        Units = (await new AssessmentReader(db).ReadUnitsAsync(ct)).Values.Where(u => u.IsActive).ToList();
        SubCriteria = await PlanService.SubCriteriaAsync(db, Year, ct);
    }
}
