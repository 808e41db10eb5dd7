using ParIndex.Domain.Formatting;

namespace ParIndex.Domain.Plans;

public enum PlanTaskStatus { NotStarted = 0, InProgress = 1, Done = 2, Cancelled = 3 }

public enum Recurrence { None = 0, Monthly = 1, Quarterly = 2, HalfYearly = 3, Yearly = 4 }

/// <summary>
/// A task of the plan's appendix (nhiệm vụ, giải pháp). Its content freezes when the plan is issued;
/// status and progress keep moving. Overdue is computed from the deadline, never stored.
/// </summary>
public class PlanTask
{
    private PlanTask() { }

    public PlanTask(string content, int leadUnitId, string? expectedOutput, DateOnly? dueDate,
        Recurrence recurrence = Recurrence.None, IEnumerable<DateOnly>? dueDates = null)
    {
        SetContentCore(content, leadUnitId, expectedOutput, dueDate, recurrence, dueDates);
    }

    public int Id { get; private set; }
    public int PlanId { get; private set; }
    public ImprovementPlan? Plan { get; internal set; }
    public int SortOrder { get; set; }
    public string Content { get; private set; } = "";
    public int LeadUnitId { get; private set; }
    public string? ExpectedOutput { get; private set; }
    /// <summary>The deadline of a one-off task, or the last due date of a recurring one.</summary>
    public DateOnly? DueDate { get; private set; }
    public Recurrence Recurrence { get; private set; }
    public List<PlanTaskDueDate> DueDates { get; private set; } = [];
    private readonly List<PlanTaskTarget> _targets = [];
    private readonly List<PlanTaskCoordinator> _coordinators = [];
    /// <summary>The sub-criteria the task aims at; changed through <see cref="SetTargets"/>.</summary>
    public IReadOnlyList<PlanTaskTarget> Targets => _targets;
    /// <summary>The coordinating units; changed through <see cref="SetCoordinators"/>.</summary>
    public IReadOnlyList<PlanTaskCoordinator> Coordinators => _coordinators;

    /// <summary>Tasks of the year's current plan version (<see cref="ImprovementPlan.IsCurrentVersion"/>), usable in queries.</summary>
    public static readonly System.Linq.Expressions.Expression<Func<PlanTask, bool>> InCurrentPlan =
        ImprovementPlan.CurrentVersionOf<PlanTask>(t => t.Plan!.Status, t => t.Plan!.ReplacesPlanId);

    public PlanTaskStatus Status { get; private set; }
    public string? CancelReason { get; private set; }
    public int PercentComplete { get; private set; }
    public DateOnly? CompletedOn { get; private set; }
    public Guid Version { get; private set; } = Guid.NewGuid();
    public List<TaskProgress> Progress { get; private set; } = [];

    public bool IsClosed => Status is PlanTaskStatus.Done or PlanTaskStatus.Cancelled;

    /// <summary>The earliest due date still to meet, or the deadline of a one-off task.</summary>
    public DateOnly? NextDueDate() => NextDue(DueDate, DueDates.Select(d => (d.DueOn, d.MetOn)));

    public bool IsOverdue(DateOnly today) => IsOverdue(Status, DueDate, DueDates.Select(d => (d.DueOn, d.MetOn)), today);

    /// <summary>
    /// Overdue: still open and a due date has passed unmet. Each due date of a recurring task is a deliverable
    /// of its own, so a quarterly task is late when a quarter's report is missing, not merely because it is open.
    /// Static so read models that project columns share the one rule.
    /// </summary>
    public static bool IsOverdue(PlanTaskStatus status, DateOnly? dueDate, IEnumerable<(DateOnly DueOn, DateOnly? MetOn)> dueDates,
        DateOnly today)
    {
        if (status is PlanTaskStatus.Done or PlanTaskStatus.Cancelled) return false;
        var next = NextDue(dueDate, dueDates);
        return next is { } d && d < today;
    }

    public static DateOnly? NextDue(DateOnly? dueDate, IEnumerable<(DateOnly DueOn, DateOnly? MetOn)> dueDates)
    {
        var dates = dueDates.ToList();
        if (dates.Count == 0) return dueDate;
        var unmet = dates.Where(d => d.MetOn is null).Select(d => d.DueOn).OrderBy(d => d).ToList();
        return unmet.Count > 0 ? unmet[0] : null;
    }

    public void EditContent(string content, int leadUnitId, string? expectedOutput, DateOnly? dueDate,
        Recurrence recurrence, IEnumerable<DateOnly>? dueDates)
    {
        EnsureEditable();
        SetContentCore(content, leadUnitId, expectedOutput, dueDate, recurrence, dueDates);
        Touch();
    }

