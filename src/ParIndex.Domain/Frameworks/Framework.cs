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

    public Framework CopyTo(int year, string name)
    {
        var copy = new Framework(year, name);
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
