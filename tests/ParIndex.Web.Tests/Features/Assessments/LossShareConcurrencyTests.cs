using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using ParIndex.Domain.Accountability;
using ParIndex.Web.Data.Seed;
using ParIndex.Web.Features.Assessments;
using ParIndex.Web.Tests.Infrastructure;

namespace ParIndex.Web.Tests.Features.Assessments;

/// <summary>
/// The shares form open in two tabs (or by two people): a save over shares another save changed since the form was
/// rendered is refused with the stored shares shown, nothing written; simultaneous saves leave one whole set.
/// </summary>
public class LossShareConcurrencyTests : IDisposable
{
    private readonly ParIndexFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private sealed record Setup(TestClient Office, string Url, int SubCriterionId, int Ttr, int Khtc) : IDisposable
    {
        public void Dispose() => Office.Dispose();
    }

    private async Task<Setup> SetUpAsync()
    {
        var id = await _factory.SubCriterionIdAsync(2022, "1.6.1"); // 0/2, no shares in the demo
        var office = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Office);
        var (ttr, khtc) = await _factory.WithDbAsync(async db => (
            await db.Units.Where(u => u.Code == "TTR").Select(u => u.Id).SingleAsync(),
            await db.Units.Where(u => u.Code == "KHTC").Select(u => u.Id).SingleAsync()));
        return new Setup(office, $"/Assessments/2022/Score/{id}", id, ttr, khtc);
    }

    private static async Task<IHtmlFormElement> FormAsync(Setup s) =>
        (await s.Office.GetDocumentAsync(s.Url)).QuerySelector<IHtmlFormElement>("#shares-form")!;

    private static string Field(IHtmlFormElement form, int unitId) => form.QuerySelector($"#share-{unitId}")!.GetAttribute("name")!;

    private Task<List<(int UnitId, decimal Weight)>> StoredAsync(int id) => _factory.WithDbAsync(async db =>
        (await db.Set<LossShare>().AsNoTracking().Where(x => x.SubCriterionId == id).OrderBy(x => x.UnitId).ToListAsync())
        .Select(x => (x.UnitId, x.Weight)).ToList());

    private Task<int> ShareAuditAsync(int id) => _factory.WithDbAsync(db => db.AuditEntries.CountAsync(a =>
        a.EntityType == "SubCriterion" && a.EntityId == id.ToString() && a.Field!.StartsWith("LossShare[")));

    private static async Task<IDocument> RefusedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await TestClient.ParseAsync(response);
        Assert.Equal(LossShareService.ConflictMessage, page.QuerySelector("[data-testid=shares-error]")!.TextContent.Trim());
        return page;
    }

    [Fact]
    public async Task A_tab_rendered_before_another_save_is_refused_shows_the_stored_shares_and_saves_once_resubmitted()
    {
        using var s = await SetUpAsync();
        var tabA = await FormAsync(s);
        var tabB = await FormAsync(s);

        Assert.Equal(HttpStatusCode.Redirect, (await s.Office.PostFormAsync(tabA,
            new() { [Field(tabA, s.Ttr)] = "1", ["ShareInput.Source"] = "Biên bản họp ngày 10/3/2023" }, s.Url)).StatusCode);
        var audit = await ShareAuditAsync(s.SubCriterionId);

        var page = await RefusedAsync(await s.Office.PostFormAsync(tabB,
            new() { [Field(tabB, s.Khtc)] = "2", ["ShareInput.Source"] = "Kế hoạch cải thiện" }, s.Url));

        Assert.Equal([(s.Ttr, 1m)], await StoredAsync(s.SubCriterionId));
        Assert.Equal(audit, await ShareAuditAsync(s.SubCriterionId));
        // The form re-shown carries what is stored now, so the user decides over the other save, not over a blank form.
        var shown = page.QuerySelector<IHtmlFormElement>("#shares-form")!;
        Assert.Equal("1", shown.QuerySelector<IHtmlInputElement>($"#share-{s.Ttr}")!.Value);
        Assert.Equal("", shown.QuerySelector<IHtmlInputElement>($"#share-{s.Khtc}")!.Value);
        Assert.Equal("Biên bản họp ngày 10/3/2023", shown.QuerySelector<IHtmlInputElement>("#ShareInput_Source")!.Value);

        Assert.Equal(HttpStatusCode.Redirect, (await s.Office.PostFormAsync(shown, new() { [Field(shown, s.Khtc)] = "2" }, s.Url)).StatusCode);
        Assert.Equal(new List<(int, decimal)> { (s.Ttr, 1m), (s.Khtc, 2m) }.OrderBy(x => x.Item1), await StoredAsync(s.SubCriterionId));
    }

    [Theory]
    [InlineData("")]  // cleared meanwhile: the stale tab would bring the shares back
    [InlineData("3")] // changed meanwhile: the stale tab would overwrite the other weight
    public async Task A_stale_tab_does_not_undo_shares_changed_or_cleared_meanwhile(string otherWeight)
    {
        using var s = await SetUpAsync();
        var first = await FormAsync(s);
        Assert.Equal(HttpStatusCode.Redirect, (await s.Office.PostFormAsync(first,
            new() { [Field(first, s.Ttr)] = "1", ["ShareInput.Source"] = "Biên bản" }, s.Url)).StatusCode);
        var tabA = await FormAsync(s);
        var tabB = await FormAsync(s);

        Assert.Equal(HttpStatusCode.Redirect, (await s.Office.PostFormAsync(tabA, new() { [Field(tabA, s.Ttr)] = otherWeight }, s.Url)).StatusCode);
        var after = await StoredAsync(s.SubCriterionId);
        var audit = await ShareAuditAsync(s.SubCriterionId);

        await RefusedAsync(await s.Office.PostFormAsync(tabB, new() { [Field(tabB, s.Ttr)] = "5" }, s.Url));

        Assert.Equal(otherWeight == "" ? [] : new List<(int, decimal)> { (s.Ttr, 3m) }, after);
        Assert.Equal(after, await StoredAsync(s.SubCriterionId));
        Assert.Equal(audit, await ShareAuditAsync(s.SubCriterionId));
    }

    [Theory]
    [InlineData(false)] // no shares yet: every tab inserts rows
    [InlineData(true)]  // shares stored: every tab changes the same row
    public async Task Saves_posted_at_once_from_one_form_one_is_saved_whole_the_others_are_told_none_fails(bool existing)
    {
        using var s = await SetUpAsync();
        if (existing)
        {
            var first = await FormAsync(s);
            Assert.Equal(HttpStatusCode.Redirect, (await s.Office.PostFormAsync(first,
                new() { [Field(first, s.Ttr)] = "1", ["ShareInput.Source"] = "Biên bản" }, s.Url)).StatusCode);
        }
        var form = await FormAsync(s);
        const int tabs = 4;

        var answers = await Task.WhenAll(Enumerable.Range(1, tabs).Select(i => Task.Run(() => s.Office.PostFormAsync(form, new()
        {
            [Field(form, s.Ttr)] = $"{i}",
            [Field(form, s.Khtc)] = $"{10 * i}",
            ["ShareInput.Source"] = $"Tab {i}",
        }, s.Url))));

        var saved = Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Redirect);
        foreach (var refused in answers.Where(a => a != saved)) await RefusedAsync(refused);
        var stored = await StoredAsync(s.SubCriterionId);
        Assert.Equal(2, stored.Count);
        var winner = stored.Single(x => x.UnitId == s.Ttr).Weight;
        Assert.Equal(10 * winner, stored.Single(x => x.UnitId == s.Khtc).Weight);
        var sources = await _factory.WithDbAsync(db => db.Set<LossShare>().Where(x => x.SubCriterionId == s.SubCriterionId)
            .Select(x => x.Source).Distinct().ToListAsync());
        Assert.Equal([$"Tab {(int)winner}"], sources);

        // Nothing is held: the page's current form saves at once.
        var fresh = await FormAsync(s);
        Assert.Equal(HttpStatusCode.Redirect, (await s.Office.PostFormAsync(fresh, new() { [Field(fresh, s.Khtc)] = "" }, s.Url)).StatusCode);
        Assert.Equal([(s.Ttr, winner)], await StoredAsync(s.SubCriterionId));
    }
}
