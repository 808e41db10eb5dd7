using ParIndex.Domain.Scoring;

namespace ParIndex.Domain.Tests.Frameworks;

/// <summary>Issue 14: no internal cut-off shows in a rule's text.</summary>
public class RuleDescriptionTests
{
    /// <summary>The count rule as the demo's 3.5.1 stored it: a last band "≤ 100000 → 0" written only to close the list.</summary>
    private static BandsRule WithCutOff() => new(
        [new Band(0m, 6m), new Band(20m, 4.5m), new Band(100m, 3m), new Band(100000m, 0m)],
        "số hồ sơ TTHC giải quyết trễ hạn", IsPercent: false, LowerIsBetter: true);

    [Fact]
    public void An_open_ended_last_band_reads_above_the_last_real_threshold()
    {
        var text = WithCutOff().Describe(6m);

        Assert.DoesNotContain("100000", text);
        Assert.DoesNotContain("100.000", text);
        Assert.Equal("Chấm theo số hồ sơ TTHC giải quyết trễ hạn (tối đa 6 điểm): bằng 0 – 6 điểm; trên 0 đến 20 – 4,5 điểm; "
                     + "trên 20 đến 100 – 3 điểm; trên 100 – 0 điểm.", text);
    }

    [Fact]
    public void The_explanation_of_a_value_in_the_closing_band_names_the_open_range()
    {
        var result = WithCutOff().Evaluate(6m, new ScoringFacts { Value = 150m });
        Assert.Equal("Số hồ sơ TTHC giải quyết trễ hạn là 150, thuộc mức trên 100: đạt 0/6 điểm.", result.Explanation);
        Assert.Equal("Số hồ sơ TTHC giải quyết trễ hạn là 84, thuộc mức trên 20 đến 100: đạt 3/6 điểm.",
            WithCutOff().Evaluate(6m, new ScoringFacts { Value = 84m }).Explanation);
    }

    [Fact]
    public void A_closing_zero_band_of_a_higher_is_better_rule_is_left_out_too()
    {
        var rule = new BandsRule([new Band(30m, 1m), new Band(20m, 0.5m), new Band(0m, 0m)], "tỷ lệ", IsPercent: true);
        Assert.Equal("Chấm theo tỷ lệ (tối đa 1 điểm): từ 30% trở lên – 1 điểm; từ 20% đến dưới 30% – 0,5 điểm; dưới 20% – 0 điểm.",
            rule.Describe(1m));
    }
}
