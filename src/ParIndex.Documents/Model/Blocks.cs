namespace ParIndex.Documents;

/// <summary>Something placed in a section's flow, top to bottom.</summary>
public abstract class Block
{
    private protected Block()
    {
    }
}

public enum TextAlignment
{
    Left,
    Center,
    Right,
    Justify,
}

/// <summary>Text in one style. A '\n' inside the text is a line break within the paragraph.</summary>
public sealed class Run(string text)
{
    public string Text { get; set; } = text;
    public bool Bold { get; set; }
    public bool Italic { get; set; }
    public bool Underline { get; set; }

    /// <summary>Points; null takes the paragraph's size.</summary>
    public double? FontSize { get; set; }
}

/// <summary>What a paragraph is, for formats that carry styles (Word); the PDF draws only the paragraph's own settings.</summary>
public enum ParagraphRole
{
    Body,
    Title,
    Heading1,
    Heading2,
}

public sealed class Paragraph : Block
{
    public Paragraph()
    {
    }

    public Paragraph(string text) => Runs.Add(new Run(text));

    public Paragraph(params IEnumerable<Run> runs)
    {
        foreach (var run in runs)
        {
            Runs.Add(run);
        }
    }

    public IList<Run> Runs { get; } = new List<Run>();
    public TextAlignment Alignment { get; set; } = TextAlignment.Left;

    /// <summary>Points; null takes the enclosing table's or the document's size.</summary>
    public double? FontSize { get; set; }

    /// <summary>Negative values make a hanging first line.</summary>
    public double FirstLineIndentMm { get; set; }

    public double SpaceBeforePt { get; set; }
    public double SpaceAfterPt { get; set; }

    /// <summary>Multiple of the font's natural line height: 1 single, 1.5 one and a half.</summary>
    public double LineSpacing { get; set; } = 1;

    /// <summary>
    /// Keeps the paragraph on the same page as the start of the block after it (a heading and its text; the last
    /// lines of a text and the signature). Chains: a kept paragraph followed by another kept one takes it along.
    /// </summary>
    public bool KeepWithNext { get; set; }

    /// <summary>
    /// Breaks lines where they come out nearly equal in length instead of filling each line first (whole words
    /// always stay together): an agency name or a title over two lines reads "SỞ TÀI NGUYÊN / VÀ MÔI TRƯỜNG",
    /// not "SỞ TÀI NGUYÊN VÀ MÔI / TRƯỜNG". The lines are placed within the full width by the alignment.
    /// </summary>
    public bool BalanceLines { get; set; }

    /// <summary>A short rule, centred under the paragraph's last line (Decree 30: under the trích yếu); null for none.</summary>
    public double? RuleBelowMm { get; set; }

    public ParagraphRole Role { get; set; }

    public Run Add(string text, bool bold = false, bool italic = false, bool underline = false)
    {
        var run = new Run(text) { Bold = bold, Italic = italic, Underline = underline };
        Runs.Add(run);
        return run;
    }
}

/// <summary>Forces the following content onto a new page (ignored at the top of an empty page).</summary>
public sealed class PageBreak : Block
{
}

public sealed class Spacer(double heightMm) : Block
{
    public double HeightMm { get; } = heightMm;
}

/// <summary>
/// Two stacks of paragraphs side by side, kept on one page: the official header
/// (agency | national motto) and the signature block (recipients | signer).
/// </summary>
public sealed class TwoColumnBlock : Block
{
    public ColumnStack Left { get; } = new();
    public ColumnStack Right { get; } = new();

    /// <summary>Share of the text width given to the left column.</summary>
    public double LeftFraction { get; set; } = 0.4;
}

public sealed class ColumnStack
{
    public IList<Paragraph> Paragraphs { get; } = new List<Paragraph>();

    /// <summary>Index of the paragraph to underline with a short centred rule; null for none.</summary>
    public int? RuleAfterParagraph { get; set; }

    /// <summary>Rule length; null makes it as long as the widest line of that paragraph.</summary>
    public double? RuleWidthMm { get; set; }

    public Paragraph Add(Paragraph paragraph)
    {
        Paragraphs.Add(paragraph);
        return paragraph;
    }
}
