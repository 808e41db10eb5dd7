using System.Net;
using Microsoft.EntityFrameworkCore;
using ParIndex.Bench.Synthetic;
using ParIndex.Domain.Plans;
using ParIndex.Web.Data.Seed;
using ParIndex.Web.Features.Dashboard;
using ParIndex.Web.Features.Plans;
using ParIndex.Web.Tests.Infrastructure;

namespace ParIndex.Web.Tests.Features.Plans;

/// <summary>The plan page: the demo's 29 tasks on one page; a plan of thousands in pages, with its filters kept.</summary>
public class PlanPagingTests
{
    private static string[] RowIds(AngleSharp.Dom.IDocument page) =>
        page.QuerySelectorAll("[data-testid=tasks-table] tbody tr").Select(r => r.GetAttribute("data-testid")!).ToArray();

    [Fact]
    public async Task The_demo_plan_shows_on_one_page_and_filters_by_deadline()
    {
        using var factory = new ParIndexFactory();
        using var office = await factory.CreateTestClient().SignInAsync(DemoAccounts.Office);
        var page = await office.GetDocumentAsync("/Plans/2023");
        Assert.Equal(29, RowIds(page).Length);
        Assert.Null(page.QuerySelector("[data-testid=task-pager]"));

        // A deadline day: exactly the tasks with a deadline (single or one of a recurring task's) that day.
        var tasks = await factory.WithDbAsync(db => db.PlanTasks.AsNoTracking().Where(t => t.Plan!.TargetYear == 2023)
            .Select(t => new { t.Id, t.DueDate, Dates = t.DueDates.Select(d => d.DueOn).ToList() }).ToListAsync());
        var day = tasks.Where(t => t.DueDate is not null).Select(t => t.DueDate!.Value).GroupBy(d => d).MaxBy(g => g.Count())!.Key;
        var expected = tasks.Where(t => t.DueDate == day || t.Dates.Contains(day)).Select(t => $"task-row-{t.Id}").Order().ToArray();
        var text = day.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);
        var filtered = await office.GetDocumentAsync($"/Plans/2023?dueFrom={text}&dueTo={text}");
        Assert.Equal(expected, RowIds(filtered).Order().ToArray());
        Assert.Equal(text, filtered.QuerySelector("[data-testid=filter-due-from]")!.GetAttribute("value"));
        Assert.Equal("29", filtered.Text("count-total"));

