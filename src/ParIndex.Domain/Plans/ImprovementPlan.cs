using System.Linq.Expressions;
using ParIndex.Domain.Formatting;

namespace ParIndex.Domain.Plans;

/// <summary>
/// Draft (the Office writes it), Submitted (trình ký: waiting for Leadership), Issued (ban hành: frozen, in force),
/// Superseded (issued, then replaced by a later version issued for the same year: frozen, kept as issued).
/// </summary>
public enum PlanStatus { Draft = 0, Issued = 1, Submitted = 2, Superseded = 3 }

/// <summary>
/// The improvement plan (Kế hoạch cải thiện, nâng cao Chỉ số CCHC) for a target year, written from the
/// base year's results. Once issued, its text and its tasks' content are frozen.
/// </summary>
public class ImprovementPlan
{
    private ImprovementPlan() { }

    public ImprovementPlan(int targetYear, int baseYear)
    {
        if (baseYear >= targetYear) throw new DomainException("Năm kết quả phải trước năm kế hoạch.");
        TargetYear = targetYear;
        BaseYear = baseYear;
    }

    public int Id { get; private set; }
    public int TargetYear { get; private set; }
    public int BaseYear { get; private set; }
    public string? Number { get; private set; }
    public string Place { get; private set; } = "";
    public DateOnly? PlanDate { get; private set; }
    public string Agency { get; private set; } = "";
    public string ParentAgency { get; private set; } = "";
    public string SignerTitle { get; private set; } = "";
    public string SignerName { get; private set; } = "";
    /// <summary>Recipients (Nơi nhận), one per line.</summary>
    public string Recipients { get; private set; } = "";

    /// <summary>Section I as it stands (possibly edited by the office).</summary>
    public string Evaluation { get; private set; } = "";
    /// <summary>Section I as last drafted from the data; differs from <see cref="Evaluation"/> once edited.</summary>
    public string EvaluationDraft { get; private set; } = "";
    public string Purpose { get; private set; } = "";
    public string Requirements { get; private set; } = "";
    /// <summary>Places to climb in the ranking (e.g. at least 1).</summary>
    public int? TargetRankImprovement { get; private set; }
    public decimal? TargetTotal { get; private set; }
    public string Organisation { get; private set; } = "";
    public string OrganisationDraft { get; private set; } = "";

    public PlanStatus Status { get; private set; }
    public DateTime? SubmittedAt { get; private set; }
    public string? SubmittedBy { get; private set; }
    public DateTime? IssuedAt { get; private set; }
    public string? IssuedBy { get; private set; }
    public Guid Version { get; private set; } = Guid.NewGuid();

    /// <summary>1 for the year's first plan; each replacement (ban hành thay thế) the next number.</summary>
    public int Revision { get; private set; } = 1;
    /// <summary>The issued version this one replaces (null for the year's first plan).</summary>
    public int? ReplacesPlanId { get; private set; }
    /// <summary>Why the replacement was started (required).</summary>
    public string? ReplacementReason { get; private set; }
    /// <summary>When a replacement of this plan was issued (the plan is then <see cref="PlanStatus.Superseded"/>).</summary>
    public DateTime? SupersededAt { get; private set; }

    private readonly List<PlanTask> _tasks = [];
    public IReadOnlyList<PlanTask> Tasks => _tasks;

    /// <summary>Issued, whether still in force or superseded since: its content is frozen either way.</summary>
    public bool IsIssued => Status is PlanStatus.Issued or PlanStatus.Superseded;
    public bool IsSuperseded => Status == PlanStatus.Superseded;
    /// <summary>A replacement not yet issued: the version in force is still the one it replaces.</summary>
    public bool IsOpenReplacement => ReplacesPlanId is not null && Status is PlanStatus.Draft or PlanStatus.Submitted;

    /// <summary>The one statement of "current version": not superseded, and not a replacement still being written.</summary>
    private static readonly Expression<Func<PlanStatus, int?, bool>> CurrentRule =
        (status, replaces) => status != PlanStatus.Superseded && (replaces == null || status == PlanStatus.Issued);

    private static readonly Func<PlanStatus, int?, bool> CurrentRuleCompiled = CurrentRule.Compile();

