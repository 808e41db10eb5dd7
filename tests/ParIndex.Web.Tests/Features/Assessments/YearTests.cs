using System.Net;
using ParIndex.Web.Data.Seed;
using ParIndex.Web.Tests.Infrastructure;

namespace ParIndex.Web.Tests.Features.Assessments;

public class YearTests(ParIndexFactory factory) : IClassFixture<ParIndexFactory>
{
    [Fact]
    public async Task The_2022_demo_totals_are_computed_from_the_sub_criteria_and_agree_with_the_published_result()
    {
        using var client = await factory.CreateTestClient().SignInAsync(DemoAccounts.Leadership);

        var page = await client.GetDocumentAsync("/Assessments/2022");

        Assert.Equal("80,567/99", page.QuerySelector("[data-testid=total-final]")!.TextContent.Trim());
        Assert.Equal("80,567", page.QuerySelector("[data-testid=published-total]")!.TextContent.Trim());
        Assert.Null(page.QuerySelector("[data-testid=published-diff]"));
        Assert.Equal("18/22", page.QuerySelector("[data-testid=rank]")!.TextContent.Trim());
        var percents = page.QuerySelectorAll("[data-testid=area-percent]").Select(e => e.TextContent.Trim()).ToArray();
        Assert.Equal(["67,31%", "87,18%", "82,35%", "100%", "92,11%", "80,95%", "65,62%"], percents);
        var finals = page.QuerySelectorAll("[data-testid=area-final]").Select(e => e.TextContent.Trim()).ToArray();
        Assert.Equal(["8,75", "11,333", "14", "9", "17,5", "8,5", "11,484"], finals);
        Assert.NotNull(page.QuerySelector("[data-testid=self-locked]"));
    }

    [Fact]
    public async Task The_area_page_drills_down_to_criteria_and_sub_criteria_with_reasons()
    {
        using var client = await factory.CreateTestClient().SignInAsync(DemoAccounts.Leadership);

        var page = await client.GetDocumentAsync("/Assessments/2022/Area/3");

        Assert.Equal("14/17", page.QuerySelector("[data-testid=area-final]")!.TextContent.Trim());
        var rows = page.QuerySelectorAll("tr.level-sub");
        Assert.Equal(18, rows.Length);
        var lost = rows.Single(r => r.GetAttribute("data-code") == "3.5.1");
        Assert.Equal("3", lost.QuerySelector("[data-testid=final]")!.TextContent.Trim());
        Assert.Contains("84", lost.TextContent);
        Assert.Null(page.QuerySelector("#area-scores button[type=submit]"));
    }

    [Fact]
    public async Task The_lost_points_filter_keeps_only_sub_criteria_that_lost_points_between_self_and_final()
    {
        using var client = await factory.CreateTestClient().SignInAsync(DemoAccounts.Office);

        var all = await client.GetDocumentAsync("/Assessments/2022/Area/1");
        var filtered = await client.GetDocumentAsync("/Assessments/2022/Area/1?LostOnly=true");

        Assert.Equal(13, all.QuerySelectorAll("tr.level-sub").Length);
        var codes = filtered.QuerySelectorAll("tr.level-sub").Select(r => r.GetAttribute("data-code")).ToList();
        Assert.NotEmpty(codes);
        Assert.True(codes.Count < 13);
        Assert.All(filtered.QuerySelectorAll("tr.level-sub"), r => Assert.NotEqual("", r.QuerySelectorAll("td")[7].TextContent.Trim()));
    }

    [Fact]
    public async Task The_published_page_flags_what_the_document_got_wrong()
    {
        using var client = await factory.CreateTestClient().SignInAsync(DemoAccounts.Office);

        var page = await client.GetDocumentAsync("/Assessments/2022/Published");

        var differing = page.QuerySelectorAll("tr[data-differs=true]").Select(r => r.TextContent).ToList();
        Assert.Contains(differing, t => t.Contains("Lĩnh vực 1: điểm") && t.Contains("8,645") && t.Contains("8,75"));
        Assert.Contains(differing, t => t.Contains("Lĩnh vực 1: văn bản tự mâu thuẫn"));
        var total = page.QuerySelectorAll("tr").Single(r => r.TextContent.Contains("Tổng điểm"));
        Assert.Equal("false", total.GetAttribute("data-differs"));
    }

    [Fact]
    public async Task The_published_page_shows_the_rank_it_stores()
    {
        using var client = await factory.CreateTestClient().SignInAsync(DemoAccounts.Leadership);

        var page = await client.GetDocumentAsync("/Assessments/2022/Published");

        Assert.Equal("18/22", page.QuerySelector("[data-testid=published-rank]")?.TextContent.Trim());
        Assert.Contains("80,567", page.QuerySelector("[data-testid=published-summary]")!.TextContent);
    }

    [Fact]
    public async Task Pages_require_sign_in()
    {
        using var client = factory.CreateTestClient();

        var response = await client.Http.GetAsync("/Assessments/2022");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_year_is_404()
    {
        using var client = await factory.CreateTestClient().SignInAsync(DemoAccounts.Office);

        Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync("/Assessments/1999")).StatusCode);
    }
}
