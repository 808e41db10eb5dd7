using System.Globalization;
using System.Text;
using PdfSharp.Drawing;

namespace ParIndex.Documents.Layout;

/// <summary>A word or part of one in a single style. Gap is the space before it (0 when glued or first on a line).</summary>
internal readonly record struct Piece(string Text, FontFace Face, bool Underline, double Width, double Gap);

/// <summary>One laid-out line: pieces plus how to place them inside its box.</summary>
internal sealed class Line
{
    public required List<Piece> Pieces { get; init; }
    public required double Indent { get; init; }
    public required double Available { get; init; }
    public required TextAlignment Alignment { get; init; }
    public required double Ascent { get; init; }
    public required double Height { get; init; }

    public double Width { get; init; }
    public int Gaps { get; init; }
}

/// <summary>Lines of a paragraph with the spacing around them.</summary>
internal sealed record ParagraphLines(List<Line> Lines, double SpaceBefore, double SpaceAfter)
{
    public double TextHeight => Lines.Sum(line => line.Height);
}

/// <summary>Per-context defaults that a paragraph inherits from its container.</summary>
internal readonly record struct TextContext(double FontSize, bool ForceBold = false, TextAlignment? Alignment = null);

internal static class TextLayout
{
    private const double Epsilon = 0.01;

    private readonly record struct Token(string Text, FontFace Face, bool Underline, double Width, double Gap, bool HardBreak);

    public static ParagraphLines Layout(Paragraph paragraph, double width, TextContext context, FontCache fonts)
    {
        var laid = Layout(paragraph, width, width, context, fonts);
        if (!paragraph.BalanceLines || laid.Lines.Count < 2)
        {
            return laid;
        }
        // The narrowest breaking width that still gives the same number of lines: lines as equal as whole words allow.
        var count = laid.Lines.Count;
        double low = width / count, high = width;
        for (var step = 0; step < 24 && high - low > 0.25; step++)
        {
            var middle = (low + high) / 2;
            if (Layout(paragraph, middle, width, context, fonts).Lines.Count <= count)
            {
                high = middle;
            }
            else
            {
                low = middle;
            }
        }
        return Layout(paragraph, high, width, context, fonts);
    }

    /// <summary>Breaks lines to fit <paramref name="breakWidth"/>; places them in a box of <paramref name="boxWidth"/>.</summary>
    private static ParagraphLines Layout(Paragraph paragraph, double breakWidth, double boxWidth, TextContext context, FontCache fonts)
    {
        var width = breakWidth;
        var box = boxWidth - breakWidth;
        var size = paragraph.FontSize ?? context.FontSize;
        var baseFace = fonts.Get(size, context.ForceBold, false);
        var tokens = Tokenize(paragraph, size, context.ForceBold, fonts);
        var alignment = context.Alignment ?? paragraph.Alignment;
        var indent = paragraph.FirstLineIndentMm * Units.PtPerMm;
        var lines = new List<Line>();
        var builder = new LineBuilder(baseFace, paragraph.LineSpacing, alignment, lines, box);

        builder.Start(indent, width - indent);
        var i = 0;
        while (i < tokens.Count)
        {
            if (tokens[i].HardBreak)
            {
                builder.Finish(justifiable: false);
                builder.Start(0, width);
                i++;
                continue;
            }

            var end = i + 1;
            var wordWidth = tokens[i].Width;
            while (end < tokens.Count && !tokens[end].HardBreak && tokens[end].Gap == 0)
            {
                wordWidth += tokens[end].Width;
                end++;
            }

            var gap = builder.IsEmpty ? 0 : tokens[i].Gap;
            if (builder.Width + gap + wordWidth <= builder.Available + Epsilon)
            {
                for (var k = i; k < end; k++)
                {
                    builder.Add(tokens[k], k == i ? gap : 0);
                }
                i = end;
                continue;
            }
            if (!builder.IsEmpty)
            {
                builder.Finish(justifiable: true);
                builder.Start(0, width);
                continue;
            }

            // The word alone is wider than the line: break it between characters.
            for (var k = i; k < end; k++)
            {
                var token = tokens[k];
                while (builder.Width + token.Width > builder.Available + Epsilon)
                {
                    var (head, tail) = SplitToFit(token, builder.Available - builder.Width, mustTakeOne: builder.IsEmpty);
                    if (head is { } taken)
                    {
                        builder.Add(taken, 0);
                    }
                    builder.Finish(justifiable: true);
                    builder.Start(0, width);
                    token = tail;
                }
                builder.Add(token, 0);
            }
            i = end;
        }
        builder.Finish(justifiable: false);

        return new ParagraphLines(lines, paragraph.SpaceBeforePt, paragraph.SpaceAfterPt);
    }

    private static List<Token> Tokenize(Paragraph paragraph, double size, bool forceBold, FontCache fonts)
    {
        var tokens = new List<Token>();
        var word = new StringBuilder();
        double pendingGap = 0;
        foreach (var run in paragraph.Runs)
        {
            var face = fonts.Get(run.FontSize ?? size, run.Bold || forceBold, run.Italic);
            var text = Normalize(run.Text);

            void Flush()
            {
                if (word.Length == 0)
                {
                    return;
                }
                var s = word.ToString();
                tokens.Add(new Token(s, face, run.Underline, face.Measure(s), pendingGap, false));
                pendingGap = 0;
                word.Clear();
            }

            foreach (var c in text)
            {
                switch (c)
                {
                    case ' ':
                        Flush();
                        pendingGap = face.SpaceWidth;
                        break;
                    case '\n':
                        Flush();
                        tokens.Add(new Token("", face, false, 0, 0, true));
                        pendingGap = 0;
                        break;
                    default:
                        word.Append(c);
                        break;
                }
            }
            Flush();
        }
        return tokens;
    }

