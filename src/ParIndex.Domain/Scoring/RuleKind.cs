namespace ParIndex.Domain.Scoring;

public enum RuleKind { Manual, YesNo, Tiered, Proportional, Bands, Deduction }
