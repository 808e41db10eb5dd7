using ParIndex.Domain.Assessments;
using ParIndex.Domain.Formatting;

namespace ParIndex.Domain.Frameworks;

/// <summary>
/// A survey question group of a year's index (điều tra xã hội học, SIPAS): its maximum, and the points the Office enters
/// from the province's publication, with where and when they were published. Never self-scored.
/// </summary>
public class SurveyGroup
{
    private SurveyGroup() { }

    public SurveyGroup(string name, decimal maxPoints, int sortOrder = 0, decimal? points = null, string? source = null, DateOnly? publishedOn = null)
    {
        Change(name, maxPoints, points, source, publishedOn);
        SortOrder = sortOrder;
    }

    public const int MaxName = 500;
    public const int MaxSource = 1000;

    public int Id { get; private set; }
    public int FrameworkId { get; private set; }
    public string Name { get; private set; } = "";
    public decimal MaxPoints { get; private set; }
    /// <summary>The points as the province published them; null until the Office enters them.</summary>
    public decimal? Points { get; private set; }
    /// <summary>The document (văn bản/nguồn) the points come from.</summary>
    public string? Source { get; private set; }
    public DateOnly? PublishedOn { get; private set; }
    public int SortOrder { get; private set; }
    public Guid Version { get; private set; }

    /// <summary>
    /// Replaces the group's whole state (name, maximum, and the published points with their source and date; null points
    /// clear them). The new state is checked as a whole before anything changes, so points above a lowered maximum are
    /// refused, not half-saved. Each refusal names the field it belongs beside.
    /// </summary>
    public void Change(string name, decimal maxPoints, decimal? points, string? source, DateOnly? publishedOn)
    {
        name = Vn.Clean(name) ?? "";
        if (name.Length == 0) throw new DomainException("Nhập tên nhóm câu hỏi điều tra.", nameof(Name));
        if (name.Length > MaxName) throw new DomainException($"Tên dài quá {MaxName} ký tự.", nameof(Name));
        if (maxPoints is <= 0 or > 1000) throw new DomainException("Điểm tối đa phải lớn hơn 0 và không quá 1.000.", nameof(MaxPoints));
        source = Vn.Clean(source);
        if (points is { } p)
        {
            if (p < 0 || p > maxPoints) throw new DomainException($"Điểm đạt phải từ 0 đến {Vn.Points(maxPoints)}.", nameof(Points));
            if (source is null) throw new DomainException("Nhập nguồn (văn bản công bố) của điểm điều tra.", nameof(Source));
        }
        if (source is { Length: > MaxSource }) throw new DomainException($"Nguồn dài quá {MaxSource} ký tự.", nameof(Source));
        Name = name;
        MaxPoints = maxPoints;
        Points = points;
        Source = source;
        PublishedOn = publishedOn;
        Version = Guid.NewGuid();
    }

    internal SurveyGroup CloneForNewYear() => new(Name, MaxPoints, SortOrder);

    public SurveyPart Part => new(Name, MaxPoints, Points);
}

/// <summary>Bonus points (điểm thưởng) or a deduction (điểm trừ) outside the criteria.</summary>
public enum AdjustmentKind
{
    Bonus,
    Deduction,
}

/// <summary>One bonus or deduction of a year's index, with its reason and evidence; the year caps each kind's total.</summary>
public class IndexAdjustment
{
    private IndexAdjustment() { }

    public IndexAdjustment(AdjustmentKind kind, decimal points, string reason, string? evidence)
    {
        if (!Enum.IsDefined(kind)) throw new DomainException("Chọn điểm thưởng hoặc điểm trừ.", nameof(Kind));
        Kind = kind;
        Change(points, reason, evidence);
    }

    public const int MaxReason = 1000;
    public const int MaxEvidence = 1000;

    public int Id { get; private set; }
    public int FrameworkId { get; private set; }
    public AdjustmentKind Kind { get; private set; }
    /// <summary>Positive: added for a bonus, subtracted for a deduction.</summary>
    public decimal Points { get; private set; }
    public string Reason { get; private set; } = "";
    public string? Evidence { get; private set; }
    public Guid Version { get; private set; }

    /// <summary>Replaces the points, reason and evidence, checked as a whole first; each refusal names its field.</summary>
    public void Change(decimal points, string reason, string? evidence)
    {
        if (points is <= 0 or > 1000) throw new DomainException("Số điểm phải lớn hơn 0 và không quá 1.000.", nameof(Points));
        reason = Vn.Clean(reason) ?? "";
        if (reason.Length == 0) throw new DomainException(Kind == AdjustmentKind.Bonus ? "Nhập lý do được thưởng điểm." : "Nhập lý do bị trừ điểm.", nameof(Reason));
        if (reason.Length > MaxReason) throw new DomainException($"Lý do dài quá {MaxReason} ký tự.", nameof(Reason));
        evidence = Vn.Clean(evidence);
        if (evidence is { Length: > MaxEvidence }) throw new DomainException($"Minh chứng dài quá {MaxEvidence} ký tự.", nameof(Evidence));
        Points = points;
        Reason = reason;
        Evidence = evidence;
        Version = Guid.NewGuid();
    }
}
