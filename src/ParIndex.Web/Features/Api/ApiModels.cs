namespace ParIndex.Web.Features.Api;

// The read-only API's contract (v1). Numbers are JSON numbers (80.567), dates ISO 8601 (2023-12-31).

/// <summary>A recorded year: computed totals from the sub-criteria and, where published, the official result.</summary>
public sealed record YearDto(int Year, decimal? MaxPoints, decimal? Total, decimal? AppraisedTotal, decimal? PublishedTotal,
    int? Rank, int? RankOf, string? Classification);

/// <summary>
/// <c>total</c> is the final total computed from the sub-criteria; <c>selfTotal</c>, <c>round1Total</c> and
/// <c>round2Total</c> each round's (round 2 counts round 1 where round 2 did not rescore; null when the round has not
/// happened); <c>publishedAreas</c> the figures as published per area; <c>previous</c> the year before's result;
/// <c>lostPoints</c> equals <c>maxPoints − total</c> and <c>unitLosses</c> splits it among the units that lost it.
/// </summary>
public sealed record AssessmentDto(int Year, decimal MaxPoints, decimal Total, decimal? AppraisedTotal, decimal? PublishedTotal,
    int? Rank, int? RankOf, string Classification, IReadOnlyList<AreaDto> Areas,
    decimal SelfTotal, decimal? Round1Total, decimal? Round2Total, IReadOnlyList<PublishedAreaDto> PublishedAreas,
    PreviousYearDto? Previous, decimal LostPoints, IReadOnlyList<UnitLossDto> UnitLosses, IndexDto Index);

/// <summary>
/// The year's index as computed from its sub-criteria and the year's parts: the result out of its maximum, its
/// percentage, the classification by the year's bands (<c>bands</c>) and, where the year converts it, the result on
/// its scale (<c>scale</c>, <c>totalOnScale</c>). With sub-criteria marked not applicable (<c>notApplicable</c>), the
/// <c>criteriaPoints</c> out of <c>applicableMaxPoints</c> are rescaled to <c>criteriaMaxPoints</c>.
/// </summary>
public sealed record IndexDto(decimal MaxPoints, decimal Total, decimal Percent, string Classification, decimal? Scale, decimal? TotalOnScale,
    BandsDto Bands, decimal CriteriaMaxPoints, decimal ApplicableMaxPoints, decimal CriteriaPoints, IReadOnlyList<NotApplicableDto>? NotApplicable)
{
    /// <summary>How not-applicable sub-criteria count: "RescaleToFullMax" or "LeaveOut".</summary>
    public string NotApplicableRule { get; init; } = "RescaleToFullMax";
    /// <summary>The criteria part of <c>total</c> (rescaled where the rule says so).</summary>
    public decimal CriteriaResult { get; init; }
    public decimal SurveyPoints { get; init; }
    public decimal SurveyMaxPoints { get; init; }
    public IReadOnlyList<SurveyPartDto> Surveys { get; init; } = [];
    /// <summary>The bonus points entered, the cap (null: none) and what the total counts (limited to the cap).</summary>
    public decimal Bonus { get; init; }
    public decimal? BonusCap { get; init; }
    public decimal BonusCounted { get; init; }
    public decimal Deduction { get; init; }
    public decimal? DeductionCap { get; init; }
    public decimal DeductionCounted { get; init; }
}

/// <summary>A survey question group: its maximum and the published points (null until entered).</summary>
public sealed record SurveyPartDto(string Name, decimal MaxPoints, decimal? Points);

/// <summary>A sub-criterion left out of the year's total, with the Office's reason.</summary>
public sealed record NotApplicableDto(string Code, string Name, decimal MaxPoints, string Reason);

/// <summary>Classification thresholds (inclusive), on <c>basis</c> "Percent" or "Points"; below <c>average</c>: Yếu.</summary>
public sealed record BandsDto(string Basis, decimal Excellent, decimal Good, decimal Fair, decimal Average);

public sealed record PublishedAreaDto(string Code, decimal? Points, decimal? Percent);

/// <summary>The previous year's result: published where it was, computed from its sub-criteria otherwise.</summary>
public sealed record PreviousYearDto(int Year, decimal Total, bool Published, int? Rank, int? RankOf, string? Classification);

/// <summary>Points a unit lost (<c>unit</c> null: the loss no unit is charged with), and on which sub-criteria.</summary>
public sealed record UnitLossDto(UnitDto? Unit, decimal PointsLost, IReadOnlyList<SubCriterionLossDto> SubCriteria);

public sealed record SubCriterionLossDto(string Code, decimal PointsLost);

/// <summary>One unit's part of a sub-criterion's loss, with the weight the split used (late dossiers, reports or share).</summary>
public sealed record LostByUnitDto(UnitDto? Unit, decimal Weight, decimal PointsLost);

public sealed record AreaDto(string Code, string Name, decimal MaxPoints, decimal Points, decimal Percent, IReadOnlyList<CriterionDto> Criteria);

public sealed record CriterionDto(string Code, string Name, decimal MaxPoints, decimal Points, IReadOnlyList<SubCriterionDto> SubCriteria);

/// <summary><c>leadUnit</c> is the lead unit's name (null when none is assigned);
/// <c>lossBasis</c> says how its lost points were split: LateDossiers, LateReports, OfficeShares, LeadUnit or Unassigned.</summary>
public sealed record SubCriterionDto(string Code, string Name, decimal MaxPoints, decimal? SelfScore, decimal? AppraisedScore,
    string? LostReason, string? LeadUnit, decimal PointsLost, string? LossBasis, IReadOnlyList<LostByUnitDto> LostByUnit);

/// <summary>A plan with one page of its tasks (in plan order): <see cref="TaskCount"/> tasks in <see cref="PageCount"/> pages.</summary>
public sealed record PlanDto(int TargetYear, int BaseYear, string? Number, string Status, DateOnly? PlanDate, int? TargetRankImprovement,
    decimal? TargetTotal, int TaskCount, int Page, int PageSize, int PageCount, IReadOnlyList<PlanTaskDto> Tasks);

public sealed record UnitDto(string Code, string Name);

public sealed record PlanTaskDto(int Id, int SortOrder, string Content, UnitDto? LeadUnit, IReadOnlyList<UnitDto> CoordinatingUnits,
    string? ExpectedOutput, DateOnly? DueDate, string Recurrence, IReadOnlyList<DateOnly> DueDates, string Status, int PercentComplete,
    DateOnly? CompletedOn, DateOnly? NextDueDate, bool Overdue);
