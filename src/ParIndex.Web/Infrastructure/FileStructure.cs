using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;

namespace ParIndex.Web.Infrastructure;

/// <summary>
/// Checks that an upload is a real file of the type its extension names, by its structure, not its first bytes:
/// a PDF's startxref and cross-reference (table or stream) and trailer; a PNG's chunks (CRC-checked IHDR … IDAT … IEND,
/// the image data inflated to the size the header declares); a JPEG's markers (a frame header with a size, a scan,
/// the end of image); an OOXML package's [Content_Types].xml, its officeDocument relationship and a main part of the
/// right content type and root element; an OLE compound file's header for .doc/.xls. Returns false for anything else.
/// </summary>
public static partial class FileStructure
{
    public const long MaxPixels = 100_000_000;

    public static bool IsValid(string extension, byte[] bytes) => extension.ToLowerInvariant() switch
    {
        ".pdf" => IsPdf(bytes),
        ".png" => IsPng(bytes),
        ".jpg" or ".jpeg" => IsJpeg(bytes),
        ".docx" => IsOoxml(bytes, "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml", "document"),
        ".xlsx" => IsOoxml(bytes, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", "workbook"),
        ".doc" or ".xls" => IsCompoundFile(bytes),
        _ => false,
    };

    // ── PDF ──────────────────────────────────────────────────────────────────────────────────────────────────────────
    [GeneratedRegex(@"startxref\s+(\d{1,12})\s+%%EOF", RegexOptions.CultureInvariant)]
    private static partial Regex StartXref();

    [GeneratedRegex(@"^\d{1,10}\s+\d{1,5}\s+obj\b", RegexOptions.CultureInvariant)]
    private static partial Regex ObjectHeader();

    public static bool IsPdf(byte[] bytes)
    {
        if (bytes.Length < 32 || !bytes.AsSpan().StartsWith("%PDF-1."u8) && !bytes.AsSpan().StartsWith("%PDF-2."u8)) return false;
        // The last startxref (incremental updates append new ones) within the file's last 2 KB, then %%EOF.
        var tailStart = Math.Max(0, bytes.Length - 2048);
        var tail = Encoding.Latin1.GetString(bytes, tailStart, bytes.Length - tailStart);
        var matches = StartXref().Matches(tail);
        if (matches.Count == 0) return false;
        if (!long.TryParse(matches[^1].Groups[1].Value, out var offset) || offset <= 8 || offset >= bytes.Length - 10) return false;
        var at = Encoding.Latin1.GetString(bytes, (int)offset, (int)Math.Min(4096, bytes.Length - offset));
        if (at.StartsWith("xref", StringComparison.Ordinal))
        {
            // A classic table: "xref", subsections "first count", 20-byte entries, then the trailer dictionary with /Root.
            var lines = at[4..].TrimStart('\r', '\n', ' ');
            var subsection = Regex.Match(lines, @"^(\d+)\s+(\d+)\s*[\r\n]+(\d{10}) (\d{5}) ([nf])");
            if (!subsection.Success) return false;
            var trailer = Encoding.Latin1.GetString(bytes, (int)offset, bytes.Length - (int)offset);
            var t = trailer.IndexOf("trailer", StringComparison.Ordinal);
            return t > 0 && trailer.IndexOf("/Root", t, StringComparison.Ordinal) > t;
        }
        // A cross-reference stream (PDF 1.5+): an indirect object whose dictionary says /Type /XRef and names /Root.
        if (!ObjectHeader().IsMatch(at)) return false;
        var end = at.IndexOf("stream", StringComparison.Ordinal);
        var dictionary = end > 0 ? at[..end] : at;
        return Regex.IsMatch(dictionary, @"/Type\s*/XRef\b") && dictionary.Contains("/Root", StringComparison.Ordinal);
    }

    // ── PNG ──────────────────────────────────────────────────────────────────────────────────────────────────────────
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public static bool IsPng(byte[] bytes)
    {
        if (bytes.Length < 8 + 25 + 12 || !bytes.AsSpan(0, 8).SequenceEqual(PngSignature)) return false;
        var pos = 8;
        var first = true;
        long width = 0, height = 0;
        int bitDepth = 0, colorType = 0, interlace = 0;
        using var idat = new MemoryStream();
        while (pos + 12 <= bytes.Length)
        {
            var length = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(pos));
            if (length > int.MaxValue || pos + 12L + length > bytes.Length) return false;
            var type = Encoding.ASCII.GetString(bytes, pos + 4, 4);
            if (!type.All(char.IsAsciiLetter)) return false;
            var data = bytes.AsSpan(pos + 8, (int)length);
            var crc = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(pos + 8 + (int)length));
            if (Crc32(bytes.AsSpan(pos + 4, 4 + (int)length)) != crc) return false;
            if (first)
            {
                if (type != "IHDR" || length != 13) return false;
                width = BinaryPrimitives.ReadUInt32BigEndian(data);
                height = BinaryPrimitives.ReadUInt32BigEndian(data[4..]);
                bitDepth = data[8];
                colorType = data[9];
                interlace = data[12];
                if (width is 0 or > int.MaxValue || height is 0 or > int.MaxValue || width * height > MaxPixels) return false;
                if (data[10] != 0 || data[11] != 0 || interlace > 1) return false;
                if (!ValidDepth(colorType, bitDepth)) return false;
                first = false;
            }
            else if (type == "IDAT") idat.Write(data);
            else if (type == "IEND")
                return idat.Length > 0 && Inflates(idat, ExpectedRawSize(width, height, bitDepth, colorType, interlace));
            pos += 12 + (int)length;
        }
        return false; // no IEND
    }

    private static bool ValidDepth(int colorType, int depth) => colorType switch
    {
        0 => depth is 1 or 2 or 4 or 8 or 16,
        3 => depth is 1 or 2 or 4 or 8,
        2 or 4 or 6 => depth is 8 or 16,
        _ => false,
    };

    private static long ExpectedRawSize(long width, long height, int depth, int colorType, int interlace)
    {
        var channels = colorType switch { 0 => 1, 2 => 3, 3 => 1, 4 => 2, _ => 4 };
        long Row(long w) => 1 + (w * channels * depth + 7) / 8;
        if (interlace == 0) return height * Row(width);
        // Adam7: seven reduced images, each with its own rows.
        (int x0, int y0, int dx, int dy)[] passes = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)];
        long total = 0;
        foreach (var (x0, y0, dx, dy) in passes)
        {
            var w = (width - x0 + dx - 1) / dx;
            var h = (height - y0 + dy - 1) / dy;
            if (w > 0 && h > 0) total += h * Row(w);
        }
        return total;
    }

    /// <summary>The zlib stream inflates to exactly the declared size (stops reading past it: no decompression bomb).</summary>
    private static bool Inflates(MemoryStream compressed, long expected)
    {
        try
        {
            compressed.Position = 0;
            using var inflater = new ZLibStream(compressed, CompressionMode.Decompress);
            var buffer = new byte[81920];
            long total = 0;
            int read;
            while ((read = inflater.Read(buffer)) > 0)
            {
                total += read;
                if (total > expected) return false;
            }
            return total == expected;
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }

    private static readonly uint[] CrcTable = Enumerable.Range(0, 256).Select(n =>
    {
        var c = (uint)n;
        for (var k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        return c;
    }).ToArray();

    private static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data) crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        return crc ^ 0xFFFFFFFFu;
    }

    // ── JPEG ─────────────────────────────────────────────────────────────────────────────────────────────────────────
    public static bool IsJpeg(byte[] bytes)
    {
        if (bytes.Length < 128 || bytes[0] != 0xFF || bytes[1] != 0xD8) return false;
        var pos = 2;
        var frame = false;
        while (pos + 4 <= bytes.Length)
        {
            if (bytes[pos] != 0xFF) return false;
            var marker = bytes[pos + 1];
            if (marker == 0xFF) { pos++; continue; } // fill byte
            if (marker is 0xD8 or 0x01 or (>= 0xD0 and <= 0xD7)) return false; // SOI again, TEM, RST outside a scan
            if (marker == 0xD9) return false; // end of image before any scan
            var length = BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(pos + 2));
            if (length < 2 || pos + 2 + length > bytes.Length) return false;
            var segment = bytes.AsSpan(pos + 4, length - 2);
            if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
            {
                // Start of frame: precision, height, width, components (1..4), 3 bytes each.
                if (segment.Length < 6) return false;
                var width = BinaryPrimitives.ReadUInt16BigEndian(segment[3..]);
                var components = segment[5];
                if (width == 0 || components is 0 or > 4 || segment.Length != 6 + 3 * components) return false;
                frame = true;
            }
            pos += 2 + length;
            if (marker != 0xDA) continue;
            // Start of scan: entropy-coded data up to the next marker that is not a stuffed 0x00 or a restart.
            if (!frame) return false;
            while (true)
            {
                var next = Array.IndexOf(bytes, (byte)0xFF, pos);
                if (next < 0 || next + 1 >= bytes.Length) return false;
                var m = bytes[next + 1];
                if (m == 0x00 || m is >= 0xD0 and <= 0xD7 || m == 0xFF) { pos = next + (m == 0xFF ? 1 : 2); continue; }
                pos = next;
                break;
            }
            if (bytes[pos + 1] == 0xD9) return true; // end of image after a scan
        }
        return false;
    }

    // ── OOXML (.docx, .xlsx) ─────────────────────────────────────────────────────────────────────────────────────────
    private const string ContentTypesNs = "http://schemas.openxmlformats.org/package/2006/content-types";
    private const string RelationshipsNs = "http://schemas.openxmlformats.org/package/2006/relationships";
    private const string OfficeDocument = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument";
    private const long MaxUncompressed = 200L * 1024 * 1024;

    private static readonly XmlReaderSettings Xml = new() { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };

    public static bool IsOoxml(byte[] bytes, string mainContentType, string mainRoot)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read);
            if (zip.Entries.Count is 0 or > 5000 || zip.Entries.Sum(e => e.Length) > MaxUncompressed) return false;
            var types = zip.GetEntry("[Content_Types].xml");
            var rels = zip.GetEntry("_rels/.rels");
            if (types is null || rels is null) return false;
            // A part's content type: its Override, else the Default for its extension (OPC, ECMA-376 part 2).
            var overrides = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            var defaults = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            using (var reader = XmlReader.Create(types.Open(), Xml))
            {
                if (!reader.ReadToFollowing("Types", ContentTypesNs)) return false;
                while (reader.Read())
                {
                    if (reader.NodeType != XmlNodeType.Element || reader.GetAttribute("ContentType") is not { } type) continue;
                    if (reader.LocalName == "Override" && reader.GetAttribute("PartName") is { } part) overrides[part.TrimStart('/')] = type;
                    else if (reader.LocalName == "Default" && reader.GetAttribute("Extension") is { } extension) defaults[extension] = type;
                }
            }
            string? main = null;
            using (var reader = XmlReader.Create(rels.Open(), Xml))
            {
                if (!reader.ReadToFollowing("Relationships", RelationshipsNs)) return false;
                while (reader.Read())
                    if (reader is { NodeType: XmlNodeType.Element, LocalName: "Relationship" } && reader.GetAttribute("Type") == OfficeDocument)
                        main = reader.GetAttribute("Target")?.TrimStart('/');
            }
            if (main is null) return false;
            var mainType = overrides.GetValueOrDefault(main) ?? defaults.GetValueOrDefault(Path.GetExtension(main).TrimStart('.'));
            if (mainType != mainContentType) return false;
            if (zip.GetEntry(main) is not { } mainEntry) return false;
            using (var reader = XmlReader.Create(mainEntry.Open(), Xml))
            {
                if (reader.MoveToContent() != XmlNodeType.Element || reader.LocalName != mainRoot) return false;
                while (reader.Read()) { } // the whole main part is well-formed XML
            }
            return true;
        }
        catch (Exception e) when (e is InvalidDataException or XmlException or IOException or NotSupportedException)
        {
            return false;
        }
    }

    // ── OLE compound file (.doc, .xls) ──────────────────────────────────────────────────────────────────────────────
    private static readonly byte[] OleSignature = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    public static bool IsCompoundFile(byte[] bytes)
    {
        if (bytes.Length < 1024 || !bytes.AsSpan(0, 8).SequenceEqual(OleSignature)) return false;
        var major = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(26));
        var byteOrder = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(28));
        var sectorShift = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(30));
        var miniShift = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(32));
        return byteOrder == 0xFFFE && miniShift == 6 && (major, sectorShift) is (3, 9) or (4, 12);
    }
}
