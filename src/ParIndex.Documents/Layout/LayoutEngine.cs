using System.Globalization;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace ParIndex.Documents.Layout;

/// <summary>Places blocks on pages, drawing each as soon as its position is known, so memory does not grow with page count.</summary>
internal sealed class LayoutEngine(PdfDocument pdf, FontCache fonts, double documentFontSize) : IDisposable
{
    private const double Epsilon = 0.01;
    private const double RuleWidthPt = 0.5;

    private readonly PageFlow _flow = new(pdf);

    public int PageCount => _flow.Pages.Count;

    public void RenderSection(Section section)
    {
        _flow.StartSection(section);
        for (var i = 0; i < section.Blocks.Count; i++)
        {
            switch (section.Blocks[i])
            {
                case Paragraph paragraph:
                    PlaceParagraph(paragraph, section.Blocks, i);
                    break;
                case Table table:
                    PlaceTable(table);
                    break;
                case TwoColumnBlock columns:
                    PlaceColumns(columns);
                    break;
                case Spacer spacer:
                    PlaceSpacer(spacer);
                    break;
                case PageBreak:
                    if (!_flow.AtTop)
                    {
                        _flow.NewPage();
                    }
                    break;
                default:
                    throw new NotSupportedException($"Unknown block type {section.Blocks[i].GetType().Name}.");
            }
        }
    }

    /// <summary>Page numbers go on last, when the page count is known.</summary>
    public void Finish()
    {
        _flow.Dispose();
        var total = _flow.Pages.Count;
        for (var index = 0; index < total; index++)
        {
            var (page, style, left, right) = _flow.Pages[index];
            var number = index + 1;
            if (style is null || number < style.FirstNumberedPage)
            {
                continue;
            }
            var face = fonts.Get(style.FontSize, style.Bold, style.Italic);
            var text = TextLayout.Normalize(string.Format(CultureInfo.InvariantCulture, style.Format, number, total));
            var x = left + (right - left - face.Measure(text)) / 2;
            var baseline = style.TopOffsetMm * Units.PtPerMm + face.Ascent;
            using var gfx = XGraphics.FromPdfPage(page, XGraphicsPdfPageOptions.Append);
            gfx.DrawString(text, face.Font, XBrushes.Black, x, baseline, XStringFormats.BaseLineLeft);
        }
    }

    public void Dispose() => _flow.Dispose();

    private TextContext Context => new(documentFontSize);

    // ---- paragraphs -------------------------------------------------------------------------

    private void PlaceParagraph(Paragraph paragraph, IList<Block> blocks, int index)
    {
        var laid = TextLayout.Layout(paragraph, _flow.Width, Context, fonts);
        var lines = laid.Lines;
        var before = _flow.AtTop ? 0 : laid.SpaceBefore;

        if (paragraph.KeepWithNext && index + 1 < blocks.Count && !_flow.AtTop)
        {
            var needed = before + laid.TextHeight + laid.SpaceAfter + LeadHeight(blocks, index + 1);
            if (!_flow.Fits(needed) && needed - before <= _flow.BodyHeight)
            {
                _flow.NewPage();
                before = 0;
            }
        }
        if (!_flow.AtTop && !_flow.Fits(before + lines[0].Height))
        {
            _flow.NewPage();
            before = 0;
        }
        _flow.Y += before;

        var start = 0;
        while (start < lines.Count)
        {
            var fit = CountFitting(lines, start, _flow.Remaining);
            var left = lines.Count - start;
            if (fit < left)
            {
                if (fit == 0)
                {
                    if (!_flow.AtTop)
                    {
                        _flow.NewPage();
                        continue;
                    }
                    fit = 1; // a line taller than the page still has to go somewhere
                }
                else if (start == 0 && fit == 1 && !_flow.AtTop)
                {
                    _flow.NewPage(); // no orphan: a lone first line moves with the rest
                    continue;
                }
                else if (left - fit == 1 && fit >= 2)
                {
                    if (start == 0 && fit == 2 && !_flow.AtTop)
                    {
                        _flow.NewPage(); // carrying a line over would leave an orphan instead
                        continue;
                    }
                    fit--; // no widow: a lone last line takes one more with it
                }
            }
            DrawLines(lines, start, fit, _flow.Left, _flow.Y);
            start += fit;
            if (start < lines.Count)
            {
                _flow.NewPage();
            }
        }
        if (paragraph.RuleBelowMm is { } ruleMm && lines.Count > 0)
        {
            var last = lines[^1];
            var centre = _flow.Left + last.Indent + last.Available / 2;
            var half = Math.Min(ruleMm * Units.PtPerMm, last.Available) / 2;
            var y = _flow.Y + 1;
            _flow.Gfx.DrawLine(new XPen(XColors.Black, RuleWidthPt), centre - half, y, centre + half, y);
        }
        _flow.Y += laid.SpaceAfter;
    }

