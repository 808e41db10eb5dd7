using ParIndex.Web.Data.Seed;
using ParIndex.Web.Tests.Infrastructure;

namespace ParIndex.Web.Tests.Features.Frameworks;

/// <summary>
/// Issue 14: what a user reads about a rule. No internal cut-off and no file name in any rule's text or note; the demo's
/// 3.5.1 scored by the on-time rate, its stored 3/6 (and the 80,567/99) kept, and no rate invented for want of a total.
/// </summary>
public class RuleTextTests(ParIndexFactory factory) : IClassFixture<ParIndexFactory>
{
    [Theory]
    [InlineData(2022)]
    [InlineData(2023)]
    public async Task No_rule_text_on_a_framework_page_shows_a_cut_off_or_a_file_name(int year)
    {
        using var client = await factory.CreateTestClient().SignInAsync(DemoAccounts.Leadership);

        var page = await client.GetDocumentAsync($"/Frameworks/{year}");

        var text = page.QuerySelector("[data-testid=framework]")!.TextContent;
        Assert.DoesNotContain("100000", text);
        Assert.DoesNotContain("100.000", text);
        Assert.DoesNotContain(".json", text);
        var tthc = page.QuerySelector("tr[data-code='3.5.1']")!.TextContent;
        Assert.Contains("Từ 98% trở lên: 6 điểm; từ 95% đến dưới 98%: 4,5 điểm; từ 90% đến dưới 95%: 3 điểm; dưới 90%: 0 điểm.", tthc);
    }

    [Fact]
    public async Task The_2022_tthc_result_keeps_its_3_of_6_and_says_the_total_is_missing_instead_of_a_rate()
    {
        using var client = await factory.CreateTestClient().SignInAsync(DemoAccounts.Leadership);
        var id = await factory.SubCriterionIdAsync(2022, "3.5.1");

        var score = await client.GetDocumentAsync($"/Assessments/2022/Score/{id}");
        var year = await client.GetDocumentAsync("/Assessments/2022");

        var outcome = score.QuerySelector("[data-testid=rule-outcome]")!.TextContent;
        Assert.Contains("chưa có tổng số hồ sơ", outcome);
        Assert.DoesNotContain("%", outcome);
        Assert.DoesNotContain(".json", score.QuerySelector("main")!.TextContent);
        var stored = await factory.ScoreAsync(2022, id);
        Assert.Equal((3m, 3m), (stored!.SelfScore, stored.Round1Score));
        Assert.Equal("80,567/99", year.QuerySelector("[data-testid=total-final]")!.TextContent.Trim());
    }
}
