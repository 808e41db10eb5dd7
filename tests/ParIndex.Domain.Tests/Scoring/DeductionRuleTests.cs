using ParIndex.Domain.Scoring;

namespace ParIndex.Domain.Tests.Scoring;

public class DeductionRuleTests
{
    private static RuleResult Run(DeductionRule rule, decimal max, int occurrences) =>
        rule.Evaluate(max, new ScoringFacts { Occurrences = occurrences });

    [Fact]
    public void Seed_one_late_report_with_half_point_cap_on_max_half_gives_zero()
    {
        var result = Run(new DeductionRule(0.5m, 0.5m, "báo cáo trễ hạn"), 0.5m, 1);

        Assert.Equal(0m, result.Points);
        Assert.True(result.HasFacts);
        Assert.Equal("Có 1 báo cáo trễ hạn, trừ 1 × 0,5 = 0,5 điểm: đạt 0/0,5 điểm.", result.Explanation);
    }

    [Fact]
    public void No_occurrence_gives_max()
    {
        var result = Run(new DeductionRule(0.25m, null, "báo cáo trễ hạn"), 1.5m, 0);

        Assert.Equal(1.5m, result.Points);
        Assert.Equal("Không có báo cáo trễ hạn nào: đạt 1,5/1,5 điểm.", result.Explanation);
    }

    [Fact]
    public void Deducts_per_occurrence_below_the_cap()
    {
        Assert.Equal(1m, Run(new DeductionRule(0.25m, 1m), 1.5m, 2).Points);
    }

    [Fact]
    public void Cap_reached_exactly()
    {
        Assert.Equal(0.5m, Run(new DeductionRule(0.25m, 1m), 1.5m, 4).Points);
    }

    [Fact]
    public void Cap_exceeded_deducts_only_the_cap_and_says_so()
    {
        var result = Run(new DeductionRule(0.25m, 1m), 1.5m, 6);

        Assert.Equal(0.5m, result.Points);
        Assert.Equal(
            "Có 6 lần vi phạm, trừ 6 × 0,25 = 1,5 điểm nhưng chỉ trừ tối đa 1 điểm: đạt 0,5/1,5 điểm.",
            result.Explanation);
    }

    [Fact]
    public void Without_cap_never_goes_below_zero()
    {
        Assert.Equal(0m, Run(new DeductionRule(0.5m), 1m, 5).Points);
    }

    [Fact]
    public void Negative_min_points_allow_going_below_zero_down_to_it()
    {
        var rule = new DeductionRule(0.5m) { MinPoints = -1m };
        Assert.Equal(-0.5m, Run(rule, 1m, 3).Points);
        Assert.Equal(-1m, Run(rule, 1m, 10).Points);
    }

    [Fact]
    public void Missing_occurrences_give_no_facts()
    {
        var result = new DeductionRule(0.25m).Evaluate(1m, new ScoringFacts { Value = 2m });

        Assert.False(result.HasFacts);
        Assert.Equal(0m, result.Points);
        Assert.Equal("Chưa có dữ liệu để chấm điểm (cần số lần vi phạm).", result.Explanation);
    }

    [Fact]
    public void Negative_occurrences_are_unusable()
    {
        var result = Run(new DeductionRule(0.25m), 1m, -1);
        Assert.False(result.HasFacts);
        Assert.Equal(0m, result.Points);
    }

    [Fact]
    public void Non_positive_deduction_is_a_definition_problem()
    {
        Assert.NotEmpty(new DeductionRule(0m).ValidateDefinition(1m));
        Assert.Empty(new DeductionRule(0.25m, 0.5m).ValidateDefinition(1m));
    }

    [Fact]
    public void Describe_mentions_cap_and_floor()
    {
        Assert.Equal(
            "Tối đa 1,5 điểm, trừ 0,25 điểm cho mỗi báo cáo trễ hạn, trừ tối đa 1 điểm; không thấp hơn 0 điểm.",
            new DeductionRule(0.25m, 1m, "báo cáo trễ hạn").Describe(1.5m));
    }
}
