using ParIndex.Domain.Formatting;

namespace ParIndex.Domain.Plans;

/// <summary>Draft (the Office writes it), Submitted (trình ký: waiting for Leadership), Issued (ban hành: frozen).</summary>
public enum PlanStatus { Draft = 0, Issued = 1, Submitted = 2 }

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

    public List<PlanTask> Tasks { get; private set; } = [];

    public bool IsIssued => Status == PlanStatus.Issued;
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
        task.SortOrder = Tasks.Count == 0 ? 1 : Tasks.Max(t => t.SortOrder) + 1;
        Tasks.Add(task);
        Touch();
    }

    /// <summary>Removes a task from the appendix while the plan is a draft.</summary>
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
        if (!Tasks.Remove(task)) throw new DomainException("Nhiệm vụ không thuộc kế hoạch này.");
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
    /// </summary>
    public void Issue(string number, DateOnly date, string by, DateTime atUtc, DateOnly today)
    {
        if (IsIssued) EnsureDraft();
        if (Status != PlanStatus.Submitted) throw new DomainException("Kế hoạch phải được trình ký trước khi ban hành.");
        EnsureComplete("ban hành");
        var clean = Clean(number) ?? throw new DomainException("Vui lòng nhập số văn bản.");
        if (clean.Length > 100) throw new DomainException("Số văn bản tối đa 100 ký tự.");
        if (date > today) throw new DomainException("Ngày ban hành không được sau ngày hôm nay.");
        if (date.Year < BaseYear) throw new DomainException($"Ngày ban hành phải từ năm {BaseYear} trở đi.");
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

    private void EnsureComplete(string step)
    {
        if (string.IsNullOrWhiteSpace(Evaluation)) throw new DomainException($"Kế hoạch chưa có phần đánh giá kết quả; không thể {step}.");
        if (Tasks.Count == 0) throw new DomainException($"Kế hoạch chưa có nhiệm vụ nào; không thể {step}.");
    }

    public void EnsureDraft()
    {
        if (IsIssued) throw new DomainException("Kế hoạch đã ban hành; nội dung không thể thay đổi.");
        if (Status == PlanStatus.Submitted)
            throw new DomainException("Kế hoạch đang trình ký; nội dung không thể thay đổi. Hãy rút lại để chỉnh sửa.");
    }

    private void Touch() => Version = Guid.NewGuid();

    internal static string? Clean(string? text) =>
        Vn.Clean(text?.Replace("\r\n", "\n"));
}