    /// <summary>
    /// The year's current version: the latest issued one, or the draft when none was issued (not superseded, and not a
    /// replacement still being written). What the plan page, the unit heads' tasks, the dashboard, the reminders, the API
    /// and progress updates use. One rule, usable in queries.
    /// </summary>
    public static readonly Expression<Func<ImprovementPlan, bool>> IsCurrentVersion =
        CurrentVersionOf<ImprovementPlan>(p => p.Status, p => p.ReplacesPlanId);

    /// <summary><see cref="IsCurrentVersion"/> for a version read as its status and the id it replaces.</summary>
    public static bool IsCurrentState(PlanStatus status, int? replacesPlanId) => CurrentRuleCompiled(status, replacesPlanId);

    /// <summary>
    /// <see cref="IsCurrentVersion"/> over anything that reaches a plan's status and the id it replaces (a task's
    /// <c>t.Plan.Status</c>), as a query expression: the rule is written once, in <see cref="CurrentRule"/>.
    /// </summary>
    public static Expression<Func<T, bool>> CurrentVersionOf<T>(Expression<Func<T, PlanStatus>> status, Expression<Func<T, int?>> replacesPlanId)
    {
        var x = Expression.Parameter(typeof(T), "x");
        var body = new Substitute(new Dictionary<ParameterExpression, Expression>
        {
            [CurrentRule.Parameters[0]] = new Substitute(new() { [status.Parameters[0]] = x }).Visit(status.Body),
            [CurrentRule.Parameters[1]] = new Substitute(new() { [replacesPlanId.Parameters[0]] = x }).Visit(replacesPlanId.Body),
        }).Visit(CurrentRule.Body);
        return Expression.Lambda<Func<T, bool>>(body, x);
    }

