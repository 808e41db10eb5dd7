using static ParIndex.Documents.Tests.PdfTestSupport;

namespace ParIndex.Documents.Tests;

/// <summary>The shape of the department's plan ("Kế hoạch") under Decree 30/2020, as a whole-document smoke test.</summary>
[Trait("Requires", "Poppler")]
[Trait("Requires", "Qpdf")]
public sealed class PlanDocumentTests
{
    internal static Document PlanDocument()
    {
        var document = new Document { FontSize = 13, Title = "Kế hoạch cải thiện Chỉ số cải cách hành chính" };
        var body = document.AddSection();
        body.PageNumbers = new PageNumberStyle();

        var header = body.Add(new TwoColumnBlock());
        header.Left.Add(new Paragraph("UBND TỈNH QUẢNG NINH") { Alignment = TextAlignment.Center, FontSize = 12 });
        header.Left.Add(new Paragraph(new Run("SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG") { Bold = true }) { Alignment = TextAlignment.Center, FontSize = 12 });
        header.Left.RuleAfterParagraph = 1;
        header.Left.RuleWidthMm = 25;
        header.Left.Add(new Paragraph("Số: 125/KH-STNMT") { Alignment = TextAlignment.Center, SpaceBeforePt = 8 });
        header.Right.Add(new Paragraph(new Run("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") { Bold = true }) { Alignment = TextAlignment.Center, FontSize = 12 });
        header.Right.Add(new Paragraph(new Run("Độc lập - Tự do - Hạnh phúc") { Bold = true }) { Alignment = TextAlignment.Center });
        header.Right.RuleAfterParagraph = 1;
        header.Right.Add(new Paragraph(new Run("Quảng Ninh, ngày 15 tháng 3 năm 2023") { Italic = true }) { Alignment = TextAlignment.Center, SpaceBeforePt = 8 });

        body.Add(new Paragraph(new Run("KẾ HOẠCH") { Bold = true }) { Alignment = TextAlignment.Center, SpaceBeforePt = 18 });
        body.Add(new Paragraph(new Run("Cải thiện, nâng cao Chỉ số cải cách hành chính năm 2023") { Bold = true }) { Alignment = TextAlignment.Center, SpaceAfterPt = 12 });
        body.Add(new Paragraph(new Run("I. ĐÁNH GIÁ KẾT QUẢ NĂM 2022") { Bold = true }) { KeepWithNext = true, FirstLineIndentMm = 10, SpaceAfterPt = 6 });
        for (var i = 0; i < 6; i++)
        {
            body.Add(new Paragraph(LongVietnamese) { Alignment = TextAlignment.Justify, FirstLineIndentMm = 10, SpaceAfterPt = 6, LineSpacing = 1.1 });
        }

        var signature = body.Add(new TwoColumnBlock { LeftFraction = 0.5 });
        var recipients = signature.Left.Add(new Paragraph(new Run("Nơi nhận:") { Bold = true, Italic = true, FontSize = 12 }));
        recipients.SpaceBeforePt = 12;
        signature.Left.Add(new Paragraph("- UBND tỉnh (b/c);\n- Các phòng, đơn vị thuộc Sở;\n- Lưu: VT, VP.") { FontSize = 11 });
        signature.Right.Add(new Paragraph(new Run("GIÁM ĐỐC") { Bold = true }) { Alignment = TextAlignment.Center, SpaceBeforePt = 12, SpaceAfterPt = 60 });
        signature.Right.Add(new Paragraph(new Run("Nguyễn Văn Quỹ") { Bold = true }) { Alignment = TextAlignment.Center });

        var appendix = document.AddSection(PageSetup.Landscape());
        appendix.PageNumbers = new PageNumberStyle();
        appendix.Add(new Paragraph(new Run("PHỤ LỤC: NHIỆM VỤ, GIẢI PHÁP") { Bold = true }) { Alignment = TextAlignment.Center, SpaceAfterPt = 6 });
        var table = appendix.Add(new Table { HeaderRowCount = 1, FontSize = 12 });
        table.Columns.Add(TableColumn.Mm(12));
        table.Columns.Add(TableColumn.Relative(4));
        table.Columns.Add(TableColumn.Relative(2));
        table.Columns.Add(TableColumn.Mm(30));
        table.AddRow(
            new TableCell("STT") { Bold = true, Alignment = TextAlignment.Center, VerticalAlignment = VerticalAlignment.Center },
            new TableCell("Nhiệm vụ, giải pháp") { Bold = true, Alignment = TextAlignment.Center, VerticalAlignment = VerticalAlignment.Center },
            new TableCell("Đơn vị chủ trì") { Bold = true, Alignment = TextAlignment.Center, VerticalAlignment = VerticalAlignment.Center },
            new TableCell("Thời gian hoàn thành") { Bold = true, Alignment = TextAlignment.Center });
        table.AddRow(new TableCell("I. CẢI CÁCH THỂ CHẾ") { ColumnSpan = 4, Bold = true });
        for (var i = 1; i <= 40; i++)
        {
            table.AddRow(new TableCell(i.ToString()) { Alignment = TextAlignment.Center },
                new TableCell(new Paragraph(LongVietnamese[..(40 + i * 7 % 200)]) { Alignment = TextAlignment.Justify }),
                new TableCell("Phòng Khoáng sản"),
                new TableCell("Quý II/2023") { Alignment = TextAlignment.Center });
        }
        return document;
    }

    [Fact]
    public void The_plan_renders_with_header_signature_and_landscape_appendix()
    {
        var pdf = DocumentRenderer.Render(PlanDocument());
        var text = Collapse(PdfToText(pdf));

        foreach (var phrase in new[]
                 {
                     "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG",
                     "Cải thiện, nâng cao Chỉ số cải cách hành chính", "Nơi nhận:", "Nguyễn Văn Quỹ", "Phòng Khoáng sản",
                 })
        {
            Assert.Contains(phrase, text);
        }
        using var read = Open(pdf);
        var first = read.GetPage(1);
        var last = read.GetPage(read.NumberOfPages);
        Assert.True(first.Height > first.Width);
        Assert.True(last.Width > last.Height);
        // The header's agency name sits left of the national motto, on the same band at the top.
        var agency = first.Letters.First(l => l.Value == "S");
        var motto = first.Letters.First(l => l.Value == "C");
        Assert.True(agency.StartBaseLine.X < motto.StartBaseLine.X);
        Assert.Equal("Kế hoạch cải thiện Chỉ số cải cách hành chính", read.Information.Title);
        var path = RunTool("qpdf", "qpdf", "--check", WriteTemp(pdf, "plan.pdf"));
        Assert.Equal(0, path.ExitCode);
    }
}
