using System.Net;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using ParIndex.Domain.Operations;
using ParIndex.Domain.Projection;
using ParIndex.Web.Data.Seed;
using ParIndex.Web.Features.Operations;
using ParIndex.Web.Tests.Infrastructure;

namespace ParIndex.Web.Tests.Features.Operations;

/// <summary>Periodic reports and fact sources: changes, denials, concurrency. Each test arranges data of its own year or sub-criterion.</summary>
public class OperationsWriteTests(ParIndexFactory factory) : IClassFixture<ParIndexFactory>
{
    [Fact]
    public async Task Office_records_a_late_submission_and_the_timeliness_rule_loses_its_points()
    {
        factory.Clock.SetToday(new DateOnly(2031, 12, 20));
        try
        {
            var reportId = await factory.WithDbAsync(async db =>
            {
                var vp = await db.Units.Where(u => u.Code == "VP").Select(u => u.Id).SingleAsync();
                var r = new PeriodicReport(2031, "Báo cáo CCHC quý III/2031", "Q3", new DateOnly(2031, 9, 15), vp);
                db.PeriodicReports.Add(r);
                await db.SaveChangesAsync();
                return r.Id;
            });
            using var client = await factory.CreateTestClient().SignInAsync(DemoAccounts.Office);
            var page = await client.GetDocumentAsync("/Operations/Reports?year=2031");
            Assert.Equal("Chưa gửi, quá hạn", page.QuerySelector($"#report-{reportId} .status")!.TextContent);

            var form = page.QuerySelector<AngleSharp.Html.Dom.IHtmlFormElement>($"#report-{reportId} form")!;
            var response = await client.PostFormAsync(form, new() { ["Submission.SubmittedOn"] = "2031-09-22", ["Submission.DocumentNumber"] = "259/BC-STNMT" },
                "/Operations/Reports?year=2031");
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

            var saved = await factory.WithDbAsync(db => db.PeriodicReports.AsNoTracking().SingleAsync(r => r.Id == reportId));
            Assert.Equal((new DateOnly(2031, 9, 22), "259/BC-STNMT"), (saved.SubmittedOn, saved.DocumentNumber));
            var figures = await factory.WithDbAsync(db => new ProjectionReader(db).FiguresAsync(2031, factory.Clock.Today));
            Assert.Equal(1, figures.LateReports);
            var facts = FactSources.Facts(FactSource.LateReportCount, new ParIndex.Domain.Scoring.DeductionRule(0.5m, 0.5m), figures, null)!;
            Assert.Equal(0m, new ParIndex.Domain.Scoring.DeductionRule(0.5m, 0.5m).Evaluate(0.5m, facts).Points);

            // The same (now stale) form again: the second user is told, nothing changes.
            var stale = await client.PostFormAsync(form, new() { ["Submission.SubmittedOn"] = "2031-09-10", ["Submission.DocumentNumber"] = "1/BC" },
                "/Operations/Reports?year=2031");
            Assert.Equal(HttpStatusCode.BadRequest, stale.StatusCode);
            Assert.Contains("vừa được người khác cập nhật", (await TestClient.ParseAsync(stale)).QuerySelector("#report-error")!.TextContent);
            Assert.Equal(new DateOnly(2031, 9, 22),
                await factory.WithDbAsync(db => db.PeriodicReports.Where(r => r.Id == reportId).Select(r => r.SubmittedOn).SingleAsync()));
        }
        finally
        {
            factory.Clock.Reset();
        }
    }

    [Fact]
    public async Task A_bad_submission_date_is_refused_next_to_the_report()
    {
        var reportId = await factory.WithDbAsync(async db =>
        {
            var r = new PeriodicReport(2032, "Báo cáo 6 tháng 2032", "H1", new DateOnly(2032, 6, 15), await db.Units.Select(u => u.Id).FirstAsync());
            db.PeriodicReports.Add(r);
            await db.SaveChangesAsync();
            return r.Id;
        });
        using var client = await factory.CreateTestClient().SignInAsync(DemoAccounts.Office);
        var page = await client.GetDocumentAsync("/Operations/Reports?year=2032");
        var form = page.QuerySelector<AngleSharp.Html.Dom.IHtmlFormElement>($"#report-{reportId} form")!;
        var response = await client.PostFormAsync(form, new() { ["Submission.SubmittedOn"] = "31/02/2032" }, "/Operations/Reports?year=2032");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var result = await TestClient.ParseAsync(response);
        Assert.Contains("Ngày gửi phải là ngày dạng dd/MM/yyyy.", result.QuerySelector($"#report-{reportId}")!.TextContent);
        Assert.Null(await factory.WithDbAsync(db => db.PeriodicReports.Where(r => r.Id == reportId).Select(r => r.SubmittedOn).SingleAsync()));
    }

