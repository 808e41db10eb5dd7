using System.IO.Compression;
using System.Xml;

namespace ParIndex.Web.Features.Operations;

/// <summary>
/// Checks an uploaded .xlsx before anything loads it whole: size, the zip signature, the zip's central directory
/// (declared uncompressed sizes, against zip bombs), and the first sheet's row count read by streaming its XML.
/// </summary>
public static class XlsxGuard
{
    public const long MaxFileBytes = 10 * 1024 * 1024;
    public const long MaxUncompressedBytes = 200L * 1024 * 1024;
    public const int MaxEntries = 2_000;
    public const int MaxDataRows = 50_000;

    public const string NotXlsxMessage =
        "Tệp không phải là tệp Excel (.xlsx) hợp lệ. Vui lòng xuất dữ liệu ra định dạng .xlsx hoặc dùng tệp mẫu.";

    private static readonly byte[] ZipSignature = [0x50, 0x4B, 0x03, 0x04];

    /// <summary>Returns a Vietnamese reason to refuse the file, or null when it may be opened.</summary>
    public static string? Check(Stream stream)
    {
        if (stream.Length > MaxFileBytes)
            return $"Tệp vượt quá dung lượng cho phép ({MaxFileBytes / 1024 / 1024} MB).";
        if (stream.Length == 0) return "Tệp rỗng.";

        Span<byte> head = stackalloc byte[4];
        stream.Position = 0;
        if (stream.ReadAtLeast(head, 4, throwOnEndOfStream: false) < 4 || !head.SequenceEqual(ZipSignature))
            return NotXlsxMessage;
        stream.Position = 0;

        try
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            if (zip.Entries.Count > MaxEntries) return BombMessage;
            long total = 0;
            foreach (var entry in zip.Entries)
            {
                // Sizes declared in the central directory; nothing is decompressed yet.
                total += entry.Length;
                if (entry.Length < 0 || total > MaxUncompressedBytes) return BombMessage;
            }

            var sheet = FirstSheetPath(zip);
            if (sheet is null || zip.GetEntry(sheet) is not { } sheetEntry) return NotXlsxMessage;
            var rows = CountRows(sheetEntry, MaxDataRows + 1);
            if (rows > MaxDataRows + 1)
                return $"Tệp có quá nhiều dòng (tối đa {MaxDataRows.ToString("N0", ParIndex.Domain.Formatting.Vn.Culture)} hồ sơ mỗi lần nhập). Vui lòng chia nhỏ tệp.";
        }
        catch (InvalidDataException)
        {
            return NotXlsxMessage;
        }
        catch (XmlException)
        {
            return NotXlsxMessage;
        }
        finally
        {
            stream.Position = 0;
        }

        return null;
    }

    private static string BombMessage =>
        $"Tệp giải nén ra quá lớn (trên {MaxUncompressedBytes / 1024 / 1024} MB); tệp không phải là bản xuất dữ liệu hợp lệ.";

    /// <summary>The zip path of the workbook's first sheet, from workbook.xml and its relationships.</summary>
    private static string? FirstSheetPath(ZipArchive zip)
    {
        var workbook = zip.GetEntry("xl/workbook.xml");
        var rels = zip.GetEntry("xl/_rels/workbook.xml.rels");
        if (workbook is null || rels is null) return null;

        string? relId = null;
        using (var reader = XmlReader.Create(workbook.Open(), Settings))
        {
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "sheet")
                {
                    relId = reader.GetAttribute("id", "http://schemas.openxmlformats.org/officeDocument/2006/relationships");
                    break;
                }
            }
        }
        if (relId is null) return null;

        using (var reader = XmlReader.Create(rels.Open(), Settings))
        {
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "Relationship" && reader.GetAttribute("Id") == relId)
                {
                    var target = reader.GetAttribute("Target") ?? "";
                    return target.StartsWith('/') ? target.TrimStart('/') : "xl/" + target;
                }
            }
        }
        return null;
    }

    /// <summary>
    /// Rows of the sheet: from its &lt;dimension ref="A1:G50001"&gt; when that already says too many, else by counting
    /// &lt;row&gt; elements while streaming, stopping as soon as <paramref name="limit"/> is passed.
    /// </summary>
    private static int CountRows(ZipArchiveEntry sheet, int limit)
    {
        using var reader = XmlReader.Create(sheet.Open(), Settings);
        var rows = 0;
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element) continue;
            if (reader.LocalName == "dimension" && LastRow(reader.GetAttribute("ref")) is { } last && last > limit)
                return last;
            if (reader.LocalName == "row" && ++rows > limit) return rows;
        }
        return rows;
    }

    private static int? LastRow(string? reference)
    {
        if (string.IsNullOrEmpty(reference)) return null;
        var end = reference.Split(':')[^1];
        var digits = new string(end.SkipWhile(char.IsLetter).ToArray());
        return int.TryParse(digits, out var row) ? row : null;
    }

    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreWhitespace = true,
        IgnoreComments = true,
    };
}
