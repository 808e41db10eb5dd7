using System.Globalization;

namespace ParIndex.Web.Features.Audit;

/// <summary>How a recorded value is written in the audit trail.</summary>
public static class AuditValues
{
    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");

    /// <summary>Values as a Vietnamese reader expects them: decimal commas, dd/MM/yyyy dates, UTC times marked.</summary>
    public static string? Format(object? value) => value switch
    {
        null => null,
        string s => s,
        decimal d => d.ToString("0.###", Vi),
        double d => d.ToString("0.###", Vi),
        DateOnly d => d.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
        DateTime d => d.ToString("dd/MM/yyyy HH:mm:ss", CultureInfo.InvariantCulture) + " UTC",
        DateTimeOffset d => d.UtcDateTime.ToString("dd/MM/yyyy HH:mm:ss", CultureInfo.InvariantCulture) + " UTC",
        bool b => b ? "Có" : "Không",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
