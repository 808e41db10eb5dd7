using Microsoft.Playwright;
using ParIndex.Web.Data.Seed;

namespace ParIndex.Browser.Tests;

/// <summary>Issue 16 in a real browser: unsaved grid scores are not lost silently, evidence is added from the grid, and
/// date fields show dd/MM/yyyy even in an English-language browser.</summary>
[Collection(BrowserCollection.Name)]
public class NoLostWorkJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_link_clicked_with_unsaved_grid_scores_asks_first_and_staying_keeps_them()
    {
        var page = await browser.SignInAsync(DemoAccounts.Office);
        await page.GotoAsync("/Assessments/2023/Area/5");
        var first = page.Locator("input[data-testid^=score-]").First;
        await first.FillAsync("0,5");

        string? asked = null;
        page.Dialog += async (_, dialog) => { asked = dialog.Message; await dialog.DismissAsync(); };
        await page.Locator("tr.level-sub a").First.ClickAsync();

        Assert.Contains("chưa được lưu", asked);
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Assessments/2023/Area/5$"));
        await Assertions.Expect(first).ToHaveValueAsync("0,5");
    }

    [Fact]
    public async Task Evidence_added_from_the_grid_is_counted_without_leaving_it_and_typed_scores_stay()
    {
        var page = await browser.SignInAsync(DemoAccounts.Office);
        await page.GotoAsync("/Assessments/2023/Area/6");
        var row = page.Locator("tr.level-sub").First;
        var code = await row.GetAttributeAsync("data-code");
        var score = row.Locator("input[data-testid^=score-]");
        await score.FillAsync("0,25");

        await row.Locator("details.evidence-add summary").ClickAsync();
        await row.GetByLabel($"Đường dẫn {code}").FillAsync("https://stnmt.example.gov.vn/kiem-chung");
        await row.Locator("details.evidence-add button").ClickAsync();

        await Assertions.Expect(page.Locator($"[data-testid='evidence-count-{code}']")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+ TL$"));
        await Assertions.Expect(page.Locator("[data-testid=area-status]")).ToContainTextAsync("Đã thêm tài liệu kiểm chứng");
        await Assertions.Expect(score).ToHaveValueAsync("0,25");
    }

    [Fact]
    public async Task An_English_browser_shows_and_takes_dates_as_dd_MM_yyyy()
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = browser.BaseUrl, Locale = "en-US" });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("Thư điện tử").FillAsync(DemoAccounts.Office);
        await page.GetByLabel("Mật khẩu").FillAsync(ParIndex.Web.Tests.Infrastructure.TestClient.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.Ordinal));

        await page.GotoAsync("/Assessments/2023/Phases");
        var start = page.Locator("form[id^=reschedule-] input[name=StartsOn]").First;

        Assert.Equal("text", await start.GetAttributeAsync("type"));
        await Assertions.Expect(start).ToHaveValueAsync(new System.Text.RegularExpressions.Regex(@"^\d{2}/\d{2}/\d{4}$"));
        await Assertions.Expect(start).ToHaveAttributeAsync("placeholder", "dd/mm/yyyy");
        await context.DisposeAsync();
    }
}