    private static int CountFitting(List<Line> lines, int start, double room)
    {
        var count = 0;
        double used = 0;
        for (var i = start; i < lines.Count; i++)
        {
            used += lines[i].Height;
            if (used > room + Epsilon)
            {
                break;
            }
            count++;
        }
        return count;
    }

    private void DrawLines(List<Line> lines, int start, int count, double x, double top)
    {
        for (var i = start; i < start + count; i++)
        {
            TextLayout.Draw(_flow.Gfx, lines[i], x, top);
            top += lines[i].Height;
        }
        _flow.Y = top;
    }

    /// <summary>
    /// How much of the block at <paramref name="index"/> must share the page with a keep-with-next paragraph before it:
    /// two lines of a paragraph, all of one that keeps with its own next (and that one's lead), the table's header and
    /// first row, the whole of a two-column block.
    /// </summary>
    private double LeadHeight(IList<Block> blocks, int index, int depth = 0)
    {
        switch (blocks[index])
        {
            case Paragraph paragraph:
                var laid = TextLayout.Layout(paragraph, _flow.Width, Context, fonts);
                if (paragraph.KeepWithNext && index + 1 < blocks.Count && depth < 8)
                {
                    return laid.SpaceBefore + laid.TextHeight + laid.SpaceAfter + LeadHeight(blocks, index + 1, depth + 1);
                }
                return laid.SpaceBefore + laid.Lines.Take(2).Sum(line => line.Height);
            case Table table when table.Rows.Count > 0:
                var grid = new TableGrid(table, _flow.Width);
                var lead = Math.Min(table.HeaderRowCount + 1, table.Rows.Count);
                // A leading row that keeps with the next (a group heading) takes that row along.
                while (lead < table.Rows.Count && table.Rows[lead - 1].KeepWithNext)
                {
                    lead++;
                }
                return table.Rows.Take(lead).Sum(row => LayoutRow(row, grid, table).Height);
            case TwoColumnBlock columns:
                return LayoutColumns(columns).Height;
            default:
                return 0;
        }
    }

    private void PlaceSpacer(Spacer spacer)
    {
        var height = spacer.HeightMm * Units.PtPerMm;
        if (_flow.Fits(height))
        {
            _flow.Y += height;
        }
        else
        {
            _flow.NewPage(); // the break itself is the space
        }
    }

    // ---- stacks of paragraphs (cells, columns) ----------------------------------------------

    private sealed record PlacedLine(double Top, Line Line);

    private sealed record Stack(List<PlacedLine> Lines, double Height, List<(double Bottom, double Widest)> Paragraphs);

    private Stack LayoutStack(IList<Paragraph> paragraphs, double width, TextContext context)
    {
        var placed = new List<PlacedLine>();
        var ends = new List<(double, double)>(paragraphs.Count);
        double y = 0;
        foreach (var paragraph in paragraphs)
        {
            var laid = TextLayout.Layout(paragraph, width, context, fonts);
            y += laid.SpaceBefore;
            double widest = 0;
            foreach (var line in laid.Lines)
            {
                placed.Add(new PlacedLine(y, line));
                y += line.Height;
                widest = Math.Max(widest, line.Width);
            }
            ends.Add((y, widest));
            y += laid.SpaceAfter;
        }
        return new Stack(placed, y, ends);
    }

    private void DrawStack(IEnumerable<PlacedLine> lines, double x, double top)
    {
        foreach (var (lineTop, line) in lines)
        {
            TextLayout.Draw(_flow.Gfx, line, x, top + lineTop);
        }
    }

    // ---- two columns --------------------------------------------------------------------------

    private sealed record ColumnsLayout(Stack Left, Stack Right, double LeftWidth, double Height);

    private ColumnsLayout LayoutColumns(TwoColumnBlock block)
    {
        var fraction = Math.Clamp(block.LeftFraction, 0.05, 0.95);
        var leftWidth = _flow.Width * fraction;
        var left = LayoutStack(block.Left.Paragraphs, leftWidth, Context);
        var right = LayoutStack(block.Right.Paragraphs, _flow.Width - leftWidth, Context);
        return new ColumnsLayout(left, right, leftWidth, Math.Max(left.Height, right.Height));
    }

