using Microsoft.EntityFrameworkCore;
using ParIndex.Domain.Plans;

namespace ParIndex.Browser.Tests;

[Collection(BrowserCollection.Name)]
public class UnitHeadJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_unit_head_signs_in_opens_their_tasks_and_marks_one_done()
    {
        // The demo unit head of Chi cục Bảo vệ môi trường and one of the unit's open tasks.
        var (taskId, content) = await browser.Factory.WithDbAsync(async db =>
        {
            var unitId = await db.Units.Where(u => u.Code == "CCBVMT").Select(u => u.Id).SingleAsync();
            return await db.PlanTasks.Where(t => t.LeadUnitId == unitId && t.Status == PlanTaskStatus.InProgress)
                .OrderBy(t => t.Id).Select(t => new ValueTuple<int, string>(t.Id, t.Content)).FirstAsync();
        });
        var page = await browser.SignInAsync("ccbvmt@parindex.local");

        await page.Locator("[data-testid=go-my-tasks]").ClickAsync();
        await page.WaitForURLAsync("**/Tasks/Mine");
        Assert.Contains(content[..20], await page.Locator($"[data-testid=mine-task-{taskId}]").InnerTextAsync());
        await page.Locator($"[data-testid=mine-note-{taskId}]").FillAsync("Đã hoàn thành, có báo cáo kèm theo.");
        await page.Locator($"[data-testid=mine-to-Done-{taskId}]").ClickAsync();

        await page.WaitForLoadStateAsync();
        var status = await browser.Factory.WithDbAsync(db => db.PlanTasks.Where(t => t.Id == taskId).Select(t => t.Status).SingleAsync());
        Assert.Equal(PlanTaskStatus.Done, status);
        await page.GotoAsync($"/Plans/2023/Tasks/{taskId}");
        Assert.Equal("Hoàn thành", (await page.Locator("[data-testid=task-status]").TextContentAsync())!.Trim());
        Assert.Contains("Đã hoàn thành, có báo cáo kèm theo.", await page.Locator("main").InnerTextAsync());
    }
}
