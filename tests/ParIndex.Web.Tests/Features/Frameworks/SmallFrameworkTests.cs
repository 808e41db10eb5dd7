using System.Net;
using System.Text.Json;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using ParIndex.Domain.Frameworks;
using ParIndex.Web.Data.Seed;
using ParIndex.Web.Features.Frameworks;
using ParIndex.Web.Tests.Infrastructure;
using static ParIndex.Web.Tests.Features.Frameworks.FrameworkTestSupport;

namespace ParIndex.Web.Tests.Features.Frameworks;

/// <summary>
/// Issue 14: "A second, small test framework exercises survey, not-applicable, bonus and bands end to end: totals, pages,
/// Excel, API and the plan's text." The framework arrives as a workbook through the import page; everything after it is
/// entered through the pages, and every figure below is computed by hand in the comments.
/// </summary>
public sealed class SmallFrameworkTests : IDisposable
{
    private const int Year = 2030;
    private readonly ParIndexFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    /// <summary>
    /// Two areas, five sub-criteria (20 points), a survey group of 5 points, the not-applicable rule "quy đổi", a bonus cap
    /// of 1,5 and a deduction cap of 2, bands on points (Xuất sắc 23, above the criteria's 20 and within the index's 25, Tốt 16, Khá 13, Trung bình 10) and a 100-point scale.
    /// </summary>
    internal static byte[] SmallWorkbook()
    {
        using var book = new XLWorkbook();
        var table = book.Worksheets.Add(FrameworkWorkbook.SheetName);
        for (var c = 0; c < FrameworkTable.Columns.Count; c++) table.Cell(1, c + 1).SetValue(FrameworkTable.Columns[c]);
        string[][] rows =
        [
            [FrameworkTable.AreaLevel, "1", "Công tác chỉ đạo, điều hành", ""],
            [FrameworkTable.CriterionLevel, "1.1", "Kế hoạch cải cách hành chính", ""],
            [FrameworkTable.SubCriterionLevel, "1.1.1", "Ban hành kế hoạch cải cách hành chính năm", "4"],
            [FrameworkTable.SubCriterionLevel, "1.1.2", "Báo cáo cải cách hành chính định kỳ", "3"],
            [FrameworkTable.CriterionLevel, "1.2", "Kiểm tra cải cách hành chính", ""],
            [FrameworkTable.SubCriterionLevel, "1.2.1", "Kiểm tra các đơn vị trực thuộc", "3"],
            [FrameworkTable.AreaLevel, "2", "Cải cách thủ tục hành chính", ""],
            [FrameworkTable.CriterionLevel, "2.1", "Giải quyết thủ tục hành chính", ""],
            [FrameworkTable.SubCriterionLevel, "2.1.1", "Công khai thủ tục hành chính", "6"],
            [FrameworkTable.SubCriterionLevel, "2.1.2", "Số hóa hồ sơ thủ tục hành chính", "4"],
        ];
        for (var r = 0; r < rows.Length; r++)
        {
            for (var c = 0; c < rows[r].Length; c++) table.Cell(r + 2, c + 1).SetValue(rows[r][c]);
            if (rows[r][0] == FrameworkTable.SubCriterionLevel)
            {
                table.Cell(r + 2, 5).SetValue("Nhập điểm");
                table.Cell(r + 2, 7).SetValue("VP");
            }
        }
        var bands = book.Worksheets.Add(FrameworkWorkbook.BandsSheetName);
        // Numbers as Vietnamese writes them in a text cell (1,5) are read as numbers too.
        (string Label, string Value)[] cells =
        [
            ("Tính trên", "số điểm"), ("Xuất sắc từ", "23"), ("Tốt từ", "16"), ("Khá từ", "13"), ("Trung bình từ", "10"), ("Quy đổi sang thang", "100"),
            ("Tiêu chí không áp dụng", "quy đổi"), ("Điểm thưởng tối đa", "1,5"), ("Điểm trừ tối đa", "2"),
        ];
        for (var i = 0; i < cells.Length; i++)
        {
            bands.Cell(i + 2, 1).SetValue(cells[i].Label);
            bands.Cell(i + 2, 2).SetValue(cells[i].Value);
        }
        var survey = book.Worksheets.Add(FrameworkWorkbook.SurveySheetName);
        survey.Cell(1, 1).SetValue("Nhóm câu hỏi");
        survey.Cell(1, 2).SetValue("Điểm tối đa");
        survey.Cell(2, 1).SetValue("Mức độ hài lòng của người dân (SIPAS)");
        survey.Cell(2, 2).SetValue(5);
        using var output = new MemoryStream();
        book.SaveAs(output);
        return output.ToArray();
    }

