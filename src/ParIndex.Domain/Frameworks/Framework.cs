using ParIndex.Domain.Assessments;
using ParIndex.Domain.Scoring;

namespace ParIndex.Domain.Frameworks;

/// <summary>
/// The criteria set (bộ tiêu chí) of one year. Each year owns its own rows, so editing 2023 never
/// touches 2022; <see cref="CopyTo"/> starts a new year from an old one.
/// </summary>
public class Framework
{
    private Framework() { }

    public Framework(int year, string name)
    {
        if (year is < 2000 or > 2100) throw new DomainException("Năm không hợp lệ.");
        Year = year;
        Name = name.Trim();
    }

    public int Id { get; private set; }
    public int Year { get; private set; }
    public string Name { get; set; } = "";
    public List<Area> Areas { get; private set; } = [];

    public decimal MaxPoints => Areas.Sum(a => a.MaxPoints);

    /// <summary>The whole index's maximum: the sub-criteria and the survey groups (bands on points are read against it).</summary>
    public decimal IndexMaxPoints => MaxPoints + Surveys.Sum(g => g.MaxPoints);

    /// <summary>What the classification thresholds are read on (with <see cref="ExcellentFrom"/>…<see cref="AverageFrom"/>).</summary>
    public BandBasis BandBasis { get; private set; }
    /// <summary>The year's thresholds; all four null: the default bands (<see cref="ClassificationBands.Default"/>).</summary>
    public decimal? ExcellentFrom { get; private set; }
    public decimal? GoodFrom { get; private set; }
    public decimal? FairFrom { get; private set; }
    public decimal? AverageFrom { get; private set; }
    /// <summary>The scale the result is also converted to (100 where the framework says so); null: none.</summary>
    public decimal? Scale { get; private set; }
    /// <summary>How sub-criteria marked not applicable count: rescaled to the full maximum (the default) or left out.</summary>
    public NotApplicableRule NotApplicableRule { get; private set; }
    /// <summary>The most bonus points the year counts (null: no cap).</summary>
    public decimal? BonusCap { get; private set; }
    /// <summary>The most deduction points the year counts (null: no cap).</summary>
    public decimal? DeductionCap { get; private set; }
    /// <summary>The year's survey question groups (điều tra xã hội học), never self-scored.</summary>
    public List<SurveyGroup> Surveys { get; private set; } = [];
    /// <summary>The year's bonus points and deductions outside the criteria.</summary>
    public List<IndexAdjustment> Adjustments { get; private set; } = [];

    /// <summary>Replaced whenever the parts above or a not-applicable mark change: two Office users editing them at once cannot overwrite each other.</summary>
    public Guid PartsVersion { get; private set; }

    /// <summary>Marks one of the year's sub-criteria not applicable (with its reason) or applicable again (null), as a change of the year's parts.</summary>
    public void SetNotApplicable(SubCriterion subCriterion, string? reason)
    {
        subCriterion.SetNotApplicable(reason);
        PartsVersion = Guid.NewGuid();
    }

    /// <summary>The parts of the year's index beyond its sub-criteria, as <see cref="IndexResult"/> reads them.</summary>
    public IndexParts Parts => PartsOf(Bands(BandBasis, ExcellentFrom, GoodFrom, FairFrom, AverageFrom), Scale, NotApplicableRule, BonusCap, DeductionCap,
        Surveys.OrderBy(g => g.SortOrder).ThenBy(g => g.Id).Select(g => g.Part), Adjustments.Select(a => (a.Kind, a.Points)));

    /// <summary>The one assembly of a year's parts from what is stored (used by the entity and by the readers' projections).</summary>
    public static IndexParts PartsOf(ClassificationBands bands, decimal? scale, NotApplicableRule rule, decimal? bonusCap, decimal? deductionCap,
        IEnumerable<SurveyPart> surveys, IEnumerable<(AdjustmentKind Kind, decimal Points)> adjustments)
    {
        var list = adjustments.ToList();
        var groups = surveys.ToList();
        return new IndexParts(bands, scale)
        {
            Rule = rule,
            Surveys = groups.Count == 0 ? [] : groups,
            Bonus = list.Where(a => a.Kind == AdjustmentKind.Bonus).Sum(a => a.Points),
            BonusCap = bonusCap,
            Deduction = list.Where(a => a.Kind == AdjustmentKind.Deduction).Sum(a => a.Points),
            DeductionCap = deductionCap,
        };
    }

