using System.Text.RegularExpressions;
using ParIndex.Web.Data.Seed;
using static Microsoft.Playwright.Assertions;

namespace ParIndex.Browser.Tests;

[Trait("Requires", "Chromium")]
[Collection(BrowserCollection.Name)]
public class DashboardJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task Leadership_opens_the_dashboard_drills_into_area_7_and_reads_its_sub_criteria()
    {
        var page = await browser.SignInAsync(DemoAccounts.Leadership);

        await page.GotoAsync("/Dashboard");
        await Expect(page.Locator("main")).ToContainTextAsync("80,567");
        await Expect(page.Locator("main")).ToContainTextAsync("18/22");

        await page.Locator("main table a[href='/Assessments/2022/Area/7']").First.ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/Assessments/2022/Area/7$"));
        await Expect(page.Locator("[data-testid=area-final]")).ToHaveTextAsync("11,484/17,5");
        await Expect(page.Locator("tr.level-sub")).ToHaveCountAsync(11);
        var codes = await page.Locator("tr.level-sub").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.code)");
        Assert.Equal(11, codes.Length);
        Assert.All(codes, c => Assert.StartsWith("7.", c, StringComparison.Ordinal));
        // Leadership reads; it has no score form.
        await Expect(page.Locator("[data-testid=save-area]")).ToHaveCountAsync(0);
    }
}
