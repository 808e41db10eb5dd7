using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using ParIndex.Domain.Plans;
using ParIndex.Web.Data.Seed;
using ParIndex.Web.Tests.Infrastructure;

namespace ParIndex.Web.Tests.Features.Dashboard;

// One collection: the app's start-up (Serilog's bootstrap logger) is not safe to run for two factories at once.
public class IndexTests(ParIndexFactory factory) : IClassFixture<ParIndexFactory>
{
    private async Task<IDocument> DashboardAsync(string account = DemoAccounts.Leadership)
    {
        using var client = await factory.CreateTestClient().SignInAsync(account);
        return await client.GetDocumentAsync("/Dashboard");
    }

    private static string Text(IDocument page, string testId) =>
        page.QuerySelector($"[data-testid='{testId}']")?.TextContent.Trim()
        ?? throw new InvalidOperationException($"No element data-testid={testId}");

    private static decimal Number(string text) => decimal.Parse(text.Replace(',', '.'), CultureInfo.InvariantCulture);

    [Fact]
    public async Task Shows_the_2022_result_rank_change_and_the_plan_target()
    {
        var page = await DashboardAsync();

        Assert.Equal("80,567", Text(page, "total"));
        Assert.Equal("99", Text(page, "max"));
        Assert.Equal("Tốt", Text(page, "classification"));
        Assert.Equal("18/22", Text(page, "rank"));
        Assert.Equal("-10,933", Text(page, "points-change"));
        Assert.Equal("-6", Text(page, "places-change"));
        // Published 80,567 equals the total computed from the sub-criteria: nothing to flag.
        Assert.Null(page.QuerySelector("[data-testid='differs']"));
        // The 2023 plan (base year 2022): at least one place up (17th) and 85 points, 4,433 away.
        Assert.Equal("85", Text(page, "target-total"));
        Assert.Equal("4,433", Text(page, "points-to-target"));
        Assert.Equal("17", Text(page, "target-rank"));
        Assert.Equal("1", Text(page, "places-to-target"));
        Assert.Contains("Tổng quan Chỉ số CCHC năm 2022", page.QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task Areas_are_sorted_by_points_lost_with_area_7_first_and_drill_down_links()
    {
        var page = await DashboardAsync();

        var rows = page.QuerySelectorAll("[data-testid='areas'] tbody tr").ToList();
        Assert.Equal(7, rows.Count);
        var area7 = rows[0];
        Assert.Equal("7", area7.GetAttribute("data-area"));
        Assert.Equal("65,62%", area7.QuerySelector("[data-testid='area-percent']")!.TextContent.Trim());
        Assert.Equal("11,484", area7.QuerySelector("[data-testid='area-points']")!.TextContent.Trim());
        Assert.Equal("6,016", area7.QuerySelector("[data-testid='area-lost']")!.TextContent.Trim());
        Assert.Contains("area-weak", area7.ClassName);
        Assert.Equal("/Assessments/2022/Area/7", area7.QuerySelector("a")!.GetAttribute("href"));
        var lost = rows.Select(r => Number(r.QuerySelector("[data-testid='area-lost']")!.TextContent.Trim())).ToList();
        Assert.Equal(lost.OrderByDescending(x => x), lost);
        Assert.Equal(18.433m, lost.Sum());
        // Area 4 lost nothing: not highlighted.
        Assert.DoesNotContain("area-weak", rows.Single(r => r.GetAttribute("data-area") == "4").ClassName);
    }

    [Fact]
    public async Task Trend_has_2021_from_its_published_total_and_2022_but_not_the_unscored_2023()
    {
        var page = await DashboardAsync();

        var years = page.QuerySelectorAll("[data-testid='trend'] tbody tr").Select(r => r.GetAttribute("data-year")).ToList();
        Assert.Equal(["2021", "2022"], years);
        var y2021 = page.QuerySelector("[data-testid='trend'] tr[data-year='2021']")!;
        Assert.Contains("91,5", y2021.TextContent);
        Assert.Contains("12/22", y2021.TextContent);
        var y2022 = page.QuerySelector("[data-testid='trend'] tr[data-year='2022']")!;
        Assert.Contains("80,567/99", y2022.TextContent);
        Assert.Contains("65,62%", y2022.TextContent);
        // The line chart draws a marker per year with a value.
        Assert.Equal(2, page.QuerySelectorAll("#chart-trend-total circle").Length);
    }

    [Fact]
    public async Task Points_lost_are_charged_to_the_units_that_lost_them_and_add_up_to_the_points_lost()
    {
        var page = await DashboardAsync();

        var cells = page.QuerySelectorAll("[data-testid='accountability'] tbody [data-testid='unit-lost']")
            .Select(c => Number(c.TextContent.Trim())).ToList();
        Assert.Equal(99m - 80.567m, cells.Sum());
        Assert.Equal("18,433", Text(page, "lost-total"));
        var lost = page.QuerySelectorAll("[data-testid='accountability'] tbody tr[data-unit]")
            .Where(r => r.GetAttribute("data-unit") != "")
            .ToDictionary(r => r.GetAttribute("data-unit")!, r => r.QuerySelector("[data-testid='unit-lost']")!.TextContent.Trim());
        // Not every lost point on the lead unit (it was 14,766 of 18,433): 3.5.1's 3 points go to the five units with late
        // dossiers (20 : 4 : 7 : 19 : 34), 7.1.2's 1,5 to the three units without electronic documents, 2.1.1 and 2.1.2
        // to Thanh tra Sở and the four drafting units.
        Assert.NotEqual("14,766", lost["VP"]);
        Assert.Equal("10,266", lost["VP"]);
        Assert.Equal("1,714", lost["VPDKDD"]); // 3 × 34/84 = 1,214 on 3.5.1 + 1,5/3 on 7.1.2
        Assert.Equal("1,014", lost["QHGD"]);   // 3 × 20/84 = 0,714 + 1/5 + 0,5/5
        Assert.Equal("0,443", lost["DKTK"]);   // 0,143 + 0,3
        Assert.Equal("0,55", lost["KSTNN"]);   // 0,25 + 0,3
        Assert.Equal("1,146", lost["CCBVMT"]); // 0,679 + 0,3 + 0,167 on 2.2.3 (it leads the unfinished task)
        Assert.Equal("0,3", lost["TTR"]);
        Assert.Equal("0,5", lost["QBVMT"]);
        Assert.Equal("0,5", lost["TTDD"]);
        Assert.Equal("2", lost["KHTC"]);
        // 84 late dossiers in 2022, per unit as the seed document lists them.
        var dossiers = page.QuerySelectorAll("[data-testid='accountability'] tbody tr")
            .ToDictionary(r => r.GetAttribute("data-unit")!, r => int.Parse(r.QuerySelector("[data-testid='unit-dossiers']")!.TextContent));
        Assert.Equal(84, dossiers.Values.Sum());
        Assert.Equal(20, dossiers["QHGD"]);
        Assert.Equal(34, dossiers["VPDKDD"]);
        Assert.Equal(19, dossiers["CCBVMT"]);
    }

    [Fact]
    public async Task Task_progress_and_overdue_per_unit_follow_PlanTask_IsOverdue()
    {
        var today = new DateOnly(2023, 7, 1);
        factory.Clock.SetToday(today);
        try
        {
            var page = await DashboardAsync();

            var tasks = await factory.WithDbAsync(db => db.PlanTasks.AsNoTracking().Include(t => t.DueDates)
                .Where(t => db.Plans.Any(p => p.Id == t.PlanId && p.BaseYear == 2022)).ToListAsync());
            Assert.Equal(29, tasks.Count);
            var expected = tasks.GroupBy(t => t.LeadUnitId).ToDictionary(g => g.Key, g => new
            {
                Done = g.Count(t => t.Status == PlanTaskStatus.Done),
                InProgress = g.Count(t => t.Status == PlanTaskStatus.InProgress),
                NotStarted = g.Count(t => t.Status == PlanTaskStatus.NotStarted),
                Overdue = g.Count(t => t.IsOverdue(today)),
            });
            var units = await factory.WithDbAsync(db => db.Units.AsNoTracking().ToDictionaryAsync(u => u.Code, u => u.Id));
            var totalOverdue = tasks.Count(t => t.IsOverdue(today));
            Assert.True(totalOverdue > 0, "the demo plan has overdue tasks on 01/07/2023");

            foreach (var row in page.QuerySelectorAll("[data-testid='accountability'] tbody tr[data-unit]"))
            {
                var code = row.GetAttribute("data-unit")!;
                if (code.Length == 0) continue;
                var e = expected.GetValueOrDefault(units[code]);
                int Cell(string id) => int.Parse(row.QuerySelector($"[data-testid='{id}']")!.TextContent);
                Assert.Equal(e?.Done ?? 0, Cell("unit-done"));
                Assert.Equal(e?.InProgress ?? 0, Cell("unit-progress"));
                Assert.Equal(e?.NotStarted ?? 0, Cell("unit-notstarted"));
                Assert.Equal(e?.Overdue ?? 0, Cell("unit-overdue"));
            }
            Assert.Equal(totalOverdue.ToString(CultureInfo.InvariantCulture), Text(page, "overdue-count"));
            var dueSoon = tasks.Count(t => !t.IsOverdue(today) && !t.IsClosed && t.NextDueDate() is { } d && d >= today && d <= today.AddDays(14));
            Assert.Equal(dueSoon.ToString(CultureInfo.InvariantCulture), Text(page, "due-soon-count"));
            // Every overdue or soon-due task is listed (fewer than the limit here), with a link to its page.
            var listed = page.QuerySelectorAll("[data-testid='attention'] tbody tr").ToList();
            Assert.Equal(totalOverdue + dueSoon, listed.Count);
            Assert.Equal(totalOverdue, listed.Count(r => r.ClassList.Contains("task-overdue")));
            Assert.All(listed, r => Assert.StartsWith("/Plans/2023/Tasks/", r.QuerySelector("a")!.GetAttribute("href")));
        }
        finally
        {
            factory.Clock.Reset();
        }
    }

    [Fact]
    public async Task Shows_the_open_self_assessment_of_2023_with_its_countdown()
    {
        var page = await DashboardAsync();

        var phase = await factory.WithDbAsync(db => db.AssessmentPhases.AsNoTracking()
            .Where(p => db.Assessments.Any(a => a.Id == p.AssessmentId && a.Year == 2023) && p.Kind == ParIndex.Domain.Assessments.PhaseKind.SelfAssessment)
            .SingleAsync());
        var today = factory.Clock.Today;
        Assert.Equal("Đang mở", Text(page, "lock-state"));
        Assert.Equal(phase.EndsOn.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture), Text(page, "phase-end"));
        Assert.Equal((phase.EndsOn.DayNumber - today.DayNumber).ToString(CultureInfo.InvariantCulture), Text(page, "days-left"));
        Assert.Contains("tự đánh giá", Text(page, "assessment-status"));
    }

    [Fact]
    public async Task Shows_locked_when_no_phase_is_open()
    {
        factory.Clock.SetToday(new DateOnly(2030, 1, 1));
        try
        {
            var page = await DashboardAsync();
            Assert.Equal("Đã khóa", Text(page, "lock-state"));
        }
        finally
        {
            factory.Clock.Reset();
        }
    }

    [Theory]
    [InlineData(DemoAccounts.Leadership)]
    [InlineData(DemoAccounts.Office)]
    [InlineData(DemoAccounts.Admin)]
    [InlineData("qhgd@parindex.local")]
    public async Task Every_signed_in_role_can_read_it(string account)
    {
        var page = await DashboardAsync(account);
        Assert.Equal("80,567", Text(page, "total"));
    }

    [Fact]
    public async Task A_unit_head_sees_their_own_unit_highlighted()
    {
        var page = await DashboardAsync("qhgd@parindex.local");
        var active = page.QuerySelectorAll("[data-testid='accountability'] tbody tr.table-active").ToList();
        Assert.Equal("QHGD", Assert.Single(active).GetAttribute("data-unit"));
    }

    [Fact]
    public async Task Within_one_snapshot_each_viewer_gets_the_body_of_their_own_unit()
    {
        // A fixed clock keeps one snapshot for the whole test: the rendered bodies it keeps must be told apart by unit.
        using var factory = new ParIndexFactory();
        factory.Clock.SetToday(new DateOnly(2023, 7, 3));
        async Task<string[]> HighlightedAsync(string account)
        {
            using var client = await factory.CreateTestClient().SignInAsync(account);
            var page = await client.GetDocumentAsync("/Dashboard");
            Assert.Equal("80,567", Text(page, "total"));
            return page.QuerySelectorAll("[data-testid='accountability'] tbody tr.table-active").Select(r => r.GetAttribute("data-unit")!).ToArray();
        }

        Assert.Empty(await HighlightedAsync(DemoAccounts.Leadership));
        Assert.Equal(["QHGD"], await HighlightedAsync("qhgd@parindex.local"));
        Assert.Equal(["CCBVMT"], await HighlightedAsync("ccbvmt@parindex.local"));
        Assert.Empty(await HighlightedAsync(DemoAccounts.Office));
        Assert.Equal(["QHGD"], await HighlightedAsync("qhgd@parindex.local"));
    }

    [Fact]
    public async Task Without_sign_in_it_redirects_to_the_login_page()
    {
        using var client = factory.CreateTestClient();
        var response = await client.Http.GetAsync("/Dashboard");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/Login", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Charts_are_inline_svg_with_titles_table_alternatives_and_no_inline_styles()
    {
        using var client = await factory.CreateTestClient().SignInAsync(DemoAccounts.Leadership);
        var response = await client.Http.GetAsync("/Dashboard");
        var html = await response.Content.ReadAsStringAsync();
        var page = await TestClient.ParseAsync(response);

        var charts = page.QuerySelectorAll("svg.chart").ToList();
        string[] ids = ["chart-areas", "chart-trend-total", "chart-trend-areas", "chart-lost", "chart-tasks"];
        // Each chart twice: the desktop and print layout, and the phone's.
        Assert.Equal(ids.SelectMany(id => new[] { id, id + "-narrow" }), charts.Select(c => c.Id));
        foreach (var chart in charts)
        {
            // A chart whose labels are links is a group: an image may not hold interactive content (axe nested-interactive).
            Assert.Equal(chart.QuerySelector("a") is null ? "img" : "group", chart.GetAttribute("role"));
            var title = chart.QuerySelector("title")!;
            Assert.False(string.IsNullOrWhiteSpace(title.TextContent));
            Assert.Contains(title.Id!, chart.GetAttribute("aria-labelledby")!);
        }
        // The CSP forbids inline styles and scripts.
        Assert.DoesNotContain("style=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<style", html, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(page.QuerySelectorAll("script:not([src])"));
        // Each chart's figures are in a table too; the print stylesheet is linked.
        foreach (var table in new[] { "areas", "trend", "accountability" })
            Assert.NotNull(page.QuerySelector($"table[data-testid='{table}'] caption"));
        Assert.NotNull(page.QuerySelector("link[href^='/css/dashboard.css']"));
        var css = await client.Http.GetStringAsync("/css/dashboard.css");
        Assert.Contains("@page { size: A4", css);
        // Area 7's bar links to its drill-down page.
        Assert.NotNull(page.QuerySelector("#chart-areas a[href='/Assessments/2022/Area/7']"));
    }

    [Fact]
    public async Task Every_viewer_gets_the_charts_of_a_snapshot_the_first_one_and_those_at_the_same_time()
    {
        // The charts are drawn once per snapshot and shared by every viewer's render of the page: the render must not
        // take them out of the shared object (once, every later viewer got empty charts and two at once an error).
        string[] accounts = [DemoAccounts.Leadership, DemoAccounts.UnitHead("VPDKDD"), DemoAccounts.UnitHead("CCBVMT"),
            DemoAccounts.UnitHead("QHGD"), DemoAccounts.Office];
        var clients = new List<TestClient>();
        foreach (var account in accounts) clients.Add(await factory.CreateTestClient().SignInAsync(account));
        try
        {
            async Task<int[]> ChartsAsync(TestClient c)
            {
                var response = await c.Http.GetAsync("/Dashboard");
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                var page = await TestClient.ParseAsync(response);
                return page.QuerySelectorAll("svg.chart").Select(svg => svg.QuerySelectorAll("rect, circle, path, line, polyline").Length).ToArray();
            }
            var first = await ChartsAsync(clients[0]);
            Assert.Equal(10, first.Length);
            Assert.All(first, n => Assert.True(n > 0, "a chart is drawn"));
            foreach (var c in clients.Skip(1)) Assert.Equal(first, await ChartsAsync(c));
            var together = await Task.WhenAll(clients.Concat(clients).Select(c => Task.Run(() => ChartsAsync(c))));
            Assert.All(together, charts => Assert.Equal(first, charts));
        }
        finally
        {
            foreach (var c in clients) c.Dispose();
        }
    }
}
