using ParIndex.Domain.Formatting;

namespace ParIndex.Domain.Accountability;

/// <summary>
/// One unit's share of a sub-criterion's lost points, set by the Office for the year (a sub-criterion row belongs to
/// one year's framework, so the shares are that year's and are not copied to the next). Where a sub-criterion has
/// shares, its loss is split by them (<see cref="LostPointsAccount"/>). <see cref="Source"/> says where the split
/// comes from (the plan, the appraisal's minutes...).
/// </summary>
public class LossShare
{
    public const int SourceMaxLength = 300;

    private LossShare() { }

    public LossShare(int subCriterionId, int unitId, decimal weight, string? source, string by, DateTime atUtc)
    {
        SubCriterionId = subCriterionId;
        UnitId = unitId;
        Change(weight, source, by, atUtc);
    }

    public int Id { get; private set; }
    public int SubCriterionId { get; private set; }
    public int UnitId { get; private set; }
    public decimal Weight { get; private set; }
    public string? Source { get; private set; }
    public string SetBy { get; private set; } = "";
    public DateTime SetAt { get; private set; }

    public void Change(decimal weight, string? source, string by, DateTime atUtc)
    {
        if (weight <= 0) throw new DomainException("Tỷ trọng phải lớn hơn 0.");
        if (weight > 100000) throw new DomainException("Tỷ trọng quá lớn.");
        var clean = Vn.Clean(source);
        if (clean is { Length: > SourceMaxLength }) throw new DomainException($"Nguồn phân bổ tối đa {SourceMaxLength} ký tự.");
        Weight = weight;
        Source = clean;
        SetBy = by;
        SetAt = atUtc;
    }
}