    /// <summary>Sets the rule for sub-criteria not applicable and the caps of bonus and deductions (null: no cap).</summary>
    public void SetOtherRules(NotApplicableRule rule, decimal? bonusCap, decimal? deductionCap)
    {
        if (!Enum.IsDefined(rule)) throw new DomainException("Cách tính tiêu chí không áp dụng không hợp lệ.");
        if (bonusCap is < 0 or > 1000) throw new DomainException("Điểm thưởng tối đa phải từ 0 đến 1.000.");
        if (deductionCap is < 0 or > 1000) throw new DomainException("Điểm trừ tối đa phải từ 0 đến 1.000.");
        NotApplicableRule = rule;
        BonusCap = bonusCap;
        DeductionCap = deductionCap;
        PartsVersion = Guid.NewGuid();
    }

    /// <summary>The stored thresholds as bands; none stored: the default ones.</summary>
    public static ClassificationBands Bands(BandBasis basis, decimal? excellent, decimal? good, decimal? fair, decimal? average) =>
        excellent is { } e && good is { } g && fair is { } f && average is { } a ? new(basis, e, g, f, a) : ClassificationBands.Default;

    /// <summary>Sets the year's classification bands (null: back to the default ones) and the scale the result is converted to.</summary>
    public void SetIndexRules(ClassificationBands? bands, decimal? scale)
    {
        if (bands?.Problems(MaxPointsForBands) is { Count: > 0 } problems) throw new DomainException(problems[0].Message);
        if (scale is <= 0 or > 1000) throw new DomainException("Thang điểm quy đổi phải lớn hơn 0 và không quá 1.000.");
        BandBasis = bands?.Basis ?? BandBasis.Percent;
        ExcellentFrom = bands?.Excellent;
        GoodFrom = bands?.Good;
        FairFrom = bands?.Fair;
        AverageFrom = bands?.Average;
        Scale = scale;
        PartsVersion = Guid.NewGuid();
    }

    // Bands on points are checked against the whole index's maximum when its areas are loaded; otherwise against no upper bound.
    private decimal MaxPointsForBands => Areas.Count > 0 ? IndexMaxPoints : decimal.MaxValue;

    public Framework CopyTo(int year, string name)
    {
        var copy = new Framework(year, name)
        {
            BandBasis = BandBasis,
            ExcellentFrom = ExcellentFrom,
            GoodFrom = GoodFrom,
            FairFrom = FairFrom,
            AverageFrom = AverageFrom,
            Scale = Scale,
            NotApplicableRule = NotApplicableRule,
            BonusCap = BonusCap,
            DeductionCap = DeductionCap,
        };
        // Survey groups are copied without their points (the new year's are published next year); adjustments are not copied.
        copy.Surveys.AddRange(Surveys.OrderBy(g => g.SortOrder).ThenBy(g => g.Id).Select(g => g.CloneForNewYear()));
        foreach (var area in Areas.OrderBy(a => a.SortOrder))
        {
            var newArea = new Area(area.Code, area.Name, area.SortOrder);
            foreach (var criterion in area.Criteria.OrderBy(c => c.SortOrder))
            {
                var newCriterion = new Criterion(criterion.Code, criterion.Name, criterion.SortOrder);
                foreach (var sub in criterion.SubCriteria.OrderBy(s => s.SortOrder))
                    newCriterion.SubCriteria.Add(sub.CloneForNewYear());
                newArea.Criteria.Add(newCriterion);
            }
            copy.Areas.Add(newArea);
        }
        return copy;
    }
}

/// <summary>A reform area (lĩnh vực); there are seven.</summary>
public class Area
{
    private Area() { }

    public Area(string code, string name, int sortOrder)
    {
        Code = code.Trim();
        Name = name.Trim();
        SortOrder = sortOrder;
    }

