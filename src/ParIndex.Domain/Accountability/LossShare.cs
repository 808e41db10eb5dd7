using ParIndex.Domain.Formatting;

namespace ParIndex.Domain.Accountability;

/// <summary>
/// One unit's share of a sub-criterion's lost points, set by the Office for the year (a sub-criterion row belongs to
/// one year's framework, so the shares are that year's and are not copied to the next). Where a sub-criterion has
/// shares, its loss is split by them (<see cref="LostPointsAccount"/>). <see cref="Source"/> says where the split
/// comes from (the plan, the appraisal's minutes...). <see cref="Responsible"/> names, in the plan's words, who answers
/// for the loss when that is more than the units charged ("phòng Kế hoạch – Tài chính và các phòng, đơn vị liên quan đến
/// kết luận thanh tra, kiểm toán"): it is shown where the responsible units are named; the points stay with the units charged.
/// </summary>
public class LossShare
{
    public const int SourceMaxLength = 300;
    public const int ResponsibleMaxLength = 300;

    private LossShare() { }

    public LossShare(int subCriterionId, int unitId, decimal weight, string? source, string by, DateTime atUtc, string? responsible = null)
    {
        SubCriterionId = subCriterionId;
        UnitId = unitId;
        Change(weight, source, by, atUtc, responsible);
    }

    public int Id { get; private set; }
    public int SubCriterionId { get; private set; }
    public int UnitId { get; private set; }
    public decimal Weight { get; private set; }
    public string? Source { get; private set; }
    /// <summary>Who answers for the loss as the plan words it, when more than the units charged; null: the units charged.</summary>
    public string? Responsible { get; private set; }
    public string SetBy { get; private set; } = "";
    public DateTime SetAt { get; private set; }

    public void Change(decimal weight, string? source, string by, DateTime atUtc, string? responsible = null)
    {
        if (weight <= 0) throw new DomainException("Tỷ trọng phải lớn hơn 0.");
        if (weight > 100000) throw new DomainException("Tỷ trọng quá lớn.");
        var clean = Vn.Clean(source);
        if (clean is { Length: > SourceMaxLength }) throw new DomainException($"Nguồn phân bổ tối đa {SourceMaxLength} ký tự.");
        var named = Vn.Clean(responsible);
        if (named is { Length: > ResponsibleMaxLength }) throw new DomainException($"Ghi chú đơn vị chịu trách nhiệm tối đa {ResponsibleMaxLength} ký tự.");
        Weight = weight;
        Source = clean;
        Responsible = named;
        SetBy = by;
        SetAt = atUtc;
    }
}
