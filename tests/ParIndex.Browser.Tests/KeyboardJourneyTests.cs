using Microsoft.Playwright;
using ParIndex.Web.Data.Seed;
using ParIndex.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ParIndex.Browser.Tests;

/// <summary>
/// One journey with the keyboard alone: sign in, skip the menu, reach area 7 from the dashboard. Every element that
/// takes focus on the way shows it (an outline or a focus ring).
/// </summary>
[Collection(BrowserCollection.Name)]
public class KeyboardJourneyTests(BrowserFixture browser)
{
    private const string FocusShown = """
        () => { const e = document.activeElement; if (!e || e === document.body) return 'nothing';
                 const s = getComputedStyle(e);
                 const shown = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) || (s.boxShadow && s.boxShadow !== 'none');
                 return shown ? '' : (e.tagName + ' ' + (e.textContent || e.getAttribute('name') || '').trim().slice(0, 40)); }
        """;

    private static async Task<string> TabUntilAsync(IPage page, string selector, List<string> unfocused, int max = 80)
    {
        for (var i = 0; i < max; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var missing = await page.EvaluateAsync<string>(FocusShown);
            // "nothing": focus left the page for the browser's own controls, and comes back on the next Tab.
            if (missing.Length > 0 && missing != "nothing") unfocused.Add(missing);
            if (await page.EvaluateAsync<bool>($"() => document.activeElement?.matches({System.Text.Json.JsonSerializer.Serialize(selector)}) ?? false"))
                return selector;
        }
        throw new InvalidOperationException($"{selector} was not reached with {max} presses of Tab");
    }

    [Fact]
    public async Task Leadership_signs_in_and_reaches_area_7_with_the_keyboard_alone()
    {
        var context = await browser.Browser.NewContextAsync(new() { BaseURL = browser.BaseUrl, Locale = "vi-VN" });
        var page = await context.NewPageAsync();
        var unfocused = new List<string>();
        await page.GotoAsync("/Account/Login");

        // The e-mail field has the focus when the page opens (autofocus).
        await Expect(page.Locator("input[autocomplete=username]")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync(DemoAccounts.Leadership);
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync(TestClient.Password);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.Ordinal));

        await page.GotoAsync("/Dashboard");
        // The first Tab reaches the skip link, which moves focus past the menu to the main content.
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.Locator(":focus")).ToHaveTextAsync("Bỏ qua menu, đến nội dung chính");
        await Expect(page.Locator(":focus")).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("main")).ToBeFocusedAsync();

        await TabUntilAsync(page, "table[data-testid=areas] a[href='/Assessments/2022/Area/7']", unfocused);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("[data-testid=area-final]")).ToHaveTextAsync("11,484/17,5");
        Assert.True(unfocused.Count == 0, "focus not shown on: " + string.Join("; ", unfocused.Distinct()));
        await context.CloseAsync();
    }
}