    public void SetTargets(IEnumerable<int> subCriterionIds)
    {
        EnsureEditable();
        var ids = subCriterionIds.Distinct().ToList();
        _targets.RemoveAll(t => !ids.Contains(t.SubCriterionId));
        foreach (var id in ids.Where(id => _targets.All(t => t.SubCriterionId != id)))
            _targets.Add(new PlanTaskTarget(id));
        Touch();
    }

    public void SetCoordinators(IEnumerable<int> unitIds)
    {
        EnsureEditable();
        var ids = unitIds.Where(id => id != LeadUnitId).Distinct().ToList();
        _coordinators.RemoveAll(c => !ids.Contains(c.UnitId));
        foreach (var id in ids.Where(id => _coordinators.All(c => c.UnitId != id)))
            _coordinators.Add(new PlanTaskCoordinator(id));
        Touch();
    }

    public static bool CanMove(PlanTaskStatus from, PlanTaskStatus to) => (from, to) switch
    {
        (PlanTaskStatus.NotStarted, PlanTaskStatus.InProgress) => true,
        (PlanTaskStatus.NotStarted, PlanTaskStatus.Done) => true,
        (PlanTaskStatus.InProgress, PlanTaskStatus.Done) => true,
        (PlanTaskStatus.NotStarted or PlanTaskStatus.InProgress, PlanTaskStatus.Cancelled) => true,
        // Reopening a finished task is legitimate when the evidence turns out insufficient.
        (PlanTaskStatus.Done, PlanTaskStatus.InProgress) => true,
        _ => false,
    };

    /// <summary>Moves the task and records the change in its history; throws on an illegal transition.</summary>
    public TaskProgress ChangeStatus(PlanTaskStatus to, string? note, string authorId, string authorName, int? authorUnitId,
        DateOnly today, DateTime atUtc, string? cancelReason = null)
    {
        EnsureInForce();
        if (!CanMove(Status, to))
            throw new DomainException($"Không thể chuyển trạng thái từ \"{Status.ToVietnamese()}\" sang \"{to.ToVietnamese()}\".");
        if (to == PlanTaskStatus.Cancelled && string.IsNullOrWhiteSpace(cancelReason))
            throw new DomainException("Vui lòng nêu lý do hủy nhiệm vụ.");
        var from = Status;
        Status = to;
        CancelReason = to == PlanTaskStatus.Cancelled ? cancelReason!.Trim() : null;
        CompletedOn = to == PlanTaskStatus.Done ? today : null;
        if (to == PlanTaskStatus.Done) PercentComplete = 100;
        var entry = new TaskProgress(today, note ?? cancelReason, to == PlanTaskStatus.Done ? 100 : null, authorId, authorName,
            authorUnitId, atUtc, from, to);
        Progress.Add(entry);
        Touch();
        return entry;
    }

    /// <summary>A dated progress note, with an optional percentage and evidence link, without a status change.</summary>
    public TaskProgress AddProgress(string note, int? percent, string? evidenceUrl, string authorId, string authorName,
        int? authorUnitId, DateOnly date, DateTime atUtc)
    {
        EnsureInForce();
        if (string.IsNullOrWhiteSpace(note)) throw new DomainException("Vui lòng nhập nội dung cập nhật.");
        if (percent is < 0 or > 100) throw new DomainException("Tỷ lệ hoàn thành phải từ 0 đến 100.");
        if (Status == PlanTaskStatus.Cancelled) throw new DomainException("Nhiệm vụ đã hủy; không thể cập nhật tiến độ.");
        var entry = new TaskProgress(date, note, percent, authorId, authorName, authorUnitId, atUtc, null, null, evidenceUrl);
        if (percent is { } p) PercentComplete = p;
        // A progress report delivers the earliest outstanding period of a recurring task, once that period has begun.
        var due = DueDates.Where(d => d.MetOn is null).OrderBy(d => d.DueOn).FirstOrDefault();
        if (due is not null && due.DueOn.AddDays(-PeriodDays(Recurrence)) <= date) due.Meet(date);
        Progress.Add(entry);
        Touch();
        return entry;
    }

