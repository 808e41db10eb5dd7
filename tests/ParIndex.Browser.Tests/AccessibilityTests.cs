using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;

namespace ParIndex.Browser.Tests;

/// <summary>
/// axe-core on every main page of every role, at a desktop width and at a phone's: no serious or critical violation.
/// Each page is read as its role sees it, signed in through the login form.
/// </summary>
[Collection(BrowserCollection.Name)]
public class AccessibilityTests(BrowserFixture browser)
{
    public static TheoryData<string> Roles() => MainPages.Roles();

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task No_main_page_has_a_serious_or_critical_axe_violation(string account)
    {
        var problems = new List<string>();
        foreach (var width in new[] { 1366, 390 })
        {
            var page = await browser.SignInAsync(account, width);
            foreach (var url in MainPages.Of(account))
            {
                var response = await page.GotoAsync(url);
                if (response is not { Ok: true }) { problems.Add($"{url}: HTTP {response?.Status}"); continue; }
                var result = await page.RunAxe(new AxeRunOptions
                {
                    RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
                });
                problems.AddRange(result.Violations.Where(v => v.Impact is "serious" or "critical")
                    .Select(v => $"{url} at {width} px: {Describe(v)}"));
            }
            await page.Context.CloseAsync();
        }
        Assert.True(problems.Count == 0, $"{account}:\n" + string.Join("\n", problems));
    }

    private static string Describe(AxeResultItem v) =>
        $"{v.Id} ({v.Impact}): {v.Help}\n" + string.Join("\n", v.Nodes.Take(3).Select(n =>
            $"    {n.Target}: {n.Html} | {string.Join("; ", n.Any.Concat(n.All).Select(c => c.Message))}"));
}