    /// <summary>NFC first: decomposed marks would be measured and placed as separate glyphs.</summary>
    public static string Normalize(string text) =>
        text.Normalize(NormalizationForm.FormC).Replace("\r\n", "\n").Replace('\r', '\n').Replace('\t', ' ');

    /// <summary>Largest prefix of whole text elements (base letter plus marks) that fits.</summary>
    private static (Token? Head, Token Tail) SplitToFit(Token token, double room, bool mustTakeOne)
    {
        var enumerator = StringInfo.GetTextElementEnumerator(token.Text);
        var cut = 0;
        double used = 0;
        while (enumerator.MoveNext())
        {
            var element = (string)enumerator.Current;
            var width = token.Face.Measure(element);
            if (used + width > room + Epsilon && !(mustTakeOne && cut == 0))
            {
                break;
            }
            used += width;
            cut = enumerator.ElementIndex + element.Length;
        }
        if (cut == 0)
        {
            return (null, token);
        }
        var head = token.Text[..cut];
        var tail = token.Text[cut..];
        return (token with { Text = head, Width = token.Face.Measure(head), Gap = 0 },
                token with { Text = tail, Width = token.Face.Measure(tail), Gap = 0 });
    }

    /// <summary><paramref name="extraBox"/>: how much wider than the breaking width each line's box is (balanced lines).</summary>
    private sealed class LineBuilder(FontFace baseFace, double spacing, TextAlignment alignment, List<Line> output, double extraBox)
    {
        private List<Piece> _pieces = new();
        private double _indent;
        private int _gaps;

        public double Width { get; private set; }
        public double Available { get; private set; }
        public bool IsEmpty => _pieces.Count == 0;

        public void Start(double indent, double available)
        {
            _pieces = new List<Piece>();
            _indent = indent;
            Available = available;
            Width = 0;
            _gaps = 0;
        }

        public void Add(Token token, double gap)
        {
            _pieces.Add(new Piece(token.Text, token.Face, token.Underline, token.Width, gap));
            Width += gap + token.Width;
            if (gap > 0)
            {
                _gaps++;
            }
        }

        public void Finish(bool justifiable)
        {
            double ascent = 0, descent = 0, height = 0;
            if (_pieces.Count == 0)
            {
                (ascent, descent, height) = (baseFace.Ascent, baseFace.Descent, baseFace.LineHeight);
            }
            foreach (var piece in _pieces)
            {
                ascent = Math.Max(ascent, piece.Face.Ascent);
                descent = Math.Max(descent, piece.Face.Descent);
                height = Math.Max(height, piece.Face.LineHeight);
            }
            height = Math.Max(height, ascent + descent) * spacing;

            var effective = alignment == TextAlignment.Justify && !(justifiable && _gaps > 0) ? TextAlignment.Left : alignment;
            output.Add(new Line
            {
                Pieces = _pieces,
                Indent = _indent,
                Available = Available + extraBox,
                Alignment = effective == TextAlignment.Justify && extraBox > 0 ? TextAlignment.Left : effective,
                Ascent = ascent,
                Height = height,
                Width = Width,
                Gaps = _gaps,
            });
        }
    }

    /// <summary>Draws a line whose box starts at (x, top).</summary>
    public static void Draw(XGraphics gfx, Line line, double x, double top)
    {
        var free = line.Available - line.Width;
        var cursor = x + line.Indent + line.Alignment switch
        {
            TextAlignment.Center => free / 2,
            TextAlignment.Right => free,
            _ => 0,
        };
        var extraPerGap = line.Alignment == TextAlignment.Justify && line.Gaps > 0 ? free / line.Gaps : 0;
        var baseline = top + line.Ascent;

        // Same-style words separated by a plain space go out as one string, so extractors see real spaces;
        // justified gaps are wider than a space, so those words are placed one by one.
        var segment = new StringBuilder();
        FontFace? segmentFace = null;
        double segmentX = 0;
        double? underlineStart = null;
        FontFace? underlineFace = null;

        void FlushSegment()
        {
            if (segment.Length > 0 && segmentFace is not null)
            {
                gfx.DrawString(segment.ToString(), segmentFace.Font, XBrushes.Black, segmentX, baseline, XStringFormats.BaseLineLeft);
            }
            segment.Clear();
            segmentFace = null;
        }

        void EndUnderline(double end)
        {
            if (underlineStart is { } start && underlineFace is not null)
            {
                var y = baseline + underlineFace.UnderlineOffset;
                gfx.DrawLine(new XPen(XColors.Black, underlineFace.UnderlineThickness), start, y, end, y);
            }
            underlineStart = null;
        }

        double lastEnd = cursor;
        foreach (var piece in line.Pieces)
        {
            var gap = piece.Gap > 0 ? piece.Gap + extraPerGap : 0;
            var canJoin = segmentFace == piece.Face && extraPerGap == 0 && (gap == 0 || Math.Abs(gap - piece.Face.SpaceWidth) < 1e-6);
            if (canJoin)
            {
                if (gap > 0)
                {
                    segment.Append(' ');
                }
            }
            else
            {
                FlushSegment();
                segmentFace = piece.Face;
                segmentX = cursor + gap;
            }
            segment.Append(piece.Text);

            if (!piece.Underline)
            {
                EndUnderline(lastEnd);
            }
            else if (underlineStart is null)
            {
                underlineStart = cursor + gap;
                underlineFace = piece.Face;
            }

            cursor += gap + piece.Width;
            lastEnd = cursor;
        }
        FlushSegment();
        EndUnderline(lastEnd);
    }
}

internal static class Units
{
    public const double PtPerMm = 72 / 25.4;
}