        // A date that does not exist: a message in Vietnamese, and the list is not filtered by it.
        var bad = await office.GetDocumentAsync("/Plans/2023?dueFrom=31/02/2023");
        Assert.Contains("không hợp lệ; nhập theo dạng dd/MM/yyyy", bad.Text("filter-error"));
        Assert.Equal(29, RowIds(bad).Length);
    }

    [Fact]
    public async Task A_write_shows_on_the_plan_page_at_the_next_read()
    {
        using var factory = new ParIndexFactory();
        var id = await factory.DemoTaskAsync("TTR", PlanTaskStatus.InProgress);
        using var ttr = await factory.CreateTestClient().SignInAsync(DemoAccounts.UnitHead("TTR"));
        var before = await ttr.GetDocumentAsync("/Plans/2023"); // the page's read is now shared
        Assert.DoesNotContain("63%", before.QuerySelector($"[data-testid=task-row-{id}]")!.TextContent);

        var saved = await ttr.SubmitAsync($"/Plans/2023/Tasks/{id}", "[data-testid=task-progress-form]",
            new() { ["ProgressInput.Note"] = "Đã hoàn thành phần lớn.", ["ProgressInput.Percent"] = "63" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var after = await ttr.GetDocumentAsync("/Plans/2023");
        Assert.Contains("63%", after.QuerySelector($"[data-testid=task-row-{id}]")!.TextContent);
    }

    [Fact]
    public async Task A_plan_of_thousands_of_tasks_comes_in_pages_that_keep_the_filters()
    {
        using var factory = new ParIndexFactory();
        Assert.True(await factory.WithDbAsync(db => SyntheticLoad.ApplyAsync(db, factory.Clock.Today)));
        var total = await factory.WithDbAsync(db => db.PlanTasks.CountAsync(t => t.Plan!.TargetYear == 2023));
        Assert.True(total > 5000, $"{total} tasks");
        using var lead = await factory.CreateTestClient().SignInAsync(DemoAccounts.Leadership);

        var first = await lead.GetDocumentAsync("/Plans/2023");
        Assert.Equal(DetailsModel.PageSize, RowIds(first).Length);
        Assert.Equal(total.ToString(System.Globalization.CultureInfo.InvariantCulture), first.Text("count-total"));
        var pages = (total + DetailsModel.PageSize - 1) / DetailsModel.PageSize;
        Assert.Equal($"/Plans/2023?p={pages}", first.QuerySelector($"[data-testid=page-{pages}]")!.GetAttribute("href"));

        var last = await lead.GetDocumentAsync($"/Plans/2023?p={pages}");
        Assert.Equal(total - (pages - 1) * DetailsModel.PageSize, RowIds(last).Length);
        Assert.Empty(RowIds(first).Intersect(RowIds(last)));
        // Past the end: the last page, not an empty one.
        Assert.Equal(RowIds(last), RowIds(await lead.GetDocumentAsync("/Plans/2023?p=100000")));

        // A filter and its pages: every row matches, and the pager's links keep the filter.
        var unit = await factory.UnitIdAsync("SYN001");
        var led = await factory.WithDbAsync(db => db.PlanTasks.CountAsync(t => t.Plan!.TargetYear == 2023
            && (t.LeadUnitId == unit || t.Coordinators.Any(c => c.UnitId == unit))));
        var byUnit = await lead.GetDocumentAsync($"/Plans/2023?unit={unit}");
        Assert.Equal(Math.Min(led, DetailsModel.PageSize), RowIds(byUnit).Length);
        Assert.StartsWith($"{led} / {total}", byUnit.Text("filter-count"));
        if (led > DetailsModel.PageSize)
            Assert.Equal($"/Plans/2023?unit={unit}&p=2", byUnit.QuerySelector("[data-testid=page-2]")!.GetAttribute("href"));
    }
}

/// <summary>
/// Issue 17: the plan page of 5,029 tasks is counted, filtered, sorted and paged by the database; no request reads
/// every task, and what the database answers is what the domain's rules (overdue, next due date) say.
/// </summary>
public class PlanPageInSqlTests
{
    private static string[] RowIds(AngleSharp.Dom.IDocument page) =>
        page.QuerySelectorAll("[data-testid=tasks-table] tbody tr").Select(r => r.GetAttribute("data-testid")!).ToArray();

    [Fact]
    public async Task A_plan_of_thousands_is_read_a_page_at_a_time_and_filtered_as_the_domain_rules_say()
    {
        using var factory = new ParIndexFactory();
        Assert.True(await factory.WithDbAsync(db => SyntheticLoad.ApplyAsync(db, factory.Clock.Today)));
        var today = factory.Clock.Today;
        var all = await factory.WithDbAsync(async db =>
        {
            var planId = await db.Plans.Where(ParIndex.Domain.Plans.ImprovementPlan.IsCurrentVersion)
                .Where(p => p.TargetYear == 2023).Select(p => p.Id).SingleAsync();
            return await new PlanTaskReader(db).ReadAsync(planId);
        });
        Assert.True(all.Count > 5000, $"{all.Count} tasks");
        using var lead = await factory.CreateTestClient().SignInAsync(DemoAccounts.Leadership);

        // The first read after the load (the shared entries were dropped by its writes): no query reads every task's row,
        // the task rows come a page at a time (LIMIT); counts come grouped.
        factory.Commands.Reset();
        factory.Commands.Recording = true;
        AngleSharp.Dom.IDocument first;
        try
        {
            first = await lead.GetDocumentAsync("/Plans/2023");
        }
        finally
        {
            factory.Commands.Recording = false;
        }
        var taskReads = factory.Commands.Log.Where(sql => sql.Contains("FROM \"PlanTasks\"", StringComparison.Ordinal)
                                                          && sql.Contains("\"Content\"", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(taskReads);
        Assert.All(taskReads, sql => Assert.Contains("LIMIT", sql, StringComparison.Ordinal));

        // The counts are the domain's: per status, overdue (PlanTask.IsOverdue), per unit.
        Assert.Equal(all.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), first.Text("count-total"));
        Assert.Equal(all.Count(t => t.IsOverdue(today)).ToString(System.Globalization.CultureInfo.InvariantCulture), first.Text("count-overdue"));
        foreach (var status in Enum.GetValues<PlanTaskStatus>())
            Assert.Equal(all.Count(t => t.Status == status).ToString(System.Globalization.CultureInfo.InvariantCulture), first.Text($"count-{status}"));
        var unitCode = "SYN001";
        var unit = await factory.UnitIdAsync(unitCode);
        var unitRow = first.QuerySelector($"[data-testid=by-unit-{unitCode}]")!.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToArray();
        var led = all.Where(t => t.LeadUnitId == unit).ToList();
        Assert.Equal(new[] { led.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
            led.Count(t => t.Status == PlanTaskStatus.Done).ToString(System.Globalization.CultureInfo.InvariantCulture),
            led.Count(t => t.Status == PlanTaskStatus.InProgress).ToString(System.Globalization.CultureInfo.InvariantCulture),
            led.Count(t => t.Status == PlanTaskStatus.NotStarted).ToString(System.Globalization.CultureInfo.InvariantCulture),
            led.Count(t => t.IsOverdue(today)).ToString(System.Globalization.CultureInfo.InvariantCulture) }, unitRow.Skip(1).ToArray());
        Assert.Equal(all.Take(DetailsModel.PageSize).Select(t => $"task-row-{t.Id}"), RowIds(first));

        // Filters and orders, page 2: the rows the domain's rules give, in the order they give (ties in the plan's order).
        static IEnumerable<TaskRow> Page2(IEnumerable<TaskRow> rows) => rows.Skip(DetailsModel.PageSize).Take(DetailsModel.PageSize);
        var overdueByDue = all.Where(t => t.IsOverdue(today)).OrderBy(t => t.NextDue ?? DateOnly.MaxValue).ToList();
        Assert.True(overdueByDue.Count > DetailsModel.PageSize, $"{overdueByDue.Count} overdue tasks");
        var page = await lead.GetDocumentAsync("/Plans/2023?status=Overdue&sort=due&p=2");
        Assert.Equal(Page2(overdueByDue).Select(t => $"task-row-{t.Id}"), RowIds(page));
        Assert.StartsWith($"{overdueByDue.Count} / {all.Count}", page.Text("filter-count"));

        var byStatus = all.OrderByDescending(t => t.IsOverdue(today)).ThenBy(t => t.Status).ToList();
        Assert.Equal(Page2(byStatus).Select(t => $"task-row-{t.Id}"), RowIds(await lead.GetDocumentAsync("/Plans/2023?sort=status&p=2")));

        var byDue = all.OrderBy(t => t.NextDue ?? DateOnly.MaxValue).ToList();
        Assert.Equal(byDue.Take(DetailsModel.PageSize).Select(t => $"task-row-{t.Id}"), RowIds(await lead.GetDocumentAsync("/Plans/2023?sort=due")));

        var inProgressOfUnit = all.Where(t => (t.LeadUnitId == unit || t.CoordinatorIds.Contains(unit)) && t.Status == PlanTaskStatus.InProgress).ToList();
        var filtered = await lead.GetDocumentAsync($"/Plans/2023?unit={unit}&status=InProgress");
        Assert.Equal(inProgressOfUnit.Take(DetailsModel.PageSize).Select(t => $"task-row-{t.Id}"), RowIds(filtered));

        // A deadline range over a month: one-off deadlines and recurring tasks' dates alike.
        var from = new DateOnly(2023, 6, 1);
        var to = new DateOnly(2023, 6, 30);
        bool In(DateOnly d) => d >= from && d <= to;
        var dueInJune = all.Where(t => t.DueDate is { } d && In(d) || t.DueDates.Any(x => In(x.DueOn))).ToList();
        Assert.NotEmpty(dueInJune);
        var june = await lead.GetDocumentAsync("/Plans/2023?dueFrom=01/06/2023&dueTo=30/06/2023");
        Assert.Equal(dueInJune.Take(DetailsModel.PageSize).Select(t => $"task-row-{t.Id}"), RowIds(june));
        Assert.StartsWith($"{dueInJune.Count} / {all.Count}", june.Text("filter-count"));

        // An unknown status selects nothing (and is not an error).
        Assert.Empty(RowIds(await lead.GetDocumentAsync("/Plans/2023?status=Nothing")));
    }
}
