using System.Globalization;

namespace ParIndex.Web.Features.Operations;

/// <summary>Reads dates typed as dd/MM/yyyy or sent by a date picker (yyyy-MM-dd).</summary>
public static class DateInput
{
    private static readonly string[] Formats = ["dd/MM/yyyy", "d/M/yyyy", "yyyy-MM-dd"];

    public static bool TryParse(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text?.Trim(), Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    public static DateOnly? Parse(string? text) => TryParse(text, out var d) ? d : null;

    /// <summary>The value for an input type="date".</summary>
    public static string Iso(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
}
