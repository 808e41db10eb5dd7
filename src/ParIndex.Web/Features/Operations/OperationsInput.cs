using System.Globalization;

namespace ParIndex.Web.Features.Operations;

/// <summary>Dates of the operations forms: read by the one parser, <see cref="Features.Plans.DateInput"/>.</summary>
public static class DateInput
{
    public static bool TryParse(string? text, out DateOnly date) => Features.Plans.DateInput.TryParse(text, out date);

    public static DateOnly? Parse(string? text) => Features.Plans.DateInput.Parse(text);

    /// <summary>The value of a date field (shown as dd/MM/yyyy by the date input tag helper).</summary>
    public static string Iso(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
}
