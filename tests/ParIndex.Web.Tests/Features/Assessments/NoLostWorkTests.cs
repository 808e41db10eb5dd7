using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using ParIndex.Web.Data.Seed;
using ParIndex.Web.Tests.Infrastructure;

namespace ParIndex.Web.Tests.Features.Assessments;

/// <summary>
/// Issue 16, "no lost work": a form refused on a page leaves the page's other forms with their own values and actions,
/// a value outside a choice list is refused instead of falling back to a default, and evidence can be added from an
/// area's grid without leaving it.
/// </summary>
public class NoLostWorkTests : IDisposable
{
    private readonly ParIndexFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task A_refused_evidence_link_leaves_the_score_form_with_its_values_and_its_own_action()
    {
        // 1.2.2 is scored by hand: 0,25 is on its scale.
        var id = await _factory.SubCriterionIdAsync(2023, "1.2.2");
        var url = $"/Assessments/2023/Score/{id}";
        using var client = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Office);
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync(url, "#score-form",
            new() { ["Input.Score"] = "0,25", ["Input.LostReason"] = "Thiếu tài liệu." })).StatusCode);

        var refused = await client.SubmitAsync(url, "#link-form", new() { ["Link.Title"] = "Kế hoạch", ["Link.Url"] = "abc" });

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await TestClient.ParseAsync(refused);
        Assert.False(string.IsNullOrWhiteSpace(page.QuerySelector("#link-form .text-danger")!.TextContent));
        Assert.Equal("abc", page.QuerySelector<IHtmlInputElement>("#Link_Url")!.Value);
        var scoreForm = page.QuerySelector<IHtmlFormElement>("#score-form")!;
        Assert.Equal(url, scoreForm.GetAttribute("action"));
        Assert.Equal("0,25", page.QuerySelector<IHtmlInputElement>("[data-testid=score-input]")!.Value);
        Assert.Equal("Thiếu tài liệu.", page.QuerySelector<IHtmlTextAreaElement>("#Input_LostReason")!.Value);
        Assert.Equal(url + "?handler=Link", page.QuerySelector("#link-form")!.GetAttribute("action"));

        // The next score typed into that page is saved as a score, not refused as a link.
        var saved = await client.PostFormAsync(scoreForm, new() { ["Input.Score"] = "0,5", ["Input.LostReason"] = "Thiếu tài liệu." },
            refused.RequestMessage!.RequestUri!.PathAndQuery);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(0.5m, (await _factory.ScoreAsync(2023, id))!.SelfScore);
    }

    [Fact]
    public async Task A_refused_score_keeps_the_loss_shares_form_filled()
    {
        var id = await _factory.SubCriterionIdAsync(2023, "1.1.1");
        var url = $"/Assessments/2023/Score/{id}";
        using var client = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Office);

        var refused = await client.SubmitAsync(url, "#score-form", new() { ["Input.Score"] = "abc" });

        var page = await TestClient.ParseAsync(refused);
        Assert.NotEmpty(page.QuerySelectorAll("#shares-form input[name$='.UnitId']"));
        Assert.Equal("abc", page.QuerySelector<IHtmlInputElement>("[data-testid=score-input]")!.Value);
    }

    [Fact]
    public async Task A_round_outside_the_list_is_refused_on_the_score_page_and_nothing_is_saved()
    {
        var id = await _factory.SubCriterionIdAsync(2023, "1.1.1");
        var url = $"/Assessments/2023/Score/{id}";
        using var client = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Office);

        var response = await client.SubmitAsync(url, "#score-form", new() { ["Input.Round"] = "99", ["Input.Score"] = "0,5", ["Input.LostReason"] = "x" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await TestClient.ParseAsync(response);
        Assert.Contains("Vòng chấm điểm không hợp lệ", page.QuerySelector("[data-testid=form-errors]")!.TextContent);
        Assert.Null(await _factory.ScoreAsync(2023, id));
    }

    [Fact]
    public async Task A_round_outside_the_list_is_refused_on_the_area_grid_and_nothing_is_saved()
    {
        var id = await _factory.SubCriterionIdAsync(2023, "4.1.1");
        using var client = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Office);

        var response = await client.SubmitAsync("/Assessments/2023/Area/4", "#area-scores", new() { ["Round"] = "99", ["Rows[0].Score"] = "1" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await TestClient.ParseAsync(response);
        Assert.Contains("Vòng chấm điểm không hợp lệ", page.QuerySelector("[data-testid=form-errors]")!.TextContent);
        Assert.Null(await _factory.ScoreAsync(2023, id));
    }

    private static async Task<HttpResponseMessage> PostEvidenceAsync(TestClient client, string area, int subCriterionId, string url,
        bool json = true)
    {
        var token = await client.AntiforgeryTokenAsync($"/Assessments/2023/Area/{area}");
        var request = new HttpRequestMessage(HttpMethod.Post, $"/Assessments/2023/Area/{area}?handler=Evidence")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token,
                ["subCriterionId"] = subCriterionId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["evidenceTitle"] = "Báo cáo quý",
                ["evidenceUrl"] = url,
            }),
        };
        if (json) request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return await client.Http.SendAsync(request);
    }

    private Task<int> EvidenceCountAsync(int subCriterionId) => _factory.WithDbAsync(db => db.Evidence.CountAsync(e =>
        db.Scores.Any(s => s.Id == e.SubCriterionScoreId && s.SubCriterionId == subCriterionId &&
                           db.Assessments.Any(a => a.Id == s.AssessmentId && a.Year == 2023))));

    [Fact]
    public async Task Evidence_is_added_from_the_area_grid_and_counted_there()
    {
        var id = await _factory.SubCriterionIdAsync(2023, "4.1.1");
        var before = await EvidenceCountAsync(id);
        using var client = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Office);
        var grid = await client.GetDocumentAsync("/Assessments/2023/Area/4");
        var form = grid.QuerySelector<IHtmlFormElement>($"form[data-evidence-form='{id}']");
        Assert.NotNull(form);
        Assert.NotNull(grid.QuerySelector($"input[form='evidence-{id}'][name=evidenceUrl]"));

        var response = await PostEvidenceAsync(client, "4", id, "https://stnmt.example.gov.vn/bao-cao-quy-1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(before + 1, body.RootElement.GetProperty("count").GetInt32());
        Assert.Equal(before + 1, await EvidenceCountAsync(id));
        var after = await client.GetDocumentAsync("/Assessments/2023/Area/4");
        Assert.Equal($"{before + 1} TL", after.QuerySelector("[data-testid='evidence-count-4.1.1']")!.TextContent.Trim());
    }

    [Fact]
    public async Task Evidence_from_the_grid_without_script_goes_back_to_the_grid()
    {
        var id = await _factory.SubCriterionIdAsync(2023, "4.1.1");
        using var client = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Office);

        var response = await PostEvidenceAsync(client, "4", id, "https://stnmt.example.gov.vn/a", json: false);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Assessments/2023/Area/4", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_bad_evidence_link_from_the_grid_is_refused_beside_its_row_and_nothing_is_added()
    {
        var id = await _factory.SubCriterionIdAsync(2023, "4.1.1");
        var before = await EvidenceCountAsync(id);
        using var client = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Office);

        var json = await PostEvidenceAsync(client, "4", id, "abc");
        Assert.Equal(HttpStatusCode.BadRequest, json.StatusCode);
        Assert.Contains("error", await json.Content.ReadAsStringAsync());

        var plain = await PostEvidenceAsync(client, "4", id, "abc", json: false);
        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        var page = await TestClient.ParseAsync(plain);
        Assert.False(string.IsNullOrWhiteSpace(page.QuerySelector("[data-testid='evidence-error-4.1.1']")!.TextContent));
        Assert.Equal(before, await EvidenceCountAsync(id));
    }

    [Fact]
    public async Task Evidence_for_a_sub_criterion_of_another_area_is_refused_and_nothing_is_added()
    {
        var other = await _factory.SubCriterionIdAsync(2023, "1.1.1");
        var before = await EvidenceCountAsync(other);
        using var client = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Office);

        var response = await PostEvidenceAsync(client, "4", other, "https://stnmt.example.gov.vn/a");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(before, await EvidenceCountAsync(other));
    }

    [Theory]
    [InlineData(DemoAccounts.Leadership)]
    [InlineData("qhgd@parindex.local")]
    public async Task Roles_that_only_read_cannot_add_evidence_from_the_grid(string email)
    {
        var id = await _factory.SubCriterionIdAsync(2023, "4.1.1");
        var before = await EvidenceCountAsync(id);
        using var client = await _factory.CreateTestClient().SignInAsync(email);

        var response = await PostEvidenceAsync(client, "4", id, "https://stnmt.example.gov.vn/a");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(before, await EvidenceCountAsync(id));
    }
}
