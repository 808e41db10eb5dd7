using ParIndex.Domain.Formatting;

namespace ParIndex.Domain.Assessments;

/// <summary>
/// Every figure of every round for one sub-criterion in one year, kept side by side:
/// self score, appraisal round 1, the explanation, appraisal round 2.
/// </summary>
public class SubCriterionScore
{
    private SubCriterionScore() { }

    public SubCriterionScore(int assessmentId, int subCriterionId)
    {
        AssessmentId = assessmentId;
        SubCriterionId = subCriterionId;
    }

    public int Id { get; private set; }
    public int AssessmentId { get; private set; }
    public int SubCriterionId { get; private set; }

    public decimal? SelfScore { get; private set; }
    public string? SelfNote { get; private set; }
    /// <summary>Why points were lost (lý do mất điểm), as the department states it.</summary>
    public string? LostReason { get; private set; }
    /// <summary>Recorded facts (JSON of <c>ScoringFacts</c>) a rule turns into points.</summary>
    public string? FactsJson { get; private set; }

    public decimal? Round1Score { get; private set; }
    public string? Round1Note { get; private set; }
    public bool ExplanationRequired { get; private set; }
    public string? Explanation { get; private set; }
    public decimal? Round2Score { get; private set; }
    public string? Round2Note { get; private set; }

    /// <summary>Why a typed self score is not one of the values the rule can give (lý do điểm khác thang điểm).</summary>
    public string? SelfOffScaleReason { get; private set; }
    public string? Round1OffScaleReason { get; private set; }
    public string? Round2OffScaleReason { get; private set; }

    /// <summary>The Office put this sub-criterion on the explanation list, or took it off, whatever round 1 gave.</summary>
    public ExplanationListChange? ExplanationChange { get; private set; }
    public string? ExplanationChangeReason { get; private set; }

    /// <summary>
    /// The Office kept the self score although the recorded facts give another result: why, and the rule's points it
    /// was kept against (new facts giving other points raise the mismatch again).
    /// </summary>
    public string? RuleMismatchKeptReason { get; private set; }
    public decimal? RuleMismatchKeptPoints { get; private set; }

    public DateTime? UpdatedAt { get; private set; }
    public string? UpdatedBy { get; private set; }
    /// <summary>Concurrency token: a new value on every change, so a stale form cannot overwrite (works on SQLite and SQL Server).</summary>
    public Guid Version { get; private set; } = Guid.NewGuid();

    private readonly List<Evidence> _evidence = [];

    /// <summary>Added through <see cref="AddEvidence"/>.</summary>
    public IReadOnlyCollection<Evidence> Evidence => _evidence.AsReadOnly();

    /// <summary>Attaches an evidence document (its round was decided by <see cref="Assessment.EvidenceRoundOpen"/>).</summary>
    public void AddEvidence(Evidence evidence) => _evidence.Add(evidence);

    /// <summary>
    /// A self score below the maximum needs the reason the points were lost (lý do mất điểm): the message when it is
    /// missing, null when the score may be saved.
    /// </summary>
    public static string? LostReasonMissing(decimal? selfScore, decimal maxPoints, string? lostReason) =>
        selfScore is { } score && score < maxPoints && string.IsNullOrWhiteSpace(lostReason)
            ? "Vui lòng nêu lý do không đạt điểm tối đa."
            : null;

    /// <summary>The appraised score: the last appraisal round that has a value.</summary>
    public decimal? AppraisedScore => Round2Score ?? Round1Score;

    /// <summary>The final score: the last round that has a value (self score until the appraisal).</summary>
    public decimal? FinalScore => Round2Score ?? Round1Score ?? SelfScore;

    public void SetSelf(decimal? score, string? note, string? lostReason, string by, DateTime atUtc, string? offScaleReason = null)
    {
        if (score != SelfScore)
        {
            // A kept score was kept as it was: another one must be checked against the rule again.
            RuleMismatchKeptReason = null;
            RuleMismatchKeptPoints = null;
        }
        SelfScore = score;
        SelfNote = Clean(note);
        LostReason = Clean(lostReason);
        SelfOffScaleReason = score is null ? null : Clean(offScaleReason);
        Touch(by, atUtc);
    }

    public void SetFacts(string? factsJson, string by, DateTime atUtc)
    {
        FactsJson = factsJson;
        Touch(by, atUtc);
    }

    public void SetRound1(decimal? score, string? note, string by, DateTime atUtc, string? offScaleReason = null)
    {
        Round1Score = score;
        Round1Note = Clean(note);
        Round1OffScaleReason = score is null ? null : Clean(offScaleReason);
        ExplanationRequired = ExplanationListed();
        Touch(by, atUtc);
    }

    /// <summary>
    /// An explanation is owed where round 1 scored below what the department claimed, unless the Office changed the
    /// list for this sub-criterion (added it to dispute a point, or dropped it).
    /// </summary>
    private bool ExplanationListed() => ExplanationChange switch
    {
        ExplanationListChange.Added => true,
        ExplanationListChange.Dropped => false,
        _ => Round1Score is not null && SelfScore is not null && Round1Score < SelfScore,
    };

