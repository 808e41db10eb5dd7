namespace ParIndex.Documents;

/// <summary>A document: sections, each starting on a new page with its own page setup.</summary>
public sealed class Document
{
    public IList<Section> Sections { get; } = new List<Section>();

    /// <summary>Font size, in points, for text that sets none (Decree 30: 13–14 pt).</summary>
    public double FontSize { get; set; } = 13;

    public string? Title { get; set; }

    public Section AddSection(PageSetup? pageSetup = null)
    {
        var section = new Section { PageSetup = pageSetup ?? new PageSetup() };
        Sections.Add(section);
        return section;
    }
}

public sealed class Section
{
    public PageSetup PageSetup { get; set; } = new();

    /// <summary>Page numbers on this section's pages; null for none.</summary>
    public PageNumberStyle? PageNumbers { get; set; }

    public IList<Block> Blocks { get; } = new List<Block>();

    public T Add<T>(T block) where T : Block
    {
        Blocks.Add(block);
        return block;
    }
}

public enum PageOrientation
{
    Portrait,
    Landscape,
}

/// <summary>A4 page; margins in millimetres, defaulting to Decree 30/2020 (top 20, bottom 20, left 30, right 15).</summary>
public sealed class PageSetup
{
    public PageOrientation Orientation { get; set; } = PageOrientation.Portrait;
    public double TopMm { get; set; } = 20;
    public double BottomMm { get; set; } = 20;
    public double LeftMm { get; set; } = 30;
    public double RightMm { get; set; } = 15;

    public static PageSetup Landscape() => new() { Orientation = PageOrientation.Landscape };
}

/// <summary>
/// A page number centred at the top of the text area. Numbers count pages of the whole document,
/// and pages before <see cref="FirstNumberedPage"/> show none (Decree 30: from page 2).
/// </summary>
public sealed class PageNumberStyle
{
    /// <summary>Composite format: {0} is the page number, {1} the page count.</summary>
    public string Format { get; set; } = "{0}";
    public double FontSize { get; set; } = 13;
    public bool Bold { get; set; }
    public bool Italic { get; set; }

    /// <summary>Distance from the top edge of the page to the top of the number.</summary>
    public double TopOffsetMm { get; set; } = 8;
    public int FirstNumberedPage { get; set; } = 2;
}