    /// <summary>
    /// A coordinating unit's note: part of the history, but it neither moves the percentage nor delivers a period,
    /// since only the lead unit answers for the task.
    /// </summary>
    public TaskProgress AddCoordinatorNote(string note, string? evidenceUrl, string authorId, string authorName, int? authorUnitId,
        DateOnly date, DateTime atUtc)
    {
        EnsureInForce();
        if (string.IsNullOrWhiteSpace(note)) throw new DomainException("Vui lòng nhập nội dung cập nhật.");
        if (Status == PlanTaskStatus.Cancelled) throw new DomainException("Nhiệm vụ đã hủy; không thể cập nhật tiến độ.");
        var entry = new TaskProgress(date, note, null, authorId, authorName, authorUnitId, atUtc, null, null, evidenceUrl);
        Progress.Add(entry);
        Touch();
        return entry;
    }

    /// <summary>
    /// Progress is recorded on the year's current version only: a superseded plan stays as it was when replaced, and a
    /// replacement being written is not in force yet. The task's plan must be loaded (a new task not yet saved has none).
    /// </summary>
    private void EnsureInForce()
    {
        if (Plan is null)
        {
            if (Id != 0) throw new InvalidOperationException($"Task {Id}: load its Plan (Include(t => t.Plan)) before recording progress.");
            return;
        }
        if (Plan.IsSuperseded)
            throw new DomainException($"Kế hoạch {(Plan.Number is { Length: > 0 } n ? "số " + n : "này")} đã được thay thế; "
                                      + "tiến độ chỉ được cập nhật trên kế hoạch đang có hiệu lực.");
        if (Plan.IsOpenReplacement)
            throw new DomainException("Đây là dự thảo bản thay thế, chưa có hiệu lực; tiến độ được cập nhật trên kế hoạch đang có hiệu lực.");
    }

    /// <summary>
    /// The task as a replacement version starts with it: the same content, targets, coordinators and due dates, the
    /// status and percentage reached, and its history (evidence files are shared, never copied or deleted).
    /// </summary>
    internal PlanTask CopyForReplacement()
    {
        var copy = new PlanTask
        {
            SortOrder = SortOrder,
            Content = Content,
            LeadUnitId = LeadUnitId,
            ExpectedOutput = ExpectedOutput,
            DueDate = DueDate,
            Recurrence = Recurrence,
            Status = Status,
            CancelReason = CancelReason,
            PercentComplete = PercentComplete,
            CompletedOn = CompletedOn,
        };
        copy.DueDates.AddRange(DueDates.OrderBy(d => d.DueOn).Select(d => d.Copy()));
        copy._targets.AddRange(_targets.Select(t => new PlanTaskTarget(t.SubCriterionId)));
        copy._coordinators.AddRange(_coordinators.Select(c => new PlanTaskCoordinator(c.UnitId)));
        copy.Progress.AddRange(Progress.OrderBy(p => p.AtUtc).ThenBy(p => p.Id).Select(p => p.Copy()));
        return copy;
    }

    private static int PeriodDays(Recurrence r) => r switch
    {
        Recurrence.Monthly => 31,
        Recurrence.Quarterly => 92,
        Recurrence.HalfYearly => 183,
        _ => 366,
    };

    /// <summary>
    /// Refuses a content change on an issued plan. A task read from the database must have its plan loaded: without it
    /// the rule cannot be decided, and passing silently once let an issued plan's task be edited. Only a new task,
    /// not yet added to a plan, has none (its plan refuses it in <c>AddTask</c> if issued).
    /// </summary>
    private void EnsureEditable()
    {
        if (Plan is null)
        {
            if (Id != 0) throw new InvalidOperationException($"Task {Id}: load its Plan (Include(t => t.Plan)) before changing its content.");
            return;
        }
        if (Plan.IsIssued) throw new DomainException("Kế hoạch đã ban hành; nội dung nhiệm vụ không thể thay đổi.");
        if (Plan.Status == PlanStatus.Submitted) throw new DomainException("Kế hoạch đang trình ký; nội dung nhiệm vụ không thể thay đổi.");
    }

    private void SetContentCore(string content, int leadUnitId, string? expectedOutput, DateOnly? dueDate,
        Recurrence recurrence, IEnumerable<DateOnly>? dueDates)
    {
        if (string.IsNullOrWhiteSpace(content)) throw new DomainException("Nội dung nhiệm vụ không được để trống.");
        if (leadUnitId <= 0) throw new DomainException("Vui lòng chọn đơn vị chủ trì.");
        var dates = (dueDates ?? []).Distinct().OrderBy(d => d).ToList();
        if (recurrence != Recurrence.None && dates.Count == 0)
            throw new DomainException("Nhiệm vụ định kỳ cần ít nhất một hạn hoàn thành.");
        Content = ImprovementPlan.Clean(content)!;
        LeadUnitId = leadUnitId;
        ExpectedOutput = ImprovementPlan.Clean(expectedOutput);
        Recurrence = recurrence;
        DueDates.Clear();
        DueDates.AddRange(dates.Select(d => new PlanTaskDueDate(d)));
        DueDate = dates.Count > 0 ? dates[^1] : dueDate;
    }

