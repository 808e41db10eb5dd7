using ParIndex.Web.Data.Seed;
using ParIndex.Web.Tests.Infrastructure;

namespace ParIndex.Web.Tests.Features.Plans;

/// <summary>Issue 16: the plan's task table sorts (and still filters) by the query string, on the server.</summary>
public sealed class TaskTableSortTests : IDisposable
{
    private readonly ParIndexFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private static List<(string? Due, int Lead, int Order)> Rows(AngleSharp.Dom.IDocument page) =>
        page.QuerySelectorAll("[data-testid=tasks-table] tbody tr[data-testid^=task-row-]")
            .Select(r => (r.GetAttribute("data-next-due") is { Length: > 0 } d ? d : null, int.Parse(r.GetAttribute("data-lead")!),
                int.Parse(r.QuerySelector("td")!.TextContent.Trim()))).ToList();

    [Fact]
    public async Task Sorting_by_due_date_puts_the_nearest_deadline_first_and_keeps_the_filters()
    {
        using var client = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Office);

        var plain = Rows(await client.GetDocumentAsync("/Plans/2023"));
        var byDue = Rows(await client.GetDocumentAsync("/Plans/2023?sort=due"));

        Assert.Equal(plain.Count, byDue.Count);
        Assert.Equal(plain.Select(r => r.Order).Order(), plain.Select(r => r.Order)); // the plan's order by default
        var dues = byDue.Select(r => r.Due).ToList();
        var dated = dues.TakeWhile(d => d is not null).ToList();
        Assert.Equal(dated.Order(StringComparer.Ordinal), dated);
        Assert.All(dues.Skip(dated.Count), d => Assert.Null(d));
        Assert.NotEqual(plain.Select(r => r.Order), byDue.Select(r => r.Order));

        var unit = plain[0].Lead;
        var filtered = Rows(await client.GetDocumentAsync($"/Plans/2023?unit={unit}&sort=due"));
        Assert.NotEmpty(filtered);
        var page = await client.GetDocumentAsync($"/Plans/2023?unit={unit}&sort=due");
        Assert.Equal("due", page.QuerySelector("[data-testid=filter-sort] option[selected]")!.GetAttribute("value"));
    }

    [Fact]
    public async Task Sorting_by_unit_groups_each_units_tasks_together()
    {
        using var client = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Office);

        var rows = Rows(await client.GetDocumentAsync("/Plans/2023?sort=unit"));

        var leads = rows.Select(r => r.Lead).ToList();
        var seen = new HashSet<int>();
        for (var i = 0; i < leads.Count; i++)
            if (i == 0 || leads[i] != leads[i - 1]) Assert.True(seen.Add(leads[i]), $"unit {leads[i]} appears in two groups");
    }
}
