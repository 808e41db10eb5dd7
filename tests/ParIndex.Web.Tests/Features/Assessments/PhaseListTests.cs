using System.Net;
using ParIndex.Domain.Formatting;
using ParIndex.Web.Data.Seed;
using ParIndex.Web.Tests.Infrastructure;

namespace ParIndex.Web.Tests.Features.Assessments;

/// <summary>The phases page lists the phases in the order they run, each name capitalised as a heading.</summary>
public class PhaseListTests(ParIndexFactory factory) : IClassFixture<ParIndexFactory>
{
    [Fact]
    public async Task Phases_are_listed_in_their_order_and_capitalised()
    {
        using var client = await factory.CreateTestClient().SignInAsync(DemoAccounts.Office);
        var page = await client.GetDocumentAsync("/Assessments/2023/Phases");
        var names = page.QuerySelectorAll("[data-testid=phases] tbody tr").Select(r => r.Children[0].TextContent.Trim()).ToList();
        Assert.Equal(["Tự đánh giá", "Thẩm định vòng 1", "Giải trình", "Thẩm định vòng 2", "Công bố kết quả"], names);
    }

    [Fact]
    public async Task Late_dossiers_of_a_year_without_any_answer_in_the_sites_layout()
    {
        using var client = await factory.CreateTestClient().SignInAsync(DemoAccounts.Office);
        var response = await client.Http.GetAsync("/exports/dossiers/2023.xlsx");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var page = await TestClient.ParseAsync(response);
        Assert.NotNull(page.QuerySelector("nav[aria-label='Điều hướng chính']"));
        Assert.Equal("Không có dữ liệu hồ sơ thủ tục hành chính năm 2023.", page.QuerySelector("[data-testid=status-detail]")?.TextContent.Trim());
        // A year with dossiers still downloads its workbook.
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/exports/dossiers/2022.xlsx")).StatusCode);
    }

    [Theory]
    [InlineData(0, "0 byte")]
    [InlineData(390, "390 byte")]
    [InlineData(1536, "1,5 KB")]
    [InlineData(10 * 1024 * 1024, "10 MB")]
    [InlineData(2_400_000, "2,29 MB")]
    public void File_sizes_show_bytes_and_a_decimal_comma(long bytes, string shown) => Assert.Equal(shown, Vn.FileSize(bytes));
}
