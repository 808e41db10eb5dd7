using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ParIndex.Bench.Synthetic;
using ParIndex.Web.Data.Seed;
using ParIndex.Web.Features.Dashboard;
using ParIndex.Web.Infrastructure.Caching;
using ParIndex.Web.Tests.Infrastructure;

namespace ParIndex.Web.Tests.Features.Dashboard;

/// <summary>The dashboard runs the same number of SQL commands on the demo data and on a synthetic load 10 times larger.</summary>
// One collection: the app's start-up (Serilog's bootstrap logger) is not safe to run for two factories at once.
public class QueryCountTests
{
    // The session (one SELECT by primary key in AuthSessions, on every authenticated request: sign-out ends sessions on
    // the server), then structure and scores, area names, published results, assessments, phases, units, plan, tasks
    // per status, overdue/due-soon per unit, attention tasks, late dossiers (the working calendar and the dossiers past
    // due); points lost per unit of the result year (the Office's shares, the lost sub-criteria's rules, the calendar
    // and late dossiers, late reports per unit).
    private const int Expected = 18;

    private static async Task<int> CountAsync(ParIndexFactory factory, TestClient client)
    {
        // The dashboard is shared between requests; counting needs this request to compute it. The rest of the page
        // (the reminders banner of the layout) stays shared, as it is between two dashboard requests in production.
        factory.Services.GetRequiredService<ReadCache>().Remove(DashboardCache.Key(factory.Clock.Today));
        factory.Commands.Reset();
        factory.Commands.Recording = true;
        try
        {
            await client.GetDocumentAsync("/Dashboard");
        }
        finally
        {
            factory.Commands.Recording = false;
        }
        return factory.Commands.Count;
    }

    [Fact]
    public async Task The_dashboard_runs_a_fixed_number_of_queries_whatever_the_data_size()
    {
        using var factory = new ParIndexFactory();
        using var client = await factory.CreateTestClient().SignInAsync(DemoAccounts.Leadership);
        await client.GetDocumentAsync("/Dashboard"); // warm-up: compile the page and the queries

        var demo = await CountAsync(factory, client);
        Assert.True(demo <= Expected, $"{demo} commands on the demo data:\n" + string.Join("\n---\n", factory.Commands.Log));

        var applied = await factory.WithDbAsync(db => SyntheticLoad.ApplyAsync(db, factory.Clock.Today));
        Assert.True(applied);
        var (tasks, years, units) = await factory.WithDbAsync(async db => (
            await db.PlanTasks.CountAsync(), await db.PublishedResults.CountAsync(), await db.Units.CountAsync()));
        Assert.True(tasks >= 5000, $"{tasks} tasks");
        Assert.True(years >= 12, $"{years} published years");
        Assert.Equal(50, units);

        // A fresh sign-in: loading the synthetic data can take over a minute on a busy machine, and a cookie older than
        // the stamp interval would add Identity's stamp check (five commands) to the count.
        using var fresh = await factory.CreateTestClient().SignInAsync(DemoAccounts.Leadership);
        await fresh.GetDocumentAsync("/Dashboard");
        var loaded = await CountAsync(factory, fresh);

        Assert.Equal(demo, loaded);
        // The synthetic load is on the page: 12 recorded years in the trend, 50 units accountable.
        var response = await fresh.Http.GetAsync("/Dashboard");
        var html = await response.Content.ReadAsStringAsync();
        var page = await TestClient.ParseAsync(response);
        Assert.Equal(12, page.QuerySelectorAll("[data-testid='trend'] tbody tr").Length);
        Assert.Equal(50, page.QuerySelectorAll("[data-testid='accountability'] tbody tr[data-unit]").Count(r => r.GetAttribute("data-unit") != ""));
        Assert.Equal(DashboardReader.AttentionLimit, page.QuerySelectorAll("[data-testid='attention'] tbody tr").Length);

        // Issue 17: the unit charts draw the units that need attention, not all 50 (twice, desktop and phone): the ten
        // that lost the most points (the table's first rows) and the ten with the most overdue tasks; the table keeps all.
        foreach (var id in new[] { "chart-lost", "chart-lost-narrow" })
        {
            var lostNames = page.QuerySelectorAll($"#{id} title").Select(t => t.TextContent)
                .Where(t => t.Contains(": mất ", StringComparison.Ordinal)).Select(t => t[..t.IndexOf(": mất ", StringComparison.Ordinal)]).ToList();
            var mostLost = page.QuerySelectorAll("[data-testid='accountability'] tbody tr[data-unit]")
                .Where(r => r.QuerySelector("[data-testid='unit-lost']")!.ClassList.Contains("lost"))
                .Take(DashboardCharts.ChartUnits).Select(r => r.QuerySelector("th")!.FirstChild!.TextContent.Trim()).ToList();
            Assert.Equal(mostLost, lostNames);
        }
        foreach (var id in new[] { "chart-tasks", "chart-tasks-narrow" })
        {
            var taskBars = page.QuerySelectorAll($"#{id} title").Count(t => t.TextContent.Contains(" hoàn thành, ", StringComparison.Ordinal));
            Assert.Equal(DashboardCharts.ChartUnits, taskBars);
        }
        var mostOverdue = page.QuerySelectorAll("[data-testid='accountability'] tbody tr[data-unit]")
            .Select(r => int.Parse(r.QuerySelector("[data-testid='unit-overdue']")!.TextContent, System.Globalization.CultureInfo.InvariantCulture))
            .OrderDescending().First();
        Assert.Contains(page.QuerySelectorAll("#chart-tasks title").Select(t => t.TextContent), t => t.Contains($", {mostOverdue} quá hạn", StringComparison.Ordinal));
        Assert.NotNull(page.QuerySelector("[data-testid='chart-units-note']"));
        Assert.True(html.Length < 200_000, $"{html.Length} characters"); // 297,000 before
    }

