using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.Extensions.Options;
using ParIndex.Web.Features.Audit;
using ParIndex.Web.Infrastructure.Writes;

namespace ParIndex.Web.Data;

public enum DatabaseProvider { Sqlite, SqlServer }

public static class DatabaseSetup
{
    public const string DefaultSqliteConnection = "Data Source=App_Data/parindex.db";

    public static DatabaseProvider ReadProvider(IConfiguration configuration)
    {
        var value = configuration["Database:Provider"];
        if (string.IsNullOrWhiteSpace(value)) return DatabaseProvider.Sqlite;
        return Enum.TryParse<DatabaseProvider>(value, ignoreCase: true, out var provider)
            ? provider
            : throw new InvalidOperationException($"Database:Provider must be Sqlite or SqlServer, not '{value}'.");
    }

    /// <summary>
    /// Registers <see cref="ParIndexDbContext"/> backed by the provider-specific context and its migrations.
    /// Configuration is read when the context is first built, not at registration, so that settings
    /// layered on later (environment, test hosts) are honoured.
    /// </summary>
    public static IServiceCollection AddParIndexDatabase(this IServiceCollection services, string contentRoot)
    {
        // Read models cached in memory are invalidated by any write (DataVersion).
        services.AddSingleton<DataVersion>();
        services.AddSingleton<DataVersionInterceptor>();
        services.AddSingleton<SharedReads>();
        // Every save: its transaction, the SQLite write gate (SQLite's context only), the bound, the readiness check.
        services.AddParIndexWrites();
        services.AddDbContext<SqliteParIndexDbContext>((sp, o) => o
            .UseSqlite(SqliteConnection(sp.GetRequiredService<IConfiguration>().GetConnectionString("ParIndex"), contentRoot,
                sp.GetRequiredService<IOptions<WriteOptions>>().Value.Bound))
            .AddInterceptors(sp.GetRequiredKeyedService<WriteTransactions>(DatabaseProvider.Sqlite),
                sp.GetRequiredService<AuditInterceptor>(), sp.GetRequiredService<AuditGuard>(), sp.GetRequiredService<DataVersionInterceptor>()));
        services.AddDbContext<SqlServerParIndexDbContext>((sp, o) =>
        {
            var connection = sp.GetRequiredService<IConfiguration>().GetConnectionString("ParIndex");
            if (string.IsNullOrWhiteSpace(connection))
                throw new InvalidOperationException("ConnectionStrings:ParIndex is required when Database:Provider is SqlServer.");
            o.UseSqlServer(connection)
                .AddInterceptors(sp.GetRequiredKeyedService<WriteTransactions>(DatabaseProvider.SqlServer),
                    sp.GetRequiredService<AuditInterceptor>(), sp.GetRequiredService<AuditGuard>(), sp.GetRequiredService<DataVersionInterceptor>());
        });
        services.AddScoped<ParIndexDbContext>(sp => ReadProvider(sp.GetRequiredService<IConfiguration>()) == DatabaseProvider.SqlServer
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
