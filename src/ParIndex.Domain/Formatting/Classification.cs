using System.Globalization;
using System.Text;

namespace ParIndex.Domain.Formatting;

/// <summary>Xếp loại of a PAR index result.</summary>
public enum Classification
{
    Excellent,
    Good,
    Fair,
    Average,
    Weak,
}

public static class ClassificationRules
{
    /// <summary>
    /// Default bands on the index percentage: Xuất sắc ≥ 90, Tốt ≥ 80, Khá ≥ 65, Trung bình ≥ 50, otherwise Yếu.
    /// Provinces change these, so they are a parameter of <see cref="FromPercent"/>.
    /// </summary>
    public static IReadOnlyList<(decimal AtLeast, Classification Classification)> DefaultBands { get; } =
    [
        (90m, Classification.Excellent),
        (80m, Classification.Good),
        (65m, Classification.Fair),
        (50m, Classification.Average),
    ];

    /// <summary>
    /// The classification of the highest band whose threshold the percentage reaches (thresholds are
    /// inclusive, order of <paramref name="bands"/> does not matter); below every threshold: Yếu.
    /// </summary>
    public static Classification FromPercent(
        decimal percent,
        IReadOnlyList<(decimal AtLeast, Classification Classification)>? bands = null)
    {
        foreach (var band in (bands ?? DefaultBands).OrderByDescending(b => b.AtLeast))
        {
            if (percent >= band.AtLeast)
            {
                return band.Classification;
            }
        }

        return Classification.Weak;
    }

    public static string ToVietnamese(this Classification classification) => classification switch
    {
        Classification.Excellent => "Xuất sắc",
        Classification.Good => "Tốt",
        Classification.Fair => "Khá",
        Classification.Average => "Trung bình",
        Classification.Weak => "Yếu",
        _ => throw new ArgumentOutOfRangeException(nameof(classification), classification, null),
    };

    /// <summary>
    /// Reads "Tốt", "tốt", "TỐT" and also text typed without diacritics ("tot", "trung binh", "xuat sac").
    /// Case, surrounding spaces, repeated inner spaces and NFC/NFD differences are ignored.
    /// </summary>
    public static bool TryParseVietnamese(string? text, out Classification classification)
    {
        classification = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var key = Fold(text);
        foreach (var candidate in Enum.GetValues<Classification>())
        {
            if (Fold(candidate.ToVietnamese()) == key)
            {
                classification = candidate;
                return true;
            }
        }

        return false;
    }

    // Lower case, no diacritics, đ → d, single spaces.
    private static string Fold(string text)
    {
        var decomposed = text.Trim().Normalize(NormalizationForm.FormD).ToLowerInvariant();
        var builder = new StringBuilder(decomposed.Length);
        var lastWasSpace = false;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                if (!lastWasSpace)
                {
                    builder.Append(' ');
                }

                lastWasSpace = true;
                continue;
            }

            lastWasSpace = false;
            builder.Append(c == 'đ' ? 'd' : c);
        }

        return builder.ToString();
    }
}
