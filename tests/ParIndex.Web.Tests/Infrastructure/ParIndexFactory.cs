using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ParIndex.Web.Data;
using ParIndex.Web.Infrastructure;

namespace ParIndex.Web.Tests.Infrastructure;

/// <summary>
/// The real application over HTTP on a real SQLite file of its own, with the demo data loaded.
/// The demo database is built once per test run and copied for each factory, so tests stay fast
/// while every factory owns its data.
/// </summary>
public class ParIndexFactory : WebApplicationFactory<Program>
{
    static ParIndexFactory()
    {
        // Each test host would watch its appsettings files for changes: one inotify instance per host, and Linux
        // allows a user 128 of them (fs.inotify.max_user_instances). With several test runs on one machine the hosts
        // then failed to start ("The entry point exited without ever building an IHost", sign-in answering 500).
        // No test changes a settings file while its host runs, so no host needs to watch one.
        System.Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
        // The same limit is reached by the file providers' change tokens (static files' version hashes, Razor views)
        // once many hosts run in parallel ("The configured user limit (128) on the number of inotify instances"):
        // PhysicalFileProvider polls instead when this variable is set.
        System.Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");
    }

    private static readonly SemaphoreSlim TemplateLock = new(1, 1);
    private static string? _template;

    public ParIndexFactory()
    {
        Folder = Path.Combine(Path.GetTempPath(), "parindex-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        DatabasePath = Path.Combine(Folder, "parindex.db");
    }

    public string Folder { get; }
    public string DatabasePath { get; }
    public TestClock Clock { get; } = new();
    public CommandCounter Commands { get; } = new();
    public string ConnectionString => $"Data Source={DatabasePath}" + (Pooling ? "" : ";Pooling=False");
    /// <summary>Off for tests that pull the database away under the running application.</summary>
    public bool Pooling { get; init; } = true;
    /// <summary>Set before the first request to start from an empty database (no demo data).</summary>
    public bool WithDemoData { get; init; } = true;
    public string Environment { get; init; } = "Development";
    /// <summary>Keeps the host's own clock (the demo clock where Demo:WorkingDate is set) instead of <see cref="Clock"/>.</summary>
    public bool HostClock { get; init; }

    protected virtual void ConfigureSettings(IDictionary<string, string?> settings) { }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        if (WithDemoData) CopyTemplate();
        builder.UseEnvironment(Environment);
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:ParIndex"] = ConnectionString,
            ["Database:Provider"] = "Sqlite",
            ["Demo:Enabled"] = WithDemoData ? "true" : "false",
            ["Storage:Folder"] = Path.Combine(Folder, "files"),
            ["Logging:Folder"] = Path.Combine(Folder, "logs"),
        };
        ConfigureSettings(settings);
        builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(settings));
        builder.ConfigureServices(services =>
        {
            if (!HostClock)
            {
                services.RemoveAll<Clock>();
                services.AddSingleton<Clock>(Clock);
            }
            services.AddSingleton(Commands);
            services.ConfigureDbContext<SqliteParIndexDbContext>(o => o.AddInterceptors(Commands));
        });
    }

    private void CopyTemplate()
    {
        TemplateLock.Wait();
        try
        {
            _template ??= BuildTemplate();
        }
        finally
        {
            TemplateLock.Release();
        }
        File.Copy(_template, DatabasePath, overwrite: true);
    }

    /// <summary>Runs the real start-up once (migrations, demo data, demo accounts) on a file, then checkpoints it.</summary>
    private static string BuildTemplate()
    {
        var folder = Path.Combine(Path.GetTempPath(), "parindex-tests", "template-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "template.db");
        using (var seeding = new SeedingFactory($"Data Source={path}", folder))
        {
            using var client = seeding.CreateClient();
            client.GetAsync("/healthz").GetAwaiter().GetResult().EnsureSuccessStatusCode();
        }
        SqliteConnection.ClearAllPools();
        using (var connection = new SqliteConnection($"Data Source={path}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode=DELETE;";
            command.ExecuteNonQuery();
        }
        SqliteConnection.ClearAllPools();
        return path;
    }

    /// <summary>A scope on the application's services, for reading the database directly in assertions.</summary>
    public async Task<T> WithDbAsync<T>(Func<ParIndexDbContext, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ParIndexDbContext>();
        return await action(db);
    }

    public Task WithDbAsync(Func<ParIndexDbContext, Task> action) =>
        WithDbAsync(async db => { await action(db); return 0; });

    public TestClient CreateTestClient() =>
        new(CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }), this);

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private sealed class SeedingFactory(string connection, string folder) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:ParIndex"] = connection,
                ["Demo:Enabled"] = "true",
                // Seeded on the real day, not at the demo's working date: tests fix their own clock.
                ["Demo:WorkingDate"] = "",
                ["Storage:Folder"] = Path.Combine(folder, "files"),
                ["Logging:Folder"] = Path.Combine(folder, "logs"),
            }));
        }
    }
}

/// <summary>A clock the test sets: real time unless fixed.</summary>
public sealed class TestClock() : Clock(TimeProvider.System)
{
    private DateTime? _fixed;

    public override DateTime UtcNow => _fixed ?? DateTime.UtcNow;

    /// <summary>Fixes the clock at 10:00 in Vietnam on the given day.</summary>
    public void SetToday(DateOnly day) => _fixed = day.ToDateTime(new TimeOnly(3, 0), DateTimeKind.Utc);

    /// <summary>Fixes the clock at an instant (UTC): for the hours when Vietnam's day is not UTC's.</summary>
    public void SetUtcNow(DateTime utc) => _fixed = DateTime.SpecifyKind(utc, DateTimeKind.Utc);

    public void Reset() => _fixed = null;
}

/// <summary>Counts the SQL commands the application sends, per request or per block of a test.</summary>
public sealed class CommandCounter : DbCommandInterceptor
{
    private int _count;
    public ConcurrentQueue<string> Log { get; } = new();
    public bool Recording { get; set; }

    public int Count => _count;

    public void Reset()
    {
        Interlocked.Exchange(ref _count, 0);
        Log.Clear();
    }

    private void Record(DbCommand command)
    {
        if (!Recording) return;
        Interlocked.Increment(ref _count);
        Log.Enqueue(command.CommandText);
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    { Record(command); return result; }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    { Record(command); return ValueTask.FromResult(result); }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    { Record(command); return result; }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result, CancellationToken cancellationToken = default)
    { Record(command); return ValueTask.FromResult(result); }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    { Record(command); return result; }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    { Record(command); return ValueTask.FromResult(result); }
}
