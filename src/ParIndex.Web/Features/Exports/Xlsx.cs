using ClosedXML.Excel;
using ParIndex.Domain.Formatting;

namespace ParIndex.Web.Features.Exports;

/// <summary>
/// Cell writing shared by the workbooks. Types are always set explicitly: ClosedXML otherwise guesses from
/// strings ("002" → 2), and a text beginning with '=' could become a formula (CSV/formula injection).
/// </summary>
internal static class Xlsx
{
    /// <summary>
    /// Scores show up to three decimals without a trailing separator. "0.###" would print "13." for whole numbers,
    /// so General is used: a Vietnamese Excel shows 80,567 and 13 (the locale supplies the decimal comma).
    /// </summary>
    public const string PointsFormat = "General";
    public const string PercentFormat = "0.00%";
    public const string DateFormat = "dd/mm/yyyy";
    public const string CountFormat = "0";

    public static readonly XLColor HeaderFill = XLColor.FromHtml("#DDEBF7");
    public static readonly XLColor GroupFill = XLColor.FromHtml("#F2F2F2");

    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r', '\n'];

    /// <summary>Text that stays text: NFC, DataType Text, and a hidden quote prefix when it starts like a formula.</summary>
    public static IXLCell Text(this IXLCell cell, string? value)
    {
        var text = Vn.Nfc(value);
        cell.SetValue(text);
        cell.DataType = XLDataType.Text;
        if (LooksLikeFormula(text))
            cell.Style.IncludeQuotePrefix = true;
        return cell;
    }

    public static bool LooksLikeFormula(string text) => text.Length > 0 && Array.IndexOf(FormulaStarts, text[0]) >= 0;

    public static IXLCell Number(this IXLCell cell, decimal? value, string format = PointsFormat)
    {
        if (value is not { } v) return cell;
        cell.SetValue(v);
        cell.DataType = XLDataType.Number;
        cell.Style.NumberFormat.Format = format;
        return cell;
    }

    public static IXLCell Number(this IXLCell cell, int value)
    {
        cell.SetValue(value);
        cell.DataType = XLDataType.Number;
        cell.Style.NumberFormat.Format = CountFormat;
        return cell;
    }

    /// <summary>A percentage held as points of 100 (67,31) written as the fraction Excel formats (0,6731 → 67,31%).</summary>
    public static IXLCell Percent(this IXLCell cell, decimal? percent) =>
        percent is { } p ? cell.Number(Math.Round(p / 100m, 6), PercentFormat) : cell;

    public static IXLCell Date(this IXLCell cell, DateOnly? date)
    {
        if (date is not { } d) return cell;
        cell.SetValue(d.ToDateTime(TimeOnly.MinValue));
        cell.DataType = XLDataType.DateTime;
        cell.Style.DateFormat.Format = DateFormat;
        return cell;
    }

    /// <summary>Bold filled header in row <paramref name="row"/>, with explicit widths (AdjustToContents needs libgdiplus).</summary>
    public static void Header(IXLWorksheet sheet, int row, params (string Title, double Width)[] columns)
    {
        for (var c = 0; c < columns.Length; c++)
        {
            sheet.Column(c + 1).Width = columns[c].Width;
            sheet.Cell(row, c + 1).Text(columns[c].Title);
        }
        var header = sheet.Range(row, 1, row, columns.Length).Style;
        header.Font.Bold = true;
        header.Fill.BackgroundColor = HeaderFill;
        header.Alignment.WrapText = true;
        header.Alignment.Horizontal = XLAlignmentHorizontalValues.Center;
        header.Alignment.Vertical = XLAlignmentVerticalValues.Center;
    }

    /// <summary>
    /// Frozen header, autofilter, borders, wrapped text, and print setup: A4 landscape, one page wide, header repeated.
    /// With <paramref name="bodyStyled"/> the body rows already carry their whole style (<see cref="BodyStyles"/>), so
    /// only the header row gets borders and alignment here.
    /// </summary>
    public static void Finish(IXLWorksheet sheet, int headerRow, int lastRow, int lastColumn, string printTitle, bool bodyStyled = false)
    {
        lastRow = Math.Max(lastRow, headerRow);
        var table = sheet.Range(headerRow, 1, bodyStyled ? headerRow : lastRow, lastColumn);
        table.Style.Border.OutsideBorder = XLBorderStyleValues.Thin;
        table.Style.Border.InsideBorder = XLBorderStyleValues.Thin;
        table.Style.Alignment.Vertical = XLAlignmentVerticalValues.Top;
        table.Style.Alignment.WrapText = true;
        sheet.Range(headerRow, 1, lastRow, lastColumn).SetAutoFilter();
        sheet.SheetView.FreezeRows(headerRow);
        FitRowHeights(sheet, headerRow, lastRow);
        var page = sheet.PageSetup;
        page.PrintAreas.Clear();
        page.PrintAreas.Add(1, 1, lastRow, lastColumn);
        page.CenterHorizontally = true;
        page.PaperSize = XLPaperSize.A4Paper;
        page.PageOrientation = XLPageOrientation.Landscape;
        page.FitToPages(1, 0);
        page.SetRowsToRepeatAtTop(1, headerRow);
        page.Margins.Left = 0.4;
        page.Margins.Right = 0.4;
        page.Margins.Top = 0.6;
        page.Margins.Bottom = 0.6;
        page.Header.Center.AddText(Vn.Nfc(printTitle));
        page.Footer.Center.AddText("Trang ");
        page.Footer.Center.AddText(XLHFPredefinedText.PageNumber);
        page.Footer.Center.AddText("/");
        page.Footer.Center.AddText(XLHFPredefinedText.NumberOfPages);
    }