    public int Id { get; private set; }
    public int FrameworkId { get; private set; }
    public string Code { get; private set; } = "";
    public string Name { get; set; } = "";
    public int SortOrder { get; private set; }
    public List<Criterion> Criteria { get; private set; } = [];

    public decimal MaxPoints => Criteria.Sum(c => c.MaxPoints);
}

/// <summary>A criterion (tiêu chí) of an area.</summary>
public class Criterion
{
    private Criterion() { }

    public Criterion(string code, string name, int sortOrder)
    {
        Code = code.Trim();
        Name = name.Trim();
        SortOrder = sortOrder;
    }

    public int Id { get; private set; }
    public int AreaId { get; private set; }
    public string Code { get; private set; } = "";
    public string Name { get; set; } = "";
    public int SortOrder { get; private set; }
    public List<SubCriterion> SubCriteria { get; private set; } = [];

    public decimal MaxPoints => SubCriteria.Sum(s => s.MaxPoints);
}

/// <summary>A sub-criterion (tiêu chí thành phần): the unit that is scored.</summary>
public class SubCriterion
{
    private SubCriterion() { }

    public SubCriterion(string code, string name, decimal maxPoints, RuleKind ruleKind, string ruleParameters,
        string? guidance = null, int? leadUnitId = null, int sortOrder = 0)
    {
        if (maxPoints <= 0) throw new DomainException("Điểm tối đa phải lớn hơn 0.");
        Code = code.Trim();
        Name = name.Trim();
        MaxPoints = maxPoints;
        RuleKind = ruleKind;
        RuleParameters = ruleParameters;
        Guidance = guidance;
        LeadUnitId = leadUnitId;
        SortOrder = sortOrder;
    }

    public int Id { get; private set; }
    public int CriterionId { get; private set; }
    public string Code { get; private set; } = "";
    public string Name { get; set; } = "";
    public decimal MaxPoints { get; private set; }
    public string? Guidance { get; set; }
    public RuleKind RuleKind { get; private set; }
    /// <summary>
    /// The rule's parameters as JSON, read by <c>ScoringRule.FromJson</c>; they include the lowest points
    /// (below zero only where the framework allows negative points).
    /// </summary>
    public string RuleParameters { get; private set; } = "{}";
    public int? LeadUnitId { get; set; }
    public int SortOrder { get; private set; }
    public List<SubCriterionCoordinator> Coordinators { get; private set; } = [];

    public const int MaxNotApplicableReason = 1000;

    /// <summary>Set when the Office marks the sub-criterion "không áp dụng / không phát sinh" for the year, with why.</summary>
    public string? NotApplicableReason { get; private set; }

    /// <summary>Marks the sub-criterion not applicable for the year (left out of the total and the maximum), or applicable again (null).</summary>
    public void SetNotApplicable(string? reason)
    {
        if (reason is not null)
        {
            reason = reason.Trim();
            if (reason.Length == 0) throw new DomainException("Nhập lý do không áp dụng.");
            if (reason.Length > MaxNotApplicableReason) throw new DomainException($"Lý do dài quá {MaxNotApplicableReason} ký tự.");
        }
        NotApplicableReason = reason;
    }

    public void ChangeRule(RuleKind kind, string parameters, decimal maxPoints)
    {
        if (maxPoints <= 0) throw new DomainException("Điểm tối đa phải lớn hơn 0.");
        RuleKind = kind;
        RuleParameters = parameters;
        MaxPoints = maxPoints;
    }

    public ScoringRule Rule() => ScoringRule.FromJson(RuleKind, RuleParameters);

    internal SubCriterion CloneForNewYear()
    {
        var clone = new SubCriterion(Code, Name, MaxPoints, RuleKind, RuleParameters, Guidance, LeadUnitId, SortOrder);
        clone.Coordinators.AddRange(Coordinators.Select(c => new SubCriterionCoordinator(c.UnitId)));
        return clone;
    }
}

public class SubCriterionCoordinator
{
    private SubCriterionCoordinator() { }
    public SubCriterionCoordinator(int unitId) => UnitId = unitId;

    public int SubCriterionId { get; private set; }
    public int UnitId { get; private set; }
}
