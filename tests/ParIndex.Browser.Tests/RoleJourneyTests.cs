using System.Text.RegularExpressions;
using Microsoft.Playwright;
using ParIndex.Web.Data.Seed;
using static Microsoft.Playwright.Assertions;

namespace ParIndex.Browser.Tests;

/// <summary>
/// Each role's main task, on a desktop (1366 px) and on a phone (390 px), with web-first assertions. On the phone the
/// menu is opened from its button, and no page on the way is wider than the screen. Screenshots go to /tmp.
/// </summary>
[Collection(BrowserCollection.Name)]
public class RoleJourneyTests(BrowserFixture browser)
{
    private static async Task FitsAsync(IPage page, int width, string step)
    {
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath($"journey-{width}-{step}") });
        if (width > 600) return;
        var documentWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(documentWidth <= width, $"{step}: the document is {documentWidth} px wide on a {width} px screen");
    }

    /// <summary>A menu entry: on a phone the menu is folded behind its button.</summary>
    // On a phone the menu opens with a collapse transition: the link is clicked once the menu is fully open (CI once clicked
    // it mid-transition and stayed on the home page), and the test waits for the link's page, not only for the click.
    private static async Task MenuAsync(IPage page, string name, int width)
    {
        if (width < 992)
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Mở menu" }).ClickAsync();
            await Expect(page.Locator("#nav")).ToHaveClassAsync(new Regex(@"(^|\s)show(\s|$)"));
        }
        var link = page.GetByRole(AriaRole.Navigation, new() { Name = "Điều hướng chính" })
            .GetByRole(AriaRole.Link, new() { Name = name, Exact = true });
        var href = (await link.GetAttributeAsync("href"))!;
        await link.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(href) + "$"), new() { Timeout = 30_000 });
    }

    [Theory]
    [InlineData(1366)]
    [InlineData(390)]
    public async Task Leadership_reads_the_dashboard_and_drills_into_the_weakest_area(int width)
    {
        var page = await browser.SignInAsync(DemoAccounts.Leadership, width);
        await MenuAsync(page, "Tổng quan", width);
        await Expect(page.Locator("[data-testid=total]")).ToHaveTextAsync("80,567");
        await Expect(page.Locator("[data-testid=rank]")).ToHaveTextAsync("18/22");
        // The phone shows the phone layout of the charts, the desktop the wide one.
        await Expect(page.Locator(width < 576 ? "#chart-areas-narrow" : "#chart-areas")).ToBeVisibleAsync();
        await Expect(page.Locator(width < 576 ? "#chart-areas" : "#chart-areas-narrow")).ToBeHiddenAsync();
        await FitsAsync(page, width, "leadership-dashboard");

        await page.Locator("table[data-testid=areas] a[href='/Assessments/2022/Area/7']").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Assessments/2022/Area/7$"));
        await Expect(page.Locator("[data-testid=area-final]")).ToHaveTextAsync("11,484/17,5");
        await Expect(page.Locator("tr.level-sub")).ToHaveCountAsync(11);
        await FitsAsync(page, width, "leadership-area7");
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData(1366)]
    [InlineData(390)]
    public async Task Office_scores_a_2023_sub_criterion_and_checks_the_phases(int width)
    {
        var page = await browser.SignInAsync(DemoAccounts.Office, width);
        await MenuAsync(page, "Đánh giá", width);
        await page.GetByRole(AriaRole.Link, new() { Name = "Năm 2023" }).First.ClickAsync();
        await FitsAsync(page, width, "office-year");
        await page.GotoAsync("/Assessments/2023/Area/6");
        await page.Locator("tr.level-sub a").First.ClickAsync();
        await Expect(page.Locator("[data-testid=code]")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^6\\."));
        // 6.1.1 is scored in bands (2 / 1,5 / 1 / 0): a typed score is one the rule can give (issue 19).
        await page.Locator("[data-testid=score-input]").FillAsync("1,5");
        await page.Locator("#Input_LostReason").FillAsync("Chưa đủ tài liệu kiểm chứng.");
        await page.Locator("[data-testid=save-score]").ClickAsync();
        await Expect(page.Locator("[data-testid=self]")).ToHaveTextAsync("1,5");
        await FitsAsync(page, width, "office-score");

        await page.GotoAsync("/Assessments/2023/Phases");
        await Expect(page.Locator("[data-testid=phases] tbody tr th")).ToHaveTextAsync(
            ["Tự đánh giá", "Thẩm định vòng 1", "Giải trình", "Thẩm định vòng 2", "Công bố kết quả"]);
        // No empty red box: the validation summary with nothing to say stays hidden.
        await Expect(page.Locator("[data-testid=form-errors]")).ToBeHiddenAsync();
        await FitsAsync(page, width, "office-phases");
        await page.GotoAsync("/Frameworks");
        await Expect(page.Locator("main .alert-danger")).ToBeHiddenAsync();
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData(1366)]
    [InlineData(390)]
    public async Task A_unit_head_opens_their_tasks_and_reads_one(int width)
    {
        var page = await browser.SignInAsync(MainPages.UnitHead, width);
        await MenuAsync(page, "Nhiệm vụ của đơn vị", width);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Nhiệm vụ của đơn vị" })).ToBeVisibleAsync();
        var first = page.Locator("[data-testid^=mine-link-]").First;
        var content = (await first.TextContentAsync())!.Trim();
        await FitsAsync(page, width, "unithead-mine");
        await first.ClickAsync();
        await Expect(page.Locator("main")).ToContainTextAsync(content);
        await Expect(page.Locator("[data-testid=task-status]")).ToBeVisibleAsync();
        await FitsAsync(page, width, "unithead-task");
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData(1366)]
    [InlineData(390)]
    public async Task The_administrator_reads_the_users_and_the_change_history(int width)
    {
        var page = await browser.SignInAsync(DemoAccounts.Admin, width);
        await MenuAsync(page, "Quản trị", width);
        await Expect(page.Locator("table[data-testid=users]")).ToContainTextAsync(DemoAccounts.Leadership);
        await FitsAsync(page, width, "admin-users");
        await page.GotoAsync("/Audit?type=ApplicationUser");
        await Expect(page.Locator("[data-testid=audit-entries]")).ToContainTextAsync("Vai trò");
        await Expect(page.Locator("[data-testid=audit-entries]")).Not.ToContainTextAsync("UTC");
        await FitsAsync(page, width, "admin-audit");
        await page.Context.CloseAsync();
    }
}
