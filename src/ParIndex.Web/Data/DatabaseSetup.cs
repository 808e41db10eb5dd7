using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

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
        // Audit: every change to the audited entities is recorded, and audit rows can never be changed or deleted.
        services.AddSingleton<ParIndex.Web.Features.Audit.AuditInterceptor>();
        services.AddSingleton<ParIndex.Web.Features.Audit.AuditGuard>();
        // Read models cached in memory are invalidated by any write (DataVersion).
        services.AddSingleton<DataVersion>();
        services.AddSingleton<DataVersionInterceptor>();
        services.AddSingleton<SharedReads>();
        services.AddDbContext<SqliteParIndexDbContext>((sp, o) => o
            .UseSqlite(SqliteConnection(sp.GetRequiredService<IConfiguration>().GetConnectionString("ParIndex"), contentRoot))
            .AddInterceptors(sp.GetRequiredService<ParIndex.Web.Features.Audit.AuditInterceptor>(),
                sp.GetRequiredService<ParIndex.Web.Features.Audit.AuditGuard>(), sp.GetRequiredService<DataVersionInterceptor>()));
        services.AddDbContext<SqlServerParIndexDbContext>((sp, o) =>
        {
            var connection = sp.GetRequiredService<IConfiguration>().GetConnectionString("ParIndex");
            if (string.IsNullOrWhiteSpace(connection))
                throw new InvalidOperationException("ConnectionStrings:ParIndex is required when Database:Provider is SqlServer.");
            o.UseSqlServer(connection)
                .AddInterceptors(sp.GetRequiredService<ParIndex.Web.Features.Audit.AuditInterceptor>(),
                    sp.GetRequiredService<ParIndex.Web.Features.Audit.AuditGuard>(), sp.GetRequiredService<DataVersionInterceptor>());
        });
        services.AddScoped<ParIndexDbContext>(sp => ReadProvider(sp.GetRequiredService<IConfiguration>()) == DatabaseProvider.SqlServer
            ? sp.GetRequiredService<SqlServerParIndexDbContext>()
            : sp.GetRequiredService<SqliteParIndexDbContext>());
        return services;
    }

    /// <summary>Resolves a relative SQLite file against the content root and makes sure its folder exists.</summary>
    public static string SqliteConnection(string? connection, string contentRoot)
    {
        var builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(
            string.IsNullOrWhiteSpace(connection) ? DefaultSqliteConnection : connection);
        if (builder.DataSource != ":memory:" && !Path.IsPathRooted(builder.DataSource))
            builder.DataSource = Path.Combine(contentRoot, builder.DataSource);
        var folder = Path.GetDirectoryName(builder.DataSource);
        if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
        // Readers must not wait on a writer for long: WAL plus a busy timeout.
        builder.DefaultTimeout = 30;
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