    /// <summary>Points per line of 11 pt text, with the cell's padding.</summary>
    public const double LineHeight = 15;

    /// <summary>
    /// Gives each row the height its wrapped text needs, written into the file. A printer or a spreadsheet that does not
    /// re-measure rows (ClosedXML cannot: AdjustToContents needs libgdiplus) otherwise prints each row one line high and
    /// wrapped text runs over the rows below. Lines are counted conservatively: a column of width w holds w characters.
    /// </summary>
    public static void FitRowHeights(IXLWorksheet sheet, int firstRow, int lastRow)
    {
        var widths = new Dictionary<int, double>();
        for (var r = firstRow; r <= lastRow; r++)
        {
            var lines = 1;
            foreach (var cell in sheet.Row(r).CellsUsed())
            {
                var column = cell.Address.ColumnNumber;
                if (!widths.TryGetValue(column, out var width)) widths[column] = width = sheet.Column(column).Width;
                lines = Math.Max(lines, LinesOf(cell.GetString(), width));
            }
            sheet.Row(r).Height = Math.Min(409, lines * LineHeight);
        }
    }

    public static int LinesOf(string text, double columnWidth)
    {
        var perLine = Math.Max(1, (int)Math.Floor(columnWidth) - 1);
        return text.Split('\n').Sum(paragraph => Math.Max(1, (paragraph.Length + perLine - 1) / perLine));
    }

    public static byte[] Save(XLWorkbook workbook)
    {
        using var buffer = new MemoryStream();
        workbook.SaveAs(buffer);
        return buffer.ToArray();
    }
}

/// <summary>
/// The whole style of each kind of body cell (thin borders on every side, top-aligned, wrapped, plus its format),
/// built once and assigned to a cell in one step. ClosedXML 0.95 resolves a new style for every property set on a
/// cell, and range-wide borders visit every cell once per side: for the 5,000-task appendix (55,000 cells) that
/// cost more than writing the values. A grid of thin inside and outside borders is the same as thin borders on
/// every side of every cell, so the workbook looks the same.
/// </summary>
internal sealed class BodyStyles : IDisposable
{
    // The styles are templates on cells of a scratch workbook; assigning one copies its value, not the cell.
    private readonly XLWorkbook scratch = new();

    public BodyStyles()
    {
        var sheet = scratch.Worksheets.Add("styles");
        TextStyle = Make(sheet.Cell(1, 1), _ => { });
        QuotedStyle = Make(sheet.Cell(1, 2), s => s.IncludeQuotePrefix = true);
        CountStyle = Make(sheet.Cell(1, 3), s => s.NumberFormat.Format = Xlsx.CountFormat);
        DateStyle = Make(sheet.Cell(1, 4), s => s.DateFormat.Format = Xlsx.DateFormat);
    }

    private IXLStyle TextStyle { get; }
    private IXLStyle QuotedStyle { get; }
    private IXLStyle CountStyle { get; }
    private IXLStyle DateStyle { get; }

    private static IXLStyle Make(IXLCell cell, Action<IXLStyle> format)
    {
        var style = cell.Style;
        style.Border.OutsideBorder = XLBorderStyleValues.Thin;
        style.Alignment.Vertical = XLAlignmentVerticalValues.Top;
        style.Alignment.WrapText = true;
        format(style);
        return cell.Style;
    }

    /// <summary>Text that stays text (see <see cref="Xlsx.Text"/>); the quote prefix only where it starts like a formula.</summary>
    public void Text(IXLCell cell, string? value)
    {
        var text = Vn.Nfc(value);
        cell.SetValue(text);
        cell.DataType = XLDataType.Text;
        cell.Style = Xlsx.LooksLikeFormula(text) ? QuotedStyle : TextStyle;
    }

    public void Count(IXLCell cell, int value)
    {
        cell.SetValue(value);
        cell.DataType = XLDataType.Number;
        cell.Style = CountStyle;
    }

    /// <summary>A real date shown dd/mm/yyyy; an empty cell (still bordered) when there is none.</summary>
    public void Date(IXLCell cell, DateOnly? date)
    {
        cell.Style = DateStyle;
        if (date is not { } d) return;
        cell.SetValue(d.ToDateTime(TimeOnly.MinValue));
        cell.DataType = XLDataType.DateTime;
    }

    public void Dispose() => scratch.Dispose();
}
