using ParIndex.Domain.Scoring;

namespace ParIndex.Domain.Tests.Scoring;

public class ManualRuleTests
{
    private static readonly ScoringRule Rule = ScoringRule.Manual();

    [Fact]
    public void Manual_factory_gives_a_manual_rule()
    {
        Assert.IsType<ManualRule>(Rule);
        Assert.Equal(RuleKind.Manual, Rule.Kind);
    }

    [Fact]
    public void Returns_the_entered_points()
    {
        var result = Rule.Evaluate(1.5m, new ScoringFacts { ManualPoints = 1.25m });

        Assert.Equal(1.25m, result.Points);
        Assert.True(result.HasFacts);
        Assert.Equal("Điểm do người chấm nhập: đạt 1,25/1,5 điểm.", result.Explanation);
    }

    [Fact]
    public void Full_points_at_exactly_max()
    {
        Assert.Equal(1.5m, Rule.Evaluate(1.5m, new ScoringFacts { ManualPoints = 1.5m }).Points);
    }

    [Fact]
    public void Missing_points_give_no_facts_and_zero()
    {
        var result = Rule.Evaluate(1.5m, ScoringFacts.None);

        Assert.False(result.HasFacts);
        Assert.Equal(0m, result.Points);
        Assert.StartsWith("Chưa có dữ liệu để chấm điểm", result.Explanation);
    }

    [Fact]
    public void Points_above_max_are_brought_down_and_explained()
    {
        var result = Rule.Evaluate(1.5m, new ScoringFacts { ManualPoints = 2m });

        Assert.Equal(1.5m, result.Points);
        Assert.Contains("vượt quá điểm tối đa", result.Explanation);
    }

    [Fact]
    public void Negative_points_are_raised_to_min_points()
    {
        Assert.Equal(0m, Rule.Evaluate(1m, new ScoringFacts { ManualPoints = -0.5m }).Points);

        var allowsMinusOne = new ManualRule { MinPoints = -1m };
        Assert.Equal(-0.5m, allowsMinusOne.Evaluate(1m, new ScoringFacts { ManualPoints = -0.5m }).Points);
        Assert.Equal(-1m, allowsMinusOne.Evaluate(1m, new ScoringFacts { ManualPoints = -3m }).Points);
    }

    [Fact]
    public void Points_are_rounded_to_three_decimals_away_from_zero()
    {
        Assert.Equal(0.834m, Rule.Evaluate(1m, new ScoringFacts { ManualPoints = 0.8335m }).Points);
    }

    [Fact]
    public void Negative_max_is_a_programming_error()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Rule.Evaluate(-1m, new ScoringFacts { ManualPoints = 0m }));
    }

    [Fact]
    public void Describe_gives_the_range()
    {
        Assert.Equal("Người chấm nhập điểm trực tiếp, từ 0 đến 1,5 điểm.", Rule.Describe(1.5m));
    }
}
