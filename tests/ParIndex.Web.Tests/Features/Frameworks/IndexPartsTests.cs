using System.Globalization;
using System.Net;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using ParIndex.Web.Data.Seed;
using ParIndex.Web.Features.Assessments;
using ParIndex.Web.Features.Plans;
using ParIndex.Web.Tests.Infrastructure;
using YearModel = ParIndex.Web.Features.Frameworks.YearModel;

namespace ParIndex.Web.Tests.Features.Frameworks;

/// <summary>Issue 14: survey groups, bonus points and deductions as parts of a year's framework, entered by the Office and read by every output.</summary>
public sealed class IndexPartsTests : IDisposable
{
    private readonly ParIndexFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Office_enters_a_survey_group_a_bonus_over_its_cap_and_a_deduction_and_the_page_api_workbook_and_plan_show_the_same_total()
    {
        using var client = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Office);

        await FrameworkTestSupport.SetBandsAsync(client, 2022, new() { ["Bands.UseDefault"] = "true", ["Bands.BonusCap"] = "2", ["Bands.DeductionCap"] = "" });
        await FrameworkTestSupport.AddSurveyAsync(client, 2022, "Mức độ hài lòng (SIPAS)", "30", "20,5", "Quyết định 123/QĐ-UBND", "15/03/2023");
        await FrameworkTestSupport.AddAdjustmentAsync(client, 2022, "Bonus", "3", "Sáng kiến cải cách", "QĐ 45/QĐ-STNMT");
        await FrameworkTestSupport.AddAdjustmentAsync(client, 2022, "Deduction", "1", "Chậm báo cáo");

