using System.Net;
using Microsoft.EntityFrameworkCore;
using ParIndex.Domain.Operations;
using ParIndex.Domain.Projection;
using ParIndex.Web.Data.Seed;
using ParIndex.Web.Features.Operations;
using ParIndex.Web.Tests.Infrastructure;

namespace ParIndex.Web.Tests.Features.Operations;

/// <summary>Rules fed by the recorded facts, and the projected score of the current year. Read-only: one shared database.</summary>
public class ProjectionTests(ParIndexFactory factory) : IClassFixture<ParIndexFactory>
{
    private async Task<ProjectionView> ReadAsync(int year) =>
        await factory.WithDbAsync(async db => (await new ProjectionReader(db).ReadAsync(year, factory.Clock.Today))!);

    [Theory]
    [InlineData("1.2.3", "0", "1 báo cáo định kỳ trễ hạn")]
    [InlineData("1.2.1", "0.5", "4/4 báo cáo đến hạn đã gửi")]
    public async Task The_2022_figures_give_the_points_the_seed_reports(string code, string expected, string figure)
    {
        var view = await ReadAsync(2022);
        var projected = view.Projection.Lines.Single(l => l.Item.Code == code);
        // 2022 was appraised: the appraisal counts (issue 19: published > round 2 > round 1 > facts > self).
        Assert.Equal(ProjectionBasis.Appraisal, projected.Basis);
        // Without the appraisal, the year's figures through the rule give the same points the appraisal gave in the seed.
        var line = ScoreProjector.ProjectOne(projected.Item with { Round1 = null, Round2 = null }, view.Figures);
        Assert.Equal(ProjectionBasis.Operations, line.Basis);
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), line.Points);
        Assert.Contains(figure, line.Explanation);
        var appraised = await factory.WithDbAsync(db => db.Scores
            .Where(s => s.SubCriterionId == line.Item.SubCriterionId).Select(s => s.Round1Score).SingleAsync());
        Assert.Equal(appraised, line.Points);
        Assert.Equal(appraised, projected.Points);
    }

    [Fact]
    public async Task The_2022_TTHC_result_by_the_on_time_rate_needs_the_years_total_and_then_gives_the_seeds_3_of_6()
    {
        var view = await ReadAsync(2022);
        var item = view.Projection.Lines.Single(l => l.Item.Code == "3.5.1").Item with { Round1 = null, Round2 = null };
        Assert.IsType<ParIndex.Domain.Scoring.OnTimeRateRule>(item.Rule);

        // The seed gives the 84 late dossiers, not the year's total: no rate, so no figure-based score.
        Assert.Null(view.Figures.YearTotal);
        var without = ScoreProjector.ProjectOne(item, view.Figures);
        Assert.NotEqual(ProjectionBasis.Operations, without.Basis);
        Assert.StartsWith("Chưa có dữ liệu hồ sơ TTHC năm nay.", without.Explanation, StringComparison.Ordinal);

        // With a total (1.200 received, a sample figure): 1.116 on time, 93% → from 90% → 3/6, the seed's points.
        var with = ScoreProjector.ProjectOne(item, view.Figures with { YearTotal = 1200 });
        Assert.Equal((3m, ProjectionBasis.Operations), (with.Points, with.Basis));
        Assert.Contains("1116/1200 hồ sơ đúng hạn (93%)", with.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_2022_late_dossiers_are_the_seeds_84_by_unit()
    {
        var figures = await factory.WithDbAsync(db => new ProjectionReader(db).FiguresAsync(2022, factory.Clock.Today));
        Assert.Equal(84, figures.LateDossiers);
        Assert.Equal(1, figures.LateReports);

        using var client = await factory.CreateTestClient().SignInAsync(DemoAccounts.Leadership);
        var page = await client.GetDocumentAsync("/Operations/Dossiers?year=2022");
        Assert.Equal("84", page.QuerySelector("#total-late")!.TextContent);
        var byUnit = page.QuerySelectorAll("#by-unit tbody tr")
            .ToDictionary(r => r.Children[0].TextContent, r => r.Children[2].TextContent);
        Assert.Equal("20", byUnit["Phòng Quy hoạch - Giao đất"]);
        Assert.Equal("4", byUnit["Phòng Đăng ký Thống kê Đo đạc Viễn thám - Chính sách đất đai"]);
        Assert.Equal("7", byUnit["Phòng Khoáng sản Tài nguyên nước"]);
        Assert.Equal("19", byUnit["Chi cục Bảo vệ môi trường"]);
        Assert.Equal("34", byUnit["Văn phòng Đăng ký đất đai"]);
        // Only late dossiers are recorded: with no total for the year, no on-time rate is shown (it was a false 0%).
        Assert.Contains("chưa có tổng số hồ sơ", page.QuerySelector("#on-time-rate")!.TextContent);
    }

    [Fact]
    public async Task The_2022_page_shows_the_rule_explanations_and_the_unit_that_can_act()
    {
        using var client = await factory.CreateTestClient().SignInAsync(DemoAccounts.Office);
        var page = await client.GetDocumentAsync("/Operations/Projection?year=2022");
        var row = page.QuerySelector("#at-risk tr[data-code='3.5.1']")!;
        Assert.Contains("3/6", row.TextContent);
        Assert.Contains("Theo điểm thẩm định vòng 1: 3/6 điểm.", row.QuerySelector(".explanation")!.TextContent);
        // A published year shows its published total, not a sum of projections.
        Assert.Equal("80,567", page.QuerySelector("#projected-total")!.TextContent);
        Assert.Contains("Tổng điểm đã công bố", page.QuerySelector("#projected-total")!.ParentElement!.TextContent);
        Assert.Equal("Văn phòng Sở", page.QuerySelector("#at-risk tr[data-code='1.2.3'] .lead-unit")!.TextContent);
    }

    [Fact]
    public async Task The_current_year_is_projected_against_the_plans_target()
    {
        var view = await ReadAsync(2023);
        Assert.Equal(2023, view.Year);
        Assert.Equal(85m, view.Projection.Target);
        // No 2023 dossier yet: that is no data, not 6/6 (issue 19); 3.5.1 keeps what is known (last year's 3/6).
        var late = view.Projection.Lines.Single(l => l.Item.Code == "3.5.1");
        Assert.NotEqual(ProjectionBasis.Operations, late.Basis);
        Assert.StartsWith("Chưa có dữ liệu hồ sơ TTHC năm nay.", late.Explanation, StringComparison.Ordinal);
        Assert.Equal(late.Item.SelfScore ?? late.Item.PreviousFinal ?? 0m, late.Points);
        Assert.NotEqual(6m, late.Points);
        // 2.2.3 follows its targeted task (done).
        var review = view.Projection.Lines.Single(l => l.Item.Code == "2.2.3");
        Assert.Equal((1m, ProjectionBasis.Tasks), (review.Points, review.Basis));
        // 6.4.1 (proportional) targeted by a task not started: 0/1 task, at risk, for the finance unit.
        var finance = view.Projection.Lines.Single(l => l.Item.Code == "6.4.1");
        Assert.Equal((0m, ProjectionBasis.Tasks), (finance.Points, finance.Basis));
        Assert.Contains(finance, view.Projection.AtRisk);
        // 2.3.1 reached full marks in 2022 and its 2023 task is unfinished: it keeps 1,5, the task does not replace the facts.
        var full = view.Projection.Lines.Single(l => l.Item.Code == "2.3.1");
        Assert.Equal(1.5m, full.Item.MaxPoints);
        Assert.Equal(1.5m, full.Points);
        Assert.DoesNotContain(full, view.Projection.AtRisk);
        // Sub-criteria without figures or tasks keep last year's final score.
        var email = view.Projection.Lines.Single(l => l.Item.Code == "7.2.1");
        Assert.Equal((0.5m, ProjectionBasis.PreviousYear), (email.Points, email.Basis));

        using var client = await factory.CreateTestClient().SignInAsync(DemoAccounts.Leadership);
        var page = await client.GetDocumentAsync("/Operations/Projection");
        Assert.Equal(ParIndex.Domain.Formatting.Vn.Points(view.Projection.Total), page.QuerySelector("#projected-total")!.TextContent);
        Assert.Equal("85", page.QuerySelector("#target-total")!.TextContent);
        var margin = page.QuerySelector("#target-margin")!.TextContent.Trim();
        Assert.Equal(view.Projection.Total >= 85m
            ? $"Vượt mục tiêu {ParIndex.Domain.Formatting.Vn.Points(view.Projection.Total - 85m)} điểm"
            : $"Còn thiếu {ParIndex.Domain.Formatting.Vn.Points(85m - view.Projection.Total)} điểm so với mục tiêu", margin);
        Assert.Equal(view.Projection.AtRisk.Count, page.QuerySelectorAll("#at-risk tbody tr").Length);
    }

    [Fact]
    public async Task The_projection_page_runs_a_fixed_number_of_queries()
    {
        using var client = await factory.CreateTestClient().SignInAsync(DemoAccounts.Office);
        await client.GetDocumentAsync("/Operations/Projection");
        factory.Commands.Reset();
        factory.Commands.Recording = true;
        await client.GetDocumentAsync("/Operations/Projection");
        factory.Commands.Recording = false;
        var queries = factory.Commands.Count;
        Assert.InRange(queries, 1, 14);
        // The dossier page too, whatever the number of dossiers: units, years, the calendar, the dossiers, the year's total
        // and (for the Office) the latest imports.
        factory.Commands.Reset();
        factory.Commands.Recording = true;
        await client.GetDocumentAsync("/Operations/Dossiers?year=2022");
        factory.Commands.Recording = false;
        Assert.InRange(factory.Commands.Count, 1, 7);
    }
}

public class OperationsPagesTests(ParIndexFactory factory) : IClassFixture<ParIndexFactory>
{
    public static TheoryData<string, string> Pages()
    {
        var data = new TheoryData<string, string>();
        string[] users = [DemoAccounts.Admin, DemoAccounts.Office, DemoAccounts.Leadership, DemoAccounts.UnitHead("CCBVMT")];
        string[] urls = ["/Operations", "/Operations/Dossiers", "/Operations/Dossiers?year=2022&unit=7&month=3&late=true", "/Operations/Reports?year=2022",
            "/Operations/Projection", "/Operations/Sources", "/Reminders"];
        foreach (var user in users) foreach (var url in urls) data.Add(user, url);
        return data;
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Every_page_renders_for_every_role(string user, string url)
    {
        using var client = await factory.CreateTestClient().SignInAsync(user);
        var page = await client.GetDocumentAsync(url);
        Assert.NotNull(page.QuerySelector("h1"));
    }

    [Fact]
    public async Task Anonymous_users_are_sent_to_sign_in()
    {
        using var client = factory.CreateTestClient();
        var response = await client.Http.GetAsync("/Operations/Projection");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/Login", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task The_dossier_filters_narrow_the_list()
    {
        using var client = await factory.CreateTestClient().SignInAsync(DemoAccounts.Leadership);
        var vpdkdd = await factory.WithDbAsync(db => db.Units.Where(u => u.Code == "VPDKDD").Select(u => u.Id).SingleAsync());
        var page = await client.GetDocumentAsync($"/Operations/Dossiers?year=2022&unit={vpdkdd}&late=true");
        var rows = page.QuerySelectorAll("#dossiers tbody tr");
        Assert.Equal(34, rows.Length);
        Assert.All(rows, r => Assert.Equal("Văn phòng Đăng ký đất đai", r.Children[2].TextContent));
        Assert.All(rows, r => Assert.True(int.Parse(r.QuerySelector(".days-late")!.TextContent) > 0));
        var march = await client.GetDocumentAsync($"/Operations/Dossiers?year=2022&month=3");
        Assert.All(march.QuerySelectorAll("#dossiers tbody tr"), r => Assert.Contains("/03/2022", r.Children[3].TextContent));
    }
}
