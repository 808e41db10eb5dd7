namespace ParIndex.Domain.Scoring;

/// <summary>
/// The points a rule gives, rounded to 3 decimals, with one Vietnamese sentence explaining them.
/// HasFacts is false when the facts needed were missing or unusable; Points is then 0.
/// </summary>
public sealed record RuleResult(decimal Points, string Explanation, bool HasFacts);
