namespace ParIndex.Domain.Scoring;

/// <summary>One outcome of a tiered rule: a stable key, its Vietnamese label and the points it gives.</summary>
public sealed record Tier(string Key, string Label, decimal Points);
