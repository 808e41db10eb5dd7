using System.Net;
using ParIndex.Web.Data.Seed;
using ParIndex.Web.Features.Search;
using ParIndex.Web.Tests.Infrastructure;

namespace ParIndex.Web.Tests.Features.Search;

/// <summary>Issue 16: the top bar's quick search (tasks, sub-criteria by code or words, units), respecting authorization.</summary>
public sealed class SearchTests : IDisposable
{
    private readonly ParIndexFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task The_top_bar_has_a_search_box_that_goes_to_the_results_page()
    {
        using var client = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Office);
        var page = await client.GetDocumentAsync("/Dashboard");
        var box = page.QuerySelector("[data-testid=quick-search]")!;
        Assert.Equal("q", box.GetAttribute("name"));
        Assert.Equal("/Search", box.Closest("form")!.GetAttribute("action"));
    }

    [Fact]
    public async Task A_code_finds_its_sub_criteria_and_words_without_diacritics_find_tasks()
    {
        using var client = await _factory.CreateTestClient().SignInAsync(DemoAccounts.UnitHead("KHTC"));

        var byCode = await client.GetDocumentAsync("/Search?q=1.1");
        var subs = byCode.QuerySelectorAll("[data-testid=search-SubCriterion] li a").Select(a => a.TextContent).ToList();
        Assert.NotEmpty(subs);
        Assert.All(subs, s => Assert.StartsWith("1.1.", s, StringComparison.Ordinal));

        var byWords = await client.GetDocumentAsync("/Search?q=bao%20cao");
        var tasks = byWords.QuerySelectorAll("[data-testid=search-Task] li a").ToList();
        Assert.NotEmpty(tasks);
        // A task matches on its content or its expected output; at least one says "báo cáo" in its content.
        Assert.Contains(tasks, a => a.TextContent.Contains("báo cáo", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync(tasks[0].GetAttribute("href"))).StatusCode);
    }

    [Fact]
    public async Task Units_link_to_the_admin_page_only_for_the_administrator()
    {
        using var head = await _factory.CreateTestClient().SignInAsync(DemoAccounts.UnitHead("KHTC"));
        using var admin = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Admin);

        var forHead = await head.GetDocumentAsync("/Search?q=khoang%20san");
        var forAdmin = await admin.GetDocumentAsync("/Search?q=khoang%20san");

        var headLink = forHead.QuerySelector("[data-testid=search-Unit] li a")!.GetAttribute("href")!;
        Assert.DoesNotContain("/Admin/", headLink);
        Assert.Equal(HttpStatusCode.OK, (await head.Http.GetAsync(headLink)).StatusCode);
        Assert.Empty(forHead.QuerySelectorAll("a[href^='/Admin/Units']"));
        Assert.StartsWith("/Admin/Units/Edit/", forAdmin.QuerySelector("[data-testid=search-Unit] li a")!.GetAttribute("href"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_needs_a_signed_in_user()
    {
        using var client = _factory.CreateTestClient();
        var response = await client.Http.GetAsync("/Search?q=bao%20cao");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/Login", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public void Matching_ignores_case_and_diacritics()
    {
        Assert.Equal("phong khoang san tai nguyen nuoc", SearchService.Fold("Phòng  Khoáng sản Tài nguyên nước"));
        Assert.Equal("dang ky dat dai", SearchService.Fold("Đăng ký đất đai"));
    }
}
