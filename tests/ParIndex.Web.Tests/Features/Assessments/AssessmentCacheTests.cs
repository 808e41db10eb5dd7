using System.Net;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ParIndex.Web.Data.Seed;
using ParIndex.Web.Features.Assessments;
using ParIndex.Web.Infrastructure.Caching;
using ParIndex.Web.Tests.Infrastructure;

namespace ParIndex.Web.Tests.Features.Assessments;

/// <summary>
/// The year's computed picture is shared between requests (AssessmentViewCache): read once while nothing is written,
/// read again after any write this process makes, and after ReadCache:Seconds for writes it cannot see.
/// </summary>
public class AssessmentCacheTests : IDisposable
{
    private readonly ParIndexFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private static async Task<JsonElement> SubCriterionAsync(TestClient client, int year, string code)
    {
        var response = await client.Http.GetAsync($"/api/v1/assessments/{year}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("areas").EnumerateArray()
            .SelectMany(a => a.GetProperty("criteria").EnumerateArray())
            .SelectMany(c => c.GetProperty("subCriteria").EnumerateArray())
            .Single(s => s.GetProperty("code").GetString() == code).Clone();
    }

    /// <summary>The reader's main query is the only one that joins the sub-criteria to the scores.</summary>
    private static int ReaderQueries(ParIndexFactory factory) => factory.Commands.Log.Count(sql =>
        sql.Contains("\"SubCriteria\"", StringComparison.Ordinal) && sql.Contains("\"Scores\"", StringComparison.Ordinal));

    [Fact]
    public async Task A_year_read_twice_with_no_write_between_runs_its_queries_once_for_the_page_the_api_and_the_workbook()
    {
        using var client = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Leadership);
        await client.GetDocumentAsync("/Assessments/2022");

        _factory.Commands.Reset();
        _factory.Commands.Recording = true;
        var page = await client.GetDocumentAsync("/Assessments/2022");
        var area = await client.GetDocumentAsync("/Assessments/2022/Area/7");
        var api = await client.Http.GetAsync("/api/v1/assessments/2022");
        var workbook = await client.Http.GetAsync("/api/v1/assessments/2022/export.xlsx");
        _factory.Commands.Recording = false;

        Assert.Equal("80,567/99", page.QuerySelector("[data-testid=total-final]")!.TextContent.Trim());
        Assert.NotEmpty(area.QuerySelectorAll("tr.level-sub"));
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        Assert.Equal(HttpStatusCode.OK, workbook.StatusCode);
        Assert.Equal(0, ReaderQueries(_factory));
        Assert.Same(await Cache.ReadAsync(2022), await Cache.ReadAsync(2022));
    }

    private AssessmentViewCache Cache => _factory.Services.GetRequiredService<AssessmentViewCache>();

    [Fact]
    public async Task A_score_saved_through_the_form_shows_on_the_very_next_request()
    {
        // 1.2.2 is scored by hand: 0,25 is on its scale.
        var id = await _factory.SubCriterionIdAsync(2023, "1.2.2");
        using var client = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Office);
        var before = await SubCriterionAsync(client, 2023, "1.2.2");

