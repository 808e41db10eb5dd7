using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using ParIndex.Web.Data.Seed;
using ParIndex.Web.Tests.Infrastructure;

namespace ParIndex.Web.Tests.Features.Assessments;

/// <summary>The score form on the 2023 demo assessment, whose self-assessment is open around today.</summary>
public class ScoreFormTests : IDisposable
{
    private readonly ParIndexFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    /// <summary>1.2.2 is scored by hand, so any value in range is on its scale (tiered ones are held to their tiers: ScoreScaleTests).</summary>
    private async Task<(int Id, decimal Max, string Url)> SubCriterionAsync(string code = "1.2.2")
    {
        var id = await _factory.SubCriterionIdAsync(2023, code);
        var max = await _factory.WithDbAsync(db => db.SubCriteria.Where(s => s.Id == id).Select(s => s.MaxPoints).SingleAsync());
        return (id, max, $"/Assessments/2023/Score/{id}");
    }

    [Theory]
    [InlineData("0,25")]
    [InlineData("0.25")]
    public async Task A_score_with_a_decimal_comma_or_point_is_saved_as_the_same_number(string typed)
    {
        var (id, _, url) = await SubCriterionAsync();
        using var client = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Office);

        var response = await client.SubmitAsync(url, "#score-form",
            new() { ["Input.Score"] = typed, ["Input.LostReason"] = "Chưa đủ tài liệu kiểm chứng." });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var score = await _factory.ScoreAsync(2023, id);
        Assert.Equal(0.25m, score!.SelfScore);
        var page = await client.GetDocumentAsync(url);
        Assert.Equal("0,25", page.QuerySelector("[data-testid=self]")!.TextContent.Trim());
    }

    [Fact]
    public async Task The_score_page_shows_who_changed_the_score_from_what_to_what()
    {
        var (_, _, url) = await SubCriterionAsync();
        using var client = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Office);
        await client.SubmitAsync(url, "#score-form", new() { ["Input.Score"] = "0,25", ["Input.LostReason"] = "Thiếu kế hoạch" });
        await client.SubmitAsync(url, "#score-form", new() { ["Input.Score"] = "0,5", ["Input.LostReason"] = "Thiếu kế hoạch" });

        var page = await client.GetDocumentAsync(url);

        var rows = page.QuerySelectorAll("[data-testid=score-history] [data-testid=audit-history] tbody tr")
            .Select(r => r.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray()).ToList();
        var change = Assert.Single(rows, r => r[3] == "Điểm tự đánh giá" && r[5].Replace('.', ',') == "0,5");
        Assert.Equal("0,25", change[4].Replace('.', ','));
        Assert.Contains("Văn Phòng", change[1]);
    }

    [Theory]
    [InlineData("abc", "Điểm phải là một số")]
    [InlineData("-0,5", "Điểm không được âm.")]
    [InlineData("1.000,5", "một dấu thập phân")]
    [InlineData("0,1234", "tối đa 3 chữ số thập phân")]
    public async Task Bad_input_is_refused_beside_the_field_and_changes_nothing(string typed, string message)
    {
        var (id, _, url) = await SubCriterionAsync();
        using var client = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Office);

        var response = await client.SubmitAsync(url, "#score-form", new() { ["Input.Score"] = typed, ["Input.LostReason"] = "x" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await TestClient.ParseAsync(response);
        Assert.Contains(message, page.QuerySelector("[data-testid=score-error]")!.TextContent);
        Assert.Null(await _factory.ScoreAsync(2023, id));
    }

    [Fact]
    public async Task A_score_over_the_maximum_is_refused_with_the_maximum_named()
    {
        var (id, max, url) = await SubCriterionAsync();
        using var client = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Office);

        var response = await client.SubmitAsync(url, "#score-form", new() { ["Input.Score"] = (max + 0.5m).ToString(System.Globalization.CultureInfo.InvariantCulture) });

        var page = await TestClient.ParseAsync(response);
        Assert.Contains($"vượt quá điểm tối đa {ParIndex.Domain.Formatting.Vn.Points(max)}", page.QuerySelector("[data-testid=score-error]")!.TextContent);
        Assert.Null(await _factory.ScoreAsync(2023, id));
    }

    [Fact]
    public async Task A_score_below_the_maximum_needs_a_reason()
    {
        var (id, _, url) = await SubCriterionAsync();
        using var client = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Office);

        var response = await client.SubmitAsync(url, "#score-form", new() { ["Input.Score"] = "0", ["Input.LostReason"] = "" });

        var page = await TestClient.ParseAsync(response);
        Assert.Contains("lý do", page.QuerySelector("[data-testid=reason-error]")!.TextContent);
        Assert.Null(await _factory.ScoreAsync(2023, id));
    }

    [Fact]
    public async Task A_locked_year_refuses_changes_with_a_clear_message()
    {
        var id = await _factory.SubCriterionIdAsync(2022, "1.1.1");
        var before = await _factory.ScoreAsync(2022, id);
        using var client = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Office);
        var token = await client.AntiforgeryTokenAsync("/Account/Login");

        var page = await client.GetDocumentAsync($"/Assessments/2022/Score/{id}");
        Assert.Null(page.QuerySelector("#score-form"));
        var response = await client.Http.PostAsync($"/Assessments/2022/Score/{id}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await TokenOnAsync(client, $"/Assessments/2022/Score/{id}") ?? token,
            ["Input.Score"] = "0",
            ["Input.LostReason"] = "x",
            ["Input.Version"] = before!.Version.ToString(),
        }));

        var result = await TestClient.ParseAsync(response);
        Assert.Contains("khóa", result.QuerySelector("[data-testid=form-errors]")!.TextContent);
        var after = await _factory.ScoreAsync(2022, id);
        Assert.Equal(before.SelfScore, after!.SelfScore);
        Assert.Equal(before.Version, after.Version);
    }

    private static async Task<string?> TokenOnAsync(TestClient client, string url) =>
        (await client.GetDocumentAsync(url)).QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")?.Value;

    [Theory]
    [InlineData(DemoAccounts.Leadership)]
    [InlineData("qhgd@parindex.local")]
    public async Task Roles_that_only_read_are_refused_and_nothing_changes(string email)
    {
        var (id, _, url) = await SubCriterionAsync();
        using var client = await _factory.CreateTestClient().SignInAsync(email);
        var token = await TokenOnAsync(client, url);
        Assert.NotNull(token);

        var response = await client.Http.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token!,
            ["Input.Score"] = "0,5",
            ["Input.LostReason"] = "x",
        }));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Null(await _factory.ScoreAsync(2023, id));
    }

    [Fact]
    public async Task A_post_without_its_antiforgery_token_is_refused()
    {
        var (id, _, url) = await SubCriterionAsync();
        using var client = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Office);

        var response = await client.Http.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Score"] = "0,5" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(await _factory.ScoreAsync(2023, id));
    }

    [Fact]
    public async Task The_second_of_two_people_saving_the_same_score_is_told_and_sees_the_new_value()
    {
        var (id, max, url) = await SubCriterionAsync();
        using var first = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Office);
        using var second = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Admin);
        // Both open the form holding the same version.
        var firstForm = (await first.GetDocumentAsync(url)).QuerySelector<IHtmlFormElement>("#score-form")!;
        var secondForm = (await second.GetDocumentAsync(url)).QuerySelector<IHtmlFormElement>("#score-form")!;

        var ok = await first.PostFormAsync(firstForm, new() { ["Input.Score"] = ParIndex.Domain.Formatting.Vn.Points(max) }, url);
        var conflict = await second.PostFormAsync(secondForm, new() { ["Input.Score"] = "0", ["Input.LostReason"] = "Khác" }, url);

        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        Assert.Equal(HttpStatusCode.OK, conflict.StatusCode);
        var page = await TestClient.ParseAsync(conflict);
        Assert.Contains("người khác thay đổi", page.QuerySelector("[data-testid=form-errors]")!.TextContent);
        Assert.Equal(ParIndex.Domain.Formatting.Vn.Points(max), page.QuerySelector<IHtmlInputElement>("#Input_Score")!.Value);
        Assert.Equal(max, (await _factory.ScoreAsync(2023, id))!.SelfScore);
    }

    [Fact]
    public async Task The_area_form_saves_many_scores_at_once_or_none_when_one_is_bad()
    {
        var (a, maxA, _) = await SubCriterionAsync("4.1.1");
        var (b, maxB, _) = await SubCriterionAsync("4.1.2");
        string Typed(decimal v) => ParIndex.Domain.Formatting.Vn.Points(v);
        using var client = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Office);
        var page = await client.GetDocumentAsync("/Assessments/2023/Area/4");
        var form = page.QuerySelector<IHtmlFormElement>("#area-scores")!;
        string Field(int id, string name) => form.QuerySelectorAll("input[type=hidden]")
            .First(i => i.GetAttribute("name")!.EndsWith(".SubCriterionId", StringComparison.Ordinal) && i.GetAttribute("value") == id.ToString())
            .GetAttribute("name")!.Replace("SubCriterionId", name, StringComparison.Ordinal);

        var bad = await client.PostFormAsync(form, new() { [Field(a, "Score")] = Typed(maxA), [Field(b, "Score")] = "nhiều" }, "/Assessments/2023/Area/4");
        var badPage = await TestClient.ParseAsync(bad);
        Assert.Contains("Điểm phải là một số", badPage.QuerySelector("[data-testid='error-4.1.2']")!.TextContent);
        Assert.Null(await _factory.ScoreAsync(2023, a));

        var good = await client.PostFormAsync(form, new() { [Field(a, "Score")] = Typed(maxA), [Field(b, "Score")] = Typed(maxB) }, "/Assessments/2023/Area/4");
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        Assert.Equal(maxA, (await _factory.ScoreAsync(2023, a))!.SelfScore);
        Assert.Equal(maxB, (await _factory.ScoreAsync(2023, b))!.SelfScore);
    }
}
