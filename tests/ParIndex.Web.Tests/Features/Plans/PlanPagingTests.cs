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
