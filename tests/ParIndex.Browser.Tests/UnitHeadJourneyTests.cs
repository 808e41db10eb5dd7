using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using ParIndex.Domain.Plans;
using static Microsoft.Playwright.Assertions;

namespace ParIndex.Browser.Tests;

[Trait("Requires", "Chromium")]
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

        // A unit head starts where their work is: signing in lands on the unit's tasks.
        await Expect(page).ToHaveURLAsync(new Regex("/Tasks/Mine$"));
        await Expect(page.Locator($"[data-testid=mine-task-{taskId}]")).ToContainTextAsync(content[..20]);
        await page.Locator($"[data-testid=mine-note-{taskId}]").FillAsync("Đã hoàn thành, có báo cáo kèm theo.");
        await page.Locator($"[data-testid=mine-to-Done-{taskId}]").ClickAsync();

        // The saved change's message on the page the form returns to, then the database.
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Đã chuyển nhiệm vụ sang \"Hoàn thành\"");
        var status = await browser.Factory.WithDbAsync(db => db.PlanTasks.Where(t => t.Id == taskId).Select(t => t.Status).SingleAsync());
        Assert.Equal(PlanTaskStatus.Done, status);
        await page.GotoAsync($"/Plans/2023/Tasks/{taskId}");
        await Expect(page.Locator("[data-testid=task-status]")).ToHaveTextAsync("Hoàn thành");
        await Expect(page.Locator("main")).ToContainTextAsync("Đã hoàn thành, có báo cáo kèm theo.");
    }
}
