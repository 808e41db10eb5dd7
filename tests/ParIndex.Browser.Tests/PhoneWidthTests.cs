namespace ParIndex.Browser.Tests;

/// <summary>At 390 px (a phone) no main page needs sideways scrolling: the document is no wider than the viewport.</summary>
[Collection(BrowserCollection.Name)]
public class PhoneWidthTests(BrowserFixture browser)
{
    public static TheoryData<string> Roles() => MainPages.Roles();

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task Every_main_page_fits_a_390_px_phone(string account)
    {
        var page = await browser.SignInAsync(account, 390);
        var problems = new List<string>();
        foreach (var url in MainPages.Of(account))
        {
            await page.GotoAsync(url);
            var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath($"phone{url}-{account[..account.IndexOf('@')]}") });
            if (width > 390) problems.Add($"{url}: {width} px: " + await page.EvaluateAsync<string>(WidestScript));
        }
        await page.Context.CloseAsync();
        Assert.True(problems.Count == 0, $"{account}, the document is wider than the 390 px viewport:\n" + string.Join("\n", problems));
    }

    /// <summary>The elements that stick out past the viewport, for the failure message.</summary>
    private const string WidestScript = """
        () => [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest('.table-scroll, .chart-wrap'))
            .slice(0, 6).map(e => e.tagName.toLowerCase() + (typeof e.className === 'string' && e.className ? '.' + e.className.split(' ').join('.') : '')
                + ' ' + Math.round(e.getBoundingClientRect().right)).join('; ')
        """;
}