    private void Touch() => Version = Guid.NewGuid();
}

public class PlanTaskDueDate
{
    private PlanTaskDueDate() { }
    public PlanTaskDueDate(DateOnly dueOn) => DueOn = dueOn;

    public int Id { get; private set; }
    public int PlanTaskId { get; private set; }
    public DateOnly DueOn { get; private set; }
    /// <summary>When the period's report was delivered (the first progress entry for it).</summary>
    public DateOnly? MetOn { get; private set; }

    internal void Meet(DateOnly on) => MetOn = on;

    internal PlanTaskDueDate Copy() => new(DueOn) { MetOn = MetOn };
}

public class PlanTaskTarget
{
    private PlanTaskTarget() { }
    public PlanTaskTarget(int subCriterionId) => SubCriterionId = subCriterionId;

    public int PlanTaskId { get; private set; }
    public int SubCriterionId { get; private set; }
}

public class PlanTaskCoordinator
{
    private PlanTaskCoordinator() { }
    public PlanTaskCoordinator(int unitId) => UnitId = unitId;

    public int PlanTaskId { get; private set; }
    public int UnitId { get; private set; }
}

/// <summary>An entry of a task's history: a progress note, a status change, or both.</summary>
public class TaskProgress
{
    private TaskProgress() { }

    internal TaskProgress(DateOnly date, string? note, int? percent, string authorId, string authorName, int? authorUnitId,
        DateTime atUtc, PlanTaskStatus? from, PlanTaskStatus? to, string? evidenceUrl = null)
    {
        Date = date;
        Note = ImprovementPlan.Clean(note);
        Percent = percent;
        AuthorId = authorId;
        AuthorName = authorName;
        AuthorUnitId = authorUnitId;
        AtUtc = atUtc;
        StatusFrom = from;
        StatusTo = to;
        if (!string.IsNullOrWhiteSpace(evidenceUrl))
        {
            if (!WebAddress.TryParse(evidenceUrl, out var uri))
                throw new DomainException("Đường dẫn minh chứng phải bắt đầu bằng http:// hoặc https://.");
            EvidenceUrl = uri.ToString();
        }
    }

    public int Id { get; private set; }
    public int PlanTaskId { get; private set; }
    public DateOnly Date { get; private set; }
    public string? Note { get; private set; }
    public int? Percent { get; private set; }
    public string? EvidenceUrl { get; private set; }
    public string? EvidenceFileName { get; private set; }
    public string? EvidenceStoredName { get; private set; }
    public string AuthorId { get; private set; } = "";
    public string AuthorName { get; private set; } = "";
    public int? AuthorUnitId { get; private set; }
    public DateTime AtUtc { get; private set; }
    public PlanTaskStatus? StatusFrom { get; private set; }
    public PlanTaskStatus? StatusTo { get; private set; }

    public void AttachFile(string fileName, string storedName)
    {
        EvidenceFileName = fileName;
        EvidenceStoredName = storedName;
    }

    /// <summary>The same entry for the task's copy in a replacement version (the evidence file is shared).</summary>
    internal TaskProgress Copy() => new()
    {
        Date = Date,
        Note = Note,
        Percent = Percent,
        EvidenceUrl = EvidenceUrl,
        EvidenceFileName = EvidenceFileName,
        EvidenceStoredName = EvidenceStoredName,
        AuthorId = AuthorId,
        AuthorName = AuthorName,
        AuthorUnitId = AuthorUnitId,
        AtUtc = AtUtc,
        StatusFrom = StatusFrom,
        StatusTo = StatusTo,
    };
}

public static class PlanTaskStatusNames
{
    public static string ToVietnamese(this PlanTaskStatus status) => status switch
    {
        PlanTaskStatus.NotStarted => "Chưa thực hiện",
        PlanTaskStatus.InProgress => "Đang thực hiện",
        PlanTaskStatus.Done => "Hoàn thành",
        PlanTaskStatus.Cancelled => "Đã hủy",
        _ => status.ToString(),
    };

    public static string ToVietnamese(this Recurrence recurrence) => recurrence switch
    {
        Recurrence.None => "Một lần",
        Recurrence.Monthly => "Hằng tháng",
        Recurrence.Quarterly => "Hằng quý",
        Recurrence.HalfYearly => "6 tháng",
        Recurrence.Yearly => "Hằng năm",
        _ => recurrence.ToString(),
    };
}