    private async Task ScoreAsync(TestClient client, string code, string score, string lostReason = "")
    {
        var id = await _factory.SubCriterionIdAsync(Year, code);
        var response = await client.SubmitAsync($"/Assessments/{Year}/Score/{id}", "#score-form", new() { ["Input.Score"] = score, ["Input.LostReason"] = lostReason });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task A_small_framework_imported_from_a_table_gives_the_same_index_on_the_page_the_workbook_the_api_and_the_plan()
    {
        using var client = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Office);
        var imported = await ImportAsync(client, SmallWorkbook(), Year, "Bộ tiêu chí thử nghiệm năm 2030");
        Assert.Equal(HttpStatusCode.Redirect, imported.StatusCode);
        await OpenAssessmentAsync(client, Year);

        var na = await _factory.SubCriterionIdAsync(Year, "1.2.1");
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync($"/Frameworks/{Year}", $"#na-{na}",
            new() { ["NotApplicable.Reason"] = "Sở không có đơn vị trực thuộc phải kiểm tra" })).StatusCode);
        await ScoreAsync(client, "1.1.1", "3", "Kế hoạch ban hành chậm");
        await ScoreAsync(client, "1.1.2", "2", "Thiếu báo cáo quý III");
        await ScoreAsync(client, "2.1.1", "4", "Chưa công khai đủ thủ tục");
        await ScoreAsync(client, "2.1.2", "2", "Số hóa chưa đạt yêu cầu");
        var group = await _factory.WithDbAsync(db => db.SurveyGroups.AsNoTracking().SingleAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync($"/Frameworks/{Year}", $"#survey-{group.Id}",
            new() { ["Survey.Points"] = "3,5", ["Survey.Source"] = "Quyết định 77/QĐ-UBND", ["Survey.PublishedOn"] = "10/11/2026" })).StatusCode);
        await AddAdjustmentAsync(client, Year, "Bonus", "2", "Sáng kiến một cửa liên thông", "QĐ 12/QĐ-STNMT");
        await AddAdjustmentAsync(client, Year, "Deduction", "1", "Chậm gửi báo cáo năm");

        // Criteria: 3 + 2 + 4 + 2 = 11 of the 17 applicable points (20 less 1.2.1's 3), rescaled: 11 ÷ 17 × 20 = 12,941.
        // Index: 12,941 + 3,5 (survey, of 5) + min(2, 1,5) (bonus) − min(1, 2) (deduction) = 16,941 of 20 + 5 = 25.
        // 16,941 ÷ 25 = 67,764 %, shown 67,76 %; on the 100-point scale 67,764. On the year's bands on points (Tốt from 16)
        // it is Tốt, where the default bands on percent would have said Khá (65 ≤ 67,76 < 80).
        var page = await client.GetDocumentAsync($"/Assessments/{Year}");
        Assert.Equal("11/17", page.QuerySelector("[data-testid=total-final]")!.TextContent.Trim());
        Assert.Equal("Chỉ số (gồm các phần khác): 16,941/25", page.QuerySelector("[data-testid=total-index]")!.TextContent.Trim());
        Assert.StartsWith("67,76% · xếp loại Tốt", page.QuerySelector("[data-testid=total-classification]")!.TextContent.Trim());
        Assert.Equal("quy đổi 67,764/100 điểm", page.QuerySelector("[data-testid=total-on-scale]")!.TextContent.Trim());
        Assert.StartsWith("Không tính 1 tiêu chí thành phần không áp dụng (3 điểm): 11 ÷ 17 × 20 = 12,941 điểm.",
            page.QuerySelector("[data-testid=rescale-text]")!.TextContent.Trim());
        Assert.Equal("Điểm tiêu chí 12,941/20 + điều tra xã hội học 3,5/5 + điểm thưởng 1,5 (tối đa 1,5; tổng đề nghị 2) − điểm trừ 1 = 16,941/25 điểm.",
            page.QuerySelector("[data-testid=parts-text]")!.TextContent.Trim());

        using var workbook = new XLWorkbook(new MemoryStream(await client.Http.GetByteArrayAsync($"/exports/assessments/{Year}/scores.xlsx")));
        var rows = workbook.Worksheet(1).RowsUsed().ToList();
        IXLRow Row(string kind) => rows.Single(r => r.Cell(1).GetString() == kind);
        Assert.Equal(11m, Row("Tổng").Cell(8).GetValue<decimal>());
        Assert.Equal(("1.2.1", 3m), (Row("Không áp dụng").Cell(2).GetString(), Row("Không áp dụng").Cell(4).GetValue<decimal>()));
        Assert.Equal(("Mức độ hài lòng của người dân (SIPAS)", 5m, 3.5m),
            (Row("Điều tra xã hội học").Cell(3).GetString(), Row("Điều tra xã hội học").Cell(4).GetValue<decimal>(), Row("Điều tra xã hội học").Cell(8).GetValue<decimal>()));
        Assert.Equal(("Đề nghị 2, tối đa 1,5", 1.5m), (Row("Điểm thưởng").Cell(3).GetString(), Row("Điểm thưởng").Cell(8).GetValue<decimal>()));
        Assert.Equal(-1m, Row("Điểm trừ").Cell(8).GetValue<decimal>());
        Assert.Equal((25m, 16.941m), (Row("Kết quả").Cell(4).GetValue<decimal>(), Row("Kết quả").Cell(8).GetValue<decimal>()));
        Assert.Equal(("Xếp loại theo ngưỡng của năm 2030: Xuất sắc từ 23 điểm, Tốt từ 16 điểm, Khá từ 13 điểm, Trung bình từ 10 điểm, dưới 10 điểm: Yếu", "Tốt"),
            (Row("Xếp loại").Cell(3).GetString(), Row("Xếp loại").Cell(8).GetString()));
        Assert.Equal((100m, 67.764m), (Row("Quy đổi").Cell(4).GetValue<decimal>(), Row("Quy đổi").Cell(8).GetValue<decimal>()));

        using var api = JsonDocument.Parse(await client.Http.GetStringAsync($"/api/v1/assessments/{Year}"));
        var index = api.RootElement.GetProperty("index");
        decimal D(string name) => index.GetProperty(name).GetDecimal();
        Assert.Equal((16.941m, 25m, 67.76m, "Tốt", 100m, 67.764m),
            (D("total"), D("maxPoints"), D("percent"), index.GetProperty("classification").GetString(), D("scale"), D("totalOnScale")));
        Assert.Equal((20m, 17m, 11m, 12.941m, "RescaleToFullMax"),
            (D("criteriaMaxPoints"), D("applicableMaxPoints"), D("criteriaPoints"), D("criteriaResult"), index.GetProperty("notApplicableRule").GetString()));
        Assert.Equal((3.5m, 5m, 2m, 1.5m, 1.5m, 1m, 2m, 1m),
            (D("surveyPoints"), D("surveyMaxPoints"), D("bonus"), D("bonusCap"), D("bonusCounted"), D("deduction"), D("deductionCap"), D("deductionCounted")));
        Assert.Equal(("Points", 16m), (index.GetProperty("bands").GetProperty("basis").GetString(), index.GetProperty("bands").GetProperty("good").GetDecimal()));
        Assert.Equal("1.2.1", Assert.Single(index.GetProperty("notApplicable").EnumerateArray()).GetProperty("code").GetString());

        // The plan for 2031, drafted from 2030's result as the Office does it (the framework copied, the round-1 appraisal still missing).
        var plan = await client.SubmitAsync("/Plans", "[data-testid=plan-create-form]",
            new() { ["Input.Year"] = "2031", ["Input.CopyFramework"] = "true", ["Input.ConfirmIncomplete"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, plan.StatusCode);
        var evaluation = await _factory.WithDbAsync(db => db.Plans.Where(p => p.TargetYear == 2031).Select(p => p.Evaluation).SingleAsync());
        Assert.StartsWith("Tổng điểm chỉ số CCHC năm 2030 đạt 16,941/25 điểm, xếp loại tốt. "
            + "Chỉ số gồm điểm các tiêu chí (20 điểm), điều tra xã hội học 3,5/5 điểm, điểm thưởng 1,5 điểm, điểm trừ 1 điểm: tổng 16,941/25 điểm. "
            + "Chỉ số cụ thể đối với từng lĩnh vực như sau:", evaluation);
        Assert.Contains("* Tiêu chí thành phần 1.1.1 Ban hành kế hoạch cải cách hành chính năm đạt 3/4 điểm (mất 1 điểm), kế hoạch ban hành chậm", evaluation);
        Assert.Contains("* Tiêu chí thành phần 2.1.2 Số hóa hồ sơ thủ tục hành chính đạt 2/4 điểm (mất 2 điểm), số hóa chưa đạt yêu cầu", evaluation);
        Assert.DoesNotContain("1.2.1", evaluation);
    }
}
