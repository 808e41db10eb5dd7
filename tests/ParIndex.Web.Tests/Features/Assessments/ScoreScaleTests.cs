using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using ParIndex.Domain.Assessments;
using ParIndex.Web.Data.Seed;
using ParIndex.Web.Tests.Infrastructure;

namespace ParIndex.Web.Tests.Features.Assessments;

/// <summary>Issue 19: a typed score on a tiered, bands or yes/no sub-criterion is one the rule can give, or comes with a reason.</summary>
public class ScoreScaleTests : IDisposable
{
    private readonly ParIndexFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task The_score_page_refuses_0_75_on_1_1_2_listing_the_allowed_values_and_keeps_it_with_a_reason_shown_and_exported()
    {
        var id = await _factory.SubCriterionIdAsync(2023, "1.1.2");
        var url = $"/Assessments/2023/Score/{id}";
        using var client = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Office);

        var refused = await client.SubmitAsync(url, "#score-form", new() { ["Input.Score"] = "0,75", ["Input.LostReason"] = "Chưa hoàn thành hết" });

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await TestClient.ParseAsync(refused);
        Assert.Contains("chỉ được 1 / 0,5 / 0", page.QuerySelector("[data-testid=score-error]")!.TextContent);
        Assert.Contains("lý do điểm khác thang điểm", page.QuerySelector("[data-testid=offscale-error]")!.TextContent);
        Assert.Equal("0,75", page.QuerySelector<IHtmlInputElement>("#Input_Score")!.Value);
        Assert.Null(await _factory.ScoreAsync(2023, id));

        var kept = await client.SubmitAsync(url, "#score-form", new()
        {
            ["Input.Score"] = "0,75",
            ["Input.LostReason"] = "Chưa hoàn thành hết",
            ["Input.OffScaleReason"] = "Sở Nội vụ hướng dẫn chấm theo tỷ lệ",
        });

        Assert.Equal(HttpStatusCode.Redirect, kept.StatusCode);
        var score = await _factory.ScoreAsync(2023, id);
        Assert.Equal((0.75m, "Sở Nội vụ hướng dẫn chấm theo tỷ lệ"), (score!.SelfScore!.Value, score.SelfOffScaleReason));
        var shown = await client.GetDocumentAsync(url);
        Assert.Contains("Sở Nội vụ hướng dẫn chấm theo tỷ lệ", shown.QuerySelector("[data-testid=offscale-self]")!.TextContent);
        Assert.Contains("Thang điểm: 1 / 0,5 / 0", shown.QuerySelector("[data-testid=scale]")!.TextContent);

