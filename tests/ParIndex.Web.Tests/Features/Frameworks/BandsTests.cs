using System.Globalization;
using System.Net;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using ParIndex.Domain.Assessments;
using ParIndex.Web.Data.Seed;
using ParIndex.Web.Features.Frameworks;
using ParIndex.Web.Tests.Infrastructure;

namespace ParIndex.Web.Tests.Features.Frameworks;

/// <summary>Issue 14: a year's classification bands and 100-point conversion, set by the Office and read by every output.</summary>
public sealed class BandsTests : IDisposable
{
    private readonly ParIndexFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private static Dictionary<string, string> Bands(string excellent, string good, string fair, string average, string scale = "", string basis = "Percent") =>
        new()
        {
            ["Bands.Basis"] = basis,
            ["Bands.Excellent"] = excellent,
            ["Bands.Good"] = good,
            ["Bands.Fair"] = fair,
            ["Bands.Average"] = average,
            ["Bands.Scale"] = scale,
        };

    private static async Task<JsonElement> JsonAsync(TestClient client, string url)
    {
        var response = await client.Http.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.Clone();
    }

    private static async Task<IXLWorksheet> ScoresAsync(TestClient client, int year)
    {
        var bytes = await client.Http.GetByteArrayAsync($"/exports/assessments/{year}/scores.xlsx");
        var workbook = new XLWorkbook(new MemoryStream(bytes));
        return workbook.Worksheet(1);
    }

    [Fact]
    public async Task The_demo_2022_keeps_the_default_bands_and_no_conversion()
    {
        using var client = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Office);