    private sealed class Substitute(Dictionary<ParameterExpression, Expression> map) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => map.TryGetValue(node, out var e) ? e : node;
    }

    public bool IsCurrent => IsCurrentState(Status, ReplacesPlanId);
    public bool EvaluationEdited => Evaluation != EvaluationDraft;
    public bool OrganisationEdited => Organisation != OrganisationDraft;

    public void SetHeader(string? number, string place, DateOnly? planDate, string agency, string parentAgency,
        string signerTitle, string signerName, string recipients)
    {
        EnsureDraft();
        Number = Clean(number);
        Place = Clean(place) ?? "";
        PlanDate = planDate;
        Agency = Clean(agency) ?? "";
        ParentAgency = Clean(parentAgency) ?? "";
        SignerTitle = Clean(signerTitle) ?? "";
        SignerName = Clean(signerName) ?? "";
        Recipients = Clean(recipients) ?? "";
        Touch();
    }

    public void SetSections(string evaluation, string purpose, string requirements, string organisation,
        int? targetRankImprovement, decimal? targetTotal)
    {
        EnsureDraft();
        if (targetRankImprovement is < 0) throw new DomainException("Số bậc tăng mục tiêu không được âm.");
        if (targetTotal is < 0) throw new DomainException("Tổng điểm mục tiêu không được âm.");
        Evaluation = Clean(evaluation) ?? "";
        Purpose = Clean(purpose) ?? "";
        Requirements = Clean(requirements) ?? "";
        Organisation = Clean(organisation) ?? "";
        TargetRankImprovement = targetRankImprovement;
        TargetTotal = targetTotal;
        Touch();
    }

    /// <summary>
    /// Applies a freshly drafted section I and III. Text the office edited is kept unless
    /// <paramref name="overwrite"/> is set; untouched text follows the new draft.
    /// </summary>
    public void ApplyDraft(string evaluationDraft, string organisationDraft, bool overwrite)
    {
        EnsureDraft();
        evaluationDraft = Clean(evaluationDraft) ?? "";
        organisationDraft = Clean(organisationDraft) ?? "";
        if (overwrite || !EvaluationEdited) Evaluation = evaluationDraft;
        if (overwrite || !OrganisationEdited) Organisation = organisationDraft;
        EvaluationDraft = evaluationDraft;
        OrganisationDraft = organisationDraft;
        Touch();
    }

    /// <summary>Adds a task to the appendix while the plan is a draft; it goes last.</summary>
    public void AddTask(PlanTask task)
    {
        EnsureDraft();
        task.SortOrder = _tasks.Count == 0 ? 1 : _tasks.Max(t => t.SortOrder) + 1;
        task.Plan = this;
        _tasks.Add(task);
        Touch();
    }

    /// <summary>
    /// Removes a task that nothing has been recorded against. A task with progress or status history keeps it: it is
    /// cancelled, not deleted (deleting took its progress rows with it). The caller loads <see cref="PlanTask.Progress"/>.
    /// </summary>
    public void RemoveTask(PlanTask task)
    {
        EnsureDraft();
        if (task.Progress.Count > 0)
            throw new DomainException($"Nhiệm vụ đã có {task.Progress.Count} lần cập nhật tiến độ nên không thể xóa (để giữ lịch sử). "
                                      + "Hãy chuyển nhiệm vụ sang trạng thái \"Đã hủy\" và ghi lý do.");
        if (!_tasks.Remove(task)) throw new DomainException("Nhiệm vụ không thuộc kế hoạch này.");
        Touch();
    }

    /// <summary>The Office submits the draft for signature (trình ký); its content is locked until Leadership returns or issues it.</summary>
    public void Submit(string by, DateTime atUtc)
    {
        EnsureDraft();
        EnsureComplete("trình ký");
        Status = PlanStatus.Submitted;
        SubmittedAt = atUtc;
        SubmittedBy = by;
        Touch();
    }

    /// <summary>A submitted plan goes back to the Office as a draft (returned by Leadership or withdrawn by the Office).</summary>
    public void ReturnToDraft()
    {
        if (Status != PlanStatus.Submitted) throw new DomainException("Kế hoạch không ở trạng thái trình ký.");
        Status = PlanStatus.Draft;
        SubmittedAt = null;
        SubmittedBy = null;
        Touch();
    }

    /// <summary>
    /// Leadership issues a submitted plan under its number and date (a Vietnamese calendar day, not after
    /// <paramref name="today"/>). The number is written in full ("45/KH-STNMT"); from now the plan is frozen.
    /// A replacement is issued with the version it replaces (<paramref name="replaced"/>, loaded by the caller), which
    /// becomes <see cref="PlanStatus.Superseded"/>: frozen as issued, no longer the year's current plan.
    /// </summary>
    public void Issue(string number, DateOnly date, string by, DateTime atUtc, DateOnly today, ImprovementPlan? replaced = null)
    {
        if (IsIssued) EnsureDraft();
        if (Status != PlanStatus.Submitted) throw new DomainException("Kế hoạch phải được trình ký trước khi ban hành.");
        if (ReplacesPlanId is { } replacesId && replaced?.Id != replacesId)
            throw new InvalidOperationException($"Plan {Id} replaces plan {replacesId}: load it and pass it to Issue.");
        if (ReplacesPlanId is null && replaced is not null)
            throw new InvalidOperationException($"Plan {Id} replaces no plan.");
        EnsureComplete("ban hành");
        var clean = Clean(number) ?? throw new DomainException("Vui lòng nhập số văn bản.");
        if (clean.Length > 100) throw new DomainException("Số văn bản tối đa 100 ký tự.");
        if (date > today) throw new DomainException("Ngày ban hành không được sau ngày hôm nay.");
        if (date.Year < BaseYear) throw new DomainException($"Ngày ban hành phải từ năm {BaseYear} trở đi.");
        if (replaced is not null)
        {
            if (replaced.Status != PlanStatus.Issued)
                throw new DomainException("Kế hoạch được thay thế không còn ở trạng thái đã ban hành; không thể ban hành bản thay thế.");
            if (string.Equals(replaced.Number, clean, StringComparison.OrdinalIgnoreCase))
                throw new DomainException($"Bản thay thế phải có số văn bản khác Kế hoạch số {replaced.Number} mà nó thay thế.");
            if (replaced.PlanDate is { } before && date < before)
                throw new DomainException($"Ngày ban hành bản thay thế không được trước ngày {Vn.Date(before)} của kế hoạch được thay thế.");
            replaced.Status = PlanStatus.Superseded;
            replaced.SupersededAt = atUtc;
            replaced.Touch();
        }
        Number = clean;
        PlanDate = date;
        Status = PlanStatus.Issued;
        IssuedAt = atUtc;
        IssuedBy = by;
        Touch();
    }

    /// <summary>Issues the plan as the demo data records it (a plan issued before this software): no submission step.</summary>
    public void IssueAsRecorded(string number, DateOnly date, string by, DateTime atUtc)
    {
        EnsureDraft();
        Number = Clean(number);
        PlanDate = date;
        Status = PlanStatus.Issued;
        IssuedAt = atUtc;
        IssuedBy = by;
        Touch();
    }

    /// <summary>
    /// Ban hành thay thế: an issued plan in force is corrected by a new draft version of the same year's plan, which goes
    /// through the same trình ký and ban hành. The draft copies the header, the sections and every task with its targets,
    /// coordinators, due dates, status and progress; this plan stays frozen and in force until the draft is issued. The
    /// caller loads the tasks with their targets, coordinators, due dates and progress, and refuses a second open
    /// replacement of the year (the database refuses it too: one replacement per plan).
    /// </summary>
    public ImprovementPlan StartReplacement(string? reason)
    {
        if (IsSuperseded) throw new DomainException("Kế hoạch này đã được thay thế; chỉ có thể soạn bản thay thế cho kế hoạch đang có hiệu lực.");
        if (Status != PlanStatus.Issued) throw new DomainException("Chỉ kế hoạch đã ban hành mới có thể soạn bản thay thế; dự thảo thì sửa trực tiếp.");
        var why = Clean(reason) ?? throw new DomainException("Vui lòng nêu lý do soạn bản thay thế.");
        if (why.Length > 2000) throw new DomainException("Lý do tối đa 2000 ký tự.");
        var copy = new ImprovementPlan(TargetYear, BaseYear)
        {
            Revision = Revision + 1,
            ReplacesPlanId = Id,
            ReplacementReason = why,
            Place = Place,
            Agency = Agency,
            ParentAgency = ParentAgency,
            SignerTitle = SignerTitle,
            SignerName = SignerName,
            Recipients = Recipients,
            Evaluation = Evaluation,
            EvaluationDraft = EvaluationDraft,
            Purpose = Purpose,
            Requirements = Requirements,
            TargetRankImprovement = TargetRankImprovement,
            TargetTotal = TargetTotal,
            Organisation = Organisation,
            OrganisationDraft = OrganisationDraft,
        };
        foreach (var task in _tasks.OrderBy(t => t.SortOrder))
        {
            var copied = task.CopyForReplacement();
            copied.Plan = copy;
            copy._tasks.Add(copied);
        }
        // Two tabs starting the replacement from the same page: the second one's save meets a changed version.
        Touch();
        return copy;
    }

    /// <summary>
    /// Whether this version may be abandoned (hủy dự thảo bản thay thế): only a replacement still in draft. The caller
    /// deletes it with its tasks; the version it replaces stays in force as it was.
    /// </summary>
    public void EnsureAbandonable()
    {
        if (ReplacesPlanId is null)
            throw new DomainException("Chỉ dự thảo bản thay thế mới có thể hủy; kế hoạch đầu tiên của năm được sửa trực tiếp.");
        if (Status == PlanStatus.Submitted) throw new DomainException("Bản thay thế đang trình ký; hãy rút lại trước khi hủy.");
        if (Status != PlanStatus.Draft) throw new DomainException("Bản thay thế đã ban hành; không thể hủy.");
    }

    private void EnsureComplete(string step)
    {
        if (string.IsNullOrWhiteSpace(Evaluation)) throw new DomainException($"Kế hoạch chưa có phần đánh giá kết quả; không thể {step}.");
        if (Tasks.Count == 0) throw new DomainException($"Kế hoạch chưa có nhiệm vụ nào; không thể {step}.");
    }

    public void EnsureDraft()
    {
        if (WhyFrozen() is { } reason) throw new DomainException(reason);
    }

    /// <summary>Why the content cannot change now (issued, or submitted for signature); null for a draft.</summary>
    public string? WhyFrozen() => Status switch
    {
        PlanStatus.Issued => "Kế hoạch đã ban hành; nội dung không thể thay đổi. Để sửa, hãy soạn bản thay thế.",
        PlanStatus.Superseded => "Kế hoạch đã được thay thế; nội dung được giữ nguyên như khi ban hành.",
        PlanStatus.Submitted => "Kế hoạch đang trình ký; nội dung không thể thay đổi. Hãy rút lại để chỉnh sửa.",
        _ => null,
    };

    private void Touch() => Version = Guid.NewGuid();

    internal static string? Clean(string? text) =>
        Vn.Clean(text?.Replace("\r\n", "\n"));
}
