using ParIndex.Domain.Assessments;

namespace ParIndex.Domain.Frameworks;

/// <summary>
/// A survey question group of a year's index (điều tra xã hội học, SIPAS): its maximum, and the points the Office enters
/// from the province's publication, with where and when they were published. Never self-scored.
/// </summary>
public class SurveyGroup
{
    private SurveyGroup() { }

    public SurveyGroup(string name, decimal maxPoints, int sortOrder = 0)
    {
        Rename(name);
        SetMaximum(maxPoints);
        SortOrder = sortOrder;
        Version = Guid.NewGuid();
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

    public void Rename(string name)
    {
        name = (name ?? "").Trim();
        if (name.Length == 0) throw new DomainException("Nhập tên nhóm câu hỏi điều tra.");
        if (name.Length > MaxName) throw new DomainException($"Tên dài quá {MaxName} ký tự.");
        Name = name;
        Version = Guid.NewGuid();
    }

    public void SetMaximum(decimal maxPoints)
    {
        if (maxPoints is <= 0 or > 1000) throw new DomainException("Điểm tối đa phải lớn hơn 0 và không quá 1.000.");
        if (Points is { } p && p > maxPoints) throw new DomainException("Điểm đạt đã nhập lớn hơn điểm tối đa mới.");
        MaxPoints = maxPoints;
        Version = Guid.NewGuid();
    }

    /// <summary>Enters (or clears, with null) the published points; points need their source.</summary>
    public void SetPoints(decimal? points, string? source, DateOnly? publishedOn)
    {
        source = string.IsNullOrWhiteSpace(source) ? null : source.Trim();
        if (points is { } p)
        {
            if (p < 0 || p > MaxPoints) throw new DomainException($"Điểm đạt phải từ 0 đến {Formatting.Vn.Points(MaxPoints)}.");
            if (source is null) throw new DomainException("Nhập nguồn (văn bản công bố) của điểm điều tra.");
        }
        if (source is { Length: > MaxSource }) throw new DomainException($"Nguồn dài quá {MaxSource} ký tự.");
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

    public void Change(decimal points, string reason, string? evidence)
    {
        if (points is <= 0 or > 1000) throw new DomainException("Số điểm phải lớn hơn 0 và không quá 1.000.");
        reason = (reason ?? "").Trim();
        if (reason.Length == 0) throw new DomainException(Kind == AdjustmentKind.Bonus ? "Nhập lý do được thưởng điểm." : "Nhập lý do bị trừ điểm.");
        if (reason.Length > MaxReason) throw new DomainException($"Lý do dài quá {MaxReason} ký tự.");
        evidence = string.IsNullOrWhiteSpace(evidence) ? null : evidence.Trim();
        if (evidence is { Length: > MaxEvidence }) throw new DomainException($"Minh chứng dài quá {MaxEvidence} ký tự.");
        Points = points;
        Reason = reason;
        Evidence = evidence;
        Version = Guid.NewGuid();
    }
}
