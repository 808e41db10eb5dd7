using System.Net;
using Microsoft.EntityFrameworkCore;
using ParIndex.Web.Data.Seed;
using ParIndex.Web.Tests.Infrastructure;

namespace ParIndex.Web.Tests.Features.Assessments;

/// <summary>Every write of the assessment pages is refused outside its phase, and the database is unchanged.</summary>
public class PhaseWriteTests(ParIndexFactory factory) : IClassFixture<ParIndexFactory>
{
    private async Task<string> FingerprintAsync() => await factory.WithDbAsync(async db =>
        $"{await db.Scores.CountAsync()}|{string.Join(",", await db.Scores.Select(s => s.Version).OrderBy(v => v).ToListAsync())}|" +
        $"{await db.Evidence.CountAsync()}|{await db.PublishedResults.Select(p => p.Total + p.Rank).SumAsync(x => (double)x)}");

    private async Task<HttpResponseMessage> PostAsync(TestClient client, string url, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = await client.AntiforgeryTokenAsync(url.Split('?')[0]);
        return await client.Http.PostAsync(url, new FormUrlEncodedContent(fields));
    }

    [Fact]
    public async Task On_a_closed_year_scores_evidence_links_and_the_published_result_are_all_refused()
    {
        var id = await factory.SubCriterionIdAsync(2022, "3.5.1");
        using var client = await factory.CreateTestClient().SignInAsync(DemoAccounts.Office);
        var before = await FingerprintAsync();

        var responses = new[]
        {
            await PostAsync(client, $"/Assessments/2022/Score/{id}", new() { ["Input.Round"] = "Self", ["Input.Score"] = "6" }),
            await PostAsync(client, $"/Assessments/2022/Score/{id}", new() { ["Input.Round"] = "Round1", ["Input.Score"] = "6" }),
            await PostAsync(client, $"/Assessments/2022/Score/{id}", new() { ["Input.Round"] = "Explanation", ["Input.Note"] = "Giải trình" }),
            await PostAsync(client, $"/Assessments/2022/Score/{id}", new() { ["Input.Round"] = "Round2", ["Input.Score"] = "6" }),
            await PostAsync(client, $"/Assessments/2022/Score/{id}?handler=Link", new() { ["Link.Url"] = "https://example.gov.vn/a.pdf" }),
            await PostAsync(client, "/Assessments/2022/Published", new() { ["Input.Total"] = "90", ["Input.Classification"] = "Tốt", ["Input.Rank"] = "1", ["Input.RankOf"] = "22" }),
            await PostAsync(client, "/Assessments/2022/Area/3", new() { ["Round"] = "Self", ["Rows[0].SubCriterionId"] = id.ToString(), ["Rows[0].Score"] = "6" }),
        };

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        foreach (var r in responses)
        {
            var page = await TestClient.ParseAsync(r);
            var errors = page.QuerySelector("[data-testid=form-errors]") ?? page.QuerySelector(".alert-danger");
            Assert.NotNull(errors);
            Assert.Matches("khóa|kết thúc|chỉ được nhập|Chỉ thêm", errors!.TextContent);
        }
        Assert.Equal(before, await FingerprintAsync());
    }

    [Fact]
    public async Task While_self_assessment_is_open_the_appraisal_rounds_are_refused()
    {
        var id = await factory.SubCriterionIdAsync(2023, "2.1.1");
        using var client = await factory.CreateTestClient().SignInAsync(DemoAccounts.Office);
        var before = await FingerprintAsync();

        var round1 = await PostAsync(client, $"/Assessments/2023/Score/{id}", new() { ["Input.Round"] = "Round1", ["Input.Score"] = "0" });
        var round2 = await PostAsync(client, $"/Assessments/2023/Score/{id}", new() { ["Input.Round"] = "Round2", ["Input.Score"] = "0" });

        Assert.Contains("chưa mở", (await TestClient.ParseAsync(round1)).QuerySelector("[data-testid=form-errors]")!.TextContent);
        Assert.Contains("chưa mở", (await TestClient.ParseAsync(round2)).QuerySelector("[data-testid=form-errors]")!.TextContent);
        Assert.Equal(before, await FingerprintAsync());
    }
}
