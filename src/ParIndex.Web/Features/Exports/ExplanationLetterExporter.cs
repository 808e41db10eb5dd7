using ParIndex.Documents;
using ParIndex.Documents.Word;
using ParIndex.Domain.Assessments;
using ParIndex.Domain.Formatting;
using ParIndex.Web.Features.Assessments;
using static ParIndex.Web.Features.Exports.SelfAssessmentExporter;

namespace ParIndex.Web.Features.Exports;

/// <summary>
/// The explanation letter (văn bản giải trình) to Sở Nội vụ: a Decree 30 official letter (công văn: its trích yếu
/// "V/v …" under the number, "Kính gửi", no printed type name) listing each sub-criterion on the year's explanation
/// list with its self score, round-1 score, the explanation and the supplementary evidence. PDF and Word from one document.
/// </summary>
public static class ExplanationLetterExporter
{
    public static string FileName(int year, string extension) => $"cong-van-giai-trinh-cchc-{year}.{extension}";

    public static string Summary(int year) => $"V/v giải trình kết quả thẩm định Chỉ số CCHC năm {year}";

    /// <summary>Why no letter can be written for the year (null when it can).</summary>
    public static string? Refusal(AssessmentDocument document)
    {
        if (!document.ExplanationStarted)
        {
            var starts = document.ExplanationPhase is { } p ? $" (bắt đầu ngày {Vn.Date(p.StartsOn)})" : "";
            return $"Năm {document.Year} chưa đến giai đoạn giải trình{starts}: chưa lập được văn bản giải trình.";
        }
        return document.ExplanationList.Count == 0
            ? $"Năm {document.Year} không có tiêu chí thành phần nào trong danh sách giải trình: không có nội dung để lập văn bản giải trình."
            : null;
    }

    public static byte[] Pdf(AssessmentDocument document) => DocumentRenderer.Render(Compose(document));

    public static byte[] Docx(AssessmentDocument document) => DocxRenderer.Render(Compose(document));

    public static Document Compose(AssessmentDocument source)
    {
        var year = source.Year;
        var agency = source.Agency;
        var agencyInText = Nd30.InText(agency.Name);
        var list = source.ExplanationList;
        var document = new Document { FontSize = Nd30.BodySize, Title = Vn.Nfc($"Giải trình kết quả thẩm định Chỉ số CCHC năm {year}") };
        var body = document.AddSection(new PageSetup { TopMm = 20, BottomMm = 20, LeftMm = 30, RightMm = 15 });
        body.PageNumbers = new PageNumberStyle { FontSize = Nd30.BodySize, FirstNumberedPage = 2 };

        Nd30.AddHeader(body, agency.ParentAgency, agency.Name, $"Số:      /{source.Abbreviation}-VP", agency.Place, null);
        // A công văn has no type name: its trích yếu stands under the number (Decree 30, Phụ lục I, ô 5b).
        var header = body.Blocks.OfType<TwoColumnBlock>().Last();
        header.Left.Add(Nd30.Centered(new Run(Vn.Nfc(Summary(year))) { FontSize = 12 }, size: 12, spaceBefore: 4, balance: true));

        var to = new Paragraph(new Run("Kính gửi: "), new Run("Sở Nội vụ.")) { Alignment = TextAlignment.Center, SpaceBeforePt = 18, SpaceAfterPt = 12 };
        body.Add(to);

        var round1 = source.View.Phases.FirstOrDefault(p => p.Kind == PhaseKind.Appraisal1);
        var when = round1 is null ? "" : $" (kết thúc ngày {Vn.Date(round1.EndsOn)})";
        Text(body, $"{agencyInText} nhận được kết quả thẩm định vòng 1 Chỉ số cải cách hành chính năm {year}{when}. Sau khi rà soát, " +
                   $"{agencyInText} giải trình kết quả thẩm định đối với {list.Count} tiêu chí thành phần như sau:");

        var table = body.Add(new Table { HeaderRowCount = 1, FontSize = 12, CellPaddingMm = 1.2 });
        table.Columns.Add(TableColumn.Mm(11));
        table.Columns.Add(TableColumn.Mm(15));
        table.Columns.Add(TableColumn.Relative(1));
        table.Columns.Add(TableColumn.Mm(17));
        table.Columns.Add(TableColumn.Mm(19));
        table.Columns.Add(TableColumn.Mm(19));
        table.AddRow(Nd30.HeaderCells("STT", "Mã", "Tiêu chí thành phần", "Điểm tối đa", "Điểm tự đánh giá", "Điểm thẩm định vòng 1"));
        var n = 0;
        foreach (var line in list)
            table.AddRow(Nd30.Cell(Count(++n), TextAlignment.Center), Nd30.Cell(line.Code, TextAlignment.Center), Nd30.Cell(line.Name),
                Nd30.Cell(Vn.Points(line.MaxPoints), TextAlignment.Center), Nd30.Cell(Points(line.Self), TextAlignment.Center),
                Nd30.Cell(Points(line.Round1), TextAlignment.Center));

        n = 0;
        foreach (var line in list)
        {
            var notes = source.NotesOf(line.SubCriterionId);
            // Filled line by line: balancing would break a name mid-word pair ("xử / lý") to even out two lines.
            var heading = Nd30.Heading($"{++n}. Tiêu chí thành phần {line.Code}: {Clause(line.Name)}", ParagraphRole.Heading2);
            heading.BalanceLines = false;
            body.Add(heading);
            Text(body, $"- Điểm tối đa: {Vn.Points(line.MaxPoints)}; điểm tự đánh giá: {Points(line.Self)}; điểm thẩm định vòng 1: {Points(line.Round1)}.");
            var explanation = string.IsNullOrWhiteSpace(notes.Explanation) ? "(chưa có nội dung giải trình)" : notes.Explanation;
            var lines = explanation.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            Text(body, $"- Nội dung giải trình: {lines[0]}");
            foreach (var more in lines.Skip(1)) Text(body, more);
            var evidence = EvidenceLines(notes.Of(EvidenceRound.Explanation));
            if (evidence.Count == 0)
            {
                Text(body, "- Tài liệu kiểm chứng bổ sung: không có.");
                continue;
            }
            Text(body, "- Tài liệu kiểm chứng bổ sung:");
            foreach (var item in evidence)
            {
                var paragraph = Nd30.BodyParagraph(new Run(Vn.Nfc($"+ {item}")));
                paragraph.FirstLineIndentMm = Nd30.Indent + 5;
                paragraph.Alignment = TextAlignment.Left; // a link on a line of its own must not stretch the words before it
                body.Add(paragraph);
            }
        }

        Text(body, $"{agencyInText} kính đề nghị Sở Nội vụ xem xét, thẩm định lại điểm các tiêu chí thành phần nêu trên.");
        Nd30.EndText(body);
        Nd30.AddSignature(body, "Như trên;\nLãnh đạo Sở;\nLưu: VT, VP.", agency.SignerTitle, agency.SignerName);
        return document;
    }

    private static string Points(decimal? points) => points is { } p ? Vn.Points(p) : "chưa có";
}
