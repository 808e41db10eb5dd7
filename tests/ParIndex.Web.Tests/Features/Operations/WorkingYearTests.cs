using System.Text.RegularExpressions;
using ParIndex.Web.Data.Seed;
using ParIndex.Web.Tests.Infrastructure;

namespace ParIndex.Web.Tests.Features.Operations;

/// <summary>Issue 19: every operations page opens on the same year, the year being worked on (the demo's 2023 cycle).</summary>
[Collection(OperationsCollection.Name)]
public class WorkingYearTests(ParIndexFactory factory) : IClassFixture<ParIndexFactory>
{
    [Fact]
    public async Task Every_operations_page_opens_on_the_year_being_worked_on()
    {
        using var client = await factory.CreateTestClient().SignInAsync(DemoAccounts.Office);
        var years = new Dictionary<string, string>();
        foreach (var url in (string[])["/Operations", "/Operations/Dossiers", "/Operations/Reports", "/Operations/Projection", "/Operations/Sources"])
        {
            var heading = (await client.GetDocumentAsync(url)).QuerySelector("main h1")!.TextContent;
            var match = Regex.Match(heading, @"(\d{4})");
            years[url] = match.Success ? match.Groups[1].Value : "(no year) " + heading;
        }
        // 2023: the latest assessment, whose self-assessment the demo keeps open; not 2022 (the latest dossiers) nor today's year.
        Assert.All(years, y => Assert.True(y.Value == "2023", $"{y.Key} opened on {y.Value}: {string.Join(", ", years)}"));
    }

    [Fact]
    public async Task A_year_in_the_address_still_wins()
    {
        using var client = await factory.CreateTestClient().SignInAsync(DemoAccounts.Leadership);
        Assert.Contains("năm 2022", (await client.GetDocumentAsync("/Operations/Reports?year=2022")).QuerySelector("main h1")!.TextContent);
        Assert.Contains("năm 2022", (await client.GetDocumentAsync("/Operations/Dossiers?year=2022")).QuerySelector("main h1")!.TextContent);
    }
}
