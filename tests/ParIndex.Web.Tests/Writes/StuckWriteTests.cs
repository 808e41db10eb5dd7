using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using ParIndex.Domain.Units;
using ParIndex.Web.Infrastructure.Writes;
using ParIndex.Web.Tests.Infrastructure;

namespace ParIndex.Web.Tests.Writes;

/// <summary>The application with a one-second write bound.</summary>
public sealed class ShortBoundFactory : WriteFactoryBase
{
    public ShortBoundFactory() => Settings["Database:WriteTimeoutSeconds"] = "1";
}

/// <summary>
/// A save that holds the database (here: held inside its interceptors by the test) past the bound: the next write is
/// refused with a clear Vietnamese message and an error in the log, and readiness is unhealthy until the hold ends.
/// </summary>
public class StuckWriteTests : IClassFixture<ShortBoundFactory>, IDisposable
{
    private readonly ShortBoundFactory _factory;

    public StuckWriteTests(ShortBoundFactory factory) => _factory = factory;

    public void Dispose() => _factory.Faults.Reset();

    private Task<HealthReport> ReadinessAsync() =>
        _factory.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(r => r.Tags.Contains("ready"));

    private async Task<(Task Holder, TaskCompletionSource Release)> HoldTheDatabaseAsync(string code)
    {
        var holding = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        _factory.Faults.When = db => db.ChangeTracker.Entries<Unit>().Any(e => e.State == EntityState.Added && e.Entity.Code == code);
        _factory.Faults.Saving = async (_, _) => { holding.TrySetResult(); await release.Task.WaitAsync(TimeSpan.FromSeconds(30), CancellationToken.None); };
        var holder = _factory.WithDbAsync(async db => { db.Units.Add(new Unit(code, "Giữ cơ sở dữ liệu")); await db.SaveChangesAsync(); });
        await holding.Task.WaitAsync(TimeSpan.FromSeconds(10));
        return (holder, release);
    }

    [Fact]
    public async Task A_write_that_cannot_get_the_database_within_the_bound_is_refused_with_a_message_and_an_error_in_the_log()
    {
        using var other = await UnrelatedWriter.ReadyAsync(_factory);
        var (holder, release) = await HoldTheDatabaseAsync("GIUA");
        try
        {
            var started = DateTime.UtcNow;
            var refused = await other.PostAsync("BUSY1").WaitAsync(TimeSpan.FromSeconds(10));
            var waited = DateTime.UtcNow - started;

            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.InRange(waited, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(8));
            var page = await TestClient.ParseAsync(refused);
            Assert.Equal(DatabaseBusyException.UserMessage, page.QuerySelector("[data-testid=status-text]")!.TextContent.Trim());
            Assert.False(await _factory.WithDbAsync(db => db.Units.AnyAsync(u => u.Code == "BUSY1")));
            await WriteFactory.UntilAsync(() => _factory.Log().Contains("was refused", StringComparison.Ordinal), "the refusal is logged");
            var refusals = _factory.Log().Split('\n').Where(l => l.Contains("was refused", StringComparison.Ordinal)).ToList();
            Assert.NotEmpty(refusals);
            Assert.All(refusals, l => Assert.Contains("[ERR]", l));
        }
        finally
        {
            release.TrySetResult();
        }
        await holder.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(await _factory.WithDbAsync(db => db.Units.AnyAsync(u => u.Code == "GIUA")));
        await other.SavesWithinASecondAsync();
    }

    [Fact]
    public async Task A_write_refused_because_another_connection_holds_SQLites_lock_past_the_bound_gets_the_same_message()
    {
        using var other = await UnrelatedWriter.ReadyAsync(_factory);
        // A writer outside the application (a sqlite3 session left inside BEGIN IMMEDIATE): the gate is free, the file is not.
        await using (var outside = new SqliteConnection($"Data Source={_factory.DatabasePath};Pooling=False"))
        {
            await outside.OpenAsync();
            await using (var begin = outside.CreateCommand())
            {
                begin.CommandText = "BEGIN IMMEDIATE;";
                await begin.ExecuteNonQueryAsync();
            }
            var refused = await other.PostAsync("BUSY2").WaitAsync(TimeSpan.FromSeconds(10));

            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Equal(DatabaseBusyException.UserMessage,
                (await TestClient.ParseAsync(refused)).QuerySelector("[data-testid=status-text]")!.TextContent.Trim());
            await using var rollback = outside.CreateCommand();
            rollback.CommandText = "ROLLBACK;";
            await rollback.ExecuteNonQueryAsync();
        }
        Assert.False(await _factory.WithDbAsync(db => db.Units.AnyAsync(u => u.Code == "BUSY2")));
        await other.SavesWithinASecondAsync();
    }

    [Fact]
    public async Task Readiness_is_unhealthy_while_a_write_is_stuck_and_healthy_again_once_writes_flow()
    {
        // Healthy once no write has been refused within the bound (another test of this class may just have made one).
        await WriteFactory.UntilAsync(() => ReadinessAsync().GetAwaiter().GetResult().Entries[WritesHealthCheck.Name].Status == HealthStatus.Healthy,
            "readiness is healthy before the hold");
        var (holder, release) = await HoldTheDatabaseAsync("GIUB");
        try
        {
            // Held for longer than the bound (1 s): stuck.
            HealthReport report = await ReadinessAsync();
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (report.Entries[WritesHealthCheck.Name].Status != HealthStatus.Unhealthy && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
                report = await ReadinessAsync();
            }
            Assert.Equal(HealthStatus.Unhealthy, report.Status);
            Assert.Contains("waiting for the database or writing", report.Entries[WritesHealthCheck.Name].Description);
        }
        finally
        {
            release.TrySetResult();
        }
        await holder.WaitAsync(TimeSpan.FromSeconds(10));
        await WriteFactory.UntilAsync(() => ReadinessAsync().GetAwaiter().GetResult().Entries[WritesHealthCheck.Name].Status == HealthStatus.Healthy,
            "readiness is healthy again");
    }
}
