using ParIndex.Domain.Formatting;

namespace ParIndex.Domain.Tests.Formatting;

public class PercentagesTests
{
    [Theory]
    [InlineData("11.333", "13", "87.18")]
    [InlineData("14", "17", "82.35")]
    [InlineData("9", "9", "100")]
    [InlineData("17.5", "19", "92.11")]
    [InlineData("8.5", "10.5", "80.95")]
    [InlineData("11.484", "17.5", "65.62")]
    [InlineData("80.567", "99", "81.38")]
    [InlineData("91.5", "99", "92.42")]
    [InlineData("1", "8", "12.5")]
    public void Of_is_points_over_max_rounded_to_two_decimals(string points, string max, string expected)
    {
        static decimal D(string s) => decimal.Parse(s, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(D(expected), Percentages.Of(D(points), D(max)));
    }

    [Fact]
    public void Of_rounds_midpoint_away_from_zero()
    {
        // 1/800 = 0.125% → 0.13 (banker's rounding would give 0.12)
        Assert.Equal(0.13m, Percentages.Of(1m, 800m));
    }

    [Fact]
    public void Of_with_zero_max_is_zero()
    {
        Assert.Equal(0m, Percentages.Of(5m, 0m));
    }
}
