using ParIndex.Domain.Scoring;

namespace ParIndex.Domain.Tests.Scoring;

public class BandsRuleTests
{
    internal static BandsRule OnlineShare() => new(
        [new Band(20m, 0.5m), new Band(30m, 1m)],
        "tỷ lệ hồ sơ trực tuyến",
        IsPercent: true);

    internal static BandsRule LateDossiers() => new(
        [new Band(0m, 6m), new Band(20m, 4.5m), new Band(100m, 3m)],
        "số hồ sơ trễ hạn",
        IsPercent: false,
        LowerIsBetter: true);

    private static decimal Points(BandsRule rule, decimal max, decimal value) =>
        rule.Evaluate(max, new ScoringFacts { Value = value }).Points;

    [Theory]
    [InlineData("100", "1")]
    [InlineData("30", "1")]
    [InlineData("29.99", "0.5")]
    [InlineData("20", "0.5")]
    [InlineData("19.99", "0")]
    [InlineData("0", "0")]
    public void Higher_is_better_takes_the_highest_threshold_reached(string value, string expected)
    {
        static decimal D(string s) => decimal.Parse(s, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(D(expected), Points(OnlineShare(), 1m, D(value)));
    }

    [Fact]
    public void Higher_is_better_explains_the_band()
    {
        Assert.Equal(
            "Tỷ lệ hồ sơ trực tuyến là 25%, thuộc mức từ 20% đến dưới 30%: đạt 0,5/1 điểm.",
            OnlineShare().Evaluate(1m, new ScoringFacts { Value = 25m }).Explanation);
        Assert.Equal(
            "Tỷ lệ hồ sơ trực tuyến là 19,5%, thuộc mức dưới 20%: đạt 0/1 điểm.",
            OnlineShare().Evaluate(1m, new ScoringFacts { Value = 19.5m }).Explanation);
    }

    [Theory]
    [InlineData(0, "6")]
    [InlineData(1, "4.5")]
    [InlineData(20, "4.5")]
    [InlineData(21, "3")]
    [InlineData(84, "3")]
    [InlineData(100, "3")]
    [InlineData(101, "0")]
    public void Lower_is_better_takes_the_lowest_limit_not_exceeded(int lateDossiers, string expected)
    {
        var points = Points(LateDossiers(), 6m, lateDossiers);
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), points);
    }

    [Fact]
    public void Seed_84_late_dossiers_on_max_6_gives_3()
    {
        var result = LateDossiers().Evaluate(6m, new ScoringFacts { Value = 84m });

        Assert.Equal(3m, result.Points);
        Assert.Equal("Số hồ sơ trễ hạn là 84, thuộc mức trên 20 đến 100: đạt 3/6 điểm.", result.Explanation);
    }

    [Fact]
    public void Lower_is_better_explains_zero_and_beyond_the_last_limit()
    {
        Assert.Equal(
            "Số hồ sơ trễ hạn là 0, thuộc mức bằng 0: đạt 6/6 điểm.",
            LateDossiers().Evaluate(6m, new ScoringFacts { Value = 0m }).Explanation);
        Assert.Equal(
            "Số hồ sơ trễ hạn là 150, thuộc mức trên 100: đạt 0/6 điểm.",
            LateDossiers().Evaluate(6m, new ScoringFacts { Value = 150m }).Explanation);
    }

    [Fact]
    public void Missing_value_gives_no_facts()
    {
        var result = LateDossiers().Evaluate(6m, new ScoringFacts { Occurrences = 3 });

        Assert.False(result.HasFacts);
        Assert.Equal(0m, result.Points);
        Assert.Equal("Chưa có dữ liệu để chấm điểm (cần số hồ sơ trễ hạn).", result.Explanation);
    }

    [Fact]
    public void Negative_value_is_unusable()
    {
        var result = LateDossiers().Evaluate(6m, new ScoringFacts { Value = -1m });
        Assert.False(result.HasFacts);
        Assert.Equal(0m, result.Points);
    }

    [Fact]
    public void Band_points_are_kept_within_max()
    {
        Assert.Equal(5m, Points(LateDossiers(), 5m, 0m));
        Assert.NotEmpty(LateDossiers().ValidateDefinition(5m));
        Assert.Empty(LateDossiers().ValidateDefinition(6m));
    }

    [Fact]
    public void No_bands_is_unusable_and_a_definition_problem()
    {
        var rule = new BandsRule([], "tỷ lệ", IsPercent: true);
        Assert.False(rule.Evaluate(1m, new ScoringFacts { Value = 50m }).HasFacts);
        Assert.Contains("Cần có ít nhất một mức chấm điểm.", rule.ValidateDefinition(1m));
    }

    [Fact]
    public void Describe_lists_the_bands_best_first()
    {
        Assert.Equal(
            "Chấm theo tỷ lệ hồ sơ trực tuyến (tối đa 1 điểm): từ 30% trở lên – 1 điểm; "
            + "từ 20% đến dưới 30% – 0,5 điểm; dưới 20% – 0 điểm.",
            OnlineShare().Describe(1m));
        Assert.Equal(
            "Chấm theo số hồ sơ trễ hạn (tối đa 6 điểm): bằng 0 – 6 điểm; trên 0 đến 20 – 4,5 điểm; "
            + "trên 20 đến 100 – 3 điểm; trên 100 – 0 điểm.",
            LateDossiers().Describe(6m));
    }

    [Fact]
    public void Equality_compares_bands_by_value()
    {
        Assert.Equal(LateDossiers(), LateDossiers());
        Assert.Equal(LateDossiers().GetHashCode(), LateDossiers().GetHashCode());
        Assert.NotEqual(LateDossiers(), LateDossiers() with { LowerIsBetter = false });
        Assert.NotEqual(OnlineShare(), OnlineShare() with { Bands = [new Band(20m, 0.5m)] });
    }
}
