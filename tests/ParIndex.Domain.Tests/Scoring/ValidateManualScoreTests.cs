using ParIndex.Domain.Scoring;

namespace ParIndex.Domain.Tests.Scoring;

public class ValidateManualScoreTests
{
    [Theory]
    [InlineData("0")]
    [InlineData("1.5")]
    [InlineData("0.833")]
    [InlineData("1.250")]
    public void Accepts_points_within_range_with_up_to_three_decimals(string points)
    {
        var value = decimal.Parse(points, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Null(ScoringRule.Manual().ValidateManualScore(value, 1.5m));
    }

    [Fact]
    public void Rejects_points_above_max()
    {
        Assert.Equal(
            "Điểm không được vượt quá điểm tối đa 1,5.",
            ScoringRule.Manual().ValidateManualScore(1.501m, 1.5m));
    }

    [Fact]
    public void Rejects_negative_points_when_min_is_zero()
    {
        Assert.Equal("Điểm không được âm.", ScoringRule.Manual().ValidateManualScore(-0.25m, 1.5m));
    }

    [Fact]
    public void With_negative_min_points_accepts_down_to_it_and_names_it()
    {
        var rule = new ManualRule { MinPoints = -1m };

        Assert.Null(rule.ValidateManualScore(-1m, 1m));
        Assert.Equal("Điểm không được thấp hơn -1.", rule.ValidateManualScore(-1.001m, 1m));
    }

    [Fact]
    public void Rejects_more_than_three_decimals()
    {
        Assert.Equal(
            "Điểm chỉ được có tối đa 3 chữ số thập phân.",
            ScoringRule.Manual().ValidateManualScore(0.8333m, 1m));
    }

    [Fact]
    public void Applies_to_computed_rules_too_for_appraisal_overrides()
    {
        var rule = new YesNoRule { MinPoints = -1m };
        Assert.Null(rule.ValidateManualScore(-1m, 1m));
        Assert.Equal("Điểm không được vượt quá điểm tối đa 1.", rule.ValidateManualScore(2m, 1m));
    }
}
