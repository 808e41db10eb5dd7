using System.Net;
using ParIndex.Web.Data.Seed;
using ParIndex.Web.Tests.Infrastructure;

namespace ParIndex.Web.Tests.Features;

/// <summary>Issue 16: each role starts where its work is.</summary>
public class HomeTests : IDisposable
{
    private readonly ParIndexFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Theory]
    [InlineData(DemoAccounts.Leadership, "/Dashboard")]
    [InlineData("khtc@parindex.local", "/Tasks/Mine")]
    public async Task Leadership_and_unit_heads_land_on_their_work(string email, string target)
    {
        using var client = await _factory.CreateTestClient().SignInAsync(email);

        var response = await client.Http.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(target, response.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync(target)).StatusCode);
    }

    [Fact]
    public async Task The_Office_lands_on_the_open_assessments_progress_and_the_plans_overdue_tasks()
    {
        using var client = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Office);

        var page = await client.GetDocumentAsync("/");

        var assessment = page.QuerySelector("[data-testid=home-assessment]")!;
        Assert.Matches(@"^\d+/\d+ tiêu chí thành phần đã chấm$", assessment.QuerySelector("[data-testid=home-progress]")!.TextContent.Trim());
        Assert.NotNull(assessment.QuerySelector("a[href$='/Area/1']"));
        var overdue = page.QuerySelector("[data-testid=home-overdue]")!;
        Assert.NotNull(overdue.QuerySelector("h2"));
        var links = overdue.QuerySelectorAll("li a");
        if (links.Length > 0)
        {
            Assert.All(links, a => Assert.Matches(@"^/Plans/\d{4}/Tasks/\d+$", a.GetAttribute("href")!));
            Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync(links[0].GetAttribute("href"))).StatusCode);
        }
    }
}
