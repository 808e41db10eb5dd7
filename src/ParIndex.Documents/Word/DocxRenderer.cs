using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using ParIndex.Documents.Layout;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace ParIndex.Documents.Word;

/// <summary>
/// Turns the same <see cref="Document"/> the PDF is drawn from into a Word document (.docx), for officials who finish
/// a text in Word before it is signed: A4 sections with their margins and orientation, styles for the body, the title
/// and the headings (Times New Roman, with Liberation Serif named as its substitute), two-column blocks as borderless
/// tables, tables whose header rows repeat on every page and whose rows do not split, page numbers centred at the top
/// from the page the document asks for. Word lays out the pages itself; lines the model balances are broken where
/// the PDF breaks them.
/// </summary>
public static class DocxRenderer
{
    public const string FontFamily = "Times New Roman";
    public const string FallbackFamily = "Liberation Serif";

    private const double TwipsPerMm = 1440 / 25.4;
    private const double A4ShortMm = 210;
    private const double A4LongMm = 297;

    public static byte[] Render(Document document)
    {
        using var buffer = new MemoryStream();
        Render(document, buffer);
        return buffer.ToArray();
    }

    public static void Render(Document document, Stream output)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(output);
        if (document.Sections.Count == 0)
        {
            throw new ArgumentException("A document needs at least one section.", nameof(document));
        }

