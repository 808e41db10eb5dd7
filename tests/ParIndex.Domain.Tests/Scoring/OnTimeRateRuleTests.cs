using ParIndex.Domain.Scoring;

namespace ParIndex.Domain.Tests.Scoring;

/// <summary>Issue 14: the TTHC result by the on-time rate, in bands, as criteria sets write it.</summary>
public class OnTimeRateRuleTests
{
    internal static OnTimeRateRule Tthc() => new([new Band(98m, 6m), new Band(95m, 4.5m), new Band(90m, 3m)]);

    private static RuleResult Evaluate(decimal onTime, decimal total) =>
        Tthc().Evaluate(6m, new ScoringFacts { AchievedCount = onTime, RequiredCount = total });

    [Theory]
    [InlineData(50, 50, "6")]
    [InlineData(49, 50, "6")] // exactly 98%
    [InlineData(979, 1000, "4.5")] // 97,9%
    [InlineData(9799, 10000, "4.5")] // 97,99%
    [InlineData(19, 20, "4.5")] // exactly 95%
    [InlineData(1899, 2000, "3")] // 94,95%
    [InlineData(9, 10, "3")] // exactly 90%
    [InlineData(899, 1000, "0")] // 89,9%
    [InlineData(0, 10, "0")]
    public void Each_band_edge_belongs_to_the_band_it_opens(int onTime, int total, string expected)
    {
        var result = Evaluate(onTime, total);
        Assert.True(result.HasFacts);
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), result.Points);
    }

    [Fact]
    public void A_third_of_a_dossier_never_rounds_the_rate_into_the_next_band()
    {
        // 293/299 = 97,993…%: below 98% however it is shown.
        var result = Evaluate(293, 299);
        Assert.Equal(4.5m, result.Points);
        Assert.Equal("Tỷ lệ hồ sơ giải quyết đúng hạn là 97,99% (293/299 hồ sơ), thuộc mức từ 95% đến dưới 98%: đạt 4,5/6 điểm.",
            result.Explanation);
    }

    [Fact]
    public void Below_every_band_is_named_as_such()
    {
        Assert.Equal("Tỷ lệ hồ sơ giải quyết đúng hạn là 80% (8/10 hồ sơ), thuộc mức dưới 90%: đạt 0/6 điểm.", Evaluate(8, 10).Explanation);
    }

    [Fact]
    public void Without_the_total_the_rule_says_it_cannot_compute()
    {
        var result = Tthc().Evaluate(6m, new ScoringFacts { AchievedCount = 10m });
        Assert.False(result.HasFacts);
        Assert.Equal(0m, result.Points);
        Assert.Contains("chưa có tổng số hồ sơ", result.Explanation);
        Assert.DoesNotContain("%", result.Explanation);
        // A late count alone (the seed's 84) is not a rate either.
        Assert.Contains("chưa có tổng số hồ sơ", Tthc().Evaluate(6m, new ScoringFacts { Value = 84m }).Explanation);
        Assert.Contains("đúng hạn", Tthc().Evaluate(6m, new ScoringFacts { RequiredCount = 10m }).Explanation);
    }

    [Fact]
    public void No_dossier_gives_full_points_and_impossible_counts_give_none()
    {
        Assert.Equal((6m, true), (Evaluate(0, 0).Points, Evaluate(0, 0).HasFacts));
        Assert.False(Evaluate(11, 10).HasFacts);
        Assert.False(Evaluate(-1, 10).HasFacts);
    }

    [Fact]
    public void The_description_reads_like_the_criteria_set()
    {
        Assert.Equal(
            "Chấm theo tỷ lệ hồ sơ TTHC giải quyết đúng hạn trên tổng số hồ sơ phải giải quyết (tối đa 6 điểm). "
            + "Từ 98% trở lên: 6 điểm; từ 95% đến dưới 98%: 4,5 điểm; từ 90% đến dưới 95%: 3 điểm; dưới 90%: 0 điểm.",
            Tthc().Describe(6m));
        // A closing band "từ 0%: 0 điểm" adds nothing to the words.
        var closed = new OnTimeRateRule([new Band(98m, 6m), new Band(97.5m, 4.5m), new Band(0m, 0m)]);
        Assert.Equal(
            "Chấm theo tỷ lệ hồ sơ TTHC giải quyết đúng hạn trên tổng số hồ sơ phải giải quyết (tối đa 6 điểm). "
            + "Từ 98% trở lên: 6 điểm; từ 97,5% đến dưới 98%: 4,5 điểm; dưới 97,5%: 0 điểm.",
            closed.Describe(6m));
    }

    [Fact]
    public void It_is_stored_as_its_kind_and_bands_and_read_back_equal()
    {
        var rule = Tthc() with { MinPoints = 0m };
        var json = rule.ToJson();
        Assert.Equal(RuleKind.OnTimeRate, rule.Kind);
        Assert.Equal(rule, ScoringRule.FromJson(RuleKind.OnTimeRate, json));
    }

    [Fact]
    public void A_definition_outside_0_to_100_percent_or_above_the_maximum_is_refused()
    {
        var problems = new OnTimeRateRule([new Band(120m, 6m), new Band(95m, 7m), new Band(95m, 1m)]).ValidateDefinition(6m);
        Assert.Contains(problems, p => p.Contains("120%", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("vượt quá điểm tối đa", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("bị trùng", StringComparison.Ordinal));
        Assert.Empty(Tthc().ValidateDefinition(6m));
    }
}
