using System.Text;
using ParIndex.Domain.Formatting;

namespace ParIndex.Domain.Tests.Formatting;

public class VnTests
{
    [Theory]
    [InlineData("80.567", "80,567")]
    [InlineData("8.75", "8,75")]
    [InlineData("8.750", "8,75")]
    [InlineData("13", "13")]
    [InlineData("13.000", "13")]
    [InlineData("0.5", "0,5")]
    [InlineData("-1", "-1")]
    [InlineData("-0.25", "-0,25")]
    [InlineData("0", "0")]
    [InlineData("1000", "1000")]
    [InlineData("11.3335", "11,334")]
    [InlineData("-11.3335", "-11,334")]
    [InlineData("0.8333333", "0,833")]
    [InlineData("-0.0001", "0")]
    public void Points_uses_decimal_comma_and_at_most_three_decimals(string input, string expected)
    {
        Assert.Equal(expected, Vn.Points(decimal.Parse(input, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("67.3077", "67,31%")]
    [InlineData("100", "100%")]
    [InlineData("100.00", "100%")]
    [InlineData("87.18", "87,18%")]
    [InlineData("82.5", "82,5%")]
    [InlineData("0.005", "0,01%")]
    [InlineData("0", "0%")]
    public void Percent_uses_two_decimals_trimmed(string input, string expected)
    {
        Assert.Equal(expected, Vn.Percent(decimal.Parse(input, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Date_of_DateOnly_is_day_month_year()
    {
        Assert.Equal("05/01/2023", Vn.Date(new DateOnly(2023, 1, 5)));
    }

    [Fact]
    public void Date_of_DateTime_ignores_the_time()
    {
        Assert.Equal("31/12/2022", Vn.Date(new DateTime(2022, 12, 31, 23, 59, 0, DateTimeKind.Unspecified)));
    }

    [Fact]
    public void Date_does_not_depend_on_the_current_culture()
    {
        var saved = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
            Assert.Equal("05/01/2023", Vn.Date(new DateOnly(2023, 1, 5)));
            Assert.Equal("0,5", Vn.Points(0.5m));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public void DateTimeLocal_converts_utc_to_vietnam_time()
    {
        var utc = new DateTime(2023, 3, 15, 18, 30, 0, DateTimeKind.Utc);
        Assert.Equal("16/03/2023 01:30", Vn.DateTimeLocal(utc));
    }

    [Fact]
    public void DateTimeLocal_treats_unspecified_kind_as_utc()
    {
        var unspecified = new DateTime(2023, 3, 15, 2, 5, 0, DateTimeKind.Unspecified);
        Assert.Equal("15/03/2023 09:05", Vn.DateTimeLocal(unspecified));
    }

    [Fact]
    public void Nfc_composes_decomposed_vietnamese_and_maps_null_to_empty()
    {
        var decomposed = "Tốt".Normalize(NormalizationForm.FormD);
        Assert.NotEqual("Tốt", decomposed);
        Assert.Equal("Tốt", Vn.Nfc(decomposed));
        Assert.Equal(string.Empty, Vn.Nfc(null));
    }

    [Fact]
    public void Culture_is_vietnamese()
    {
        Assert.Equal("vi-VN", Vn.Culture.Name);
        Assert.Equal(",", Vn.Culture.NumberFormat.NumberDecimalSeparator);
    }
}