        var framework = await client.GetDocumentAsync("/Frameworks/2022");
        Assert.Contains("Ngưỡng mặc định", framework.QuerySelector("[data-testid=bands-text]")!.TextContent);
        Assert.Contains("Xuất sắc từ 90%, Tốt từ 80%, Khá từ 65%, Trung bình từ 50%", framework.QuerySelector("[data-testid=bands-text]")!.TextContent);
        var year = await client.GetDocumentAsync("/Assessments/2022");
        Assert.Equal("80,567/99", year.QuerySelector("[data-testid=total-final]")!.TextContent.Trim());
        Assert.StartsWith("81,38% · xếp loại Tốt", year.QuerySelector("[data-testid=total-classification]")!.TextContent.Trim());
        Assert.Null(year.QuerySelector("[data-testid=total-on-scale]"));
        var api = await JsonAsync(client, "/api/v1/assessments/2022");
        Assert.Equal("Tốt", api.GetProperty("classification").GetString());
        Assert.Equal(18, api.GetProperty("rank").GetInt32());
        var index = api.GetProperty("index");
        Assert.Equal(("Tốt", 80.567m, 99m), (index.GetProperty("classification").GetString(), index.GetProperty("total").GetDecimal(), index.GetProperty("maxPoints").GetDecimal()));
        Assert.Equal(JsonValueKind.Null, index.GetProperty("totalOnScale").ValueKind);
        Assert.Equal(90m, index.GetProperty("bands").GetProperty("excellent").GetDecimal());
        var sheet = await ScoresAsync(client, 2022);
        var classified = sheet.RowsUsed().Single(r => r.Cell(1).GetString() == "Xếp loại");
        Assert.Equal("Tốt", classified.Cell(8).GetString());
        Assert.DoesNotContain(sheet.RowsUsed(), r => r.Cell(1).GetString() == "Quy đổi");
        Assert.Null(await _factory.WithDbAsync(db => db.Frameworks.Where(f => f.Year == 2022).Select(f => f.ExcellentFrom).SingleAsync()));
    }

    [Fact]
    public async Task Office_sets_a_years_bands_and_scale_and_the_page_workbook_api_and_plan_text_classify_by_them()
    {
        using var client = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Office);

        var response = await client.SubmitAsync("/Frameworks/2022", "#bands-form", Bands("85", "81,5", "70", "50", "100"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stored = await _factory.WithDbAsync(db => db.Frameworks.AsNoTracking().SingleAsync(f => f.Year == 2022));
        Assert.Equal((BandBasis.Percent, 85m, 81.5m, 70m, 50m, 100m),
            (stored.BandBasis, stored.ExcellentFrom, stored.GoodFrom, stored.FairFrom, stored.AverageFrom, stored.Scale));
        var audit = await _factory.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == "Framework" && a.EntityId == stored.Id.ToString(CultureInfo.InvariantCulture)).ToListAsync());
        Assert.Contains(audit, a => a.Field == "GoodFrom" && a.NewValue == "81,5" && a.UserName == "Trần Thị Văn Phòng");

        // 80,567/99 = 81,38 %: under the year's 81,5 % for Tốt, so Khá; converted to 100 points, 81,381.
        var page = await client.GetDocumentAsync("/Assessments/2022");
        Assert.StartsWith("81,38% · xếp loại Khá", page.QuerySelector("[data-testid=total-classification]")!.TextContent.Trim());
        Assert.Equal("quy đổi 81,381/100 điểm", page.QuerySelector("[data-testid=total-on-scale]")!.TextContent.Trim());
        Assert.Contains("Tốt từ 81,5%", page.QuerySelector("[data-testid=bands]")!.TextContent);
        var framework = await client.GetDocumentAsync("/Frameworks/2022");
        Assert.Contains("Ngưỡng của năm: Xuất sắc từ 85%, Tốt từ 81,5%", framework.QuerySelector("[data-testid=bands-text]")!.TextContent);

        var api = await JsonAsync(client, "/api/v1/assessments/2022");
        Assert.Equal("Tốt", api.GetProperty("classification").GetString()); // as published
        var index = api.GetProperty("index");
        Assert.Equal(("Khá", 100m, 81.381m), (index.GetProperty("classification").GetString(), index.GetProperty("scale").GetDecimal(),
            index.GetProperty("totalOnScale").GetDecimal()));
        Assert.Equal(81.5m, index.GetProperty("bands").GetProperty("good").GetDecimal());

        var sheet = await ScoresAsync(client, 2022);
        Assert.Equal("Khá", sheet.RowsUsed().Single(r => r.Cell(1).GetString() == "Xếp loại").Cell(8).GetString());
        var converted = sheet.RowsUsed().Single(r => r.Cell(1).GetString() == "Quy đổi");
        Assert.Equal((100m, 81.381m), (converted.Cell(4).GetValue<decimal>(), converted.Cell(8).GetValue<decimal>()));

        // The published comparison classifies the computed total by the same bands.
        var published = await client.GetDocumentAsync("/Assessments/2022/Published");
        Assert.Contains("Khá", published.QuerySelector("main")!.TextContent);

        // Back to the default bands: Tốt again.
        response = await client.SubmitAsync("/Frameworks/2022", "#bands-form", new() { ["Bands.UseDefault"] = "true", ["Bands.Scale"] = "" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        page = await client.GetDocumentAsync("/Assessments/2022");
        Assert.StartsWith("81,38% · xếp loại Tốt", page.QuerySelector("[data-testid=total-classification]")!.TextContent.Trim());
        Assert.Null(await _factory.WithDbAsync(db => db.Frameworks.Where(f => f.Year == 2022).Select(f => f.GoodFrom).SingleAsync()));
    }

    [Theory]
    [InlineData("85", "90", "70", "50", "", "Bands.Good", "Ngưỡng Tốt phải nhỏ hơn ngưỡng Xuất sắc (85%).")]
    [InlineData("120", "80", "70", "50", "", "Bands.Excellent", "Ngưỡng Xuất sắc phải lớn hơn 0 và không quá 100%.")]
    [InlineData("90", "80", "abc", "50", "", "Bands.Fair", null)]
    [InlineData("90", "80", "65", "50", "0", "Bands.Scale", "Thang điểm quy đổi phải lớn hơn 0 và không quá 1.000.")]
    public async Task Bad_bands_are_refused_beside_the_field_with_what_was_typed_kept_and_nothing_saved(
        string excellent, string good, string fair, string average, string scale, string field, string? message)
    {
        using var client = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Office);
        var before = await _factory.WithDbAsync(db => db.Frameworks.Where(f => f.Year == 2022).Select(f => f.PartsVersion).SingleAsync());

        var response = await client.SubmitAsync("/Frameworks/2022", "#bands-form", Bands(excellent, good, fair, average, scale));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await TestClient.ParseAsync(response);
        var error = page.QuerySelector($"[data-valmsg-for='{field}']")!.TextContent.Trim();
        Assert.NotEmpty(error);
        if (message is not null) Assert.Equal(message, error);
        Assert.Equal(fair, page.QuerySelector<IHtmlInputElement>("#bands-Fair")!.Value);
        Assert.Equal(excellent, page.QuerySelector<IHtmlInputElement>("#bands-Excellent")!.Value);
        Assert.Equal(before, await _factory.WithDbAsync(db => db.Frameworks.Where(f => f.Year == 2022).Select(f => f.PartsVersion).SingleAsync()));
        Assert.Null(await _factory.WithDbAsync(db => db.Frameworks.Where(f => f.Year == 2022).Select(f => f.ExcellentFrom).SingleAsync()));
    }

    [Fact]
    public async Task Bands_on_points_reach_the_survey_part_of_the_index_too()
    {
        using var client = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Office);
        // 99 points of sub-criteria and a survey group of 5: the index is out of 104.
        await FrameworkTestSupport.AddSurveyAsync(client, 2022, "Mức độ hài lòng", "5");

        var response = await client.SubmitAsync("/Frameworks/2022", "#bands-form", Bands("105", "80", "65", "50", basis: "Points"));
        Assert.Equal("Ngưỡng Xuất sắc phải lớn hơn 0 và không quá 104 điểm.",
            (await TestClient.ParseAsync(response)).QuerySelector("[data-valmsg-for='Bands.Excellent']")!.TextContent.Trim());
        Assert.Null(await _factory.WithDbAsync(db => db.Frameworks.Where(f => f.Year == 2022).Select(f => f.ExcellentFrom).SingleAsync()));

        await FrameworkTestSupport.SetBandsAsync(client, 2022, Bands("101", "80", "65", "50", basis: "Points"));
        Assert.Equal(101m, await _factory.WithDbAsync(db => db.Frameworks.Where(f => f.Year == 2022).Select(f => f.ExcellentFrom).SingleAsync()));
    }

    [Fact]
    public async Task Bands_on_points_are_checked_against_the_frameworks_maximum()
    {
        using var client = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Office);

        var response = await client.SubmitAsync("/Frameworks/2022", "#bands-form", Bands("100", "80", "65", "50", basis: "Points"));
        Assert.Equal("Ngưỡng Xuất sắc phải lớn hơn 0 và không quá 99 điểm.",
            (await TestClient.ParseAsync(response)).QuerySelector("[data-valmsg-for='Bands.Excellent']")!.TextContent.Trim());

        response = await client.SubmitAsync("/Frameworks/2022", "#bands-form", Bands("90", "80,6", "65", "50", basis: "Points"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        // 80,567 points, under 80,6: Khá.
        var page = await client.GetDocumentAsync("/Assessments/2022");
        Assert.StartsWith("81,38% · xếp loại Khá", page.QuerySelector("[data-testid=total-classification]")!.TextContent.Trim());
        Assert.Contains("Tốt từ 80,6 điểm", page.QuerySelector("[data-testid=bands]")!.TextContent);
    }

    [Fact]
    public async Task A_stale_bands_form_is_a_conflict_and_writes_nothing()
    {
        using var first = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Office);
        using var second = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Office);
        var staleForm = (await second.GetDocumentAsync("/Frameworks/2022")).QuerySelector<IHtmlFormElement>("#bands-form")!;

        Assert.Equal(HttpStatusCode.Redirect, (await first.SubmitAsync("/Frameworks/2022", "#bands-form", Bands("92", "82", "66", "51"))).StatusCode);
        var response = await second.PostFormAsync(staleForm, Bands("95", "85", "70", "55"), "/Frameworks/2022");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await TestClient.ParseAsync(response);
        Assert.Contains(YearModel.BandsConflict, page.QuerySelector("[data-testid=form-errors]")!.TextContent);
        Assert.Equal("92", page.QuerySelector<IHtmlInputElement>("#bands-Excellent")!.Value);
        Assert.Equal(92m, await _factory.WithDbAsync(db => db.Frameworks.Where(f => f.Year == 2022).Select(f => f.ExcellentFrom).SingleAsync()));
    }
}
