using ParIndex.Domain.Scoring;

namespace ParIndex.Domain.Tests.Scoring;

/// <summary>Issue 19: the values each rule can give, and the message for a typed score that is none of them.</summary>
public class PossiblePointsTests
{
    private static readonly TieredRule OnTime = new([new Tier("on-time", "Đúng hạn", 1m), new Tier("late", "Trễ hạn", 0.5m), new Tier("none", "Không ban hành", 0m)]);

    [Fact]
    public void A_tiered_rule_gives_its_tiers_and_refuses_0_75_listing_them()
    {
        Assert.Equal([1m, 0.5m, 0m], OnTime.PossiblePoints(1m));
        Assert.Null(OnTime.OffScaleMessage(0.5m, 1m));
        var message = OnTime.OffScaleMessage(0.75m, 1m);
        Assert.Equal("Điểm 0,75 không thuộc thang điểm của tiêu chí này: chỉ được 1 / 0,5 / 0. Muốn giữ điểm này, hãy ghi lý do điểm khác thang điểm.", message);
    }

    [Fact]
    public void A_bands_rule_gives_each_band_and_0_beyond_every_band()
    {
        var rule = new BandsRule([new Band(0m, 6m), new Band(20m, 4.5m), new Band(100m, 3m)], "số hồ sơ trễ hạn", false, LowerIsBetter: true);
        Assert.Equal([6m, 4.5m, 3m, 0m], rule.PossiblePoints(6m));
        Assert.NotNull(rule.OffScaleMessage(5m, 6m));
    }

    [Fact]
    public void A_yes_no_rule_gives_the_maximum_or_its_lowest_points()
    {
        Assert.Equal([1m, -1m], new YesNoRule { MinPoints = -1m }.PossiblePoints(1m));
        Assert.Equal([0.5m, 0m], new YesNoRule().PossiblePoints(0.5m));
    }

    [Fact]
    public void Manual_proportional_and_deduction_rules_give_any_value_in_range()
    {
        Assert.Null(new ManualRule().PossiblePoints(2m));
        Assert.Null(new ProportionalRule().PossiblePoints(1m));
        Assert.Null(new DeductionRule(0.5m).PossiblePoints(1m));
        Assert.Null(new ProportionalRule().OffScaleMessage(0.833m, 1m));
    }
}