    [Fact]
    public async Task Within_the_cache_window_concurrent_requests_share_one_computation()
    {
        using var factory = new ParIndexFactory();
        using var client = await factory.CreateTestClient().SignInAsync(DemoAccounts.Leadership);
        await client.GetDocumentAsync("/Dashboard");
        factory.Clock.SetToday(new DateOnly(2023, 7, 2)); // a new day: a fresh computation
        try
        {
            factory.Commands.Reset();
            factory.Commands.Recording = true;
            var pages = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => client.GetDocumentAsync("/Dashboard")));
            factory.Commands.Recording = false;

            Assert.All(pages, p => Assert.Equal("80,567", p.QuerySelector("[data-testid='total']")!.TextContent));
            // One computation (the page's queries) plus at most the identity checks of the cookie; never four computations.
            Assert.True(factory.Commands.Count < 2 * Expected, $"{factory.Commands.Count} commands for 4 concurrent requests");
        }
        finally
        {
            factory.Clock.Reset();
        }
    }
}

/// <summary>
/// Every page and endpoint of the web benchmark (bench/web/run.sh) runs the same number of SQL commands on the demo
/// data and on the synthetic load (12 years, 50 units, 5,029 tasks in the plan): nothing is read per row. Sharing
/// between requests is off, so each request reads what it needs.
/// </summary>
public class BenchmarkPageQueryCountTests
{
    private sealed class UncachedFactory : ParIndexFactory
    {
        protected override void ConfigureSettings(IDictionary<string, string?> settings)
        {
            settings["ReadCache:Seconds"] = "0";
        }
    }

    private static async Task<int> CountAsync(ParIndexFactory factory, TestClient? client, string url)
    {
        var http = client?.Http ?? factory.CreateClient();
        var warm = await http.GetAsync(url); // compiles the page and its queries
        Assert.Equal(System.Net.HttpStatusCode.OK, warm.StatusCode);
        factory.Commands.Reset();
        factory.Commands.Recording = true;
        try
        {
            var response = await http.GetAsync(url);
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        }
        finally
        {
            factory.Commands.Recording = false;
        }
        return factory.Commands.Count;
    }

    private static async Task<Dictionary<string, int>> CountAllAsync(ParIndexFactory factory, IReadOnlyList<(string Url, string? Account)> pages)
    {
        var counts = new Dictionary<string, int>();
        // Fresh sign-ins: a cookie older than the stamp interval would add Identity's check to the first request.
        var clients = new Dictionary<string, TestClient>();
        try
        {
            foreach (var (url, account) in pages)
            {
                TestClient? client = null;
                if (account is not null && !clients.TryGetValue(account, out client))
                    clients[account] = client = await factory.CreateTestClient().SignInAsync(account);
                counts[$"{url} ({account ?? "anonymous"})"] = await CountAsync(factory, client, url);
            }
        }
        finally
        {
            foreach (var c in clients.Values) c.Dispose();
        }
        return counts;
    }

