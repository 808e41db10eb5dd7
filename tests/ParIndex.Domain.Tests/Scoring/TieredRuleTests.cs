using ParIndex.Domain.Scoring;

namespace ParIndex.Domain.Tests.Scoring;

public class TieredRuleTests
{
    internal static TieredRule PlanRule(decimal notIssued = 0m) => new(
    [
        new Tier("on-time", "Ban hành đúng hạn", 1m),
        new Tier("late", "Ban hành trễ hạn", 0.5m),
        new Tier("not-issued", "Không ban hành", notIssued),
    ]);

    [Theory]
    [InlineData("on-time", "1")]
    [InlineData("late", "0.5")]
    [InlineData("not-issued", "0")]
    [InlineData(" LATE ", "0.5")]
    public void Gives_the_points_of_the_outcome(string outcome, string expected)
    {
        var result = PlanRule().Evaluate(1m, new ScoringFacts { Outcome = outcome });

        Assert.True(result.HasFacts);
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), result.Points);
    }

    [Fact]
    public void Explains_with_the_tier_label()
    {
        Assert.Equal(
            "Kết quả “Ban hành trễ hạn”: đạt 0,5/1 điểm.",
            PlanRule().Evaluate(1m, new ScoringFacts { Outcome = "late" }).Explanation);
    }

    [Fact]
    public void Negative_tier_needs_negative_min_points()
    {
        var rule = PlanRule(notIssued: -1m);
        Assert.Equal(0m, rule.Evaluate(1m, new ScoringFacts { Outcome = "not-issued" }).Points);
        Assert.NotEmpty(rule.ValidateDefinition(1m));

        var allowed = rule with { MinPoints = -1m };
        Assert.Equal(-1m, allowed.Evaluate(1m, new ScoringFacts { Outcome = "not-issued" }).Points);
        Assert.Empty(allowed.ValidateDefinition(1m));
    }

    [Fact]
    public void Tier_points_above_max_are_capped()
    {
        Assert.Equal(0.75m, PlanRule().Evaluate(0.75m, new ScoringFacts { Outcome = "on-time" }).Points);
        Assert.Contains(
            "Mức “Ban hành đúng hạn” có 1 điểm, vượt quá điểm tối đa 0,75.",
            PlanRule().ValidateDefinition(0.75m));
    }

    [Fact]
    public void Missing_outcome_gives_no_facts()
    {
        var result = PlanRule().Evaluate(1m, ScoringFacts.None);

        Assert.False(result.HasFacts);
        Assert.Equal(0m, result.Points);
        Assert.StartsWith("Chưa có dữ liệu để chấm điểm", result.Explanation);
    }

    [Fact]
    public void Unknown_outcome_gives_no_facts_and_says_so()
    {
        var result = PlanRule().Evaluate(1m, new ScoringFacts { Outcome = "someday" });

        Assert.False(result.HasFacts);
        Assert.Equal(0m, result.Points);
        Assert.Contains("“someday”", result.Explanation);
    }

    [Fact]
    public void Duplicate_keys_are_a_definition_problem()
    {
        var rule = new TieredRule([new Tier("a", "A", 1m), new Tier("A", "B", 0m)]);
        Assert.Contains("Mã mức “a” bị trùng.", rule.ValidateDefinition(1m));
    }

    [Fact]
    public void Describe_lists_the_tiers()
    {
        Assert.Equal(
            "Chấm theo kết quả (tối đa 1 điểm): Ban hành đúng hạn – 1 điểm; Ban hành trễ hạn – 0,5 điểm; "
            + "Không ban hành – 0 điểm.",
            PlanRule().Describe(1m));
    }

    [Fact]
    public void Equality_compares_tiers_by_value()
    {
        Assert.Equal(PlanRule(), PlanRule());
        Assert.Equal(PlanRule().GetHashCode(), PlanRule().GetHashCode());
        Assert.NotEqual(PlanRule(), PlanRule(notIssued: -1m));
        Assert.NotEqual(PlanRule(), PlanRule() with { MinPoints = -1m });
    }
}