        using var fonts = new FontCache(DocumentFonts.Register());
        using var memory = new MemoryStream();
        using (var word = WordprocessingDocument.Create(memory, WordprocessingDocumentType.Document))
        {
            if (document.Title is { } title)
            {
                word.PackageProperties.Title = TextLayout.Normalize(title);
            }
            var main = word.AddMainDocumentPart();
            AddStyles(main, document.FontSize);
            AddFontTable(main);
            var writer = new Writer(main, fonts, document.FontSize);
            var body = new Body();
            for (var i = 0; i < document.Sections.Count; i++)
            {
                writer.WriteSection(body, document.Sections[i], isFirst: i == 0, isLast: i == document.Sections.Count - 1);
            }
            main.Document = new W.Document(body);
            main.Document.Save();
        }
        memory.Position = 0;
        memory.CopyTo(output);
    }

    private static int Twips(double mm) => (int)Math.Round(mm * TwipsPerMm);

    private static string HalfPoints(double pt) => ((int)Math.Round(pt * 2)).ToString(CultureInfo.InvariantCulture);

    private static RunFonts TimesNewRoman() =>
        new() { Ascii = FontFamily, HighAnsi = FontFamily, ComplexScript = FontFamily, EastAsia = FontFamily };

    private static void AddFontTable(MainDocumentPart main)
    {
        var part = main.AddNewPart<FontTablePart>();
        part.Fonts = new Fonts(
            new Font(
                new AltName { Val = FallbackFamily },
                new Panose1Number { Val = "02020603050405020304" },
                new FontCharSet { Val = "00" },
                new FontFamily { Val = FontFamilyValues.Roman },
                new Pitch { Val = FontPitchValues.Variable })
            { Name = FontFamily },
            new Font(
                new AltName { Val = FontFamily },
                new FontFamily { Val = FontFamilyValues.Roman },
                new Pitch { Val = FontPitchValues.Variable })
            { Name = FallbackFamily });
        part.Fonts.Save();
    }

    private static void AddStyles(MainDocumentPart main, double size)
    {
        var part = main.AddNewPart<StyleDefinitionsPart>();
        var styles = new Styles(
            new DocDefaults(
                new RunPropertiesDefault(new RunPropertiesBaseStyle(TimesNewRoman(), new FontSize { Val = HalfPoints(size) },
                    new FontSizeComplexScript { Val = HalfPoints(size) }, new Languages { Val = "vi-VN" })),
                new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(
                    new SpacingBetweenLines { After = "0", Line = "240", LineRule = LineSpacingRuleValues.Auto }))));
        styles.Append(new Style(
            new StyleName { Val = "Normal" }, new PrimaryStyle(),
            new StyleParagraphProperties(new Justification { Val = JustificationValues.Both }),
            new StyleRunProperties(TimesNewRoman(), new FontSize { Val = HalfPoints(size) }))
        { Type = StyleValues.Paragraph, StyleId = "Normal", Default = true });
        styles.Append(new Style(
            new StyleName { Val = "Title" }, new BasedOn { Val = "Normal" }, new NextParagraphStyle { Val = "Normal" }, new PrimaryStyle(),
            new StyleParagraphProperties(new KeepNext(), new Justification { Val = JustificationValues.Center }),
            new StyleRunProperties(new Bold()))
        { Type = StyleValues.Paragraph, StyleId = "Title" });
        foreach (var (id, name, level) in new[] { ("Heading1", "heading 1", 0), ("Heading2", "heading 2", 1) })
        {
            styles.Append(new Style(
                new StyleName { Val = name }, new BasedOn { Val = "Normal" }, new NextParagraphStyle { Val = "Normal" }, new PrimaryStyle(),
                new StyleParagraphProperties(new KeepNext(), new KeepLines(), new Justification { Val = JustificationValues.Left },
                    new OutlineLevel { Val = level }),
                new StyleRunProperties(new Bold()))
            { Type = StyleValues.Paragraph, StyleId = id });
        }
        styles.Append(new Style(
            new StyleName { Val = "Table Grid" }, new BasedOn { Val = "Normal" },
            new StyleParagraphProperties(new Justification { Val = JustificationValues.Left }))
        { Type = StyleValues.Paragraph, StyleId = "TableText" });
        part.Styles = styles;
        part.Styles.Save();
    }

    private sealed class Writer(MainDocumentPart main, FontCache fonts, double documentFontSize)
    {
        private double _textWidthMm;

        public void WriteSection(Body body, Section section, bool isFirst, bool isLast)
        {
            var setup = section.PageSetup;
            var landscape = setup.Orientation == PageOrientation.Landscape;
            var pageWidth = landscape ? A4LongMm : A4ShortMm;
            var pageHeight = landscape ? A4ShortMm : A4LongMm;
            _textWidthMm = pageWidth - setup.LeftMm - setup.RightMm;

            var elements = new List<OpenXmlElement>();
            for (var i = 0; i < section.Blocks.Count; i++)
            {
                var next = i + 1 < section.Blocks.Count ? section.Blocks[i + 1] : null;
                elements.AddRange(Block(section.Blocks[i], next));
            }

            var properties = new SectionProperties();
            var numbers = section.PageNumbers;
            if (numbers is not null)
            {
                var header = main.AddNewPart<HeaderPart>();
                header.Header = new Header(PageNumberParagraph(numbers));
                header.Header.Save();
                properties.Append(new HeaderReference { Type = HeaderFooterValues.Default, Id = main.GetIdOfPart(header) });
                if (isFirst && numbers.FirstNumberedPage > 1)
                {
                    // Decree 30: no number on the first page.
                    var empty = main.AddNewPart<HeaderPart>();
                    empty.Header = new Header(new W.Paragraph());
                    empty.Header.Save();
                    properties.Append(new HeaderReference { Type = HeaderFooterValues.First, Id = main.GetIdOfPart(empty) });
                }
            }
            properties.Append(new SectionType { Val = SectionMarkValues.NextPage });
            properties.Append(new W.PageSize
            {
                Width = (UInt32Value)(uint)Twips(pageWidth),
                Height = (UInt32Value)(uint)Twips(pageHeight),
                Orient = landscape ? PageOrientationValues.Landscape : PageOrientationValues.Portrait,
            });
            properties.Append(new PageMargin
            {
                Top = Twips(setup.TopMm),
                Bottom = Twips(setup.BottomMm),
                Left = (UInt32Value)(uint)Twips(setup.LeftMm),
                Right = (UInt32Value)(uint)Twips(setup.RightMm),
                Header = (UInt32Value)(uint)Twips(numbers?.TopOffsetMm ?? 10),
                Footer = (UInt32Value)(uint)Twips(10),
                Gutter = 0,
            });
            if (isFirst && numbers is { FirstNumberedPage: > 1 })
            {
                properties.Append(new TitlePage());
            }

            if (isLast)
            {
                body.Append(elements);
                body.Append(properties);
                return;
            }
            // A section other than the last ends with a paragraph that carries its properties.
            var end = new W.Paragraph(new ParagraphProperties(
                new SpacingBetweenLines { Before = "0", After = "0", Line = "20", LineRule = LineSpacingRuleValues.Exact },
                properties));
            body.Append(elements);
            body.Append(end);
        }

        /// <summary>The number as a PAGE field, with the text the format puts around it ("{0}" only; a page count is not offered).</summary>
        private static W.Paragraph PageNumberParagraph(PageNumberStyle style)
        {
            var parts = style.Format.Split("{0}");
            var paragraph = new W.Paragraph(new ParagraphProperties(new Justification { Val = JustificationValues.Center }));
            RunProperties Props()
            {
                var properties = new RunProperties(TimesNewRoman());
                if (style.Bold)
                {
                    properties.Append(new Bold());
                }
                if (style.Italic)
                {
                    properties.Append(new Italic());
                }
                properties.Append(new FontSize { Val = HalfPoints(style.FontSize) });
                return properties;
            }
            void Text(string text)
            {
                if (text.Length > 0)
                {
                    paragraph.Append(new W.Run(Props(), new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
                }
            }
            Text(parts[0]);
            paragraph.Append(new W.Run(Props(), new FieldChar { FieldCharType = FieldCharValues.Begin }));
            paragraph.Append(new W.Run(Props(), new FieldCode(" PAGE ") { Space = SpaceProcessingModeValues.Preserve }));
            paragraph.Append(new W.Run(Props(), new FieldChar { FieldCharType = FieldCharValues.Separate }));
            paragraph.Append(new W.Run(Props(), new Text("2")));
            paragraph.Append(new W.Run(Props(), new FieldChar { FieldCharType = FieldCharValues.End }));
            Text(string.Join("", parts.Skip(1)));
            return paragraph;
        }

        private IEnumerable<OpenXmlElement> Block(Block block, Block? next)
        {
            switch (block)
            {
                case Paragraph paragraph:
                    yield return Paragraph(paragraph, new Context(documentFontSize, null, false), _textWidthMm);
                    if (paragraph.RuleBelowMm is { } rule)
                    {
                        yield return Rule(rule, _textWidthMm, 0);
                    }
                    break;
                case Table table:
                    yield return Table(table);
                    // Two tables in a row would merge into one in Word.
                    if (next is Table)
                    {
                        yield return new W.Paragraph(new ParagraphProperties(new SpacingBetweenLines { After = "0" }));
                    }
                    break;
                case TwoColumnBlock columns:
                    yield return Columns(columns);
                    break;
                case Spacer spacer:
                    yield return new W.Paragraph(new ParagraphProperties(new SpacingBetweenLines
                    {
                        Before = "0",
                        After = "0",
                        Line = Twips(spacer.HeightMm).ToString(CultureInfo.InvariantCulture),
                        LineRule = LineSpacingRuleValues.Exact,
                    }));
                    break;
                case PageBreak:
                    yield return new W.Paragraph(new W.Run(new Break { Type = BreakValues.Page }));
                    break;
                default:
                    throw new NotSupportedException($"Unknown block type {block.GetType().Name}.");
            }
        }

        private readonly record struct Context(double FontSize, TextAlignment? Alignment, bool Bold, bool KeepWithNext = false);

        private W.Paragraph Paragraph(Paragraph paragraph, Context context, double widthMm)
        {
            var size = paragraph.FontSize ?? context.FontSize;
            var properties = new ParagraphProperties();
            var style = paragraph.Role switch
            {
                ParagraphRole.Title => "Title",
                ParagraphRole.Heading1 => "Heading1",
                ParagraphRole.Heading2 => "Heading2",
                _ => null,
            };
            if (style is not null)
            {
                properties.Append(new ParagraphStyleId { Val = style });
            }
            if (paragraph.KeepWithNext || context.KeepWithNext)
            {
                properties.Append(new KeepNext());
            }
            properties.Append(new SpacingBetweenLines
            {
                Before = Twentieths(paragraph.SpaceBeforePt),
                After = Twentieths(paragraph.SpaceAfterPt),
                Line = ((int)Math.Round(240 * paragraph.LineSpacing)).ToString(CultureInfo.InvariantCulture),
                LineRule = LineSpacingRuleValues.Auto,
            });
            var indent = Twips(paragraph.FirstLineIndentMm);
            if (indent > 0)
            {
                properties.Append(new Indentation { FirstLine = indent.ToString(CultureInfo.InvariantCulture) });
            }
            else if (indent < 0)
            {
                properties.Append(new Indentation { Left = (-indent).ToString(CultureInfo.InvariantCulture), Hanging = (-indent).ToString(CultureInfo.InvariantCulture) });
            }
            properties.Append(new Justification
            {
                Val = (context.Alignment ?? paragraph.Alignment) switch
                {
                    TextAlignment.Center => JustificationValues.Center,
                    TextAlignment.Right => JustificationValues.Right,
                    TextAlignment.Justify => JustificationValues.Both,
                    _ => JustificationValues.Left,
                }
            });
            var element = new W.Paragraph(properties);

            var runs = paragraph.BalanceLines ? BalancedRuns(paragraph, context, widthMm) : paragraph.Runs;
            foreach (var run in runs)
            {
                AppendRun(element, run, size, context.Bold);
            }
            return element;
        }

        /// <summary>
        /// The PDF's balanced lines, as one run with a line break between them (a paragraph in one style, as the
        /// agency name or a title is); a paragraph of several styles keeps its runs and Word breaks it.
        /// </summary>
        private List<Run> BalancedRuns(Paragraph paragraph, Context context, double widthMm)
        {
            var first = paragraph.Runs.FirstOrDefault();
            var oneStyle = first is not null && paragraph.Runs.All(r =>
                r.Bold == first.Bold && r.Italic == first.Italic && r.Underline == first.Underline && r.FontSize == first.FontSize);
            if (!oneStyle)
            {
                return paragraph.Runs.ToList();
            }
            var laid = TextLayout.Layout(paragraph, widthMm * Units.PtPerMm, new TextContext(context.FontSize, context.Bold, context.Alignment), fonts);
            var text = string.Join("\n", laid.Lines.Select(line =>
                string.Concat(line.Pieces.Select((piece, i) => (i > 0 && piece.Gap > 0 ? " " : "") + piece.Text))));
            return [new Run(text) { Bold = first!.Bold, Italic = first.Italic, Underline = first.Underline, FontSize = first.FontSize }];
        }

        private static void AppendRun(W.Paragraph paragraph, Run run, double size, bool forceBold)
        {
            var lines = TextLayout.Normalize(run.Text).Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                var properties = new RunProperties();
                if (run.Bold || forceBold)
                {
                    properties.Append(new Bold());
                }
                if (run.Italic)
                {
                    properties.Append(new Italic());
                }
                if (run.Underline)
                {
                    properties.Append(new Underline { Val = UnderlineValues.Single });
                }
                var runSize = HalfPoints(run.FontSize ?? size);
                properties.Append(new FontSize { Val = runSize });
                properties.Append(new FontSizeComplexScript { Val = runSize });
                var element = new W.Run(properties);
                if (i > 0)
                {
                    element.Append(new Break());
                }
                if (lines[i].Length > 0)
                {
                    element.Append(new Text(lines[i]) { Space = SpaceProcessingModeValues.Preserve });
                }
                paragraph.Append(element);
            }
        }

        private static string Twentieths(double pt) => ((int)Math.Round(pt * 20)).ToString(CultureInfo.InvariantCulture);

        /// <summary>A short centred rule: an empty, nearly zero-height paragraph whose indents leave the rule's length.</summary>
        private static W.Paragraph Rule(double ruleMm, double widthMm, double spaceAfterPt)
        {
            var side = Twips(Math.Max(0, (widthMm - ruleMm) / 2)).ToString(CultureInfo.InvariantCulture);
            return new W.Paragraph(new ParagraphProperties(
                new KeepNext(),
                new ParagraphBorders(new TopBorder { Val = BorderValues.Single, Size = 6, Space = 1, Color = "000000" }),
                new SpacingBetweenLines { Before = "0", After = Twentieths(spaceAfterPt), Line = "60", LineRule = LineSpacingRuleValues.Exact },
                new Indentation { Left = side, Right = side },
                new ParagraphMarkRunProperties(new FontSize { Val = "4" })));
        }

        private W.Table Columns(TwoColumnBlock block)
        {
            var fraction = Math.Clamp(block.LeftFraction, 0.05, 0.95);
            var widths = new[] { _textWidthMm * fraction, _textWidthMm * (1 - fraction) };
            var table = new W.Table(new TableProperties(
                new TableWidth { Width = Twips(_textWidthMm).ToString(CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa },
                new TableLayout { Type = TableLayoutValues.Fixed },
                new TableBorders(
                    new TopBorder { Val = BorderValues.None }, new BottomBorder { Val = BorderValues.None },
                    new LeftBorder { Val = BorderValues.None }, new RightBorder { Val = BorderValues.None },
                    new InsideHorizontalBorder { Val = BorderValues.None }, new InsideVerticalBorder { Val = BorderValues.None }),
                new TableCellMarginDefault(
                    new TableCellLeftMargin { Width = 0, Type = TableWidthValues.Dxa },
                    new TableCellRightMargin { Width = 0, Type = TableWidthValues.Dxa }),
                new TableLook { Val = "0000" }));
            table.Append(new W.TableGrid(widths.Select(w => new GridColumn { Width = Twips(w).ToString(CultureInfo.InvariantCulture) })));
            var row = new W.TableRow(new TableRowProperties(new CantSplit()));
            foreach (var (stack, width) in new[] { (block.Left, widths[0]), (block.Right, widths[1]) })
            {
                var cell = new W.TableCell(new W.TableCellProperties(
                    new TableCellWidth { Width = Twips(width).ToString(CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa }));
                for (var i = 0; i < stack.Paragraphs.Count; i++)
                {
                    cell.Append(Paragraph(stack.Paragraphs[i], new Context(documentFontSize, null, false, KeepWithNext: true), width));
                    if (stack.RuleAfterParagraph == i)
                    {
                        var ruleMm = stack.RuleWidthMm ?? WidestLineMm(stack.Paragraphs[i], width);
                        cell.Append(Rule(ruleMm, width, 0));
                    }
                }
                if (stack.Paragraphs.Count == 0)
                {
                    cell.Append(new W.Paragraph());
                }
                row.Append(cell);
            }
            table.Append(row);
            return table;
        }

        private double WidestLineMm(Paragraph paragraph, double widthMm)
        {
            var laid = TextLayout.Layout(paragraph, widthMm * Units.PtPerMm, new TextContext(documentFontSize), fonts);
            return laid.Lines.Count == 0 ? widthMm / 3 : laid.Lines.Max(l => l.Width) / Units.PtPerMm;
        }

        private W.Table Table(Table table)
        {
            if (table.Columns.Count == 0)
            {
                throw new ArgumentException("A table needs at least one column.");
            }
            var fixedTotal = table.Columns.Where(c => c.IsMm).Sum(c => c.Value);
            var weights = table.Columns.Where(c => !c.IsMm).Sum(c => c.Value);
            var share = Math.Max(0, _textWidthMm - fixedTotal);
            var widths = table.Columns.Select(c => c.IsMm ? c.Value : share * c.Value / weights).ToArray();
            var border = (uint)Math.Max(2, Math.Round(table.BorderWidthPt * 8));
            var value = table.BorderWidthPt > 0 ? BorderValues.Single : BorderValues.None;
            var padding = Twips(table.CellPaddingMm);

            var element = new W.Table(new TableProperties(
                new TableWidth { Width = Twips(widths.Sum()).ToString(CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa },
                new TableLayout { Type = TableLayoutValues.Fixed },
                new TableBorders(
                    new TopBorder { Val = value, Size = border }, new BottomBorder { Val = value, Size = border },
                    new LeftBorder { Val = value, Size = border }, new RightBorder { Val = value, Size = border },
                    new InsideHorizontalBorder { Val = value, Size = border }, new InsideVerticalBorder { Val = value, Size = border }),
                new TableCellMarginDefault(
                    new TopMargin { Width = padding.ToString(CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa },
                    new TableCellLeftMargin { Width = (short)padding, Type = TableWidthValues.Dxa },
                    new BottomMargin { Width = padding.ToString(CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa },
                    new TableCellRightMargin { Width = (short)padding, Type = TableWidthValues.Dxa }),
                new TableLook { Val = "0000" }));
            element.Append(new W.TableGrid(widths.Select(w => new GridColumn { Width = Twips(w).ToString(CultureInfo.InvariantCulture) })));

            var size = table.FontSize ?? documentFontSize;
            for (var r = 0; r < table.Rows.Count; r++)
            {
                var row = table.Rows[r];
                var rowProperties = new TableRowProperties(new CantSplit());
                if (r < table.HeaderRowCount)
                {
                    rowProperties.Append(new TableHeader());
                }
                var tableRow = new W.TableRow(rowProperties);
                var column = 0;
                foreach (var cell in row.Cells)
                {
                    if (column >= widths.Length)
                    {
                        throw new ArgumentException($"A table row has more cells than the table's {widths.Length} columns.");
                    }
                    var span = Math.Clamp(cell.ColumnSpan, 1, widths.Length - column);
                    var width = widths.Skip(column).Take(span).Sum();
                    var cellProperties = new W.TableCellProperties(
                        new TableCellWidth { Width = Twips(width).ToString(CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa });
                    if (span > 1)
                    {
                        cellProperties.Append(new GridSpan { Val = span });
                    }
                    if (cell.VerticalAlignment == VerticalAlignment.Center)
                    {
                        cellProperties.Append(new TableCellVerticalAlignment { Val = TableVerticalAlignmentValues.Center });
                    }
                    var tableCell = new W.TableCell(cellProperties);
                    var context = new Context(size, cell.Alignment, cell.Bold, KeepWithNext: row.KeepWithNext);
                    foreach (var paragraph in cell.Paragraphs)
                    {
                        tableCell.Append(Paragraph(paragraph, context, width - 2 * table.CellPaddingMm));
                    }
                    if (cell.Paragraphs.Count == 0)
                    {
                        tableCell.Append(new W.Paragraph());
                    }
                    tableRow.Append(tableCell);
                    column += span;
                }
                for (; column < widths.Length; column++)
                {
                    tableRow.Append(new W.TableCell(new W.TableCellProperties(
                        new TableCellWidth { Width = Twips(widths[column]).ToString(CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa }),
                        new W.Paragraph()));
                }
                element.Append(tableRow);
            }
            return element;
        }
    }
}
