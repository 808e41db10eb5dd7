namespace ParIndex.Domain.Scoring;

/// <summary>
/// What is known about a sub-criterion when it is scored. Each rule reads only the facts it needs;
/// a missing fact is null.
/// </summary>
public sealed record ScoringFacts
{
    /// <summary>No facts at all.</summary>
    public static ScoringFacts None { get; } = new();

    /// <summary>Points entered by the assessor (manual rule).</summary>
    public decimal? ManualPoints { get; init; }

    /// <summary>Whether the requirement was met (yes/no rule).</summary>
    public bool? Achieved { get; init; }

    /// <summary>The key of the tier reached (tiered rule).</summary>
    public string? Outcome { get; init; }

    /// <summary>How many items were done (proportional rule).</summary>
    public decimal? AchievedCount { get; init; }

    /// <summary>How many items had to be done (proportional rule).</summary>
    public decimal? RequiredCount { get; init; }

    /// <summary>A measured percentage or count (bands rule).</summary>
    public decimal? Value { get; init; }

    /// <summary>How many times the deductible event happened (deduction rule).</summary>
    public int? Occurrences { get; init; }

    /// <summary>
    /// Sample figures the demo needs to compute a rule but the source document does not give: shown as sample data on
    /// screen, never printed as fact in an official output.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    public bool Sample { get; init; }
}
