using System.Net;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.EntityFrameworkCore;
using ParIndex.Domain.Assessments;
using ParIndex.Web.Data.Seed;
using ParIndex.Web.Tests.Infrastructure;
using static ParIndex.Web.Tests.Exports.ExportTestSupport;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace ParIndex.Web.Tests.Exports;

/// <summary>
/// The demo 2022 year with evidence and an explanation recorded, 1.3.2 dropped from the explanation list, and today in
/// 2023's explanation phase (2023 has no score yet).
/// </summary>
public sealed class AssessmentDocumentFixture : IAsyncLifetime
{
    public const string SelfLinkTitle = "Báo cáo CCHC quý III/2022 gửi Sở Nội vụ";
    public const string SelfLinkUrl = "https://stnmt.daknong.gov.vn/van-ban/bao-cao-cchc-quy-3-2022";
    public const string SelfFileTitle = "Quyết định ban hành Kế hoạch CCHC năm 2022";
    public const string SelfFileName = "qd-kh-cchc-2022.pdf";
    public const string Explanation = "Báo cáo quý III/2022 đã gửi qua Hệ thống quản lý văn bản và điều hành ngày 14/9/2022, trước thời hạn; Sở đề nghị xem xét lại điểm.";
    public const string ExplanationEvidenceTitle = "Sổ theo dõi văn bản đi ngày 14/9/2022";
    public const string ExplanationEvidenceUrl = "https://qlvb.daknong.gov.vn/van-ban-di/2022/215";

    public ParIndexFactory Factory { get; } = new();

    public async Task InitializeAsync()
    {
        var at = DateTime.UtcNow;
        await Factory.WithDbAsync(async db =>
        {
            var assessment = await db.Assessments.SingleAsync(a => a.Year == 2022);
            async Task<SubCriterionScore> Score(string code) => await db.Scores.SingleAsync(s => s.AssessmentId == assessment.Id
                && db.SubCriteria.Any(x => x.Id == s.SubCriterionId && x.Code == code));
            var quality = await Score("1.2.2");
            quality.AddEvidence(Evidence.Link(SelfLinkTitle, SelfLinkUrl, EvidenceRound.Self, "test", at));
            quality.SetExplanation(Explanation, "test", at);
            quality.AddEvidence(Evidence.Link(ExplanationEvidenceTitle, ExplanationEvidenceUrl, EvidenceRound.Explanation, "test", at));
            (await Score("1.1.1")).AddEvidence(Evidence.File(SelfFileTitle, SelfFileName, "stored-1", "application/pdf", 1000, EvidenceRound.Self, "test", at));
            (await Score("1.3.2")).DropFromExplanationList("Sở chấp nhận điểm thẩm định", "test", at);
            await db.SaveChangesAsync();

            var year2023 = await db.Assessments.Include(a => a.Phases).SingleAsync(a => a.Year == 2023);
            Factory.Clock.SetToday(year2023.Phase(PhaseKind.Explanation).StartsOn.AddDays(1));
        });
    }

    public async Task<HttpResponseMessage> GetAsync(string url, string? who = null)
    {
        using var client = await Factory.CreateTestClient().SignInAsync(who ?? DemoAccounts.Office);
        var response = await client.Http.GetAsync(url);
        if (response.IsSuccessStatusCode && Environment.GetEnvironmentVariable("PARINDEX_EXPORT_DUMP") is { Length: > 0 } dump)
        {
            Directory.CreateDirectory(dump);
            File.WriteAllBytes(Path.Combine(dump, url.Trim('/').Replace('/', '-')), await response.Content.ReadAsByteArrayAsync());
        }
        return response;
    }

