using Microsoft.EntityFrameworkCore;
using ParIndex.Domain.Plans;
using ParIndex.Web.Tests.Pages.Plans;

namespace ParIndex.Web.Tests.Writes;

/// <summary>
/// Whatever happens inside a save, the database is free again afterwards: each test makes one way a save can end
/// happen, then proves that an unrelated save by another user completes within a second.
/// </summary>
public class WriteReleaseTests : IClassFixture<WriteFactory>, IDisposable
{
    private readonly WriteFactory _factory;

    public WriteReleaseTests(WriteFactory factory) => _factory = factory;

    public void Dispose() => _factory.Faults.Reset();

    [Fact]
    public async Task After_a_concurrency_conflict_another_users_save_completes_within_a_second()
    {
        using var other = await UnrelatedWriter.ReadyAsync(_factory);
        var id = await _factory.DemoTaskAsync("VP", PlanTaskStatus.InProgress);

        // Two editors read the same version; the first saves, the second's save meets the conflict.
        var conflict = await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => _factory.WithDbAsync(async first =>
        {
            var mine = await first.PlanTasks.Include(t => t.DueDates).SingleAsync(t => t.Id == id);
            await _factory.WithDbAsync(async second =>
            {
                var theirs = await second.PlanTasks.Include(t => t.DueDates).SingleAsync(t => t.Id == id);
                theirs.AddProgress("Người thứ nhất", 40, null, "test", "Kiểm tra", null, DateOnly.FromDateTime(DateTime.UtcNow), DateTime.UtcNow);
                await second.SaveChangesAsync();
            });
            mine.AddProgress("Người thứ hai", 50, null, "test", "Kiểm tra", null, DateOnly.FromDateTime(DateTime.UtcNow), DateTime.UtcNow);
            await first.SaveChangesAsync();
        }));
        Assert.NotNull(conflict);

        await other.SavesWithinASecondAsync();
    }
}