        var group = await _factory.WithDbAsync(db => db.SurveyGroups.AsNoTracking().SingleAsync());
        Assert.Equal((30m, 20.5m, "Quyết định 123/QĐ-UBND", new DateOnly(2023, 3, 15)), (group.MaxPoints, group.Points!.Value, group.Source, group.PublishedOn!.Value));
        var audit = await _factory.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == "SurveyGroup" && a.EntityId == group.Id.ToString(CultureInfo.InvariantCulture)).ToListAsync());
        Assert.Contains(audit, a => a.UserName == "Trần Thị Văn Phòng");

        // 80,567 (criteria) + 20,5 (survey) + min(3, 2) (bonus) − 1 (deduction) = 102,067 of 99 + 30 = 129: 79,12 %, Khá.
        var page = await client.GetDocumentAsync("/Assessments/2022");
        Assert.Equal("80,567/99", page.QuerySelector("[data-testid=total-final]")!.TextContent.Trim());
        Assert.Equal("Chỉ số (gồm các phần khác): 102,067/129", page.QuerySelector("[data-testid=total-index]")!.TextContent.Trim());
        Assert.StartsWith("79,12% · xếp loại Khá", page.QuerySelector("[data-testid=total-classification]")!.TextContent.Trim());
        Assert.Equal("Điểm tiêu chí 80,567/99 + điều tra xã hội học 20,5/30 + điểm thưởng 2 (tối đa 2; tổng đề nghị 3) − điểm trừ 1 = 102,067/129 điểm.",
            page.QuerySelector("[data-testid=parts-text]")!.TextContent.Trim());
        var framework = await client.GetDocumentAsync("/Frameworks/2022");
        Assert.Contains("Quyết định 123/QĐ-UBND", framework.QuerySelector("[data-testid=surveys]")!.TextContent);
        Assert.Contains("15/03/2023", framework.QuerySelector("[data-testid=surveys]")!.TextContent);
        Assert.Contains("Sáng kiến cải cách", framework.QuerySelector("[data-testid=adjustments]")!.TextContent);

        using var api = JsonDocument.Parse(await client.Http.GetStringAsync("/api/v1/assessments/2022"));
        var index = api.RootElement.GetProperty("index");
        Assert.Equal((102.067m, 129m, "Khá"), (index.GetProperty("total").GetDecimal(), index.GetProperty("maxPoints").GetDecimal(), index.GetProperty("classification").GetString()));
        Assert.Equal((20.5m, 30m, 3m, 2m, 2m, 1m), (index.GetProperty("surveyPoints").GetDecimal(), index.GetProperty("surveyMaxPoints").GetDecimal(),
            index.GetProperty("bonus").GetDecimal(), index.GetProperty("bonusCap").GetDecimal(), index.GetProperty("bonusCounted").GetDecimal(),
            index.GetProperty("deductionCounted").GetDecimal()));

        using var workbook = new XLWorkbook(new MemoryStream(await client.Http.GetByteArrayAsync("/exports/assessments/2022/scores.xlsx")));
        var rows = workbook.Worksheet(1).RowsUsed().ToList();
        Assert.Equal(20.5m, rows.Single(r => r.Cell(1).GetString() == "Điều tra xã hội học").Cell(8).GetValue<decimal>());
        Assert.Equal(2m, rows.Single(r => r.Cell(1).GetString() == "Điểm thưởng").Cell(8).GetValue<decimal>());
        Assert.Equal(-1m, rows.Single(r => r.Cell(1).GetString() == "Điểm trừ").Cell(8).GetValue<decimal>());
        var result = rows.Single(r => r.Cell(1).GetString() == "Kết quả");
        Assert.Equal((129m, 102.067m), (result.Cell(4).GetValue<decimal>(), result.Cell(8).GetValue<decimal>()));
        Assert.Equal("Khá", rows.Single(r => r.Cell(1).GetString() == "Xếp loại").Cell(8).GetString());

        var view = (await _factory.WithDbAsync(db => new AssessmentReader(db).ReadAsync(2022)))!;
        Assert.Contains("Chỉ số gồm điểm các tiêu chí (99 điểm), điều tra xã hội học 20,5/30 điểm, điểm thưởng 2 điểm, điểm trừ 1 điểm: tổng 102,067/129 điểm.",
            PlanDrafter.Evaluation(view, null));

        // Deleting every part gives the seed's picture back.
        foreach (var id in await _factory.WithDbAsync(db => db.IndexAdjustments.Select(a => a.Id).ToListAsync()))
            Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync("/Frameworks/2022", $"#adjustment-delete-{id}", [])).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync("/Frameworks/2022", $"#survey-delete-{group.Id}", [])).StatusCode);
        page = await client.GetDocumentAsync("/Assessments/2022");
        Assert.StartsWith("81,38% · xếp loại Tốt", page.QuerySelector("[data-testid=total-classification]")!.TextContent.Trim());
        Assert.Null(page.QuerySelector("[data-testid=other-parts]"));
    }

    [Fact]
    public async Task Survey_points_over_the_maximum_or_without_a_source_are_refused_beside_the_field_and_nothing_is_saved()
    {
        using var client = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Office);

        var response = await client.SubmitAsync("/Frameworks/2022", "#survey-add", new()
        {
            ["Survey.Name"] = "SIPAS",
            ["Survey.MaxPoints"] = "10",
            ["Survey.Points"] = "12",
            ["Survey.Source"] = "",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await TestClient.ParseAsync(response);
        Assert.Equal("Điểm đạt phải từ 0 đến 10.", page.QuerySelector("[data-valmsg-for='Survey.Points']")!.TextContent.Trim());
        Assert.Equal("12", page.QuerySelector<IHtmlInputElement>("#survey-Points")!.Value);
        response = await client.SubmitAsync("/Frameworks/2022", "#survey-add", new() { ["Survey.Name"] = "SIPAS", ["Survey.MaxPoints"] = "10", ["Survey.Points"] = "8" });
        Assert.Equal("Nhập nguồn (văn bản công bố) của điểm điều tra.",
            (await TestClient.ParseAsync(response)).QuerySelector("[data-valmsg-for='Survey.Source']")!.TextContent.Trim());
        response = await client.SubmitAsync("/Frameworks/2022", "#adjustment-add", new() { ["Adjustment.Points"] = "1", ["Adjustment.Reason"] = " " });
        Assert.Equal("Nhập lý do được thưởng điểm.", (await TestClient.ParseAsync(response)).QuerySelector("[data-valmsg-for='Adjustment.Reason']")!.TextContent.Trim());
        Assert.Equal(0, await _factory.WithDbAsync(db => db.SurveyGroups.CountAsync()));
        Assert.Equal(0, await _factory.WithDbAsync(db => db.IndexAdjustments.CountAsync()));
    }

    [Fact]
    public async Task A_stale_survey_form_is_a_conflict_and_writes_nothing()
    {
        using var first = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Office);
        using var second = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Office);
        Assert.Equal(HttpStatusCode.Redirect, (await first.SubmitAsync("/Frameworks/2022", "#survey-add",
            new() { ["Survey.Name"] = "SIPAS", ["Survey.MaxPoints"] = "10" })).StatusCode);
        var id = await _factory.WithDbAsync(db => db.SurveyGroups.Select(g => g.Id).SingleAsync());
        var staleForm = (await second.GetDocumentAsync("/Frameworks/2022")).QuerySelector<IHtmlFormElement>($"#survey-{id}")!;

        Assert.Equal(HttpStatusCode.Redirect, (await first.SubmitAsync("/Frameworks/2022", $"#survey-{id}",
            new() { ["Survey.Points"] = "7", ["Survey.Source"] = "QĐ 1" })).StatusCode);
        var response = await second.PostFormAsync(staleForm, new() { ["Survey.Points"] = "9", ["Survey.Source"] = "QĐ 2" }, "/Frameworks/2022");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(YearModel.PartConflict, (await TestClient.ParseAsync(response)).QuerySelector("[data-testid=form-errors]")!.TextContent);
        Assert.Equal(7m, await _factory.WithDbAsync(db => db.SurveyGroups.Select(g => g.Points).SingleAsync()));
    }

    [Fact]
    public async Task Copying_a_year_copies_its_survey_groups_without_points_and_its_caps()
    {
        using var client = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Office);
        await FrameworkTestSupport.SetBandsAsync(client, 2022,
            new() { ["Bands.UseDefault"] = "true", ["Bands.BonusCap"] = "2", ["Bands.DeductionCap"] = "4", ["Bands.Rule"] = "LeaveOut" });
        await FrameworkTestSupport.AddSurveyAsync(client, 2022, "SIPAS", "10", "8", "QĐ 1");

        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync("/Frameworks", "#copy-2022", new() { ["NewYear"] = "2026" })).StatusCode);

        var copied = await _factory.WithDbAsync(db => db.Frameworks.AsNoTracking().Include(f => f.Surveys).SingleAsync(f => f.Year == 2026));
        var group = Assert.Single(copied.Surveys);
        Assert.Equal(("SIPAS", 10m, (decimal?)null), (group.Name, group.MaxPoints, group.Points));
        Assert.Equal(((decimal?)2, (decimal?)4, ParIndex.Domain.Assessments.NotApplicableRule.LeaveOut), (copied.BonusCap, copied.DeductionCap, copied.NotApplicableRule));
    }
}
