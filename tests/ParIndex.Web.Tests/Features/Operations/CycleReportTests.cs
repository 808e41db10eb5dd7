using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using ParIndex.Domain.Operations;
using ParIndex.Web.Data.Seed;
using ParIndex.Web.Features.Operations;
using ParIndex.Web.Tests.Infrastructure;

namespace ParIndex.Web.Tests.Features.Operations;

/// <summary>Issue 19, reports: Vietnamese periods, a confirmed submission, rule texts that speak of reports.</summary>
public class CycleReportTests(ParIndexFactory factory) : IClassFixture<ParIndexFactory>
{
    [Fact]
    public async Task The_2022_reports_show_their_periods_in_Vietnamese()
    {
        using var client = await factory.CreateTestClient().SignInAsync(DemoAccounts.Leadership);
        var page = await client.GetDocumentAsync("/Operations/Reports?year=2022");
        var periods = page.QuerySelectorAll("#reports tbody td.period").Select(c => c.TextContent.Trim()).ToHashSet();
        Assert.Superset(new HashSet<string> { "Quý I", "6 tháng", "Quý III", "Năm" }, periods);
        Assert.DoesNotContain(periods, p => p is "Q1" or "H1" or "Q3" or "Annual");
    }

    [Fact]
    public async Task A_saved_submission_confirms_itself_after_the_redirect()
    {
        factory.Clock.SetToday(new DateOnly(2033, 10, 1));
        try
        {
            var reportId = await factory.WithDbAsync(async db =>
            {
                var r = new PeriodicReport(2033, "Báo cáo CCHC quý III/2033", "Q3", new DateOnly(2033, 9, 15), await db.Units.Select(u => u.Id).FirstAsync());
                db.PeriodicReports.Add(r);
                await db.SaveChangesAsync();
                return r.Id;
            });
            using var client = await factory.CreateTestClient().SignInAsync(DemoAccounts.Office);
            var page = await client.GetDocumentAsync("/Operations/Reports?year=2033");
            var form = page.QuerySelector<IHtmlFormElement>($"#report-{reportId} form")!;
            var response = await client.PostFormAsync(form, new() { ["Submission.SubmittedOn"] = "2033-09-12", ["Submission.DocumentNumber"] = "88/BC-STNMT" },
                "/Operations/Reports?year=2033");
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            var next = await client.GetDocumentAsync(response.Headers.Location!.ToString());
            var message = next.QuerySelector(".alert-success[role=status]")?.TextContent;
            Assert.NotNull(message);
            Assert.Contains("Đã ghi nhận Báo cáo CCHC quý III/2033 gửi ngày 12/09/2033 (văn bản số 88/BC-STNMT), đúng hạn.", message);
            Assert.Equal("Quý III", next.QuerySelector($"#report-{reportId} td.period")!.TextContent.Trim());
            // Shown once: the next visit has no message.
            Assert.Null((await client.GetDocumentAsync("/Operations/Reports?year=2033")).QuerySelector(".alert-success[role=status]"));
        }
        finally
        {
            factory.Clock.Reset();
        }
    }

    [Fact]
    public async Task A_report_added_with_a_Vietnamese_period_is_stored_as_its_code_and_confirmed()
    {
        using var client = await factory.CreateTestClient().SignInAsync(DemoAccounts.Office);
        var unit = await factory.WithDbAsync(db => db.Units.Select(u => u.Id).FirstAsync());
        var response = await client.SubmitAsync("/Operations/Reports?year=2034", "#add-form", new()
        {
            ["Add.Name"] = "Báo cáo CCHC 6 tháng đầu năm 2034",
            ["Add.Period"] = "6 tháng",
            ["Add.DueOn"] = "15/06/2034",
            ["Add.LeadUnitId"] = unit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("H1", await factory.WithDbAsync(db => db.PeriodicReports.Where(r => r.Year == 2034).Select(r => r.Period).SingleAsync()));
        var next = await client.GetDocumentAsync(response.Headers.Location!.ToString());
        Assert.Contains("Đã thêm báo cáo", next.QuerySelector(".alert-success[role=status]")?.TextContent ?? "");
    }

    [Fact]
    public async Task Rule_texts_about_periodic_reports_call_them_reports()
    {
        var id = await factory.SubCriterionIdAsync(2022, "1.2.1");
        using var client = await factory.CreateTestClient().SignInAsync(DemoAccounts.Office);
        var page = await client.GetDocumentAsync($"/Assessments/2022/Score/{id}");
        var rule = page.QuerySelectorAll(".card-body").Single(c => c.QuerySelector("h2")?.TextContent == "Hướng dẫn và cách tính điểm").TextContent;
        Assert.Contains("số báo cáo hoàn thành ÷ số báo cáo phải thực hiện", rule);
        Assert.Contains("Hoàn thành 4/4 báo cáo", rule);
        Assert.DoesNotContain("nhiệm vụ", rule);

        var view = await factory.WithDbAsync(async db => (await new ProjectionReader(db).ReadAsync(2022, factory.Clock.Today))!);
        Assert.DoesNotContain("nhiệm vụ", view.Projection.Lines.Single(l => l.Item.Code == "1.2.1").Explanation);
    }

    [Fact]
    public void Periods_typed_in_Vietnamese_map_to_their_codes()
    {
        Assert.Equal("Quý I", ReportService.PeriodName("Q1"));
        Assert.Equal("Annual", ReportService.PeriodCode("năm"));
        Assert.Equal("Q3", ReportService.PeriodCode("Quý III"));
        Assert.Equal("Đợt đặc biệt", ReportService.PeriodCode("Đợt đặc biệt"));
    }
}
