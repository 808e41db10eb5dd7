using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ParIndex.Web.Data.Seed;
using ParIndex.Web.Tests.Infrastructure;

namespace ParIndex.Web.Tests.Api;

// One collection: the app's start-up (Serilog's bootstrap logger) is not safe to run for two factories at once.
public class ApiTests(ParIndexFactory factory) : IClassFixture<ParIndexFactory>
{
    private async Task<JsonElement> GetJsonAsync(string url, string account = DemoAccounts.Leadership)
    {
        using var client = await factory.CreateTestClient().SignInAsync(account);
        var response = await client.Http.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.Clone();
    }

    [Fact]
    public async Task Assessment_2022_has_the_documented_shape_and_numbers_as_json_numbers()
    {
        var root = await GetJsonAsync("/api/v1/assessments/2022");

        Assert.Equal(
            ["year", "maxPoints", "total", "appraisedTotal", "publishedTotal", "rank", "rankOf", "classification", "areas",
                "selfTotal", "round1Total", "round2Total", "publishedAreas", "previous", "lostPoints", "unitLosses", "index"],
            root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(2022, root.GetProperty("year").GetInt32());
        Assert.Equal(JsonValueKind.Number, root.GetProperty("total").ValueKind);
        Assert.Equal(80.567m, root.GetProperty("total").GetDecimal());
        Assert.Equal(80.567m, root.GetProperty("appraisedTotal").GetDecimal());
        Assert.Equal(80.567m, root.GetProperty("publishedTotal").GetDecimal());
        Assert.Equal(99m, root.GetProperty("maxPoints").GetDecimal());
        Assert.Equal(18, root.GetProperty("rank").GetInt32());
        Assert.Equal(22, root.GetProperty("rankOf").GetInt32());
        Assert.Equal("Tốt", root.GetProperty("classification").GetString());

        var areas = root.GetProperty("areas").EnumerateArray().ToList();
        Assert.Equal(7, areas.Count);
        Assert.Equal(["code", "name", "maxPoints", "points", "percent", "criteria"], areas[0].EnumerateObject().Select(p => p.Name));
        var area7 = areas.Single(a => a.GetProperty("code").GetString() == "7");
        Assert.Equal(11.484m, area7.GetProperty("points").GetDecimal());
        Assert.Equal(17.5m, area7.GetProperty("maxPoints").GetDecimal());
        Assert.Equal(65.62m, area7.GetProperty("percent").GetDecimal());
        Assert.Equal(4, area7.GetProperty("criteria").GetArrayLength());
        Assert.Equal(80.567m, areas.Sum(a => a.GetProperty("points").GetDecimal()));
        // Percentages are written as read: 100, not 100.00.
        Assert.Equal("100", areas.Single(a => a.GetProperty("code").GetString() == "4").GetProperty("percent").GetRawText());

        var criterion = area7.GetProperty("criteria")[0];
        Assert.Equal(["code", "name", "maxPoints", "points", "subCriteria"], criterion.EnumerateObject().Select(p => p.Name));
        var subs = areas.SelectMany(a => a.GetProperty("criteria").EnumerateArray()).SelectMany(c => c.GetProperty("subCriteria").EnumerateArray()).ToList();
        Assert.Equal(74, subs.Count);
        Assert.Equal(["code", "name", "maxPoints", "selfScore", "appraisedScore", "lostReason", "leadUnit", "pointsLost", "lossBasis", "lostByUnit"],
            subs[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal(80.567m, subs.Sum(s => s.GetProperty("appraisedScore").GetDecimal()));
        // Every sub-criterion below its maximum says why, and who leads it.
        var lost = subs.Where(s => s.GetProperty("appraisedScore").GetDecimal() < s.GetProperty("maxPoints").GetDecimal()).ToList();
        Assert.NotEmpty(lost);
        Assert.Contains(lost, s => s.GetProperty("leadUnit").GetString() == "Văn phòng Sở");
    }

    [Fact]
    public async Task Years_lists_2021_published_only_2022_computed_and_published_and_2023_in_progress()
    {
        var root = await GetJsonAsync("/api/v1/years", DemoAccounts.Office);

        var years = root.EnumerateArray().ToDictionary(y => y.GetProperty("year").GetInt32());
        Assert.Equal([2021, 2022, 2023], years.Keys.Order());
        Assert.Equal(91.5m, years[2021].GetProperty("publishedTotal").GetDecimal());
        Assert.Equal(JsonValueKind.Null, years[2021].GetProperty("total").ValueKind);
        Assert.Equal(12, years[2021].GetProperty("rank").GetInt32());
        Assert.Equal(80.567m, years[2022].GetProperty("total").GetDecimal());
        Assert.Equal(80.567m, years[2022].GetProperty("publishedTotal").GetDecimal());
        Assert.Equal(99m, years[2022].GetProperty("maxPoints").GetDecimal());
        Assert.Equal(18, years[2022].GetProperty("rank").GetInt32());
        Assert.Equal(22, years[2022].GetProperty("rankOf").GetInt32());
        Assert.Equal(JsonValueKind.Null, years[2023].GetProperty("publishedTotal").ValueKind);
    }

    [Fact]
    public async Task Plan_2023_has_its_tasks_status_lead_units_and_overdue_flags()
    {
        var root = await GetJsonAsync("/api/v1/plans/2023", "qhgd@parindex.local");

        Assert.Equal(2023, root.GetProperty("targetYear").GetInt32());
        Assert.Equal(2022, root.GetProperty("baseYear").GetInt32());
        Assert.Equal("Issued", root.GetProperty("status").GetString());
        Assert.Equal(85m, root.GetProperty("targetTotal").GetDecimal());
        var tasks = root.GetProperty("tasks").EnumerateArray().ToList();
        Assert.Equal(29, tasks.Count);
        var today = factory.Clock.Today;
        var expected = await factory.WithDbAsync(db => db.PlanTasks.AsNoTracking().Include(t => t.DueDates)
            .Where(t => db.Plans.Any(p => p.Id == t.PlanId && p.TargetYear == 2023)).ToListAsync());
        foreach (var task in tasks)
        {
            var entity = expected.Single(t => t.Id == task.GetProperty("id").GetInt32());
            Assert.Equal(entity.IsOverdue(today), task.GetProperty("overdue").GetBoolean());
            Assert.Equal(entity.Status.ToString(), task.GetProperty("status").GetString());
            Assert.False(string.IsNullOrEmpty(task.GetProperty("leadUnit").GetProperty("name").GetString()));
        }
        var first = tasks[0];
        Assert.Equal("VP", first.GetProperty("leadUnit").GetProperty("code").GetString());
        Assert.Equal(9, first.GetProperty("coordinatingUnits").GetArrayLength());
        Assert.Contains(tasks, t => t.GetProperty("recurrence").GetString() == "Quarterly" && t.GetProperty("dueDates").GetArrayLength() == 4);
        // The demo plan fits in the first page.
        Assert.Equal((29, 1, 100, 1), (root.GetProperty("taskCount").GetInt32(), root.GetProperty("page").GetInt32(),
            root.GetProperty("pageSize").GetInt32(), root.GetProperty("pageCount").GetInt32()));
    }

    [Fact]
    public async Task A_plan_is_read_page_by_page_in_plan_order_with_the_same_queries_whatever_the_page()
    {
        var all = (await GetJsonAsync("/api/v1/plans/2023")).GetProperty("tasks").EnumerateArray()
            .Select(t => t.GetProperty("id").GetInt32()).ToList();

        var pages = new List<JsonElement>();
        for (var page = 1; page <= 4; page++) pages.Add(await GetJsonAsync($"/api/v1/plans/2023?page={page}&pageSize=10"));

        Assert.Equal([10, 10, 9, 0], pages.Select(p => p.GetProperty("tasks").GetArrayLength()));
        Assert.All(pages, p => Assert.Equal((29, 10, 3), (p.GetProperty("taskCount").GetInt32(), p.GetProperty("pageSize").GetInt32(),
            p.GetProperty("pageCount").GetInt32())));
        Assert.Equal(all, pages.SelectMany(p => p.GetProperty("tasks").EnumerateArray()).Select(t => t.GetProperty("id").GetInt32()));
        // A page carries its tasks whole: the quarterly task has its four due dates wherever it falls.
        Assert.Contains(pages.SelectMany(p => p.GetProperty("tasks").EnumerateArray()),
            t => t.GetProperty("recurrence").GetString() == "Quarterly" && t.GetProperty("dueDates").GetArrayLength() == 4);

        using var client = await factory.CreateTestClient().SignInAsync(DemoAccounts.Leadership);
        async Task<int> CommandsAsync(string url)
        {
            factory.Commands.Reset();
            factory.Commands.Recording = true;
            Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync(url)).StatusCode);
            factory.Commands.Recording = false;
            return factory.Commands.Count;
        }
        // Warmed first: the session is read once, then shared (ReadCache) until the next write.
        await CommandsAsync("/api/v1/plans/2023?pageSize=5");
        Assert.Equal(await CommandsAsync("/api/v1/plans/2023?pageSize=2"), await CommandsAsync("/api/v1/plans/2023?pageSize=29"));
    }

    [Theory]
    [InlineData("/api/v1/plans/2023?pageSize=0", "pageSize")]
    [InlineData("/api/v1/plans/2023?pageSize=501", "pageSize")]
    [InlineData("/api/v1/plans/2023?page=0", "page")]
    [InlineData("/api/v1/plans/2023?page=-3&pageSize=10", "page")]
    public async Task A_page_out_of_range_is_a_400_problem_in_vietnamese(string url, string parameter)
    {
        using var client = await factory.CreateTestClient().SignInAsync(DemoAccounts.Leadership);
        var response = await client.Http.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var detail = json.RootElement.GetProperty("detail").GetString()!;
        Assert.StartsWith(parameter + " phải", detail);
    }

    [Theory]
    [InlineData("/api/v1/years")]
    [InlineData("/api/v1/assessments/2022")]
    [InlineData("/api/v1/plans/2023")]
    public async Task Without_sign_in_the_api_answers_401_not_a_redirect(string url)
    {
        using var client = factory.CreateTestClient();
        var response = await client.Http.GetAsync(url);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Theory]
    [InlineData("/api/v1/assessments/1999")]
    [InlineData("/api/v1/plans/1999")]
    public async Task An_unknown_year_is_a_404_problem(string url)
    {
        using var client = await factory.CreateTestClient().SignInAsync(DemoAccounts.Leadership);
        var response = await client.Http.GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(404, json.RootElement.GetProperty("status").GetInt32());
        Assert.Contains("1999", json.RootElement.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task The_openapi_document_lists_the_endpoints_without_sign_in()
    {
        using var client = factory.CreateTestClient();
        var response = await client.Http.GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var paths = json.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/v1/years", paths);
        Assert.Contains("/api/v1/assessments/{year}", paths);
        Assert.Contains("/api/v1/plans/{year}", paths);
        Assert.DoesNotContain("/healthz", paths);
        var assessment = json.RootElement.GetProperty("paths").GetProperty("/api/v1/assessments/{year}").GetProperty("get");
        Assert.True(assessment.GetProperty("responses").TryGetProperty("404", out _));
    }

    [Fact]
    public async Task Assessment_2022_adds_each_round_s_total_the_published_areas_and_the_previous_year()
    {
        var root = await GetJsonAsync("/api/v1/assessments/2022");

        Assert.Equal(JsonValueKind.Number, root.GetProperty("selfTotal").ValueKind);
        Assert.Equal(80.567m, root.GetProperty("round1Total").GetDecimal());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("round2Total").ValueKind); // 2022 had no round 2
        var area1 = root.GetProperty("publishedAreas").EnumerateArray().Single(a => a.GetProperty("code").GetString() == "1");
        Assert.Equal(8.645m, area1.GetProperty("points").GetDecimal());
        Assert.Equal(67.31m, area1.GetProperty("percent").GetDecimal());
        var previous = root.GetProperty("previous");
        Assert.Equal(2021, previous.GetProperty("year").GetInt32());
        Assert.Equal(91.5m, previous.GetProperty("total").GetDecimal());
        Assert.True(previous.GetProperty("published").GetBoolean());
        Assert.Equal(12, previous.GetProperty("rank").GetInt32());
    }

    [Fact]
    public async Task Assessment_2022_splits_the_lost_points_among_the_units_that_lost_them()
    {
        var root = await GetJsonAsync("/api/v1/assessments/2022");

        Assert.Equal(18.433m, root.GetProperty("lostPoints").GetDecimal());
        var units = root.GetProperty("unitLosses").EnumerateArray().ToList();
        Assert.Equal(18.433m, units.Sum(u => u.GetProperty("pointsLost").GetDecimal()));
        decimal Of(string code) => units.Single(u => u.GetProperty("unit").GetProperty("code").GetString() == code)
            .GetProperty("pointsLost").GetDecimal();
        Assert.Equal(10.266m, Of("VP"));
        Assert.Equal(1.714m, Of("VPDKDD"));
        var vpdkdd = units.Single(u => u.GetProperty("unit").GetProperty("code").GetString() == "VPDKDD");
        Assert.Equal(["3.5.1", "7.1.2"], vpdkdd.GetProperty("subCriteria").EnumerateArray().Select(x => x.GetProperty("code").GetString()).Order());

        var tthc = root.GetProperty("areas").EnumerateArray().SelectMany(a => a.GetProperty("criteria").EnumerateArray())
            .SelectMany(c => c.GetProperty("subCriteria").EnumerateArray()).Single(s => s.GetProperty("code").GetString() == "3.5.1");
        Assert.Equal(3m, tthc.GetProperty("pointsLost").GetDecimal());
        Assert.Equal("LateDossiers", tthc.GetProperty("lossBasis").GetString());
        var parts = tthc.GetProperty("lostByUnit").EnumerateArray()
            .ToDictionary(u => u.GetProperty("unit").GetProperty("code").GetString()!,
                u => (Weight: u.GetProperty("weight").GetDecimal(), Points: u.GetProperty("pointsLost").GetDecimal()));
        Assert.Equal(["CCBVMT", "DKTK", "KSTNN", "QHGD", "VPDKDD"], parts.Keys.Order());
        Assert.Equal((34m, Math.Round(3m * 34 / 84, 3)), parts["VPDKDD"]);
        Assert.Equal((20m, 0.714m), parts["QHGD"]);
        Assert.Equal(3m, parts.Values.Sum(p => p.Points));
        Assert.Equal(84m, parts.Values.Sum(p => p.Weight));
    }
}