    /// <summary>
    /// The SQL commands of each benchmarked page with sharing off, in the order of the test's list; each page's count
    /// includes the session's read (one command on every authenticated request). The plan page: session, header,
    /// tasks per unit and status, overdue per unit, units, sub-criteria, versions, the selection's count and its page.
    /// </summary>
    private static readonly int[] ExpectedCounts =
    [
        0, // /healthz
        0, // /Account/Login
        19, // /Dashboard
        12, // /Assessments/2022
        14, // an area grid
        16, // a score page
        9, // /Plans/2023
        6, // a task page
        9, // /Tasks/Mine
        7, // /Reminders
        13, // /api/v1/assessments/2022
        4, // /api/v1/years
        5, // /api/v1/plans/2023
    ];

    [Fact]
    public async Task Every_benchmarked_page_runs_a_fixed_number_of_queries_whatever_the_data_size()
    {
        using var factory = new UncachedFactory();
        var (area, score, task) = await factory.WithDbAsync(async db =>
        {
            var framework = await db.Frameworks.Where(f => f.Year == 2022).Select(f => f.Id).SingleAsync();
            var areaCode = await db.Areas.Where(a => a.FrameworkId == framework).OrderBy(a => a.SortOrder).Select(a => a.Code).FirstAsync();
            var sub = await (from s in db.SubCriteria
                             join c in db.Criteria on s.CriterionId equals c.Id
                             join a in db.Areas on c.AreaId equals a.Id
                             where a.FrameworkId == framework
                             orderby s.Id
                             select s.Id).FirstAsync();
            var taskId = await db.PlanTasks.Where(t => t.Plan!.TargetYear == 2023).OrderBy(t => t.SortOrder).Select(t => t.Id).FirstAsync();
            return (areaCode, sub, taskId);
        });
        var unitHead = DemoAccounts.UnitHead("CCBVMT");
        (string, string?)[] pages =
        [
            ("/healthz", null),
            ("/Account/Login", null),
            ("/Dashboard", DemoAccounts.Leadership),
            ("/Assessments/2022", DemoAccounts.Leadership),
            ($"/Assessments/2022/Area/{area}", DemoAccounts.Leadership),
            ($"/Assessments/2022/Score/{score}", DemoAccounts.Leadership),
            ("/Plans/2023", DemoAccounts.Leadership),
            ($"/Plans/2023/Tasks/{task}", DemoAccounts.Leadership),
            ("/Tasks/Mine", unitHead),
            ("/Reminders", unitHead),
            ("/api/v1/assessments/2022", DemoAccounts.Leadership),
            ("/api/v1/years", DemoAccounts.Leadership),
            ("/api/v1/plans/2023", DemoAccounts.Leadership),
        ];

        var demo = await CountAllAsync(factory, pages);
        // Each page's number, fixed: a change in it (a query more per page, or one per row) is seen here first.
        string Table(Dictionary<string, int> counts) => string.Join("\n", counts.Select(c => $"{c.Key}: {c.Value}"));
        var expected = pages.Select((p, i) => (Key: $"{p.Item1} ({p.Item2 ?? "anonymous"})", Count: ExpectedCounts[i]))
            .ToDictionary(p => p.Key, p => p.Count);
        Assert.True(expected.OrderBy(e => e.Key).SequenceEqual(demo.OrderBy(e => e.Key)), "demo data:\n" + Table(demo));

        Assert.True(await factory.WithDbAsync(db => SyntheticLoad.ApplyAsync(db, factory.Clock.Today)));
        Assert.True(await factory.WithDbAsync(db => db.PlanTasks.CountAsync(t => t.Plan!.TargetYear == 2023)) >= 5000);
        var loaded = await CountAllAsync(factory, pages);

        Assert.Equal(demo, loaded);
        Assert.True(expected.OrderBy(e => e.Key).SequenceEqual(loaded.OrderBy(e => e.Key)), "synthetic load:\n" + Table(loaded));
        // The paged plan shows at most a page of its 5,029 tasks.
        using var lead = await factory.CreateTestClient().SignInAsync(DemoAccounts.Leadership);
        var plan = await lead.GetDocumentAsync("/Plans/2023");
        Assert.Equal(ParIndex.Web.Features.Plans.DetailsModel.PageSize, plan.QuerySelectorAll("[data-testid=tasks-table] tbody tr").Length);
    }
}
