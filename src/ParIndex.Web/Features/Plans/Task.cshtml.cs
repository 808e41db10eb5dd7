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
using ParIndex.Web.Infrastructure;
using ParIndex.Web.Infrastructure.Authorization;
using ParIndex.Web.Infrastructure.Caching;

namespace ParIndex.Web.Features.Plans;

/// <summary>
/// A task with its history. Every handler here takes the task's id, so every one of them decides the user's right
/// on that task first (<see cref="TaskAccess"/>) and refuses before reading or writing anything else.
/// </summary>
public class TaskModel(ParIndexDbContext db, CurrentUser me, Clock clock, FileStore files, ILogger<TaskModel> log,
    IAuthorizationService authorization, AssessmentViewCache shared, ReadCache cache) : PageModel, IReloadOnDomainError
{
    public const string Conflict = "Nhiệm vụ vừa được người khác cập nhật; thay đổi của bạn chưa được lưu. Vui lòng xem lại tình trạng mới nhất dưới đây.";

    public sealed record HistoryRow(int Id, DateOnly Date, DateTime AtUtc, string? Note, int? Percent, string? EvidenceUrl,
        string? EvidenceFileName, string AuthorName, int? AuthorUnitId, PlanTaskStatus? StatusFrom, PlanTaskStatus? StatusTo);

    [FromRoute] public int Year { get; set; }
    [FromRoute] public int Id { get; set; }
    [BindProperty] public StatusForm StatusInput { get; set; } = new();
    [BindProperty] public ProgressForm ProgressInput { get; set; } = new();

    public TaskRow Row { get; private set; } = null!;
    public TaskRight Right { get; private set; }
    public IReadOnlyList<HistoryRow> History { get; private set; } = [];
    public IReadOnlyDictionary<int, UnitRef> Units { get; private set; } = new Dictionary<int, UnitRef>();
    public IReadOnlyList<SubCriterionOption> Targets { get; private set; } = [];
    public DateOnly Today => clock.Today;
    public string? ErrorMessage { get; private set; }

    public sealed class StatusForm
    {
        public Guid Version { get; set; }
        public string? To { get; set; }
        public string? Note { get; set; }
        public string? CancelReason { get; set; }
        public string? ReturnUrl { get; set; }
    }

    public sealed class ProgressForm
    {
        public Guid Version { get; set; }
        public DateOnly? Date { get; set; }
        public string? Note { get; set; }
        public string? Percent { get; set; }
        public string? EvidenceUrl { get; set; }
        public IFormFile? File { get; set; }
        public string? ReturnUrl { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) =>
        await LoadAsync(ct) ? Page() : NotFound();

    [RecordRule(typeof(TaskRightRequirement), nameof(TaskRightRequirement.Full))]
    public async Task<IActionResult> OnPostStatusAsync(CancellationToken ct)
    {
        if (await PartiesAsync(ct) is not { } parties) return NotFound();
        if (!await MayAsync(parties, TaskRightRequirement.Full)) return Forbid();

        if (!Enum.TryParse<PlanTaskStatus>(StatusInput.To, out var to) || !Enum.IsDefined(to))
            return await ErrorAsync("StatusInput.To", "Vui lòng chọn trạng thái mới.", ct);
        if (to == PlanTaskStatus.Cancelled && string.IsNullOrWhiteSpace(StatusInput.CancelReason))
            return await ErrorAsync("StatusInput.CancelReason", "Vui lòng nêu lý do hủy nhiệm vụ.", ct);

        var task = await db.PlanTasks.Include(t => t.Plan).SingleAsync(t => t.Id == Id, ct);
        if (task.Version != StatusInput.Version) return await ErrorAsync(null, Conflict, ct);
        // A refusal of the entity (a transition not allowed, a plan no longer in force) is shown by DomainErrorFilter.
        task.ChangeStatus(to, StatusInput.Note, me.Id, me.Name, me.UnitId, clock.Today, clock.UtcNow, StatusInput.CancelReason);
        db.Entry(task).Property(t => t.Version).OriginalValue = StatusInput.Version;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return await ErrorAsync(null, Conflict, ct);
        }
        log.LogInformation("Task {TaskId} moved to {Status} by {UserId}", Id, to, me.Id);
        TempData["Message"] = $"Đã chuyển nhiệm vụ sang \"{to.ToVietnamese()}\".";
        return Back(StatusInput.ReturnUrl);
    }

    [RecordRule(typeof(TaskRightRequirement), nameof(TaskRightRequirement.Note))]
    public async Task<IActionResult> OnPostProgressAsync(CancellationToken ct)
    {
        if (await PartiesAsync(ct) is not { } parties) return NotFound();
        if (!await MayAsync(parties, TaskRightRequirement.Note)) return Forbid();
        var full = await MayAsync(parties, TaskRightRequirement.Full);

        var input = ProgressInput;
        // A malformed or out-of-range date was refused by the date binder (its message is beside the field): never today instead.
        if (ModelState.GetFieldValidationState("ProgressInput.Date") == Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid)
            return await ErrorAsync(null, "Ngày cập nhật không hợp lệ; nhập theo dạng dd/MM/yyyy.", ct);
        var date = input.Date ?? clock.Today;
        int? percent = null;
        if (string.IsNullOrWhiteSpace(input.Note))
            return await ErrorAsync("ProgressInput.Note", "Vui lòng nhập nội dung cập nhật.", ct);
        if (date > clock.Today)
            return await ErrorAsync("ProgressInput.Date", "Ngày cập nhật không được sau ngày hôm nay.", ct);
        if (!string.IsNullOrWhiteSpace(input.Percent))
        {
            if (!full)
                return await ErrorAsync(null, "Đơn vị phối hợp chỉ ghi nhận tiến độ, không cập nhật tỷ lệ hoàn thành.", ct);
            if (!int.TryParse(input.Percent.Trim().TrimEnd('%'), out var p) || p is < 0 or > 100)
                return await ErrorAsync("ProgressInput.Percent", "Tỷ lệ hoàn thành phải là số nguyên từ 0 đến 100.", ct);
            percent = p;
        }
        if (input.File is { } file && await FileStore.ValidateAsync(file, ct) is { } fileError)
            return await ErrorAsync("ProgressInput.File", fileError, ct);

        var task = await db.PlanTasks.Include(t => t.Plan).Include(t => t.DueDates).SingleAsync(t => t.Id == Id, ct);
        if (task.Version != input.Version) return await ErrorAsync(null, Conflict, ct);
        string? stored = null;
        try
        {
            var entry = full
                ? task.AddProgress(input.Note, percent, input.EvidenceUrl, me.Id, me.Name, me.UnitId, date, clock.UtcNow)
                : task.AddCoordinatorNote(input.Note, input.EvidenceUrl, me.Id, me.Name, me.UnitId, date, clock.UtcNow);
            if (input.File is { } upload)
            {
                stored = await files.SaveAsync(upload, ct);
                entry.AttachFile(Path.GetFileName(upload.FileName), stored);
            }
            db.Entry(task).Property(t => t.Version).OriginalValue = input.Version;
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            files.Delete(stored);
            return await ErrorAsync(null, Conflict, ct);
        }
        catch
        {
            // The progress entry was not saved (a refusal of the entity goes on to DomainErrorFilter): neither is its file.
            files.Delete(stored);
            throw;
        }
        TempData["Message"] = "Đã ghi nhận cập nhật tiến độ.";
        return Back(input.ReturnUrl);
    }

    /// <summary>Evidence files go only to signed-in users (the fallback policy), always as an attachment.</summary>
    public async Task<IActionResult> OnGetEvidenceAsync(int progressId, CancellationToken ct)
    {
        var file = await db.TaskProgress.AsNoTracking()
            .Where(p => p.Id == progressId && p.PlanTaskId == Id && db.PlanTasks.Any(t => t.Id == Id && t.Plan!.TargetYear == Year))
            .Select(p => new { p.EvidenceFileName, p.EvidenceStoredName }).SingleOrDefaultAsync(ct);
        if (file?.EvidenceStoredName is not { } stored) return NotFound();
        var name = file.EvidenceFileName ?? stored;
        return File(files.Open(stored), FileStore.ContentTypeFor(name), name);
    }

    private IActionResult Back(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && Url.IsLocalUrl(returnUrl)
            ? LocalRedirect(returnUrl)
            : RedirectToPage(new { year = Year, id = Id });

    /// <summary>The task's lead and coordinating units (the record of the declared rule), or null when this plan year has no such task.</summary>
    private async Task<TaskParties?> PartiesAsync(CancellationToken ct)
    {
        var row = await db.PlanTasks.AsNoTracking().Where(t => t.Id == Id && t.Plan!.TargetYear == Year)
            .Select(t => new { t.LeadUnitId, Coordinators = t.Coordinators.Select(c => c.UnitId).ToList(), t.Plan!.Status, t.Plan.ReplacesPlanId })
            .SingleOrDefaultAsync(ct);
        return row is null ? null
            : new TaskParties(row.LeadUnitId, row.Coordinators, ImprovementPlan.IsCurrentState(row.Status, row.ReplacesPlanId));
    }

    /// <summary>The record-level check each handler declares with <see cref="RecordRuleAttribute"/>.</summary>
    private async Task<bool> MayAsync(TaskParties parties, TaskRightRequirement requirement) =>
        (await authorization.AuthorizeAsync(User, parties, requirement)).Succeeded;

    /// <summary>After a refusal of the entity (DomainErrorFilter): the task read again, the forms showing what was typed.</summary>
    async Task IReloadOnDomainError.ReloadAsync(CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        await LoadAsync(ct, fresh: true);
    }

    private async Task<IActionResult> ErrorAsync(string? field, string message, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        if (field is null) ErrorMessage = message;
        else ModelState.AddModelError(field, message);
        return await LoadAsync(ct, fresh: true) ? Page() : NotFound();
    }

    /// <summary>What this page shows of one task, the same for every user until the next write.</summary>
    public sealed record PageData(TaskRow Row, IReadOnlyList<HistoryRow> History);

    /// <summary>The task (with its targets, coordinators and due dates) and its history, newest first: two queries.</summary>
    public static async Task<PageData?> ReadPageAsync(ParIndexDbContext db, int year, int id, CancellationToken ct)
    {
        var row = await db.PlanTasks.AsNoTracking().Where(t => t.Id == id && t.Plan!.TargetYear == year)
            .Select(TaskRow.Projection).SingleOrDefaultAsync(ct);
        if (row is null) return null;
        var history = await db.TaskProgress.AsNoTracking().Where(p => p.PlanTaskId == id)
            .OrderByDescending(p => p.AtUtc).ThenByDescending(p => p.Id)
            .Select(p => new HistoryRow(p.Id, p.Date, p.AtUtc, p.Note, p.Percent, p.EvidenceUrl, p.EvidenceFileName, p.AuthorName,
                p.AuthorUnitId, p.StatusFrom, p.StatusTo))
            .ToListAsync(ct);
        return new PageData(row, history);
    }

    /// <param name="fresh">Read the task from the database (after a post, as every write does) rather than the shared read.</param>
    private async Task<bool> LoadAsync(CancellationToken ct, bool fresh = false)
    {
        // The task and its history are shared between users and requests (key task-page:{year}:{id}), dropped by any
        // write of this process: a progress update or a status change shows on the page it redirects to.
        var (year, id) = (Year, Id);
        var data = fresh
            ? await ReadPageAsync(db, year, id, ct)
            : await cache.GetAsync($"task-page:{year}:{id}",
                services => ReadPageAsync(services.GetRequiredService<ParIndexDbContext>(), year, id, CancellationToken.None), ct);
        if (data is null) return false;
        var row = data.Row;
        Row = row;
        // Nobody records progress on a version that is not in force (superseded, or a replacement being written).
        Right = row.PlanInForce ? TaskAccess.For(me, row.LeadUnitId, row.CoordinatorIds) : TaskRight.Read;
        History = data.History;
        // The units and the year's sub-criteria are the same for every task and every user: shared reads (dropped by
        // any write of this process), not two queries per request.
        Units = await shared.UnitsAsync(ct);
        Targets = (await PlanService.SubCriteriaSharedAsync(cache, Year, ct)).Where(s => row.TargetIds.Contains(s.Id)).ToList();
        // Every form on the page carries the version the user is now looking at, whatever was posted.
        ModelState.Remove("StatusInput.Version");
        ModelState.Remove("ProgressInput.Version");
        StatusInput.Version = row.Version;
        ProgressInput.Version = row.Version;
        ProgressInput.Date ??= clock.Today;
        return true;
    }
}
