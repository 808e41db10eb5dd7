namespace ParIndex.Domain.Scoring;

/// <summary>How a sub-criterion's points are computed. Stored in the database next to the rule's JSON.</summary>
public enum RuleKind
{
    Manual,
    YesNo,
    Tiered,
    Proportional,
    Bands,
    Deduction,
    OnTimeRate,
}