    private void PlaceColumns(TwoColumnBlock block)
    {
        var layout = LayoutColumns(block);
        if (!_flow.AtTop && !_flow.Fits(layout.Height))
        {
            _flow.NewPage(); // kept whole: a header or signature block split over pages is useless
        }
        var top = _flow.Y;
        DrawColumn(block.Left, layout.Left, _flow.Left, layout.LeftWidth, top);
        DrawColumn(block.Right, layout.Right, _flow.Left + layout.LeftWidth, _flow.Width - layout.LeftWidth, top);
        _flow.Y = top + layout.Height;
    }

    private void DrawColumn(ColumnStack column, Stack stack, double x, double width, double top)
    {
        DrawStack(stack.Lines, x, top);
        if (column.RuleAfterParagraph is not { } index || index < 0 || index >= stack.Paragraphs.Count)
        {
            return;
        }
        var (bottom, widest) = stack.Paragraphs[index];
        var ruleWidth = Math.Min(width, column.RuleWidthMm is { } mm ? mm * Units.PtPerMm : widest);
        var y = top + bottom + 1;
        var start = x + (width - ruleWidth) / 2;
        _flow.Gfx.DrawLine(new XPen(XColors.Black, RuleWidthPt), start, y, start + ruleWidth, y);
    }

    // ---- tables -------------------------------------------------------------------------------

    private sealed class TableGrid
    {
        public TableGrid(Table table, double width)
        {
            if (table.Columns.Count == 0)
            {
                throw new ArgumentException("A table needs at least one column.");
            }
            var fixedTotal = table.Columns.Where(c => c.IsMm).Sum(c => c.Value * Units.PtPerMm);
            var weights = table.Columns.Where(c => !c.IsMm).Sum(c => c.Value);
            var share = Math.Max(0, width - fixedTotal);
            Widths = table.Columns.Select(c => c.IsMm ? c.Value * Units.PtPerMm : share * c.Value / weights).ToArray();
            Offsets = new double[Widths.Length];
            for (var i = 1; i < Widths.Length; i++)
            {
                Offsets[i] = Offsets[i - 1] + Widths[i - 1];
            }
            Padding = table.CellPaddingMm * Units.PtPerMm;
        }

        public double[] Widths { get; }
        public double[] Offsets { get; }
        public double Padding { get; }
    }

    private sealed record CellBox(TableCell? Cell, double X, double Width, List<PlacedLine> Lines, double ContentHeight);

    private sealed record RowBox(List<CellBox> Cells, double Padding, bool IsSplit)
    {
        public double Height => Cells.Max(c => c.ContentHeight) + 2 * Padding;
        public bool IsEmpty => Cells.All(c => c.Lines.Count == 0);
    }

    private RowBox LayoutRow(TableRow row, TableGrid grid, Table table)
    {
        var cells = new List<CellBox>(grid.Widths.Length);
        var column = 0;
        var context = new TextContext(table.FontSize ?? documentFontSize);
        foreach (var cell in row.Cells)
        {
            if (column >= grid.Widths.Length)
            {
                throw new ArgumentException($"A table row has more cells than the table's {grid.Widths.Length} columns.");
            }
            var span = Math.Clamp(cell.ColumnSpan, 1, grid.Widths.Length - column);
            var lastColumn = column + span - 1;
            var width = grid.Offsets[lastColumn] + grid.Widths[lastColumn] - grid.Offsets[column];
            var stack = LayoutStack(cell.Paragraphs, Math.Max(1, width - 2 * grid.Padding),
                context with { ForceBold = cell.Bold, Alignment = cell.Alignment });
            cells.Add(new CellBox(cell, grid.Offsets[column], width, stack.Lines, stack.Height));
            column += span;
        }
        for (; column < grid.Widths.Length; column++)
        {
            cells.Add(new CellBox(null, grid.Offsets[column], grid.Widths[column], new List<PlacedLine>(), 0));
        }
        return new RowBox(cells, grid.Padding, false);
    }

