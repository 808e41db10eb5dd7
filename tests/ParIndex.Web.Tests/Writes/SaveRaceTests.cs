using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using ParIndex.Domain.Assessments;
using ParIndex.Domain.Plans;
using ParIndex.Web.Data.Seed;
using ParIndex.Web.Features.Assessments;
using ParIndex.Web.Features.Plans;
using ParIndex.Web.Tests.Features.Plans;
using ParIndex.Web.Tests.Infrastructure;

namespace ParIndex.Web.Tests.Writes;

/// <summary>
/// The race of issue 12 over real HTTP: a form open in several tabs (or "Lưu" clicked several times) posts the same
/// Version at once. The first save is held until every other post has passed the page's own version check and waits
/// for the database, so the others meet the conflict in the database, not before it.
/// </summary>
public class SaveRaceTests : IClassFixture<WriteFactory>, IDisposable
{
    private const int Tabs = 3;
    private readonly WriteFactory _factory;

    public SaveRaceTests(WriteFactory factory) => _factory = factory;

    public void Dispose() => _factory.Faults.Reset();

    /// <summary>Posts every form at once; the first save to reach the database waits until all the others wait behind it.</summary>
    private async Task<HttpResponseMessage[]> RaceAsync(TestClient client, IHtmlFormElement form, string pageUrl,
        Func<int, Dictionary<string, string>> fields, Func<Microsoft.EntityFrameworkCore.DbContext, bool> isRacer)
    {
        var first = 0;
        _factory.Faults.When = isRacer;
        _factory.Faults.Saving = async (_, _) =>
        {
            if (Interlocked.Exchange(ref first, 1) == 0)
                await WriteFactory.UntilAsync(() => _factory.Monitor.InFlight >= Tabs, "every post waits for the database");
        };
        var posts = Enumerable.Range(1, Tabs).Select(i => Task.Run(() => client.PostFormAsync(form, fields(i), pageUrl))).ToArray();
        var all = Task.WhenAll(posts);
        Assert.True(await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(20))) == all, "a post never answered");
        return await all;
    }

    [Fact]
    public async Task Progress_posted_from_three_tabs_with_the_same_version_one_is_saved_the_others_are_told_none_hangs()
    {
        var id = await _factory.DemoTaskAsync("VPDKDD", PlanTaskStatus.InProgress);
        using var head = await _factory.CreateTestClient().SignInAsync(DemoAccounts.UnitHead("VPDKDD"));
        var url = $"/Plans/2023/Tasks/{id}";
        var page = await head.GetDocumentAsync(url);
        var form = page.QuerySelector<IHtmlFormElement>("[data-testid=task-progress-form]")!;
        var before = await _factory.SnapshotAsync(id);

        var answers = await RaceAsync(head, form, url,
            i => new() { ["ProgressInput.Note"] = $"Tab {i}", ["ProgressInput.Percent"] = $"{10 * i}" },
            db => db.ChangeTracker.Entries<TaskProgress>().Any(e => e.State == EntityState.Added && e.Entity.Note!.StartsWith("Tab ")));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Redirect);
        var refused = answers.Where(a => a.StatusCode != HttpStatusCode.Redirect).ToList();
        Assert.Equal(Tabs - 1, refused.Count);
        foreach (var answer in refused)
        {
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            Assert.Equal(TaskModel.Conflict, (await TestClient.ParseAsync(answer)).Text("task-error"));
        }
        var after = await _factory.SnapshotAsync(id);
        Assert.Equal(before.History + 1, after.History);
        var saved = await _factory.WithDbAsync(db => db.TaskProgress.Where(p => p.PlanTaskId == id).OrderByDescending(p => p.Id).FirstAsync());
        Assert.Equal(saved.Percent, after.Percent);
        using var other = await UnrelatedWriter.ReadyAsync(_factory);
        await other.SavesWithinASecondAsync();
    }

    [Theory]
    [InlineData("1.1.2", false)] // no score yet: every tab inserts the first one (the unique index decides)
    [InlineData("1.2.2", true)]  // a saved score: every tab updates it (the version decides); hand-scored, so 0 is on its scale
    public async Task A_score_saved_from_three_tabs_with_the_same_version_one_is_saved_the_others_are_told_none_hangs(string code, bool existing)
    {
        var subCriterion = await _factory.SubCriterionIdAsync(2023, code);
        using var office = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Office);
        var url = $"/Assessments/2023/Score/{subCriterion}";
        if (existing)
            Assert.Equal(HttpStatusCode.Redirect, (await office.SubmitAsync(url, "#score-form",
                new() { ["Input.Score"] = "0", ["Input.LostReason"] = "Lần đầu" })).StatusCode);
        Assert.Equal(existing, await _factory.ScoreAsync(2023, subCriterion) is not null);
        var page = await office.GetDocumentAsync(url);
        var form = page.QuerySelector<IHtmlFormElement>("#score-form")!;

        var answers = await RaceAsync(office, form, url,
            i => new() { ["Input.Score"] = "0", ["Input.LostReason"] = $"Tab {i}" },
            db => db.ChangeTracker.Entries<SubCriterionScore>().Any(e => e.State is EntityState.Added or EntityState.Modified
                && e.Entity.SubCriterionId == subCriterion));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Redirect);
        var refused = answers.Where(a => a.StatusCode != HttpStatusCode.Redirect).ToList();
        Assert.Equal(Tabs - 1, refused.Count);
        foreach (var answer in refused)
        {
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            Assert.Contains(ScoreService.ConflictMessage, (await TestClient.ParseAsync(answer)).Text("form-errors"));
        }
        var score = await _factory.ScoreAsync(2023, subCriterion);
        Assert.StartsWith("Tab ", score!.LostReason);
        using var other = await UnrelatedWriter.ReadyAsync(_factory);
        await other.SavesWithinASecondAsync();
    }
}
