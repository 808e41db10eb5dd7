using System.Text.RegularExpressions;
using Microsoft.Playwright;
using ParIndex.Web.Data.Seed;
using static Microsoft.Playwright.Assertions;

namespace ParIndex.Browser.Tests;

[Trait("Requires", "Chromium")]
[Collection(BrowserCollection.Name)]
public class AssessmentJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task Office_signs_in_and_opens_the_2022_assessment_down_to_a_sub_criterion()
    {
        var page = await browser.SignInAsync(DemoAccounts.Office);

        await page.GetByRole(AriaRole.Link, new() { Name = "Đánh giá", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Năm 2022" }).ClickAsync();

        await Expect(page.Locator("[data-testid=total-final]")).ToHaveTextAsync("80,567/99");
        await Expect(page.Locator("[data-testid=rank]")).ToHaveTextAsync("18/22");

        await page.GetByRole(AriaRole.Link, new() { Name = "7. Xây dựng và phát triển chính quyền điện tử, chính quyền số" }).ClickAsync();
        await Expect(page.Locator("[data-testid=area-final]")).ToHaveTextAsync("11,484/17,5");
        await Expect(page.Locator("tr.level-sub")).ToHaveCountAsync(11);

        await page.Locator("tr.level-sub a").First.ClickAsync();
        await Expect(page.Locator("[data-testid=code]")).ToHaveTextAsync(new Regex(@"^\s*7\."));
        // 2022 is closed: the office sees the lock, not a form.
        await Expect(page.Locator("[data-testid=self-locked]")).ToBeVisibleAsync();
        await Expect(page.Locator("#score-form")).ToHaveCountAsync(0);
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

        await Expect(page.Locator("[role=status]").First).ToContainTextAsync("Đã lưu");
        await Expect(page.Locator("[data-testid=self]")).ToHaveTextAsync("0,5");
    }
}
