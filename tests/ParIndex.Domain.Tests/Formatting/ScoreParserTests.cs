using ParIndex.Domain.Formatting;

namespace ParIndex.Domain.Tests.Formatting;

public class ScoreParserTests
{
    [Theory]
    [InlineData("1,25", "1.25")]
    [InlineData("1.25", "1.25")]
    [InlineData(" 1,25 ", "1.25")]
    [InlineData("-0,5", "-0.5")]
    [InlineData("−0,5", "-0.5")]
    [InlineData("13", "13")]
    [InlineData("0", "0")]
    [InlineData("-0", "0")]
    [InlineData("0,833", "0.833")]
    [InlineData("1,000", "1")]
    [InlineData("1,2500", "1.25")]
    [InlineData(",5", "0.5")]
    [InlineData("\u00A02\u00A0", "2")]
    public void Accepts_comma_or_dot_as_the_decimal_separator(string input, string expected)
    {
        var ok = ScoreParser.TryParse(input, out var value, out var error);

        Assert.True(ok, error);
        Assert.Null(error);
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Rejects_empty_input(string? input)
    {
        Assert.False(ScoreParser.TryParse(input, out var value, out var error));
        Assert.Equal("Vui lòng nhập điểm.", error);
        Assert.Equal(0m, value);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("1,5 điểm")]
    [InlineData("1e3")]
    [InlineData("5,")]
    [InlineData("-")]
    [InlineData("1 000")]
    [InlineData("+1")]
    [InlineData("١٢")]
    [InlineData("12345678901")]
    public void Rejects_text(string input)
    {
        Assert.False(ScoreParser.TryParse(input, out var value, out var error));
        Assert.Equal("Điểm phải là một số, ví dụ 1,25.", error);
        Assert.Equal(0m, value);
    }

    [Theory]
    [InlineData("1.000,5")]
    [InlineData("1,000.5")]
    [InlineData("1.2.3")]
    [InlineData("1,,5")]
    public void Rejects_thousands_separators_and_more_than_one_separator(string input)
    {
        Assert.False(ScoreParser.TryParse(input, out _, out var error));
        Assert.Equal(ScoreParser.SeparatorMessage, error);
    }

    [Theory]
    [InlineData("0,8333")]
    [InlineData("1.2345")]
    [InlineData("-0,0001")]
    public void Rejects_more_than_three_decimals(string input)
    {
        Assert.False(ScoreParser.TryParse(input, out _, out var error));
        Assert.Equal("Điểm chỉ được có tối đa 3 chữ số thập phân.", error);
    }
}
