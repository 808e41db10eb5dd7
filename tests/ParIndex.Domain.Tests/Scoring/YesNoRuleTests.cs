using ParIndex.Domain.Scoring;

namespace ParIndex.Domain.Tests.Scoring;

public class YesNoRuleTests
{
    [Fact]
    public void Achieved_gives_max()
    {
        var result = new YesNoRule().Evaluate(1m, new ScoringFacts { Achieved = true });

        Assert.Equal(1m, result.Points);
        Assert.True(result.HasFacts);
        Assert.Equal("Đạt yêu cầu: được 1/1 điểm.", result.Explanation);
    }

    [Fact]
    public void Not_achieved_gives_zero()
    {
        var result = new YesNoRule().Evaluate(1m, new ScoringFacts { Achieved = false });

        Assert.Equal(0m, result.Points);
        Assert.True(result.HasFacts);
        Assert.Equal("Không đạt yêu cầu: được 0/1 điểm.", result.Explanation);
    }

    [Fact]
    public void Not_achieved_gives_negative_min_points_when_allowed()
    {
        var rule = new YesNoRule("Ban hành kế hoạch", "Không ban hành kế hoạch") { MinPoints = -1m };
        var result = rule.Evaluate(1m, new ScoringFacts { Achieved = false });

        Assert.Equal(-1m, result.Points);
        Assert.Equal("Không ban hành kế hoạch: được -1/1 điểm.", result.Explanation);
    }

    [Fact]
    public void Missing_answer_gives_no_facts()
    {
        var result = new YesNoRule().Evaluate(1m, new ScoringFacts { ManualPoints = 1m });

        Assert.False(result.HasFacts);
        Assert.Equal(0m, result.Points);
        Assert.StartsWith("Chưa có dữ liệu để chấm điểm", result.Explanation);
    }

    [Fact]
    public void Describe_names_both_outcomes()
    {
        Assert.Equal(
            "Ban hành đúng hạn: 2 điểm; không ban hành đúng hạn: 0 điểm.",
            new YesNoRule("Ban hành đúng hạn", "Không ban hành đúng hạn").Describe(2m));
    }
}
