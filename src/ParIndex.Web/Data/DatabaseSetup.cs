using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.Extensions.Options;
using ParIndex.Web.Features.Audit;
using ParIndex.Web.Infrastructure.Caching;
using ParIndex.Web.Infrastructure.Writes;

namespace ParIndex.Web.Data;

public enum DatabaseProvider { Sqlite, SqlServer }

/// <summary>
/// <c>Database:Provider</c> (<c>Sqlite</c> unless set, or <c>SqlServer</c>) and <c>ConnectionStrings:ParIndex</c>
/// (required for SQL Server; App_Data/parindex.db for SQLite unless set).
/// </summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public string? Provider { get; set; }
    public string? ConnectionString { get; set; }

    public DatabaseProvider Kind => Enum.TryParse<DatabaseProvider>(Provider, ignoreCase: true, out var kind) ? kind : DatabaseProvider.Sqlite;
}

public static class DatabaseSetup
{
    public const string DefaultSqliteConnection = "Data Source=App_Data/parindex.db";

    /// <summary>Contexts kept for reuse per provider (more requests at once get contexts of their own, not pooled).</summary>
    public const int PoolSize = 256;

    /// <summary>
    /// Registers <see cref="ParIndexDbContext"/> backed by the provider-specific context and its migrations.
    /// Configuration is read when the context is first built, not at registration, so that settings
    /// layered on later (environment, test hosts) are honoured.
    /// </summary>
    public static IServiceCollection AddParIndexDatabase(this IServiceCollection services, string contentRoot)
    {
        // Read models shared between requests are dropped by any write (DataVersion).
        services.AddReadCache();
        // Every save: its transaction, the SQLite write gate (SQLite's context only), the bound, the readiness check.
        services.AddParIndexWrites();
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section)
            .Configure<IConfiguration>((o, configuration) => o.ConnectionString = configuration.GetConnectionString("ParIndex"))
            .Validate(o => string.IsNullOrWhiteSpace(o.Provider) || Enum.TryParse<DatabaseProvider>(o.Provider, ignoreCase: true, out _),
                "Database:Provider must be Sqlite or SqlServer.")
            .Validate(o => o.Kind != DatabaseProvider.SqlServer || !string.IsNullOrWhiteSpace(o.ConnectionString),
                "ConnectionStrings:ParIndex is required when Database:Provider is SqlServer.")
            .ValidateOnStart();
        // Pooled contexts with options built once (at the first context, from the root provider: every interceptor is a
        // singleton). A context per request used to rebuild its options (connection string parsed, folder created), look
        // up EF's internal services and search the assembly for a compiled model by reflection: a fifth of a small
        // page's time (docs/performance.md, issue 17). A pooled context is reset between requests (tracked entities,
        // transaction, connection), and keeps no state of its own besides the options it was built with.
        services.AddDbContextPool<SqliteParIndexDbContext>((sp, o) => o
            .UseSqlite(SqliteConnection(sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.ConnectionString, contentRoot,
                sp.GetRequiredService<IOptions<WriteOptions>>().Value.Bound))
            .AddInterceptors(sp.GetRequiredKeyedService<WriteTransactions>(DatabaseProvider.Sqlite),
                sp.GetRequiredService<AuditInterceptor>(), sp.GetRequiredService<AuditGuard>(), sp.GetRequiredService<DataVersionInterceptor>()),
            PoolSize);
        services.AddDbContextPool<SqlServerParIndexDbContext>((sp, o) =>
        {
            o.UseSqlServer(sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.ConnectionString)
                .AddInterceptors(sp.GetRequiredKeyedService<WriteTransactions>(DatabaseProvider.SqlServer),
                    sp.GetRequiredService<AuditInterceptor>(), sp.GetRequiredService<AuditGuard>(), sp.GetRequiredService<DataVersionInterceptor>());
        }, PoolSize);
        services.AddScoped<ParIndexDbContext>(sp => sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.Kind == DatabaseProvider.SqlServer
            ? sp.GetRequiredService<SqlServerParIndexDbContext>()
            : sp.GetRequiredService<SqliteParIndexDbContext>());
        return services;
    }

    /// <summary>Resolves a relative SQLite file against the content root and makes sure its folder exists.</summary>
    public static string SqliteConnection(string? connection, string contentRoot, TimeSpan? busyTimeout = null)
    {
        var builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(
            string.IsNullOrWhiteSpace(connection) ? DefaultSqliteConnection : connection);
        if (builder.DataSource != ":memory:" && !Path.IsPathRooted(builder.DataSource))
            builder.DataSource = Path.Combine(contentRoot, builder.DataSource);
        var folder = Path.GetDirectoryName(builder.DataSource);
        if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
        // Readers do not wait on a writer (WAL). A writer waits for another connection's write lock at most this long
        // (Microsoft.Data.Sqlite's busy timeout), the same bound as the write gate (Database:WriteTimeoutSeconds).
        builder.DefaultTimeout = Math.Max(1, (int)Math.Ceiling((busyTimeout ?? TimeSpan.FromSeconds(30)).TotalSeconds));
        return builder.ToString();
    }
}

/// <summary>Lets <c>dotnet ef</c> build each provider's context without a server or the web host.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteParIndexDbContext>
{
    public SqliteParIndexDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteParIndexDbContext>().UseSqlite("Data Source=design.db").Options);
}

public sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerParIndexDbContext>
{
    public SqlServerParIndexDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerParIndexDbContext>()
            .UseSqlServer("Server=localhost;Database=ParIndex;Trusted_Connection=True;TrustServerCertificate=True").Options);
}
