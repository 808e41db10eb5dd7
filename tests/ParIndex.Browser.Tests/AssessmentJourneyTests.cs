using Microsoft.Playwright;
using ParIndex.Web.Data.Seed;

namespace ParIndex.Browser.Tests;

[Collection(BrowserCollection.Name)]
public class AssessmentJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task Office_signs_in_and_opens_the_2022_assessment_down_to_a_sub_criterion()
    {
        var page = await browser.SignInAsync(DemoAccounts.Office);

        await page.GetByRole(AriaRole.Link, new() { Name = "Đánh giá", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Năm 2022" }).ClickAsync();

        Assert.Equal("80,567/99", (await page.Locator("[data-testid=total-final]").TextContentAsync())!.Trim());
        Assert.Equal("18/22", (await page.Locator("[data-testid=rank]").TextContentAsync())!.Trim());

        await page.GetByRole(AriaRole.Link, new() { Name = "7. Xây dựng và phát triển chính quyền điện tử, chính quyền số" }).ClickAsync();
        Assert.Equal("11,484/17,5", (await page.Locator("[data-testid=area-final]").TextContentAsync())!.Trim());
        Assert.Equal(11, await page.Locator("tr.level-sub").CountAsync());

        await page.Locator("tr.level-sub a").First.ClickAsync();
        Assert.StartsWith("7.", (await page.Locator("[data-testid=code]").TextContentAsync())!.Trim(), StringComparison.Ordinal);
        // 2022 is closed: the office sees the lock, not a form.
        Assert.Equal(0, await page.Locator("#score-form").CountAsync());
        Assert.True(await page.Locator("[data-testid=self-locked]").IsVisibleAsync());
    }

    [Fact]
    public async Task Office_enters_a_2023_score_with_a_decimal_comma_and_sees_it_back()
    {
        var page = await browser.SignInAsync(DemoAccounts.Office);

        await page.GotoAsync("/Assessments/2023/Area/4");
        await page.Locator("tr.level-sub a").First.ClickAsync();
        await page.Locator("[data-testid=score-input]").FillAsync("0,5");
        await page.Locator("#Input_LostReason").FillAsync("Thiếu tài liệu kiểm chứng.");
        await page.Locator("[data-testid=save-score]").ClickAsync();

        Assert.Equal("0,5", (await page.Locator("[data-testid=self]").TextContentAsync())!.Trim());
        Assert.Contains("Đã lưu", await page.Locator("[role=status]").First.TextContentAsync() ?? "");
    }
}