    [Fact]
    public async Task Office_adds_a_report_and_the_standard_periods()
    {
        using var client = await factory.CreateTestClient().SignInAsync(DemoAccounts.Office);
        var bad = await client.SubmitAsync("/Operations/Reports?year=2033", "#add-form", new() { ["Add.Name"] = "", ["Add.DueOn"] = "15/03/2033" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("Vui lòng nhập tên báo cáo.", (await TestClient.ParseAsync(bad)).QuerySelector("#add-form")!.TextContent);

        var unit = await factory.WithDbAsync(db => db.Units.Where(u => u.Code == "TTR").Select(u => u.Id).SingleAsync());
        var ok = await client.SubmitAsync("/Operations/Reports?year=2033", "#add-form",
            new() { ["Add.Name"] = "Báo cáo chuyên đề kiểm soát TTHC", ["Add.Period"] = "Chuyên đề", ["Add.DueOn"] = "30/04/2033", ["Add.LeadUnitId"] = unit.ToString() });
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync("/Operations/Reports?year=2033", "#standard-form", new())).StatusCode);
        var reports = await factory.WithDbAsync(db => db.PeriodicReports.Where(r => r.Year == 2033).OrderBy(r => r.DueOn)
            .Select(r => new { r.Period, r.DueOn }).ToListAsync());
        Assert.Equal(["Q1", "Chuyên đề", "H1", "Q3", "Annual"], reports.Select(r => r.Period));
        Assert.Equal(new DateOnly(2033, 4, 30), reports[1].DueOn);
    }

    [Fact]
    public async Task A_unit_head_can_read_reports_but_not_record_them()
    {
        var reportId = await factory.WithDbAsync(async db =>
        {
            var r = new PeriodicReport(2034, "Báo cáo năm 2034", "Annual", new DateOnly(2034, 12, 15), await db.Units.Select(u => u.Id).FirstAsync());
            db.PeriodicReports.Add(r);
            await db.SaveChangesAsync();
            return r;
        });
        using var client = await factory.CreateTestClient().SignInAsync(DemoAccounts.UnitHead("VP"));
        var page = await client.GetDocumentAsync("/Operations/Reports?year=2034");
        Assert.NotNull(page.QuerySelector($"#report-{reportId.Id}"));
        Assert.Null(page.QuerySelector($"#report-{reportId.Id} form"));
        var token = await client.AntiforgeryTokenAsync("/Operations");
        var response = await client.Http.PostAsync("/Operations/Reports?year=2034&handler=Submit", new FormUrlEncodedContent(
        [
            new("__RequestVerificationToken", token), new("Submission.Id", reportId.Id.ToString()),
            new("Submission.Version", reportId.Version.ToString()), new("Submission.SubmittedOn", "2034-01-01"),
        ]));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Null(await factory.WithDbAsync(db => db.PeriodicReports.Where(r => r.Id == reportId.Id).Select(r => r.SubmittedOn).SingleAsync()));
    }

    [Fact]
    public async Task Office_unlinks_a_sub_criterion_and_the_projection_falls_back_to_last_year()
    {
        using var client = await factory.CreateTestClient().SignInAsync(DemoAccounts.Office);
        var page = await client.GetDocumentAsync("/Operations/Sources?year=2023");
        var row = page.QuerySelector("#sources tr[data-code='3.5.1']")!;
        Assert.Contains("theo quy ước", row.QuerySelector(".source-origin")!.TextContent);
        var form = row.QuerySelector<AngleSharp.Html.Dom.IHtmlFormElement>("form")!;
        var response = await client.PostFormAsync(form, new() { ["source"] = nameof(FactSource.None) }, "/Operations/Sources?year=2023");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var view = await factory.WithDbAsync(async db => (await new ProjectionReader(db).ReadAsync(2023, factory.Clock.Today))!);
        var line = view.Projection.Lines.Single(l => l.Item.Code == "3.5.1");
        Assert.Equal(FactSource.None, line.Item.Source);
        // No figure and no proportional rule: last year's final score (3) is the projection.
        Assert.Equal((3m, ProjectionBasis.PreviousYear), (line.Points, line.Basis));
        var after = await client.GetDocumentAsync("/Operations/Sources?year=2023");
        Assert.Contains("đã chọn", after.QuerySelector("#sources tr[data-code='3.5.1'] .source-origin")!.TextContent);
    }

    [Fact]
    public async Task A_source_for_a_sub_criterion_of_another_year_is_refused_and_unit_heads_are_denied()
    {
        var sub2022 = await factory.WithDbAsync(db => db.SubCriteria.Where(s => s.Code == "1.2.1" &&
            db.Criteria.Any(c => c.Id == s.CriterionId && db.Areas.Any(a => a.Id == c.AreaId && db.Frameworks.Any(f => f.Id == a.FrameworkId && f.Year == 2022))))
            .Select(s => s.Id).SingleAsync());
        using var office = await factory.CreateTestClient().SignInAsync(DemoAccounts.Office);
        var page = await office.GetDocumentAsync("/Operations/Sources?year=2023");
        var form = page.QuerySelector<AngleSharp.Html.Dom.IHtmlFormElement>("#sources tr[data-code='1.2.1'] form")!;
        var response = await office.PostFormAsync(form, new() { ["subCriterionId"] = sub2022.ToString(), ["source"] = "LateDossierCount" },
            "/Operations/Sources?year=2023");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("không thuộc bộ tiêu chí của năm này", (await TestClient.ParseAsync(response)).QuerySelector("#source-error")!.TextContent);

        using var head = await factory.CreateTestClient().SignInAsync(DemoAccounts.UnitHead("VP"));
        var token = await head.AntiforgeryTokenAsync("/Operations");
        var denied = await head.Http.PostAsync("/Operations/Sources?year=2022", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", token), new("subCriterionId", sub2022.ToString()), new("source", "None")]));
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.False(await factory.WithDbAsync(db => db.Set<FactSourceLink>().AnyAsync(l => l.SubCriterionId == sub2022)));
    }
}
