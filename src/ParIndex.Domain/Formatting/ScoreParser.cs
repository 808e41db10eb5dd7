using System.Globalization;

namespace ParIndex.Domain.Formatting;

/// <summary>
/// Parses a score typed by a Vietnamese user: "1,25", "1.25" and " 1,25 " are all one and a quarter.
/// Scores never need a thousands separator, so at most one separator is accepted and it is the decimal one.
/// </summary>
public static class ScoreParser
{
    public const string EmptyMessage = "Vui lòng nhập điểm.";
    public const string NotANumberMessage = "Điểm phải là một số, ví dụ 1,25.";
    public const string SeparatorMessage =
        "Điểm chỉ được có một dấu thập phân (dấu phẩy hoặc dấu chấm), không dùng dấu phân cách hàng nghìn.";
    public const string TooManyDecimalsMessage = "Điểm chỉ được có tối đa 3 chữ số thập phân.";

    private const int MaxIntegerDigits = 9;

    /// <summary>
    /// Accepts an optional leading minus ('-' or '−'), ASCII digits and at most one decimal separator
    /// (',' or '.') followed by digits; at most 3 significant decimals (trailing zeros such as "1,2500" are fine).
    /// On failure value is 0 and error holds a Vietnamese message; on success error is null.
    /// </summary>
    public static bool TryParse(string? input, out decimal value, out string? error)
    {
        value = 0m;
        var text = input?.Trim() ?? string.Empty;
        if (text.Length == 0)
        {
            error = EmptyMessage;
            return false;
        }

        var negative = false;
        if (text[0] is '-' or '\u2212')
        {
            negative = true;
            text = text[1..].TrimStart();
        }

        var separators = 0;
        foreach (var c in text)
        {
            if (c is ',' or '.')
            {
                separators++;
            }
            else if (c is < '0' or > '9')
            {
                error = NotANumberMessage;
                return false;
            }
        }

        if (separators > 1)
        {
            error = SeparatorMessage;
            return false;
        }

        var separatorIndex = text.IndexOfAny([',', '.']);
        var integerPart = separatorIndex < 0 ? text : text[..separatorIndex];
        var fractionPart = separatorIndex < 0 ? string.Empty : text[(separatorIndex + 1)..];

        // "5," or "," or "-" alone: not a number. ",5" is accepted as 0,5.
        if ((separatorIndex >= 0 && fractionPart.Length == 0) || (integerPart.Length == 0 && fractionPart.Length == 0))
        {
            error = NotANumberMessage;
            return false;
        }

        if (fractionPart.TrimEnd('0').Length > 3)
        {
            error = TooManyDecimalsMessage;
            return false;
        }

        if (integerPart.TrimStart('0').Length > MaxIntegerDigits)
        {
            error = NotANumberMessage;
            return false;
        }

        var normalised = (integerPart.Length == 0 ? "0" : integerPart)
            + (fractionPart.Length == 0 ? string.Empty : "." + fractionPart);
        var parsed = decimal.Parse(normalised, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        value = negative ? -parsed : parsed;
        if (value == 0m)
        {
            value = 0m; // no negative zero
        }

        error = null;
        return true;
    }
}
