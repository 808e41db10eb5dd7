using System.Globalization;

namespace ParIndex.Web.Features.Plans;

/// <summary>
/// The one reader of dates typed by users: dd/MM/yyyy (d/M/yyyy accepted; yyyy-MM-dd too, from an old page or a
/// script). Every date field is a text input showing dd/MM/yyyy whatever the browser's language (<see cref="DateInputTagHelper"/>);
/// every bound DateOnly goes through <see cref="DateOnlyModelBinder"/>, so a malformed date is refused beside its
/// field instead of becoming a default.
/// </summary>
public static class DateInput
{
    private static readonly string[] Formats = ["dd/MM/yyyy", "d/M/yyyy", "yyyy-MM-dd"];

    /// <summary>Dates outside these years are typing mistakes (01/01/0001, 2 instead of 2023), not dates of this work.</summary>
    public const int MinYear = 1990;
    public const int MaxYear = 2100;

    /// <summary>The pattern, placeholder and hint of a dd/MM/yyyy text input.</summary>
    public const string Pattern = @"\d{1,2}/\d{1,2}/\d{4}";
    public const string Placeholder = "dd/mm/yyyy";

    public static bool TryParse(string? text, out DateOnly date) => TryParse(text, out date, out _);

    /// <summary>Parses one date; on failure <paramref name="error"/> says, in Vietnamese, what is wrong.</summary>
    public static bool TryParse(string? text, out DateOnly date, out string? error)
    {
        error = null;
        var trimmed = text?.Trim();
        if (!DateOnly.TryParseExact(trimmed, Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
        {
            error = $"Ngày \"{trimmed}\" không hợp lệ; nhập theo dạng dd/MM/yyyy, ví dụ 15/09/2023.";
            return false;
        }
        if (date.Year < MinYear || date.Year > MaxYear)
        {
            error = $"Ngày {ParIndex.Domain.Formatting.Vn.Date(date)} nằm ngoài khoảng cho phép (năm {MinYear} đến {MaxYear}).";
            date = default;
            return false;
        }
        return true;
    }

    public static DateOnly? Parse(string? text) => TryParse(text, out var d) ? d : null;

    /// <summary>The text a date field shows: dd/MM/yyyy, empty for no date.</summary>
    public static string Text(DateOnly? date) => date is { } d ? ParIndex.Domain.Formatting.Vn.Date(d) : "";

    /// <summary>A list of dates separated by new lines, commas or semicolons; returns the first bad entry as an error.</summary>
    public static bool TryParseList(string? text, out List<DateOnly> dates, out string? error)
    {
        dates = [];
        error = null;
        foreach (var part in (text ?? "").Split(['\n', '\r', ',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!TryParse(part, out var d, out error)) return false;
            dates.Add(d);
        }
        dates = dates.Distinct().Order().ToList();
        return true;
    }

    public static string Format(IEnumerable<DateOnly> dates) => string.Join("\n", dates.Order().Select(ParIndex.Domain.Formatting.Vn.Date));
}
