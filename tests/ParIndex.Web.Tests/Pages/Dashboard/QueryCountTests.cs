using Microsoft.EntityFrameworkCore;
using ParIndex.Web.Data.Seed;
using ParIndex.Web.Features.Dashboard;
using ParIndex.Web.Tests.Infrastructure;

namespace ParIndex.Web.Tests.Pages.Dashboard;

/// <summary>The dashboard runs the same number of SQL commands on the demo data and on a synthetic load 10 times larger.</summary>
// One collection: the app's start-up (Serilog's bootstrap logger) is not safe to run for two factories at once.
[Collection(DashboardCollection.Name)]
public class QueryCountTests
{
    // Structure and scores, area names, published results, assessments, phases, units, plan, tasks per status,
    // overdue/due-soon per unit, attention tasks, late dossiers; points lost per unit of the result year (the Office's
    // shares, the lost sub-criteria's rules, late dossiers and late reports per unit).
    private const int Expected = 15;

    private static async Task<int> CountAsync(ParIndexFactory factory, TestClient client)
    {
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

    /// <summary>The page shares a computed view for a few seconds; counting needs every request to compute its own.</summary>
    private sealed class UncachedFactory : ParIndexFactory
    {
        protected override void ConfigureSettings(IDictionary<string, string?> settings) => settings["Dashboard:CacheSeconds"] = "0";
    }

    [Fact]
    public async Task The_dashboard_runs_a_fixed_number_of_queries_whatever_the_data_size()
    {
        using var factory = new UncachedFactory();
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

        var loaded = await CountAsync(factory, client);

        Assert.Equal(demo, loaded);
        // The synthetic load is on the page: 12 recorded years in the trend, 50 units accountable.
        var page = await client.GetDocumentAsync("/Dashboard");
        Assert.Equal(12, page.QuerySelectorAll("[data-testid='trend'] tbody tr").Length);
        Assert.Equal(50, page.QuerySelectorAll("[data-testid='accountability'] tbody tr[data-unit]").Count(r => r.GetAttribute("data-unit") != ""));
        Assert.Equal(DashboardReader.AttentionLimit, page.QuerySelectorAll("[data-testid='attention'] tbody tr").Length);
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
