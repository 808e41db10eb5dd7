using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using ParIndex.Domain.Assessments;
using ParIndex.Domain.Audit;
using ParIndex.Domain.Plans;
using ParIndex.Domain.Units;
using ParIndex.Web.Data.Seed;
using ParIndex.Web.Tests.Features.Plans;
using ParIndex.Web.Tests.Infrastructure;

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

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    [Fact]
    public async Task After_a_concurrency_conflict_another_users_save_completes_within_a_second()
    {
        using var other = await UnrelatedWriter.ReadyAsync(_factory);
        var id = await _factory.DemoTaskAsync("VP", PlanTaskStatus.InProgress);

        // Two editors read the same version; the first saves, the second's save meets the conflict.
        var conflict = await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => _factory.WithDbAsync(async first =>
        {
            var mine = await first.PlanTasks.Include(t => t.Plan).Include(t => t.DueDates).SingleAsync(t => t.Id == id);
            await _factory.WithDbAsync(async second =>
            {
                var theirs = await second.PlanTasks.Include(t => t.Plan).Include(t => t.DueDates).SingleAsync(t => t.Id == id);
                theirs.AddProgress("Người thứ nhất", 40, null, "test", "Kiểm tra", null, Today, DateTime.UtcNow);
                await second.SaveChangesAsync();
            });
            mine.AddProgress("Người thứ hai", 50, null, "test", "Kiểm tra", null, Today, DateTime.UtcNow);
            await first.SaveChangesAsync();
        }));
        Assert.NotNull(conflict);

        await other.SavesWithinASecondAsync();
    }

    [Fact]
    public async Task After_a_unique_index_violation_another_users_save_completes_within_a_second()
    {
        using var other = await UnrelatedWriter.ReadyAsync(_factory);
        var audited = await _factory.WithDbAsync(db => db.AuditEntries.CountAsync());

        await Assert.ThrowsAnyAsync<DbUpdateException>(() => _factory.WithDbAsync(async db =>
        {
            var existing = await db.Units.AsNoTracking().OrderBy(u => u.Id).FirstAsync();
            db.Units.Add(new Unit(existing.Code, "Trùng mã"));
            await db.SaveChangesAsync();
        }));

        Assert.Equal(audited, await _factory.WithDbAsync(db => db.AuditEntries.CountAsync()));
        await other.SavesWithinASecondAsync();
    }

    [Fact]
    public async Task After_a_foreign_key_violation_another_users_save_completes_within_a_second()
    {
        using var other = await UnrelatedWriter.ReadyAsync(_factory);
        var subCriterion = await _factory.SubCriterionIdAsync(2023, "1.1.1");

        await Assert.ThrowsAnyAsync<DbUpdateException>(() => _factory.WithDbAsync(async db =>
        {
            db.Scores.Add(new SubCriterionScore(assessmentId: -42, subCriterion)); // no such assessment
            await db.SaveChangesAsync();
        }));

        Assert.False(await _factory.WithDbAsync(db => db.Scores.AnyAsync(s => s.AssessmentId == -42)));
        await other.SavesWithinASecondAsync();
    }

    [Fact]
    public async Task After_an_exception_thrown_by_an_interceptor_during_the_save_another_users_save_completes_within_a_second()
    {
        using var other = await UnrelatedWriter.ReadyAsync(_factory);
        _factory.Faults.When = db => db.ChangeTracker.Entries<Unit>().Any(e => e.State == EntityState.Added && e.Entity.Name == "Lỗi giữa chừng");
        _factory.Faults.Saving = (_, _) => throw new InvalidOperationException("thrown by our code during SaveChanges");

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => _factory.WithDbAsync(async db =>
        {
            db.Units.Add(new Unit("LOIGC", "Lỗi giữa chừng"));
            await db.SaveChangesAsync();
        }));

        Assert.Equal("thrown by our code during SaveChanges", thrown.Message);
        Assert.False(await _factory.WithDbAsync(db => db.Units.AnyAsync(u => u.Code == "LOIGC")));
        await other.SavesWithinASecondAsync();
    }

    [Fact]
    public async Task After_an_exception_while_the_audit_rows_are_written_neither_the_change_nor_its_audit_is_kept_and_writes_go_on()
    {
        using var other = await UnrelatedWriter.ReadyAsync(_factory);
        _factory.Faults.When = db => db.ChangeTracker.Entries<AuditEntry>().Any(e => e.State == EntityState.Added && e.Entity.EntityType == "Unit"
            && e.Entity.NewValue != null && e.Entity.NewValue.Contains("Lỗi khi ghi nhật ký", StringComparison.Ordinal));
        _factory.Faults.Saving = (_, _) => throw new InvalidOperationException("audit write failed");
        var audited = await _factory.WithDbAsync(db => db.AuditEntries.CountAsync());

        await Assert.ThrowsAsync<InvalidOperationException>(() => _factory.WithDbAsync(async db =>
        {
            db.Units.Add(new Unit("LOINK", "Lỗi khi ghi nhật ký"));
            await db.SaveChangesAsync();
        }));

        Assert.False(await _factory.WithDbAsync(db => db.Units.AnyAsync(u => u.Code == "LOINK")));
        Assert.Equal(audited, await _factory.WithDbAsync(db => db.AuditEntries.CountAsync()));
        await other.SavesWithinASecondAsync();
    }

    [Fact]
    public async Task After_the_audit_guard_refuses_a_save_another_users_save_completes_within_a_second()
    {
        using var other = await UnrelatedWriter.ReadyAsync(_factory);

        await Assert.ThrowsAsync<InvalidOperationException>(() => _factory.WithDbAsync(async db =>
        {
            var entry = await db.AuditEntries.OrderBy(a => a.Id).FirstAsync();
            db.Entry(entry).Property(a => a.NewValue).CurrentValue = "sửa lén";
            await db.SaveChangesAsync();
        }));

        await other.SavesWithinASecondAsync();
    }

    /// <summary>A unit head's progress post on a task, with the token and version the page rendered, cancellable.</summary>
    private async Task<(TestClient Head, Func<CancellationToken, Task<HttpResponseMessage>> Post, int TaskId, TaskSnapshot Before)> ProgressPostAsync(string note)
    {
        var id = await _factory.DemoTaskAsync("TTDD");
        var head = await _factory.CreateTestClient().SignInAsync(DemoAccounts.UnitHead("TTDD"));
        var page = await head.GetDocumentAsync($"/Plans/2023/Tasks/{id}");
        var form = page.QuerySelector<IHtmlFormElement>("[data-testid=task-progress-form]")!;
        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = form.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value,
            ["ProgressInput.Version"] = form.QuerySelector<IHtmlInputElement>("input[name='ProgressInput.Version']")!.Value,
            ["ProgressInput.Note"] = note,
            ["ProgressInput.Percent"] = "70",
        };
        var before = await _factory.SnapshotAsync(id);
        return (head, ct => head.Http.PostAsync($"/Plans/2023/Tasks/{id}?handler=Progress", new FormUrlEncodedContent(fields), ct), id, before);
    }

    private Func<Microsoft.EntityFrameworkCore.DbContext, bool> Saving(string note) =>
        db => db.ChangeTracker.Entries<TaskProgress>().Any(e => e.Entity.Note == note);

    private Task<int> AuditedProgressAsync(int taskId, string note) => _factory.WithDbAsync(db => db.AuditEntries.CountAsync(a =>
        a.EntityType == "PlanTask" && a.EntityId == taskId.ToString() && a.Field!.StartsWith("Progress[") && a.NewValue!.Contains(note)));

    private async Task CancelWhenAsync(Func<CancellationToken, Task<HttpResponseMessage>> post, TaskCompletionSource reached)
    {
        using var tab = new CancellationTokenSource();
        var request = post(tab.Token);
        await reached.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await tab.CancelAsync(); // the tab is closed
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => request.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task A_request_cancelled_while_waiting_for_the_database_writes_nothing_and_writes_go_on()
    {
        using var other = await UnrelatedWriter.ReadyAsync(_factory);
        var (head, post, id, before) = await ProgressPostAsync("Hủy khi đang chờ");
        using var _ = head;
        // Another save holds the database until the cancelled request has given up waiting for it.
        var holding = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        _factory.Faults.When = db => db.ChangeTracker.Entries<Unit>().Any(e => e.State == EntityState.Added && e.Entity.Code == "GIU");
        _factory.Faults.Saving = async (_, _) => { holding.TrySetResult(); await release.Task.WaitAsync(TimeSpan.FromSeconds(20), CancellationToken.None); };
        var holder = _factory.WithDbAsync(async db => { db.Units.Add(new Unit("GIU", "Giữ cơ sở dữ liệu")); await db.SaveChangesAsync(); });
        await holding.Task.WaitAsync(TimeSpan.FromSeconds(10));

        using (var tab = new CancellationTokenSource())
        {
            var request = post(tab.Token);
            await WriteFactory.UntilAsync(() => _factory.Monitor.InFlight >= 2, "the progress save waits for the database");
            await tab.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => request.WaitAsync(TimeSpan.FromSeconds(10)));
        }
        await WriteFactory.UntilAsync(() => _factory.Monitor.InFlight == 1, "the cancelled save leaves the queue");
        release.SetResult();
        await holder.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(before, await _factory.SnapshotAsync(id));
        await other.SavesWithinASecondAsync();
    }

    [Fact]
    public async Task A_request_cancelled_while_its_rows_are_written_before_the_commit_keeps_nothing_and_writes_go_on()
    {
        using var other = await UnrelatedWriter.ReadyAsync(_factory);
        var note = "Hủy trước khi lưu xong";
        var (head, post, id, before) = await ProgressPostAsync(note);
        using var _ = head;
        var reached = new TaskCompletionSource();
        _factory.Faults.When = db => db.ChangeTracker.Entries<TaskProgress>().Any(e => e.State == EntityState.Added && e.Entity.Note == note);
        _factory.Faults.Saving = async (_, _) => { reached.TrySetResult(); await _factory.UntilRequestAbortedAsync(); };

        await CancelWhenAsync(post, reached);

        await WriteFactory.UntilAsync(() => _factory.Monitor.InFlight == 0, "the cancelled save ends");
        Assert.Equal(before, await _factory.SnapshotAsync(id));
        Assert.Equal(0, await AuditedProgressAsync(id, note));
        await other.SavesWithinASecondAsync();
    }

    [Fact]
    public async Task A_request_cancelled_during_the_commit_keeps_the_save_whole_and_writes_go_on()
    {
        using var other = await UnrelatedWriter.ReadyAsync(_factory);
        var note = "Hủy trong lúc xác nhận";
        var (head, post, id, before) = await ProgressPostAsync(note);
        using var _ = head;
        var reached = new TaskCompletionSource();
        _factory.Faults.When = Saving(note);
        _factory.Faults.Committing = async (_, _) => { reached.TrySetResult(); await _factory.UntilRequestAbortedAsync(); };

        await CancelWhenAsync(post, reached);

        await WriteFactory.UntilAsync(() => _factory.Monitor.InFlight == 0, "the cancelled save ends");
        // Either whole or absent, never the change without its audit entry: here whole, since the commit goes on.
        var after = await _factory.SnapshotAsync(id);
        Assert.Equal(before.History + 1, after.History);
        Assert.Equal(70, after.Percent);
        Assert.Equal(1, await AuditedProgressAsync(id, note));
        await other.SavesWithinASecondAsync();
    }

    [Fact]
    public async Task A_request_cancelled_after_the_commit_keeps_the_save_and_writes_go_on()
    {
        using var other = await UnrelatedWriter.ReadyAsync(_factory);
        var note = "Hủy sau khi đã lưu";
        var (head, post, id, before) = await ProgressPostAsync(note);
        using var _ = head;
        var reached = new TaskCompletionSource();
        _factory.Faults.When = Saving(note);
        _factory.Faults.Committed = async (_, _) => { reached.TrySetResult(); await _factory.UntilRequestAbortedAsync(); };

        await CancelWhenAsync(post, reached);

        await WriteFactory.UntilAsync(() => _factory.Monitor.InFlight == 0, "the cancelled save ends");
        Assert.Equal(before.History + 1, (await _factory.SnapshotAsync(id)).History);
        Assert.Equal(1, await AuditedProgressAsync(id, note));
        await other.SavesWithinASecondAsync();
    }
}
