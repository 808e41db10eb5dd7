namespace ParIndex.Domain.Scoring;

/// <summary>
/// One band of a <see cref="BandsRule"/>: values of at least <see cref="AtLeast"/> give <see cref="Points"/>.
/// When the rule has LowerIsBetter set, <see cref="AtLeast"/> is read as "at most" instead.
/// </summary>
public sealed record Band(decimal AtLeast, decimal Points);
