using System.Globalization;
using System.Text;

namespace ParIndex.Domain.Formatting;

/// <summary>
/// Vietnamese display formats: decimal comma, no thousands separator for scores,
/// dd/MM/yyyy dates, times in Asia/Ho_Chi_Minh (UTC+7).
/// </summary>
public static class Vn
{
    private static readonly TimeSpan FixedOffset = TimeSpan.FromHours(7);
    private static readonly Lazy<TimeZoneInfo> VietnamZone = new(FindVietnamZone);

    /// <summary>The vi-VN culture (read-only).</summary>
    public static CultureInfo Culture { get; } = CultureInfo.GetCultureInfo("vi-VN");

    /// <summary>
    /// A score with a decimal comma, at most 3 decimals (rounded away from zero), trailing zeros trimmed,
    /// no thousands separator, ASCII '-' for negatives: 80,567; 8,75; 13; 0,5; -1.
    /// </summary>
    public static string Points(decimal points) => Number(points, 3);

    /// <summary>A percentage with at most 2 decimals, trailing zeros trimmed: 67,31%; 100%.</summary>
    public static string Percent(decimal percent) => Number(percent, 2) + "%";

    /// <summary>A file's size as a reader expects it: "390 byte", "1,5 KB", "2,25 MB" (decimal comma, 1024-based).</summary>
    public static string FileSize(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} byte",
        < 1024 * 1024 => Number(Math.Round(bytes / 1024m, 1), 1) + " KB",
        _ => Number(Math.Round(bytes / (1024m * 1024m), 2), 2) + " MB",
    };

    /// <summary>dd/MM/yyyy.</summary>
    public static string Date(DateOnly date) =>
        date.ToString("dd'/'MM'/'yyyy", CultureInfo.InvariantCulture);

    /// <summary>dd/MM/yyyy of the date part, as given (no time zone conversion).</summary>
    public static string Date(DateTime date) =>
        date.ToString("dd'/'MM'/'yyyy", CultureInfo.InvariantCulture);

    /// <summary>
    /// A UTC instant shown as dd/MM/yyyy HH:mm in Vietnam time. A value of kind Unspecified is taken as UTC;
    /// a value of kind Local is converted to UTC first.
    /// </summary>
    public static string DateTimeLocal(DateTime utc)
    {
        var instant = utc.Kind switch
        {
            DateTimeKind.Local => utc.ToUniversalTime(),
            DateTimeKind.Unspecified => DateTime.SpecifyKind(utc, DateTimeKind.Utc),
            _ => utc,
        };
        var local = TimeZoneInfo.ConvertTimeFromUtc(instant, VietnamZone.Value);
        return local.ToString("dd'/'MM'/'yyyy HH':'mm", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Text as it is stored and compared: trimmed and in Unicode NFC (a Vietnamese letter typed with combining marks
    /// equals the precomposed one); null when there is nothing but spaces. The one place text typed by a user,
    /// imported from a workbook or read from settings is tidied.
    /// </summary>
    public static string? Clean(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : text.Trim().Normalize(NormalizationForm.FormC);

    /// <summary>Unicode NFC normalisation; null becomes "".</summary>
    public static string Nfc(string? text) =>
        string.IsNullOrEmpty(text) ? string.Empty : text.Normalize(NormalizationForm.FormC);

    private static string Number(decimal value, int decimals)
    {
        var rounded = Math.Round(value, decimals, MidpointRounding.AwayFromZero);
        if (rounded == 0m)
        {
            return "0"; // never "-0"
        }

        var format = "0." + new string('#', decimals);
        return rounded.ToString(format, CultureInfo.InvariantCulture).Replace('.', ',');
    }

    private static TimeZoneInfo FindVietnamZone()
    {
        foreach (var id in new[] { "Asia/Ho_Chi_Minh", "SE Asia Standard Time" })
        {
            try
            {
                return TimeZoneInfo.FindSystemTimeZoneById(id);
            }
            catch (TimeZoneNotFoundException)
            {
            }
            catch (InvalidTimeZoneException)
            {
            }
        }

        return TimeZoneInfo.CreateCustomTimeZone("UTC+07", FixedOffset, "UTC+07:00", "UTC+07:00");
    }
}
