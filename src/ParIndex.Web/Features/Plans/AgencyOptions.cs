using System.ComponentModel.DataAnnotations;

namespace ParIndex.Web.Features.Plans;

/// <summary>
/// The issuing agency as its documents name it (section "Agency" of the settings): the two lines of the header's left
/// column, the place of the date line, the document symbol after the number ("…/KH-STNMT") and the signer. Read once at
/// start (validated there) and copied into each new plan; an issued plan keeps what it was issued with.
/// </summary>
public sealed class AgencyOptions
{
    public const string Section = "Agency";

    /// <summary>The agency's name, e.g. "Sở Tài nguyên và Môi trường".</summary>
    [Required(AllowEmptyStrings = false), MaxLength(200)]
    public string Name { get; set; } = "";

    /// <summary>The parent agency (cơ quan chủ quản), e.g. "UBND tỉnh Đắk Nông".</summary>
    [Required(AllowEmptyStrings = false), MaxLength(200)]
    public string ParentAgency { get; set; } = "";

    /// <summary>The place of the date line (địa danh), e.g. "Đắk Nông".</summary>
    [Required(AllowEmptyStrings = false), MaxLength(100)]
    public string Place { get; set; } = "";

    /// <summary>The plan's symbol after the number: "KH-STNMT" gives "Số: 45/KH-STNMT".</summary>
    [Required(AllowEmptyStrings = false), MaxLength(50), RegularExpression(@"^[A-ZĐ0-9][A-ZĐ0-9\-]*$",
         ErrorMessage = "Agency:DocumentSymbol is written in capitals, digits and hyphens, e.g. KH-STNMT.")]
    public string DocumentSymbol { get; set; } = "";

    /// <summary>The signer's title as printed above the signature, e.g. "GIÁM ĐỐC".</summary>
    [Required(AllowEmptyStrings = false), MaxLength(100)]
    public string SignerTitle { get; set; } = "";

    /// <summary>The signer's name, e.g. "Nguyễn Văn Hiệp".</summary>
    [MaxLength(100)]
    public string SignerName { get; set; } = "";

    /// <summary>"Số: 45/KH-STNMT", or "Số:      /KH-STNMT" while no number is given.</summary>
    public static string NumberLine(string? number, string symbol) =>
        number is { Length: > 0 } n ? $"Số: {(n.Contains('/', StringComparison.Ordinal) ? n : $"{n}/{symbol}")}" : $"Số:      /{symbol}";

    /// <summary>"45/KH-STNMT" from "45" or from "45/KH-STNMT".</summary>
    public static string? FullNumber(string? number, string symbol)
    {
        var n = number?.Trim();
        if (string.IsNullOrEmpty(n)) return null;
        return n.Contains('/', StringComparison.Ordinal) ? n : $"{n}/{symbol}";
    }
}