        var response = await client.SubmitAsync($"/Assessments/2023/Score/{id}", "#score-form",
            new() { ["Input.Score"] = "0,25", ["Input.LostReason"] = "Chưa đủ tài liệu kiểm chứng (bộ nhớ đệm)." });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await SubCriterionAsync(client, 2023, "1.2.2");
        Assert.NotEqual(before.GetProperty("lostReason").ToString(), after.GetProperty("lostReason").ToString());
        Assert.Equal(0.25m, after.GetProperty("selfScore").GetDecimal());
        Assert.Equal("Chưa đủ tài liệu kiểm chứng (bộ nhớ đệm).", after.GetProperty("lostReason").GetString());
        var area = await client.GetDocumentAsync("/Assessments/2023/Area/1");
        Assert.Contains("Chưa đủ tài liệu kiểm chứng (bộ nhớ đệm).", area.QuerySelector("tr[data-code='1.2.2']")!.TextContent);
    }

    [Fact]
    public async Task A_write_that_bypasses_SaveChanges_also_makes_the_next_read_fresh()
    {
        using var client = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Leadership);
        var first = await Cache.ReadAsync(2022);
        Assert.NotEqual("Sửa hàng loạt", (await SubCriterionAsync(client, 2022, "3.5.1")).GetProperty("lostReason").GetString());

        var id = await _factory.SubCriterionIdAsync(2022, "3.5.1");
        var changed = await _factory.WithDbAsync(db => db.Scores.Where(s => s.SubCriterionId == id)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.LostReason, "Sửa hàng loạt")));

        Assert.Equal(1, changed);
        Assert.Equal("Sửa hàng loạt", (await SubCriterionAsync(client, 2022, "3.5.1")).GetProperty("lostReason").GetString());
        Assert.NotSame(first, await Cache.ReadAsync(2022));
    }

    [Fact]
    public async Task A_change_made_outside_this_process_shows_once_the_cache_seconds_have_passed()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        _factory.Clock.SetToday(today);
        using var client = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Leadership);
        var before = (await SubCriterionAsync(client, 2022, "3.5.1")).GetProperty("lostReason").GetString();
        var id = await _factory.SubCriterionIdAsync(2022, "3.5.1");

        // Another instance on the same database: a connection of its own, which this process's interceptor never sees.
        await using (var other = new SqliteConnection($"Data Source={_factory.DatabasePath};Pooling=False"))
        {
            await other.OpenAsync();
            await using var update = other.CreateCommand();
            update.CommandText = "UPDATE Scores SET LostReason = 'Sửa từ phiên bản khác' WHERE SubCriterionId = $id";
            update.Parameters.AddWithValue("$id", id);
            Assert.Equal(1, await update.ExecuteNonQueryAsync());
        }

        // Within ReadCache:Seconds (5) the shared picture is still the one read before the change...
        Assert.Equal(before, (await SubCriterionAsync(client, 2022, "3.5.1")).GetProperty("lostReason").GetString());
        // ...and once they have passed, the change shows.
        _factory.Clock.SetToday(today.AddDays(1));
        Assert.Equal("Sửa từ phiên bản khác", (await SubCriterionAsync(client, 2022, "3.5.1")).GetProperty("lostReason").GetString());
    }

    [Fact]
    public async Task Years_that_do_not_exist_are_answered_404_and_never_kept()
    {
        using var client = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Leadership);
        await client.Http.GetAsync("/api/v1/assessments/2022");
        var held = Cache.Count;

        foreach (var year in new[] { 1999, 2150, 3000, 1999 })
            Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync($"/api/v1/assessments/{year}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync("/Assessments/2150")).StatusCode);

        Assert.Equal(held, Cache.Count);
    }

    [Fact]
    public async Task A_plan_page_of_the_api_shows_a_change_to_a_task_on_the_next_request()
    {
        using var client = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Leadership);
        async Task<int> PercentAsync(int taskId)
        {
            using var json = JsonDocument.Parse(await client.Http.GetStringAsync("/api/v1/plans/2023?pageSize=50"));
            return json.RootElement.GetProperty("tasks").EnumerateArray()
                .Single(t => t.GetProperty("id").GetInt32() == taskId).GetProperty("percentComplete").GetInt32();
        }
        var id = await _factory.WithDbAsync(db => db.PlanTasks.Where(t => db.Plans.Any(p => p.Id == t.PlanId && p.TargetYear == 2023))
            .OrderBy(t => t.Id).Select(t => t.Id).FirstAsync());
        var before = await PercentAsync(id);
        Assert.Equal(before, await PercentAsync(id));

        await _factory.WithDbAsync(db => db.PlanTasks.Where(t => t.Id == id).ExecuteUpdateAsync(s => s.SetProperty(t => t.PercentComplete, 42)));

        Assert.NotEqual(42, before);
        Assert.Equal(42, await PercentAsync(id));
    }

    [Fact]
    public async Task The_years_list_shows_a_changed_score_on_the_next_request()
    {
        using var client = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Leadership);
        async Task<decimal> Total2022Async()
        {
            using var json = JsonDocument.Parse(await client.Http.GetStringAsync("/api/v1/years"));
            return json.RootElement.EnumerateArray().Single(y => y.GetProperty("year").GetInt32() == 2022).GetProperty("total").GetDecimal();
        }
        var before = await Total2022Async();
        Assert.Equal(before, await Total2022Async());

        var id = await _factory.SubCriterionIdAsync(2022, "3.5.1");
        await _factory.WithDbAsync(db => db.Scores.Where(s => s.SubCriterionId == id)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Round1Score, x => x.Round1Score + 1)));

        Assert.Equal(before + 1, await Total2022Async());
    }

    private sealed class SmallCacheFactory : ParIndexFactory
    {
        public const int Limit = 16;
        protected override void ConfigureSettings(IDictionary<string, string?> settings) =>
            settings["ReadCache:SizeLimit"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task However_many_different_pages_are_asked_for_the_shared_reads_stay_bounded()
    {
        using var factory = new SmallCacheFactory();
        using var client = await factory.CreateTestClient().SignInAsync(DemoAccounts.Leadership);
        var cache = factory.Services.GetRequiredService<AssessmentViewCache>();
        for (var size = 1; size <= 3 * SmallCacheFactory.Limit; size++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync($"/api/v1/plans/2023?pageSize={size}")).StatusCode);
            Assert.InRange(cache.Count, 0, SmallCacheFactory.Limit);
        }
        // Still sharing (least recently used entries made room), not cleared wholesale or refusing new keys.
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/api/v1/assessments/2022")).StatusCode);
        Assert.InRange(cache.Count, 1, SmallCacheFactory.Limit);
    }

    private sealed class UncachedFactory : ParIndexFactory
    {
        protected override void ConfigureSettings(IDictionary<string, string?> settings) => settings["ReadCache:Seconds"] = "0";
    }

    [Fact]
    public async Task With_ReadCache_Seconds_0_every_request_reads_the_database()
    {
        using var factory = new UncachedFactory();
        using var client = await factory.CreateTestClient().SignInAsync(DemoAccounts.Leadership);
        await client.Http.GetAsync("/api/v1/assessments/2022");

        factory.Commands.Reset();
        factory.Commands.Recording = true;
        await client.Http.GetAsync("/api/v1/assessments/2022");
        await client.Http.GetAsync("/api/v1/assessments/2022");
        factory.Commands.Recording = false;

        Assert.Equal(2, ReaderQueries(factory));
        var cache = factory.Services.GetRequiredService<AssessmentViewCache>();
        Assert.NotSame(await cache.ReadAsync(2022), await cache.ReadAsync(2022));
    }

    [Theory]
    [InlineData("SELECT 1", false)]
    [InlineData("  select \"a\".\"Id\" FROM \"Areas\" AS \"a\"", false)]
    [InlineData("INSERT INTO \"Scores\" (\"Id\") VALUES (1) RETURNING \"Id\";", true)]
    [InlineData("UPDATE \"Scores\" SET \"LostReason\" = 'x'", true)]
    [InlineData("DELETE FROM \"Evidence\"", true)]
    [InlineData("WITH x AS (SELECT 1) SELECT * FROM x", true)] // a false alarm costs one cache miss, never a stale read
    public void Any_statement_but_a_select_counts_as_a_write(string sql, bool write) =>
        Assert.Equal(write, DataVersionInterceptor.MayWrite(sql));
}
