using System.Collections.Concurrent;
using PdfSharp.Fonts;

namespace ParIndex.Documents;

/// <summary>Answers every family request with the chosen family, so stray defaults cannot pull in a font without Vietnamese.</summary>
internal sealed class DocumentFontResolver(FontChoice choice) : IFontResolver
{
    private const string Regular = "regular";
    private const string Bold = "bold";
    private const string Italic = "italic";
    private const string BoldItalic = "bolditalic";

    private readonly ConcurrentDictionary<string, byte[]> _bytes = new();

    public FontChoice Choice { get; } = choice;

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic)
    {
        // A missing italic face is slanted from the upright one; PDFsharp cannot simulate bold.
        return (bold, italic) switch
        {
            (false, false) => new FontResolverInfo(Regular),
            (true, false) => new FontResolverInfo(Bold),
            (false, true) => Choice.ItalicPath is null ? new FontResolverInfo(Regular, false, true) : new FontResolverInfo(Italic),
            (true, true) => Choice.BoldItalicPath is null ? new FontResolverInfo(Bold, false, true) : new FontResolverInfo(BoldItalic),
        };
    }

    public byte[]? GetFont(string faceName)
    {
        var path = faceName switch
        {
            Regular => Choice.RegularPath,
            Bold => Choice.BoldPath,
            Italic => Choice.ItalicPath,
            BoldItalic => Choice.BoldItalicPath,
            _ => null,
        };
        return path is null ? null : _bytes.GetOrAdd(path, File.ReadAllBytes);
    }
}
