using ParIndex.Web.Data.Seed;

namespace ParIndex.Browser.Tests;

[Collection(BrowserCollection.Name)]
public class DashboardJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task Leadership_opens_the_dashboard_drills_into_area_7_and_reads_its_sub_criteria()
    {
        var page = await browser.SignInAsync(DemoAccounts.Leadership);

        await page.GotoAsync("/Dashboard");
        var body = await page.Locator("main").InnerTextAsync();
        Assert.Contains("80,567", body);
        Assert.Contains("18/22", body);

        await page.Locator("main table a[href='/Assessments/2022/Area/7']").First.ClickAsync();

        await page.WaitForURLAsync("**/Assessments/2022/Area/7");
        Assert.Equal("11,484/17,5", (await page.Locator("[data-testid=area-final]").TextContentAsync())!.Trim());
        var codes = await page.Locator("tr.level-sub").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.code)");
        Assert.Equal(11, codes.Length);
        Assert.All(codes, c => Assert.StartsWith("7.", c, StringComparison.Ordinal));
        // Leadership reads; it has no score form.
        Assert.Equal(0, await page.Locator("[data-testid=save-area]").CountAsync());
    }
}
