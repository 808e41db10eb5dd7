using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace ParIndex.Documents.Layout;

/// <summary>One font at one size, with the metrics layout needs and a cache of word widths.</summary>
internal sealed class FontFace
{
    private readonly XGraphics _measure;
    private readonly Dictionary<string, double> _widths = new(StringComparer.Ordinal);

    public FontFace(XFont font, XGraphics measure)
    {
        Font = font;
        _measure = measure;
        LineHeight = font.GetHeight();
        // CellAscent and CellDescent share a unit with CellSpace, so the ratios carry over to points.
        Ascent = LineHeight * font.CellAscent / font.CellSpace;
        Descent = LineHeight * font.CellDescent / font.CellSpace;
        var perUnit = font.Size / font.Metrics.UnitsPerEm;
        UnderlineOffset = -font.Metrics.UnderlinePosition * perUnit;
        UnderlineThickness = Math.Max(0.4, font.Metrics.UnderlineThickness * perUnit);
        SpaceWidth = Measure(" ");
    }

    public XFont Font { get; }
    public double LineHeight { get; }
    public double Ascent { get; }
    public double Descent { get; }
    public double SpaceWidth { get; }

    /// <summary>Below the baseline, positive downwards.</summary>
    public double UnderlineOffset { get; }
    public double UnderlineThickness { get; }

    public double Measure(string text)
    {
        if (_widths.TryGetValue(text, out var width))
        {
            return width;
        }
        width = _measure.MeasureString(text, Font, XStringFormats.BaseLineLeft).Width;
        // Long unique strings (overlong words being split) would only bloat the cache.
        if (text.Length <= 64)
        {
            _widths[text] = width;
        }
        return width;
    }
}

/// <summary>Fonts for one rendering; not shared between threads.</summary>
internal sealed class FontCache : IDisposable
{
    private readonly FontChoice _choice;
    private readonly XPdfFontOptions _options;
    private readonly XGraphics _measure;
    private readonly Dictionary<(double Size, bool Bold, bool Italic), FontFace> _faces = new();

    public FontCache(FontChoice choice)
    {
        _choice = choice;
        // Unicode encoding: WinAnsi has no Vietnamese letters.
        _options = new XPdfFontOptions(PdfFontEncoding.Unicode,
            choice.EmbedCompleteFontFile ? PdfFontEmbedding.EmbedCompleteFontFile : PdfFontEmbedding.TryComputeSubset);
        _measure = XGraphics.CreateMeasureContext(new XSize(2000, 2000), XGraphicsUnit.Point, XPageDirection.Downwards);
    }

    public FontFace Get(double size, bool bold, bool italic)
    {
        var key = (size, bold, italic);
        if (!_faces.TryGetValue(key, out var face))
        {
            var style = (bold, italic) switch
            {
                (true, true) => XFontStyleEx.BoldItalic,
                (true, false) => XFontStyleEx.Bold,
                (false, true) => XFontStyleEx.Italic,
                _ => XFontStyleEx.Regular,
            };
            face = new FontFace(new XFont(_choice.FamilyName, size, style, _options), _measure);
            _faces[key] = face;
        }
        return face;
    }

    public void Dispose() => _measure.Dispose();
}
