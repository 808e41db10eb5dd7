using System.Net;
using Microsoft.EntityFrameworkCore;
using ParIndex.Domain.Plans;
using ParIndex.Web.Data.Seed;
using ParIndex.Web.Tests.Features.Plans;
using ParIndex.Web.Tests.Infrastructure;

namespace ParIndex.Web.Tests.Features.Tasks;

/// <summary>Issue 16: a unit head updates several of the unit's own tasks at once on /Tasks/Mine, all or nothing.</summary>
public sealed class BulkUpdateTests : IDisposable
{
    private readonly ParIndexFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    /// <summary>A unit leading at least two open tasks of the issued plan, and two of them.</summary>
    private Task<(string Unit, int[] Ids)> TwoOpenTasksAsync() => _factory.WithDbAsync(async db =>
    {
        var rows = await db.PlanTasks.AsNoTracking()
            .Where(t => t.Plan!.Status == PlanStatus.Issued && (t.Status == PlanTaskStatus.NotStarted || t.Status == PlanTaskStatus.InProgress))
            .Select(t => new { t.Id, Unit = db.Units.Where(u => u.Id == t.LeadUnitId).Select(u => u.Code).First() }).ToListAsync();
        var group = rows.GroupBy(r => r.Unit).First(g => g.Count() >= 2);
        return (group.Key, group.Take(2).Select(r => r.Id).ToArray());
    });

    private static async Task<HttpResponseMessage> PostBulkAsync(TestClient client, IEnumerable<int> ids, Func<int, Guid> version, string to = "Done")
    {
        var token = await client.AntiforgeryTokenAsync("/Tasks/Mine");
        var values = new List<KeyValuePair<string, string>> { new("__RequestVerificationToken", token), new("Bulk.To", to), new("Bulk.Note", "Cập nhật theo giao ban tuần.") };
        foreach (var id in ids)
        {
            values.Add(new("Bulk.Ids", id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            values.Add(new($"Bulk.Versions[{id}]", version(id).ToString()));
        }
        return await client.Http.PostAsync("/Tasks/Mine?handler=Bulk", new FormUrlEncodedContent(values));
    }

    [Fact]
    public async Task A_unit_head_marks_two_of_their_tasks_done_at_once()
    {
        var (unit, ids) = await TwoOpenTasksAsync();
        using var head = await _factory.CreateTestClient().SignInAsync(DemoAccounts.UnitHead(unit));
        var page = await head.GetDocumentAsync("/Tasks/Mine");
        Assert.All(ids, id => Assert.NotNull(page.QuerySelector($"input[form=mine-bulk][name='Bulk.Ids'][value='{id}']")));
        var versions = new Dictionary<int, Guid>();
        foreach (var id in ids) versions[id] = (await _factory.SnapshotAsync(id)).Version;

        var response = await PostBulkAsync(head, ids, id => versions[id]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        foreach (var id in ids)
        {
            var after = await _factory.SnapshotAsync(id);
            Assert.Equal(PlanTaskStatus.Done, after.Status);
            Assert.NotEqual(versions[id], after.Version);
        }
    }

    [Fact]
    public async Task Another_units_task_in_the_selection_is_refused_and_nothing_changes()
    {
        var (unit, ids) = await TwoOpenTasksAsync();
        var other = await _factory.WithDbAsync(db => db.PlanTasks.AsNoTracking()
            .Where(t => t.Plan!.Status == PlanStatus.Issued && t.Status != PlanTaskStatus.Done && t.Status != PlanTaskStatus.Cancelled
                        && db.Units.Any(u => u.Id == t.LeadUnitId && u.Code != unit))
            .Select(t => t.Id).FirstAsync());
        var all = ids.Append(other).ToArray();
        var before = new Dictionary<int, TaskSnapshot>();
        foreach (var id in all) before[id] = await _factory.SnapshotAsync(id);
        using var head = await _factory.CreateTestClient().SignInAsync(DemoAccounts.UnitHead(unit));

        var response = await PostBulkAsync(head, all, id => before[id].Version);

        Assert.True(PlanTestSupport.IsDenied(response));
        foreach (var id in all) Assert.Equal(before[id], await _factory.SnapshotAsync(id));
    }

    [Fact]
    public async Task A_stale_version_of_one_task_is_told_and_nothing_changes()
    {
        var (unit, ids) = await TwoOpenTasksAsync();
        var before = new Dictionary<int, TaskSnapshot>();
        foreach (var id in ids) before[id] = await _factory.SnapshotAsync(id);
        using var head = await _factory.CreateTestClient().SignInAsync(DemoAccounts.UnitHead(unit));

        var response = await PostBulkAsync(head, ids, id => id == ids[1] ? Guid.NewGuid() : before[id].Version);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("vừa được người khác cập nhật", (await TestClient.ParseAsync(response)).QuerySelector("[data-testid=mine-bulk-error]")!.TextContent);
        foreach (var id in ids) Assert.Equal(before[id], await _factory.SnapshotAsync(id));
    }

    [Fact]
    public async Task Nothing_selected_is_refused_with_a_message()
    {
        var (unit, _) = await TwoOpenTasksAsync();
        using var head = await _factory.CreateTestClient().SignInAsync(DemoAccounts.UnitHead(unit));

        var response = await PostBulkAsync(head, [], _ => Guid.Empty);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("ít nhất một nhiệm vụ", (await TestClient.ParseAsync(response)).QuerySelector("[data-testid=mine-bulk-error]")!.TextContent);
    }
}
