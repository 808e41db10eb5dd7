using ParIndex.Domain.Scoring;

namespace ParIndex.Domain.Tests.Scoring;

public class ProportionalRuleTests
{
    private static ScoringFacts Done(decimal achieved, decimal required) =>
        new() { AchievedCount = achieved, RequiredCount = required };

    [Fact]
    public void Five_of_six_tasks_on_max_one_gives_0_833()
    {
        var result = new ProportionalRule(null).Evaluate(1m, Done(5, 6));

        Assert.Equal(0.833m, result.Points);
        Assert.True(result.HasFacts);
        Assert.Equal("Hoàn thành 5/6 nhiệm vụ (83,33%): đạt 0,833/1 điểm.", result.Explanation);
    }

    [Fact]
    public void Five_of_six_on_max_four_gives_3_333_as_in_area_2()
    {
        // Area 2 = 2 + 3,5 + 2,5 + 5/6 × 4 = 11,333.
        Assert.Equal(3.333m, new ProportionalRule(null).Evaluate(4m, Done(5, 6)).Points);
    }

    [Fact]
    public void Rounds_midpoint_away_from_zero()
    {
        // 1/8 × 0,5 = 0,0625 → 0,063
        Assert.Equal(0.063m, new ProportionalRule(null).Evaluate(0.5m, Done(1, 8)).Points);
    }

    [Fact]
    public void All_done_gives_max_and_more_than_required_is_capped()
    {
        Assert.Equal(2m, new ProportionalRule(null).Evaluate(2m, Done(6, 6)).Points);
        Assert.Equal(2m, new ProportionalRule(null).Evaluate(2m, Done(7, 6)).Points);
    }

    [Fact]
    public void Exactly_at_the_floor_scores_proportionally()
    {
        var result = new ProportionalRule(80m).Evaluate(1m, Done(4, 5));

        Assert.Equal(0.8m, result.Points);
        Assert.Equal("Hoàn thành 4/5 nhiệm vụ (80%): đạt 0,8/1 điểm.", result.Explanation);
    }

    [Fact]
    public void Just_under_the_floor_scores_zero()
    {
        var result = new ProportionalRule(80m).Evaluate(1m, Done(79.9m, 100));

        Assert.Equal(0m, result.Points);
        Assert.Equal(
            "Hoàn thành 79,9/100 nhiệm vụ (79,9%), dưới mức tối thiểu 80%: đạt 0/1 điểm.",
            result.Explanation);
    }

    [Fact]
    public void Floor_compares_the_exact_ratio_not_the_rounded_percent()
    {
        // 2/3 = 66,666…% is below a 66,67% floor even though it is displayed as 66,67%.
        Assert.Equal(0m, new ProportionalRule(66.67m).Evaluate(1m, Done(2, 3)).Points);
        Assert.Equal(0.667m, new ProportionalRule(66.66m).Evaluate(1m, Done(2, 3)).Points);
    }

    [Fact]
    public void Nothing_required_gives_full_points_with_a_clear_explanation()
    {
        var result = new ProportionalRule(80m).Evaluate(1.5m, Done(0, 0));

        Assert.Equal(1.5m, result.Points);
        Assert.True(result.HasFacts);
        Assert.Equal("Không có nhiệm vụ nào phải thực hiện nên đạt tối đa 1,5/1,5 điểm.", result.Explanation);
    }

    [Fact]
    public void Item_label_is_used_in_the_explanation()
    {
        var result = new ProportionalRule(null, "văn bản").Evaluate(1m, Done(1, 2));
        Assert.Equal("Hoàn thành 1/2 văn bản (50%): đạt 0,5/1 điểm.", result.Explanation);
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(false, false)]
    public void Missing_counts_give_no_facts(bool hasAchieved, bool hasRequired)
    {
        var facts = new ScoringFacts
        {
            AchievedCount = hasAchieved ? 1m : null,
            RequiredCount = hasRequired ? 2m : null,
        };
        var result = new ProportionalRule(null).Evaluate(1m, facts);

        Assert.False(result.HasFacts);
        Assert.Equal(0m, result.Points);
        Assert.StartsWith("Chưa có dữ liệu để chấm điểm", result.Explanation);
    }

    [Fact]
    public void Negative_counts_are_unusable()
    {
        var result = new ProportionalRule(null).Evaluate(1m, Done(-1, 2));
        Assert.False(result.HasFacts);
        Assert.Equal(0m, result.Points);
    }

    [Fact]
    public void Floor_outside_0_to_100_is_a_definition_problem()
    {
        Assert.NotEmpty(new ProportionalRule(120m).ValidateDefinition(1m));
        Assert.Empty(new ProportionalRule(80m).ValidateDefinition(1m));
    }

    [Fact]
    public void Describe_mentions_the_floor()
    {
        Assert.Equal(
            "Điểm = số nhiệm vụ hoàn thành ÷ số nhiệm vụ phải thực hiện × 1 điểm; hoàn thành dưới 80% được 0 điểm; "
            + "không có nhiệm vụ phải thực hiện thì được tối đa 1 điểm.",
            new ProportionalRule(80m).Describe(1m));
    }
}