        var workbook = await client.Http.GetAsync("/api/v1/assessments/2023/export.xlsx");
        using var book = new XLWorkbook(await workbook.Content.ReadAsStreamAsync());
        var sheet = book.Worksheets.First();
        Assert.Equal("Lý do điểm khác thang điểm", sheet.Cell(1, 13).GetString());
        var row = sheet.RowsUsed().Single(r => r.Cell(2).GetString() == "1.1.2");
        Assert.Equal("Tự đánh giá: Sở Nội vụ hướng dẫn chấm theo tỷ lệ", row.Cell(13).GetString());
    }

    [Fact]
    public async Task A_score_the_rule_can_give_needs_no_reason()
    {
        var id = await _factory.SubCriterionIdAsync(2023, "1.1.2");
        using var client = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Office);

        var saved = await client.SubmitAsync($"/Assessments/2023/Score/{id}", "#score-form", new() { ["Input.Score"] = "0,5", ["Input.LostReason"] = "Đạt 85%" });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Null((await _factory.ScoreAsync(2023, id))!.SelfOffScaleReason);
    }

    [Fact]
    public async Task The_area_grid_refuses_an_off_scale_tier_or_yes_no_score_beside_its_row_and_saves_nothing()
    {
        var tiered = await _factory.SubCriterionIdAsync(2023, "1.1.1");
        var yesNo = await _factory.SubCriterionIdAsync(2023, "1.4.1");
        using var client = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Office);
        var page = await client.GetDocumentAsync("/Assessments/2023/Area/1");
        var form = page.QuerySelector<IHtmlFormElement>("#area-scores")!;
        string Field(int id, string name) => form.QuerySelectorAll("input[type=hidden]")
            .First(i => i.GetAttribute("name")!.EndsWith(".SubCriterionId", StringComparison.Ordinal) && i.GetAttribute("value") == id.ToString())
            .GetAttribute("name")!.Replace("SubCriterionId", name, StringComparison.Ordinal);
        Assert.Contains("1 / 0,5 / 0", page.QuerySelector("[data-testid='scale-1.1.1']")!.TextContent);

        var response = await client.PostFormAsync(form, new()
        {
            [Field(tiered, "Score")] = "0,75",
            [Field(tiered, "LostReason")] = "Trễ",
            [Field(yesNo, "Score")] = "0,25",
            [Field(yesNo, "LostReason")] = "Một phần",
        }, "/Assessments/2023/Area/1");

        var result = await TestClient.ParseAsync(response);
        Assert.Contains("chỉ được 1 / 0,5 / 0", result.QuerySelector("[data-testid='error-1.1.1']")!.TextContent);
        Assert.Contains("chỉ được 0,5 / 0", result.QuerySelector("[data-testid='error-1.4.1']")!.TextContent);
        Assert.Null(await _factory.ScoreAsync(2023, tiered));
        Assert.Null(await _factory.ScoreAsync(2023, yesNo));

        var kept = await client.PostFormAsync(form, new()
        {
            [Field(tiered, "Score")] = "0,75",
            [Field(tiered, "LostReason")] = "Trễ",
            [Field(tiered, "OffScaleReason")] = "Trễ 2 ngày, Sở Nội vụ chấp nhận một phần",
        }, "/Assessments/2023/Area/1");
        Assert.Equal(HttpStatusCode.Redirect, kept.StatusCode);
        var grid = await client.GetDocumentAsync("/Assessments/2023/Area/1");
        Assert.Contains("Trễ 2 ngày", grid.QuerySelector("[data-testid='offscale-1.1.1']")!.TextContent);
    }

    [Fact]
    public async Task Appraisal_round_1_is_held_to_the_scale_too()
    {
        var id = await _factory.SubCriterionIdAsync(2023, "1.1.1");
        var round1 = await _factory.WithDbAsync(db => db.AssessmentPhases.AsNoTracking()
            .SingleAsync(p => p.Kind == PhaseKind.Appraisal1 && db.Assessments.Any(a => a.Id == p.AssessmentId && a.Year == 2023)));
        _factory.Clock.SetToday(round1.StartsOn.AddDays(1));
        using var client = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Office);

        var refused = await client.SubmitAsync($"/Assessments/2023/Score/{id}", "#score-form", new() { ["Input.Score"] = "0,25" });
        Assert.Contains("chỉ được 1 / 0,5 / 0", (await TestClient.ParseAsync(refused)).QuerySelector("[data-testid=score-error]")!.TextContent);
        Assert.Null(await _factory.ScoreAsync(2023, id));

        var kept = await client.SubmitAsync($"/Assessments/2023/Score/{id}", "#score-form",
            new() { ["Input.Score"] = "0,25", ["Input.OffScaleReason"] = "Theo biên bản thẩm định" });
        Assert.Equal(HttpStatusCode.Redirect, kept.StatusCode);
        Assert.Equal("Theo biên bản thẩm định", (await _factory.ScoreAsync(2023, id))!.Round1OffScaleReason);
        var page = await client.GetDocumentAsync($"/Assessments/2023/Score/{id}");
        Assert.Contains("Theo biên bản thẩm định", page.QuerySelector("[data-testid=offscale-round1]")!.TextContent);
    }
}