    public async Task<byte[]> BytesAsync(string url, string? who = null)
    {
        var response = await GetAsync(url, who);
        Assert.True(response.IsSuccessStatusCode, $"GET {url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadAsByteArrayAsync();
    }

    public Task DisposeAsync()
    {
        Factory.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>
/// Issue 19: the self-assessment file sent to Sở Nội vụ (Excel; a Decree 30 report as PDF and Word) and the explanation
/// letter (PDF and Word), read back with ClosedXML, PdfPig and the Open XML SDK.
/// </summary>
public sealed class AssessmentDocumentTests(AssessmentDocumentFixture fixture) : IClassFixture<AssessmentDocumentFixture>
{
    private const string Self = "/exports/assessments/2022/self-assessment";
    private const string Letter = "/exports/assessments/2022/explanation";

    private static string PdfText(byte[] pdf)
    {
        using var read = UglyToad.PdfPig.PdfDocument.Open(pdf);
        return Squash(string.Concat(read.GetPages().Select(p => p.Text)));
    }

    private static string DocxText(byte[] docx)
    {
        using var word = WordprocessingDocument.Open(new MemoryStream(docx), false);
        return Squash(string.Join("\n", word.MainDocumentPart!.Document.Body!.Descendants<W.Paragraph>().Select(p => p.InnerText)));
    }

    private static void InOrder(string text, params string[] phrases)
    {
        var at = -1;
        foreach (var phrase in phrases)
        {
            var next = text.IndexOf(Squash(phrase), at + 1, StringComparison.Ordinal);
            Assert.True(next > at, $"'{phrase}' is missing or out of order (searched after index {at}).");
            at = next;
        }
    }

    private Task<string> LostReasonAsync(string code) => fixture.Factory.WithDbAsync(db => db.Scores
        .Where(s => db.Assessments.Any(a => a.Id == s.AssessmentId && a.Year == 2022) && db.SubCriteria.Any(x => x.Id == s.SubCriterionId && x.Code == code))
        .Select(s => s.LostReason!).SingleAsync());

    [Fact]
    public async Task The_year_page_offers_the_self_assessment_file_and_the_explanations_page_the_letter()
    {
        using var client = await fixture.Factory.CreateTestClient().SignInAsync(DemoAccounts.Leadership);
        var year = await client.Http.GetStringAsync("/Assessments/2022");
        foreach (var format in new[] { "xlsx", "pdf", "docx" })
            Assert.Contains($"href=\"{Self}.{format}\"", year);
        var explanations = await client.Http.GetStringAsync("/Assessments/2022/Explanations");
        Assert.Contains($"href=\"{Letter}.pdf\"", explanations);
        Assert.Contains($"href=\"{Letter}.docx\"", explanations);
    }

    [Fact]
    public async Task The_workbook_gives_each_sub_criterion_its_score_reason_and_evidence_and_the_totals_from_the_sheet()
    {
        using var workbook = OpenWorkbook(await fixture.BytesAsync($"{Self}.xlsx"));
        var sheet = workbook.Worksheet("Tự đánh giá 2022");
        Assert.Equal(("Điểm tự đánh giá", "Lý do, giải trình điểm", "Tài liệu kiểm chứng", "Điểm thẩm định"),
            (sheet.Cell(1, 5).GetString(), sheet.Cell(1, 7).GetString(), sheet.Cell(1, 8).GetString(), sheet.Cell(1, 9).GetString()));
        var rows = sheet.RowsUsed().Skip(1).ToList();
        var sub = rows.Where(r => r.Cell(1).GetString() == "Tiêu chí thành phần").ToList();
        Assert.Equal(74, sub.Count);

        var quality = sub.Single(r => r.Cell(2).GetString() == "1.2.2");
        Assert.Equal(0.5m, quality.Cell(5).GetValue<decimal>());
        Assert.Contains(await LostReasonAsync("1.3.2"), sub.Single(r => r.Cell(2).GetString() == "1.3.2").Cell(7).GetString(), StringComparison.Ordinal);
        Assert.Contains("Hội đồng thẩm định không công nhận", quality.Cell(7).GetString(), StringComparison.Ordinal);
        Assert.Contains($"{AssessmentDocumentFixture.SelfLinkTitle} ({AssessmentDocumentFixture.SelfLinkUrl})", quality.Cell(8).GetString(), StringComparison.Ordinal);
        // Supplementary evidence of the explanation belongs to the letter, not to the self-assessment file.
        Assert.DoesNotContain(AssessmentDocumentFixture.ExplanationEvidenceTitle, quality.Cell(8).GetString(), StringComparison.Ordinal);
        Assert.Contains(AssessmentDocumentFixture.SelfFileName, sub.Single(r => r.Cell(2).GetString() == "1.1.1").Cell(8).GetString(), StringComparison.Ordinal);

        // Totals: each area is the sum of its sub-criteria, the total the sum of the areas: 86 claimed, 80,567 appraised.
        var total = rows[^1];
        Assert.Equal("Tổng", total.Cell(1).GetString());
        Assert.Equal((99m, 86m, 80.567m), (total.Cell(4).GetValue<decimal>(), total.Cell(5).GetValue<decimal>(), total.Cell(9).GetValue<decimal>()));
        var areas = rows.Where(r => r.Cell(1).GetString() == "Lĩnh vực").ToList();
        Assert.Equal(7, areas.Count);
        Assert.Equal(80.567m, areas.Sum(a => a.Cell(9).GetValue<decimal>()));
        foreach (var area in areas)
        {
            var code = area.Cell(2).GetString();
            Assert.Equal(area.Cell(5).GetValue<decimal>(), sub.Where(r => r.Cell(2).GetString().StartsWith(code + ".", StringComparison.Ordinal))
                .Sum(r => r.Cell(5).GetValue<decimal>()));
        }

        var evidence = workbook.Worksheet("Tài liệu kiểm chứng").RowsUsed().Skip(1).ToList();
        Assert.Equal(2, evidence.Count);
        Assert.Contains(evidence, r => r.Cell(2).GetString() == "1.1.1" && r.Cell(4).GetString() == AssessmentDocumentFixture.SelfFileTitle
            && r.Cell(5).GetString() == AssessmentDocumentFixture.SelfFileName);
    }

    [Fact]
    public async Task The_pdf_report_is_a_decree_30_report_with_the_total_and_each_score_its_reason_and_evidence()
    {
        var pdf = await fixture.BytesAsync($"{Self}.pdf");
        var pages = PdfWords(pdf);
        Assert.True(pages[0].Width < pages[0].Height && pages[^1].Width > pages[^1].Height, "body portrait, appendix landscape");
        var text = PdfText(pdf);
        InOrder(text,
            "UBND TỈNH ĐẮK NÔNG", "SỞ TÀI NGUYÊN", "VÀ MÔI TRƯỜNG", "Số: /BC-STNMT", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc", "Đắk Nông, ngày tháng năm", "BÁO CÁO",
            "Kết quả tự đánh giá, chấm điểm Chỉ số cải cách hành chính năm 2022",
            "Tổng điểm tự đánh giá: 86/99 điểm", "80,567/99 điểm", "Tổng cộng", "./.", "Nơi nhận:", "Sở Nội vụ", "GIÁM ĐỐC", "Nguyễn Văn Hiệp",
            "PHỤ LỤC", "Lý do, giải trình điểm", "Tài liệu kiểm chứng", "1.1.1", AssessmentDocumentFixture.SelfFileTitle, "1.2.2",
            "Hội đồng thẩm định không công nhận", AssessmentDocumentFixture.SelfLinkTitle, AssessmentDocumentFixture.SelfLinkUrl, "TỔNG ĐIỂM NĂM 2022", "86", "80,567");
        Assert.Contains(Squash(await LostReasonAsync("1.3.2")), text, StringComparison.Ordinal);
        // The header's two columns side by side on the first page's top, the signature not alone on its page.
        var first = pages[0].Lines(w => w.YMax < 60 * PtPerMm);
        Assert.Contains(first, l => l.Text.Contains("UBND", StringComparison.Ordinal) && l.Text.Contains("CỘNG HÒA", StringComparison.Ordinal));
        var signature = pages.First(p => p.Text.Contains("Nơi nhận:", StringComparison.Ordinal));
        Assert.True(signature.Lines(w => w.YMin > 18 * PtPerMm).ToList().FindIndex(l => l.Text.StartsWith("Nơi nhận:", StringComparison.Ordinal)) >= 2);
    }

    [Fact]
    public async Task The_word_report_is_the_same_document()
    {
        var bytes = await fixture.BytesAsync($"{Self}.docx");
        using (var word = WordprocessingDocument.Open(new MemoryStream(bytes), false))
        {
            var sections = word.MainDocumentPart!.Document.Body!.Descendants<W.SectionProperties>().ToList();
            Assert.Equal(2, sections.Count);
            Assert.Equal(W.PageOrientationValues.Landscape, sections[1].GetFirstChild<W.PageSize>()!.Orient!.Value);
        }
        InOrder(DocxText(bytes), "SỞ TÀI NGUYÊN", "BÁO CÁO", "Kết quả tự đánh giá, chấm điểm Chỉ số cải cách hành chính năm 2022",
            "Tổng điểm tự đánh giá: 86/99 điểm", "80,567", "GIÁM ĐỐC", "PHỤ LỤC", "1.2.2", "Hội đồng thẩm định không công nhận",
            AssessmentDocumentFixture.SelfLinkTitle, "TỔNG ĐIỂM NĂM 2022");
    }

    [Theory]
    [InlineData("xlsx")]
    [InlineData("pdf")]
    [InlineData("docx")]
    public async Task A_year_with_no_self_score_is_told_so_in_vietnamese(string format)
    {
        var response = await fixture.GetAsync($"/exports/assessments/2023/self-assessment.{format}", DemoAccounts.UnitHead("VP"));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Năm 2023 chưa có điểm tự đánh giá nào", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/exports/assessments/2040/self-assessment.xlsx")]
    [InlineData("/exports/assessments/2040/self-assessment.pdf")]
    [InlineData("/exports/assessments/2040/explanation.docx")]
    public async Task An_unknown_year_is_not_found(string url)
    {
        var response = await fixture.GetAsync(url);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("năm 2040", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_letter_lists_the_disputed_sub_criteria_with_the_explanation_and_its_evidence_in_pdf_and_word()
    {
        var pdf = await fixture.BytesAsync($"{Letter}.pdf");
        var docx = await fixture.BytesAsync($"{Letter}.docx");
        foreach (var text in new[] { PdfText(pdf), DocxText(docx) })
        {
            InOrder(text, "UBND TỈNH ĐẮK NÔNG", "SỞ TÀI NGUYÊN", "Số: /STNMT-VP", "V/v giải trình kết quả thẩm định Chỉ số CCHC năm 2022",
                "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Kính gửi: Sở Nội vụ", "thẩm định vòng 1", "Điểm thẩm định vòng 1",
                "Tiêu chí thành phần 1.2.2", "điểm tự đánh giá: 0,5; điểm thẩm định vòng 1: 0", AssessmentDocumentFixture.Explanation,
                "Tài liệu kiểm chứng bổ sung", AssessmentDocumentFixture.ExplanationEvidenceTitle, AssessmentDocumentFixture.ExplanationEvidenceUrl,
                "Tiêu chí thành phần 1.2.3", "./.", "Nơi nhận:", "Như trên", "GIÁM ĐỐC", "Nguyễn Văn Hiệp");
            // Dropped from the list: not in the letter. The self-assessment's own evidence is not "supplementary".
            Assert.DoesNotContain(Squash("Tiêu chí thành phần 1.3.2"), text, StringComparison.Ordinal);
            Assert.DoesNotContain(Squash(AssessmentDocumentFixture.SelfLinkUrl), text, StringComparison.Ordinal);
        }
        Assert.True(PdfWords(pdf).All(p => p.Width < p.Height), "a letter is portrait");
    }

    [Fact]
    public async Task A_year_with_nothing_on_the_explanation_list_gets_a_message_not_an_empty_letter()
    {
        var response = await fixture.GetAsync("/exports/assessments/2023/explanation.pdf");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Năm 2023 không có tiêu chí thành phần nào trong danh sách giải trình", await response.Content.ReadAsStringAsync(),
            StringComparison.Ordinal);
    }
}
