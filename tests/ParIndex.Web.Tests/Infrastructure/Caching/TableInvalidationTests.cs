using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ParIndex.Web.Data;
using ParIndex.Web.Data.Seed;
using ParIndex.Web.Infrastructure.Caching;
using ParIndex.Web.Tests.Infrastructure;

namespace ParIndex.Web.Tests.Infrastructure.Caching;

/// <summary>
/// A shared read depends on the tables it queried, on the real SQLite database of the running application: a write to
/// another table keeps it, a write to one of its tables (SaveChanges, ExecuteUpdate, raw SQL, a transaction at its
/// commit) makes the next request read again, a write the interceptor cannot place drops everything, and a read that
/// overlapped a write to its tables is never used.
/// </summary>
public class TableInvalidationTests : IDisposable
{
    private readonly ParIndexFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private ReadCache Cache => _factory.Services.GetRequiredService<ReadCache>();

    private sealed record Snapshot(List<int> Values);

    private int _reads;

    /// <summary>A shared read of the units' sort orders (the table Units only), counting how often it runs.</summary>
    private Task<Snapshot> UnitsAsync(string key) => Cache.GetAsync(key, async services =>
    {
        Interlocked.Increment(ref _reads);
        var db = services.GetRequiredService<ParIndexDbContext>();
        return new Snapshot(await db.Units.AsNoTracking().OrderBy(u => u.Id).Select(u => u.SortOrder).ToListAsync());
    });

    /// <summary>A shared read of the dossiers (the table Dossiers only).</summary>
    private Task<Snapshot> DossiersAsync(string key) => Cache.GetAsync(key, async services =>
    {
        Interlocked.Increment(ref _reads);
        var db = services.GetRequiredService<ParIndexDbContext>();
        return new Snapshot([await db.Dossiers.AsNoTracking().CountAsync()]);
    });

    private async Task<int> FirstUnitAsync() => await _factory.WithDbAsync(db => db.Units.OrderBy(u => u.Id).Select(u => u.Id).FirstAsync());

    private Task<int> SetSortOrderAsync(int unitId, int value) =>
        _factory.WithDbAsync(db => db.Units.Where(u => u.Id == unitId).ExecuteUpdateAsync(s => s.SetProperty(u => u.SortOrder, value)));

    private static string Key() => $"test:{Guid.NewGuid()}";

    [Fact]
    public async Task A_write_to_another_table_keeps_the_entry_and_a_write_to_its_table_makes_the_next_read_fresh()
    {
        var key = Key();
        var unit = await FirstUnitAsync();
        var first = await UnitsAsync(key);
        Assert.Equal(1, _reads);

        // Dossiers: not read by this entry.
        Assert.Equal(0, await _factory.WithDbAsync(db => db.Dossiers.Where(d => d.Id == -1).ExecuteDeleteAsync()));
        Assert.Same(first, await UnitsAsync(key));
        Assert.Equal(1, _reads);

        Assert.Equal(1, await SetSortOrderAsync(unit, 987));
        var second = await UnitsAsync(key);
        Assert.Equal(2, _reads);
        Assert.Equal(987, second.Values[0]);
        Assert.Same(second, await UnitsAsync(key));
    }

    [Fact]
    public async Task A_write_inside_a_transaction_makes_a_read_taken_before_its_commit_stale_at_the_commit()
    {
        var key = Key();
        var unit = await FirstUnitAsync();
        await using var scope = _factory.Services.CreateAsyncScope();
        var writer = scope.ServiceProvider.GetRequiredService<ParIndexDbContext>();
        await using (var transaction = await writer.Database.BeginTransactionAsync())
        {
            Assert.Equal(1, await writer.Units.Where(u => u.Id == unit).ExecuteUpdateAsync(s => s.SetProperty(u => u.SortOrder, 654)));
            // Read after the statement ran, before the commit: another connection still sees the old value.
            var during = await UnitsAsync(key);
            Assert.NotEqual(654, during.Values[0]);
            Assert.Same(during, await UnitsAsync(key));
            await transaction.CommitAsync();
        }
        var after = await UnitsAsync(key);
        Assert.Equal(654, after.Values[0]);
        Assert.Equal(2, _reads);
    }

