using System.Buffers.Binary;

namespace ParIndex.Documents;

/// <summary>
/// Reads a TrueType cmap just far enough to tell whether characters have glyphs.
/// Old Times New Roman builds (e.g. the 1990s core fonts) lack the precomposed Vietnamese letters,
/// and a font that silently draws boxes is worse than a clear error.
/// </summary>
internal static class TrueTypeCoverage
{
    /// <summary>Letters a Vietnamese text cannot do without, including stacked diacritics.</summary>
    public static readonly int[] VietnameseSample = ['đ', 'Đ', 'ơ', 'ư', 'ă', 'â', 'ặ', 'ỹ', 'ộ', 'ữ', 'Ộ', 'Ễ'];

    public static bool Covers(ReadOnlySpan<byte> font, IEnumerable<int> codePoints)
    {
        try
        {
            var cmap = FindTable(font, "cmap");
            if (cmap < 0)
            {
                return false;
            }
            var subtable = FindUnicodeSubtable(font, cmap);
            if (subtable < 0)
            {
                return false;
            }
            foreach (var codePoint in codePoints)
            {
                if (GlyphIndex(font, subtable, codePoint) == 0)
                {
                    return false;
                }
            }
            return true;
        }
        catch (ArgumentOutOfRangeException)
        {
            return false; // truncated or malformed file
        }
    }

    private static int FindTable(ReadOnlySpan<byte> font, string tag)
    {
        int count = U16(font, 4);
        for (var i = 0; i < count; i++)
        {
            var record = 12 + 16 * i;
            if (font[record] == tag[0] && font[record + 1] == tag[1] && font[record + 2] == tag[2] && font[record + 3] == tag[3])
            {
                return (int)U32(font, record + 8);
            }
        }
        return -1;
    }

    private static int FindUnicodeSubtable(ReadOnlySpan<byte> font, int cmap)
    {
        int count = U16(font, cmap + 2);
        var best = -1;
        var bestRank = int.MaxValue;
        for (var i = 0; i < count; i++)
        {
            var record = cmap + 4 + 8 * i;
            int platform = U16(font, record);
            int encoding = U16(font, record + 2);
            var offset = cmap + (int)U32(font, record + 4);
            int format = U16(font, offset);
            var rank = (platform, encoding, format) switch
            {
                (3, 10, 12) => 0,
                (0, _, 12) => 1,
                (3, 1, 4) => 2,
                (0, _, 4) => 3,
                _ => int.MaxValue,
            };
            if (rank < bestRank)
            {
                bestRank = rank;
                best = offset;
            }
        }
        return best;
    }

    private static int GlyphIndex(ReadOnlySpan<byte> font, int subtable, int codePoint)
    {
        int format = U16(font, subtable);
        if (format == 12)
        {
            var groups = U32(font, subtable + 12);
            for (var i = 0; i < groups; i++)
            {
                var group = subtable + 16 + 12 * i;
                var start = U32(font, group);
                var end = U32(font, group + 4);
                if (codePoint >= start && codePoint <= end)
                {
                    return (int)(U32(font, group + 8) + (codePoint - start));
                }
            }
            return 0;
        }

        // Format 4: parallel arrays of segments, see the OpenType cmap specification.
        var segments = U16(font, subtable + 6) / 2;
        var ends = subtable + 14;
        var starts = ends + 2 * segments + 2;
        var deltas = starts + 2 * segments;
        var rangeOffsets = deltas + 2 * segments;
        for (var i = 0; i < segments; i++)
        {
            if (U16(font, ends + 2 * i) < codePoint)
            {
                continue;
            }
            int start = U16(font, starts + 2 * i);
            if (start > codePoint)
            {
                return 0;
            }
            int delta = U16(font, deltas + 2 * i);
            int rangeOffset = U16(font, rangeOffsets + 2 * i);
            if (rangeOffset == 0)
            {
                return (codePoint + delta) & 0xFFFF;
            }
            int glyph = U16(font, rangeOffsets + 2 * i + rangeOffset + 2 * (codePoint - start));
            return glyph == 0 ? 0 : (glyph + delta) & 0xFFFF;
        }
        return 0;
    }

    private static ushort U16(ReadOnlySpan<byte> data, int offset) =>
        BinaryPrimitives.ReadUInt16BigEndian(data.Slice(offset, 2));

    private static uint U32(ReadOnlySpan<byte> data, int offset) =>
        BinaryPrimitives.ReadUInt32BigEndian(data.Slice(offset, 4));
}
