using System.Text;
using ParIndex.Domain.Formatting;

namespace ParIndex.Domain.Tests.Formatting;

public class ClassificationTests
{
    [Theory]
    [InlineData("100", Classification.Excellent)]
    [InlineData("92.42", Classification.Excellent)]
    [InlineData("90", Classification.Excellent)]
    [InlineData("89.99", Classification.Good)]
    [InlineData("81.38", Classification.Good)]
    [InlineData("80", Classification.Good)]
    [InlineData("79.99", Classification.Fair)]
    [InlineData("65", Classification.Fair)]
    [InlineData("64.99", Classification.Average)]
    [InlineData("50", Classification.Average)]
    [InlineData("49.99", Classification.Weak)]
    [InlineData("0", Classification.Weak)]
    public void FromPercent_uses_the_default_bands_inclusively(string percent, Classification expected)
    {
        var value = decimal.Parse(percent, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(expected, ClassificationRules.FromPercent(value));
    }

    [Fact]
    public void Department_2022_result_is_good()
    {
        Assert.Equal(Classification.Good, ClassificationRules.FromPercent(Percentages.Of(80.567m, 99m)));
    }

    [Fact]
    public void FromPercent_accepts_custom_bands_in_any_order()
    {
        var bands = new List<(decimal, Classification)>
        {
            (70m, Classification.Fair),
            (85m, Classification.Good),
        };

        Assert.Equal(Classification.Good, ClassificationRules.FromPercent(92.42m, bands));
        Assert.Equal(Classification.Fair, ClassificationRules.FromPercent(81.38m, bands));
        Assert.Equal(Classification.Weak, ClassificationRules.FromPercent(69.99m, bands));
    }

    [Theory]
    [InlineData(Classification.Excellent, "Xuất sắc")]
    [InlineData(Classification.Good, "Tốt")]
    [InlineData(Classification.Fair, "Khá")]
    [InlineData(Classification.Average, "Trung bình")]
    [InlineData(Classification.Weak, "Yếu")]
    public void ToVietnamese_gives_nfc_labels(Classification classification, string expected)
    {
        var label = classification.ToVietnamese();
        Assert.Equal(expected, label);
        Assert.True(label.IsNormalized(NormalizationForm.FormC));
    }

    [Theory]
    [InlineData("Tốt", Classification.Good)]
    [InlineData("tốt", Classification.Good)]
    [InlineData("TỐT", Classification.Good)]
    [InlineData(" tot ", Classification.Good)]
    [InlineData("xuất sắc", Classification.Excellent)]
    [InlineData("Xuat Sac", Classification.Excellent)]
    [InlineData("trung  bình", Classification.Average)]
    [InlineData("KHÁ", Classification.Fair)]
    [InlineData("yếu", Classification.Weak)]
    public void TryParseVietnamese_ignores_case_and_diacritics(string text, Classification expected)
    {
        Assert.True(ClassificationRules.TryParseVietnamese(text, out var parsed));
        Assert.Equal(expected, parsed);
    }

    [Fact]
    public void TryParseVietnamese_accepts_decomposed_input()
    {
        Assert.True(ClassificationRules.TryParseVietnamese("Trung bình".Normalize(NormalizationForm.FormD), out var parsed));
        Assert.Equal(Classification.Average, parsed);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Giỏi")]
    [InlineData("Good")]
    [InlineData("tốt lắm")]
    public void TryParseVietnamese_rejects_other_text(string? text)
    {
        Assert.False(ClassificationRules.TryParseVietnamese(text, out _));
    }
}