    [Fact]
    public async Task Raw_sql_to_its_table_makes_it_stale_and_sql_that_cannot_be_placed_makes_every_entry_stale()
    {
        var units = Key();
        var dossiers = Key();
        var unit = await FirstUnitAsync();
        await UnitsAsync(units);
        var held = await DossiersAsync(dossiers);
        Assert.Equal(2, _reads);

        await _factory.WithDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE \"Units\" SET \"SortOrder\" = 321 WHERE \"Id\" = {unit}"));
        Assert.Equal(321, (await UnitsAsync(units)).Values[0]);
        Assert.Same(held, await DossiersAsync(dossiers));
        Assert.Equal(3, _reads);

        await _factory.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("PRAGMA optimize"));
        await UnitsAsync(units);
        Assert.NotSame(held, await DossiersAsync(dossiers));
        Assert.Equal(5, _reads);
    }

    [Fact]
    public async Task A_read_running_while_its_table_is_written_is_not_used_again_and_none_joins_it_after_any_write()
    {
        var key = Key();
        var unit = await FirstUnitAsync();
        var queried = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = Cache.GetAsync(key, async services =>
        {
            Interlocked.Increment(ref _reads);
            var db = services.GetRequiredService<ParIndexDbContext>();
            var values = await db.Units.AsNoTracking().OrderBy(u => u.Id).Select(u => u.SortOrder).ToListAsync();
            queried.SetResult();
            await release.Task;
            return new Snapshot(values);
        });
        await queried.Task;
        Assert.Equal(1, await SetSortOrderAsync(unit, 111)); // after the read's query, before it ends
        var joined = UnitsAsync(key); // a request after the write does not wait for the read begun before it
        release.SetResult();
        var stale = await running;
        Assert.NotEqual(111, stale.Values[0]);
        Assert.Equal(111, (await joined).Values[0]);
        Assert.Equal(111, (await UnitsAsync(key)).Values[0]);
        Assert.Equal(2, _reads);
    }

    [Fact]
    public async Task A_read_that_uses_another_shared_entry_depends_on_that_entry_s_tables()
    {
        var inner = Key();
        var outer = Key();
        var unit = await FirstUnitAsync();
        Task<Snapshot> OuterAsync() => Cache.GetAsync(outer, async _ => new Snapshot([.. (await UnitsAsync(inner)).Values]));

        var first = await OuterAsync();
        await _factory.WithDbAsync(db => db.Dossiers.Where(d => d.Id == -1).ExecuteDeleteAsync());
        Assert.Same(first, await OuterAsync());

        await SetSortOrderAsync(unit, 222);
        Assert.Equal(222, (await OuterAsync()).Values[0]);
        Assert.Equal(2, _reads);
    }

    [Fact]
    public async Task A_read_that_queried_no_table_depends_on_every_write()
    {
        var key = Key();
        var first = await Cache.GetAsync(key, _ => Task.FromResult(new Snapshot([])));
        Assert.Same(first, await Cache.GetAsync(key, _ => Task.FromResult(new Snapshot([]))));
        await _factory.WithDbAsync(db => db.Dossiers.Where(d => d.Id == -1).ExecuteDeleteAsync());
        Assert.NotSame(first, await Cache.GetAsync(key, _ => Task.FromResult(new Snapshot([]))));
    }

    [Theory]
    [InlineData("SELECT \"u\".\"Id\" FROM \"Units\" AS \"u\" WHERE \"u\".\"UpdatedAt\" > 0", "")]
    [InlineData("UPDATE \"Units\" AS \"u\" SET \"SortOrder\" = 1", "Units")]
    [InlineData("DELETE FROM \"Dossiers\" AS \"d\" WHERE \"d\".\"Id\" = -1", "DossierImportChange,Dossiers")] // and what cascades
    [InlineData("INSERT INTO \"Dossiers\" (\"Code\") VALUES (@p0) RETURNING \"Id\";\nINSERT INTO \"AuditEntries\" (\"A\") VALUES (@p1);", "AuditEntries,Dossiers")]
    [InlineData("INSERT INTO [Dossiers] ([Code]) OUTPUT INSERTED.[Id] VALUES (@p0);", "Dossiers")]
    [InlineData("UPDATE [Units] SET [SortOrder] = @p0 WHERE [Id] = @p1;", "Units")]
    [InlineData("INSERT INTO \"Units\" (\"Code\") VALUES ('x') ON CONFLICT DO UPDATE SET \"Code\" = 'y'", "Units")]
    [InlineData("PRAGMA optimize", "*")]
    [InlineData("UPDATE \"NotATable\" SET \"x\" = 1", "*")]
    public void The_tables_a_command_writes_are_read_from_its_text(string sql, string expected)
    {
        var model = _factory.Services.CreateScope().ServiceProvider.GetRequiredService<ParIndexDbContext>().Model;
        var written = TableNames.Of(model).Written(sql).Order(StringComparer.Ordinal);
        Assert.Equal(expected, string.Join(",", written));
    }

    [Fact]
    public async Task A_score_saved_through_the_form_shows_on_the_writer_s_next_year_page_while_a_plan_write_leaves_it_shared()
    {
        var id = await _factory.SubCriterionIdAsync(2023, "1.2.2");
        using var office = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Office);
        static string YearSelf(AngleSharp.Dom.IDocument page) => page.QuerySelector("[data-testid=total-self]")!.TextContent.Trim();
        var yearBefore = YearSelf(await office.GetDocumentAsync("/Assessments/2023"));
        var view = await _factory.Services.GetRequiredService<ParIndex.Web.Features.Assessments.AssessmentViewCache>().ReadAsync(2023);
        // A write to a table the year's picture does not read keeps it shared.
        await _factory.WithDbAsync(db => db.TaskProgress.Where(p => p.Id == -1).ExecuteDeleteAsync());
        Assert.Same(view, await _factory.Services.GetRequiredService<ParIndex.Web.Features.Assessments.AssessmentViewCache>().ReadAsync(2023));
        var before = (await _factory.ScoreAsync(2023, id))?.SelfScore; // none yet in the demo data
        var value = before == 0.25m ? "0,5" : "0,25";

        var saved = await office.SubmitAsync($"/Assessments/2023/Score/{id}", "#score-form",
            new() { ["Input.Score"] = value, ["Input.LostReason"] = "Thiếu tài liệu (trang năm)." });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.NotEqual(yearBefore, YearSelf(await office.GetDocumentAsync("/Assessments/2023")));
    }

    [Fact]
    public async Task A_changed_score_of_the_result_year_shows_on_the_next_dashboard()
    {
        using var leadership = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Leadership);
        static string Areas(AngleSharp.Dom.IDocument page) => page.QuerySelector("[data-testid=areas]")!.TextContent;
        var before = Areas(await leadership.GetDocumentAsync("/Dashboard"));
        Assert.Equal(before, Areas(await leadership.GetDocumentAsync("/Dashboard"))); // shared, in use
        var id = await _factory.SubCriterionIdAsync(2022, "3.5.1");
        Assert.Equal(1, await _factory.WithDbAsync(db => db.Scores.Where(s => s.SubCriterionId == id)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.SelfScore, 0m).SetProperty(x => x.Round1Score, 0m).SetProperty(x => x.Round2Score, 0m))));
        Assert.NotEqual(before, Areas(await leadership.GetDocumentAsync("/Dashboard")));
    }

    private async Task<List<string>> DashboardCommandsAsync(TestClient client)
    {
        _factory.Commands.Reset();
        _factory.Commands.Recording = true;
        try
        {
            await client.GetDocumentAsync("/Dashboard");
        }
        finally
        {
            _factory.Commands.Recording = false;
        }
        return [.. _factory.Commands.Log];
    }

    [Fact]
    public async Task After_a_task_write_the_dashboard_reads_the_tasks_again_but_not_the_scores()
    {
        using var leadership = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Leadership);
        await leadership.GetDocumentAsync("/Dashboard");
        Assert.Empty(await DashboardCommandsAsync(leadership));

        await _factory.WithDbAsync(db => db.PlanTasks.Where(t => t.Id == -1).ExecuteDeleteAsync());
        var afterTask = await DashboardCommandsAsync(leadership);
        Assert.Contains(afterTask, sql => sql.Contains("\"PlanTasks\"", StringComparison.Ordinal));
        Assert.DoesNotContain(afterTask, sql => sql.Contains("\"Scores\"", StringComparison.Ordinal));

        await _factory.WithDbAsync(db => db.Scores.Where(x => x.Id == -1).ExecuteDeleteAsync());
        Assert.Contains(await DashboardCommandsAsync(leadership), sql => sql.Contains("\"Scores\"", StringComparison.Ordinal));
    }
}
