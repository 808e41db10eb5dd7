using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using ParIndex.Domain.Operations;
using ParIndex.Web.Data.Seed;
using ParIndex.Web.Tests.Infrastructure;

namespace ParIndex.Web.Tests.Features.Operations;

/// <summary>Issue 19: "Tỷ lệ đúng hạn" from the year's total dossiers received, or no rate at all; the facts for the rate rule.</summary>
public class OnTimeRateTests(ParIndexFactory factory) : IClassFixture<ParIndexFactory>
{
    private async Task<TestClient> OfficeAsync() => await factory.CreateTestClient().SignInAsync(DemoAccounts.Office);

    [Fact]
    public async Task Without_a_total_no_rate_is_shown_and_with_one_the_rate_is_computed_from_it()
    {
        using var client = await OfficeAsync();
        var page = await client.GetDocumentAsync("/Operations/Dossiers?year=2022");
        var rate = page.QuerySelector("#on-time-rate")!.TextContent;
        Assert.Contains("chưa có tổng số hồ sơ", rate);
        Assert.DoesNotContain("%", page.QuerySelector("main")!.TextContent);

        var response = await client.SubmitAsync("/Operations/Dossiers?year=2022", "#total-form",
            new() { ["TotalInput"] = "5.600", ["TotalSource"] = "Báo cáo thống kê năm 2022 của Hệ thống thông tin giải quyết TTHC tỉnh" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var next = await client.GetDocumentAsync(response.Headers.Location!.ToString());
        Assert.Contains("Đã ghi tổng số hồ sơ năm 2022: 5.600 hồ sơ", next.QuerySelector(".alert-success")!.TextContent);
        // (5 600 − 84) / 5 600 = 98,5 %.
        Assert.Contains("Tỷ lệ đúng hạn: 98,5% (5.516/5.600 hồ sơ đúng hạn; 84 hồ sơ trễ hạn).", next.QuerySelector("#on-time-rate")!.TextContent);
        Assert.Contains("Báo cáo thống kê năm 2022", next.QuerySelector("#total-source")!.TextContent);
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == "DossierYearTotal" && a.EntityId == "2022" && a.Action == "Created")));
    }

    [Theory]
    [InlineData("50", "Sở TN&MT", "TotalInput", "Tổng số hồ sơ (50) nhỏ hơn số hồ sơ đã ghi nhận của năm 2022 (84).")]
    [InlineData("năm nghìn", "Sở TN&MT", "TotalInput", "Tổng số hồ sơ phải là số nguyên dương (ví dụ: 5.600).")]
    [InlineData("0", "Sở TN&MT", "TotalInput", "Tổng số hồ sơ phải là số nguyên dương.")]
    [InlineData("6000", " ", "TotalSource", "Vui lòng ghi nguồn của tổng số hồ sơ (ví dụ: báo cáo thống kê của hệ thống một cửa).")]
    public async Task A_bad_total_is_refused_beside_its_field_and_nothing_is_written(string total, string source, string field, string message)
    {
        using var client = await OfficeAsync();
        var before = await factory.WithDbAsync(db => db.Set<DossierYearTotal>().AsNoTracking().Where(t => t.Year == 2022).Select(t => (int?)t.Total).SingleOrDefaultAsync());
        var response = await client.SubmitAsync("/Operations/Dossiers?year=2022", "#total-form", new() { ["TotalInput"] = total, ["TotalSource"] = source });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await TestClient.ParseAsync(response);
        Assert.Equal(message, page.QuerySelector($"span[data-valmsg-for='{field}']")!.TextContent.Trim());
        Assert.Equal(total, page.QuerySelector<IHtmlInputElement>("#TotalInput")!.Value);
        Assert.Equal(before, await factory.WithDbAsync(db => db.Set<DossierYearTotal>().AsNoTracking().Where(t => t.Year == 2022).Select(t => (int?)t.Total).SingleOrDefaultAsync()));
    }

    [Fact]
    public async Task Two_people_entering_the_first_total_the_second_is_told_and_nothing_is_overwritten()
    {
        using var client = await OfficeAsync();
        var first = await client.GetDocumentAsync("/Operations/Dossiers?year=2034");
        var second = await client.GetDocumentAsync("/Operations/Dossiers?year=2034");
        var ok = await client.PostFormAsync(first.QuerySelector<IHtmlFormElement>("#total-form")!,
            new() { ["TotalInput"] = "1200", ["TotalSource"] = "Thống kê một cửa" }, "/Operations/Dossiers?year=2034");
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        var stale = await client.PostFormAsync(second.QuerySelector<IHtmlFormElement>("#total-form")!,
            new() { ["TotalInput"] = "900", ["TotalSource"] = "Khác" }, "/Operations/Dossiers?year=2034");
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("vừa được người khác ghi", (await TestClient.ParseAsync(stale)).QuerySelector("#total-error")!.TextContent);
        Assert.Equal(1200, await factory.WithDbAsync(db => db.Set<DossierYearTotal>().Where(t => t.Year == 2034).Select(t => t.Total).SingleAsync()));
    }

    [Fact]
    public async Task Recording_facts_gives_the_TTHC_result_the_on_time_and_total_counts_once_the_total_is_known()
    {
        using var client = await OfficeAsync();
        await factory.WithDbAsync(async db =>
        {
            var unit = await db.Units.Where(u => u.Code == "QHGD").Select(u => u.Id).SingleAsync();
            db.Dossiers.Add(new Dossier("RATE-2023-1", "Giao đất", unit, new DateOnly(2023, 3, 1), new DateOnly(2023, 3, 10), new DateOnly(2023, 3, 20), null));
            db.Dossiers.Add(new Dossier("RATE-2023-2", "Giao đất", unit, new DateOnly(2023, 3, 1), new DateOnly(2023, 3, 10), new DateOnly(2023, 3, 9), null));
            await db.SaveChangesAsync();
        });
        var id = await factory.SubCriterionIdAsync(2023, "3.5.1");
        Task<string?> Facts() => factory.WithDbAsync(db => db.Scores.Where(s => s.SubCriterionId == id).Select(s => s.FactsJson).SingleOrDefaultAsync());

        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync("/Operations/Projection?year=2023", "#record-facts", [])).StatusCode);
        Assert.DoesNotContain("requiredCount", await Facts() ?? "");

        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync("/Operations/Dossiers?year=2023", "#total-form",
            new() { ["TotalInput"] = "400", ["TotalSource"] = "Thống kê một cửa 2023" })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync("/Operations/Projection?year=2023", "#record-facts", [])).StatusCode);
        var facts = await Facts();
        // One late dossier of 2023 (RATE-2023-1): 399 on time out of 400.
        Assert.Contains("\"achievedCount\":399", facts);
        Assert.Contains("\"requiredCount\":400", facts);
    }
}
