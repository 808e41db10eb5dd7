namespace ParIndex.Documents;

/// <summary>
/// A table that flows across pages. The first <see cref="HeaderRowCount"/> rows repeat at the top of every page;
/// a row moves whole to the next page when it fits there, and only a row taller than a page is split, between lines.
/// </summary>
public sealed class Table : Block
{
    public IList<TableColumn> Columns { get; } = new List<TableColumn>();
    public IList<TableRow> Rows { get; } = new List<TableRow>();
    public int HeaderRowCount { get; set; }

    /// <summary>Points; null takes the document's size. Paragraphs with their own size keep it.</summary>
    public double? FontSize { get; set; }

    /// <summary>Border line width in points; 0 draws no borders.</summary>
    public double BorderWidthPt { get; set; } = 0.5;
    public double CellPaddingMm { get; set; } = 1.5;

    public TableRow AddRow(params IEnumerable<TableCell> cells)
    {
        var row = new TableRow();
        foreach (var cell in cells)
        {
            row.Cells.Add(cell);
        }
        Rows.Add(row);
        return row;
    }

    public TableRow AddRow(params string[] texts) => AddRow(texts.Select(text => new TableCell(text)));
}

/// <summary>Millimetre columns take their width first; relative columns share what is left by weight.</summary>
public sealed class TableColumn
{
    private TableColumn(double value, bool isMm)
    {
        if (value <= 0 || double.IsNaN(value) || double.IsInfinity(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), "A column width must be positive.");
        }
        Value = value;
        IsMm = isMm;
    }

    public double Value { get; }
    public bool IsMm { get; }

    public static TableColumn Mm(double width) => new(width, true);

    public static TableColumn Relative(double weight) => new(weight, false);
}

public sealed class TableRow
{
    public IList<TableCell> Cells { get; } = new List<TableCell>();

    /// <summary>Keeps the row on the same page as the row after it (a group heading never ends a page).</summary>
    public bool KeepWithNext { get; set; }
}

public enum VerticalAlignment
{
    Top,
    Center,
}

public sealed class TableCell
{
    public TableCell()
    {
    }

    public TableCell(string text) => Paragraphs.Add(new Paragraph(text));

    public TableCell(params IEnumerable<Paragraph> paragraphs)
    {
        foreach (var paragraph in paragraphs)
        {
            Paragraphs.Add(paragraph);
        }
    }

    public IList<Paragraph> Paragraphs { get; } = new List<Paragraph>();

    /// <summary>Number of columns the cell covers.</summary>
    public int ColumnSpan { get; set; } = 1;

    /// <summary>Makes every run in the cell bold.</summary>
    public bool Bold { get; set; }

    /// <summary>Overrides the alignment of the cell's paragraphs.</summary>
    public TextAlignment? Alignment { get; set; }

    /// <summary>Applies only while the row is not split across pages.</summary>
    public VerticalAlignment VerticalAlignment { get; set; } = VerticalAlignment.Top;
}