    /// <summary>The Office adds this sub-criterion to the explanation list (to dispute a point), with a reason.</summary>
    public void AddToExplanationList(string? reason, string by, DateTime atUtc)
    {
        if (string.IsNullOrWhiteSpace(reason)) throw new DomainException("Vui lòng nêu lý do đưa tiêu chí vào danh sách giải trình.");
        if (ExplanationRequired) throw new DomainException("Tiêu chí thành phần này đã có trong danh sách giải trình.");
        ExplanationChange = ExplanationListChange.Added;
        ExplanationChangeReason = Clean(reason);
        ExplanationRequired = true;
        Touch(by, atUtc);
    }

    /// <summary>The Office drops this sub-criterion from the explanation list, with a reason.</summary>
    public void DropFromExplanationList(string? reason, string by, DateTime atUtc)
    {
        if (string.IsNullOrWhiteSpace(reason)) throw new DomainException("Vui lòng nêu lý do bỏ tiêu chí khỏi danh sách giải trình.");
        if (!ExplanationRequired) throw new DomainException("Tiêu chí thành phần này không có trong danh sách giải trình.");
        ExplanationChange = ExplanationListChange.Dropped;
        ExplanationChangeReason = Clean(reason);
        ExplanationRequired = false;
        Touch(by, atUtc);
    }

    /// <summary>
    /// Whether the recorded facts give a rule result other than the self score and the Office has not resolved it
    /// (kept the score, with a reason, against those same points).
    /// </summary>
    public static bool DiffersFromRule(decimal? selfScore, Scoring.RuleResult? rule, string? keptReason, decimal? keptPoints) =>
        selfScore is { } self && rule is { HasFacts: true } r && r.Points != self
        && !(keptReason is not null && keptPoints == r.Points);

    /// <summary>The Office takes the points the rule gives from the recorded facts as the self score.</summary>
    public void AcceptRulePoints(Scoring.RuleResult rule, decimal maxPoints, string by, DateTime atUtc)
    {
        if (!rule.HasFacts) throw new DomainException("Chưa có số liệu để chấm theo quy tắc.");
        var reason = rule.Points < maxPoints && string.IsNullOrWhiteSpace(LostReason) ? rule.Explanation : LostReason;
        SetSelf(rule.Points, SelfNote, reason, by, atUtc);
    }

    /// <summary>The Office keeps the self score against the rule's result, with a reason.</summary>
    public void KeepSelfAgainstRule(Scoring.RuleResult rule, string? reason, string by, DateTime atUtc)
    {
        if (string.IsNullOrWhiteSpace(reason)) throw new DomainException("Vui lòng nêu lý do giữ điểm tự đánh giá khác kết quả theo số liệu.");
        if (SelfScore is null) throw new DomainException("Chưa có điểm tự đánh giá để giữ.");
        RuleMismatchKeptReason = Clean(reason);
        RuleMismatchKeptPoints = rule.Points;
        Touch(by, atUtc);
    }

    public void SetExplanation(string? explanation, string by, DateTime atUtc)
    {
        Explanation = Clean(explanation);
        Touch(by, atUtc);
    }

    public void SetRound2(decimal? score, string? note, string by, DateTime atUtc, string? offScaleReason = null)
    {
        Round2Score = score;
        Round2Note = Clean(note);
        Round2OffScaleReason = score is null ? null : Clean(offScaleReason);
        Touch(by, atUtc);
    }

    /// <summary>True when an explanation is required and none has been written yet.</summary>
    public bool ExplanationOwed => ExplanationRequired && string.IsNullOrWhiteSpace(Explanation);

    private void Touch(string by, DateTime atUtc)
    {
        UpdatedBy = by;
        UpdatedAt = atUtc;
        Version = Guid.NewGuid();
    }

    private static string? Clean(string? text) =>
        Vn.Clean(text);
}

public enum EvidenceRound { Self = 1, Explanation = 3 }

/// <summary>How the Office changed a sub-criterion's place on the explanation list.</summary>
public enum ExplanationListChange { Added = 1, Dropped = 2 }

/// <summary>An evidence document (tài liệu kiểm chứng): an uploaded file or a link.</summary>
public class Evidence
{
    private Evidence() { }

    public static Evidence Link(string title, string url, EvidenceRound round, string by, DateTime atUtc)
    {
        if (!WebAddress.TryParse(url, out var uri))
            throw new DomainException("Đường dẫn phải bắt đầu bằng http:// hoặc https://.");
        return new Evidence { Title = title.Trim(), Url = uri.ToString(), Round = round, UploadedBy = by, UploadedAt = atUtc };
    }

    public static Evidence File(string title, string fileName, string storedName, string contentType, long size,
        EvidenceRound round, string by, DateTime atUtc) =>
        new()
        {
            Title = string.IsNullOrWhiteSpace(title) ? fileName : title.Trim(),
            FileName = fileName,
            StoredName = storedName,
            ContentType = contentType,
            SizeBytes = size,
            Round = round,
            UploadedBy = by,
            UploadedAt = atUtc,
        };

    public int Id { get; private set; }
    public int SubCriterionScoreId { get; private set; }
    public EvidenceRound Round { get; private set; }
    public string Title { get; private set; } = "";
    public string? Url { get; private set; }
    public string? FileName { get; private set; }
    public string? StoredName { get; private set; }
    public string? ContentType { get; private set; }
    public long? SizeBytes { get; private set; }
    public string UploadedBy { get; private set; } = "";
    public DateTime UploadedAt { get; private set; }
    public bool IsFile => StoredName is not null;
}