    /// <summary>Cuts a row between lines so the first part fits in <paramref name="room"/>; never through a line.</summary>
    private static (RowBox Head, RowBox Tail) SplitRow(RowBox row, double room, bool takeAtLeastOneLine)
    {
        var contentRoom = room - 2 * row.Padding;
        var first = new List<CellBox>(row.Cells.Count);
        var rest = new List<CellBox>(row.Cells.Count);
        foreach (var cell in row.Cells)
        {
            var count = cell.Lines.TakeWhile(l => l.Top + l.Line.Height <= contentRoom + Epsilon).Count();
            if (count == 0 && takeAtLeastOneLine && cell.Lines.Count > 0)
            {
                count = 1;
            }
            var head = cell.Lines.GetRange(0, count);
            var tail = cell.Lines.GetRange(count, cell.Lines.Count - count);
            var headHeight = count == 0 ? 0 : head[^1].Top + head[^1].Line.Height;
            var shift = tail.Count == 0 ? cell.ContentHeight : tail[0].Top;
            first.Add(cell with { Lines = head, ContentHeight = headHeight });
            rest.Add(cell with
            {
                Lines = tail.Select(l => l with { Top = l.Top - shift }).ToList(),
                ContentHeight = tail.Count == 0 ? 0 : cell.ContentHeight - shift,
            });
        }
        return (new RowBox(first, row.Padding, true), new RowBox(rest, row.Padding, true));
    }

    private void DrawRow(RowBox row, Table table)
    {
        var height = row.Height;
        var top = _flow.Y;
        var pen = table.BorderWidthPt > 0 ? new XPen(XColors.Black, table.BorderWidthPt) : null;
        foreach (var cell in row.Cells)
        {
            var x = _flow.Left + cell.X;
            if (pen is not null)
            {
                _flow.Gfx.DrawRectangle(pen, x, top, cell.Width, height);
            }
            var offset = !row.IsSplit && cell.Cell?.VerticalAlignment == VerticalAlignment.Center
                ? (height - 2 * row.Padding - cell.ContentHeight) / 2
                : 0;
            DrawStack(cell.Lines, x + row.Padding, top + row.Padding + offset);
        }
        _flow.Y = top + height;
    }

    private void PlaceTable(Table table)
    {
        if (table.Rows.Count == 0)
        {
            return;
        }
        var grid = new TableGrid(table, _flow.Width);
        var headerCount = Math.Clamp(table.HeaderRowCount, 0, table.Rows.Count);
        // Laid out once and redrawn on every page.
        var headers = table.Rows.Take(headerCount).Select(row => LayoutRow(row, grid, table)).ToList();
        var headerHeight = headers.Sum(h => h.Height);
        var headerOnPage = false;

        void NewPage()
        {
            _flow.NewPage();
            headerOnPage = false;
        }

        void EnsureHeader()
        {
            if (!headerOnPage)
            {
                headers.ForEach(header => DrawRow(header, table));
                headerOnPage = true;
            }
        }

        if (headerCount == table.Rows.Count)
        {
            if (!_flow.AtTop && !_flow.Fits(headerHeight))
            {
                NewPage();
            }
            EnsureHeader();
            return;
        }

        for (var r = headerCount; r < table.Rows.Count; r++)
        {
            var row = LayoutRow(table.Rows[r], grid, table);
            // A row that keeps with the next one (a group heading) needs room for that row too, or its first line
            // when it is taller than a page.
            var follower = table.Rows[r].KeepWithNext && r + 1 < table.Rows.Count ? LayoutRow(table.Rows[r + 1], grid, table) : null;
            var lead = follower is null ? 0
                : headerHeight + row.Height + follower.Height <= _flow.BodyHeight ? follower.Height
                : 2 * follower.Padding + follower.Cells.Max(c => c.Lines.Count > 0 ? c.Lines[0].Line.Height : 0);
            while (true)
            {
                var pending = headerOnPage ? 0 : headerHeight;
                if (lead > 0 && !_flow.AtTop && !_flow.Fits(pending + row.Height + lead)
                    && headerHeight + row.Height + lead <= _flow.BodyHeight + Epsilon)
                {
                    NewPage();
                    continue;
                }
                if (_flow.Fits(pending + row.Height))
                {
                    EnsureHeader();
                    DrawRow(row, table);
                    break;
                }
                var freshPage = _flow.AtTop;
                if (!freshPage && headerHeight + row.Height <= _flow.BodyHeight + Epsilon)
                {
                    NewPage(); // the whole row fits on the next page: move it there
                    continue;
                }
                // Taller than a page: fill this page line by line, continue on the next.
                var (first, rest) = SplitRow(row, _flow.Remaining - pending, takeAtLeastOneLine: freshPage);
                if (first.IsEmpty)
                {
                    NewPage();
                    continue;
                }
                EnsureHeader();
                DrawRow(first, table);
                if (rest.IsEmpty)
                {
                    break;
                }
                NewPage();
                row = rest;
            }
        }
    }
}
