using System.Globalization;

namespace ParIndex.Web.Features.Plans;

/// <summary>Dates typed by users: dd/MM/yyyy (d/M/yyyy accepted) or the yyyy-MM-dd of a date input.</summary>
public static class DateInput
{
    private static readonly string[] Formats = ["dd/MM/yyyy", "d/M/yyyy", "yyyy-MM-dd"];

    public static bool TryParse(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text?.Trim(), Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    /// <summary>A list of dates separated by new lines, commas or semicolons; returns the first bad entry as an error.</summary>
    public static bool TryParseList(string? text, out List<DateOnly> dates, out string? error)
    {
        dates = [];
        error = null;
        foreach (var part in (text ?? "").Split(['\n', '\r', ',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!TryParse(part, out var d))
            {
                error = $"Ngày \"{part}\" không hợp lệ; nhập theo dạng dd/MM/yyyy.";
                return false;
            }
            dates.Add(d);
        }
        dates = dates.Distinct().Order().ToList();
        return true;
    }

    public static string Format(IEnumerable<DateOnly> dates) => string.Join("\n", dates.Order().Select(ParIndex.Domain.Formatting.Vn.Date));
}
