namespace ParIndex.Web.Features.Api;

// The read-only API's contract (v1). Numbers are JSON numbers (80.567), dates ISO 8601 (2023-12-31).

/// <summary>A recorded year: computed totals from the sub-criteria and, where published, the official result.</summary>
public sealed record YearDto(int Year, decimal? MaxPoints, decimal? Total, decimal? AppraisedTotal, decimal? PublishedTotal,
    int? Rank, int? RankOf, string? Classification);

public sealed record AssessmentDto(int Year, decimal MaxPoints, decimal Total, decimal? AppraisedTotal, decimal? PublishedTotal,
    int? Rank, int? RankOf, string Classification, IReadOnlyList<AreaDto> Areas);

public sealed record AreaDto(string Code, string Name, decimal MaxPoints, decimal Points, decimal Percent, IReadOnlyList<CriterionDto> Criteria);

public sealed record CriterionDto(string Code, string Name, decimal MaxPoints, decimal Points, IReadOnlyList<SubCriterionDto> SubCriteria);

/// <summary><c>leadUnit</c> is the lead unit's name (null when none is assigned).</summary>
public sealed record SubCriterionDto(string Code, string Name, decimal MaxPoints, decimal? SelfScore, decimal? AppraisedScore,
    string? LostReason, string? LeadUnit);

/// <summary>A plan with one page of its tasks (in plan order): <see cref="TaskCount"/> tasks in <see cref="PageCount"/> pages.</summary>
public sealed record PlanDto(int TargetYear, int BaseYear, string? Number, string Status, DateOnly? PlanDate, int? TargetRankImprovement,
    decimal? TargetTotal, int TaskCount, int Page, int PageSize, int PageCount, IReadOnlyList<PlanTaskDto> Tasks);

public sealed record UnitDto(string Code, string Name);

public sealed record PlanTaskDto(int Id, int SortOrder, string Content, UnitDto? LeadUnit, IReadOnlyList<UnitDto> CoordinatingUnits,
    string? ExpectedOutput, DateOnly? DueDate, string Recurrence, IReadOnlyList<DateOnly> DueDates, string Status, int PercentComplete,
    DateOnly? CompletedOn, DateOnly? NextDueDate, bool Overdue);
