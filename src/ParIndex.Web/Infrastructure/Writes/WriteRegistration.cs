using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using ParIndex.Web.Data;

namespace ParIndex.Web.Infrastructure.Writes;

public static class WriteRegistration
{
    /// <summary>
    /// The pieces every save goes through (<see cref="WriteTransactions"/>, one per provider; the SQLite one alone with
    /// <see cref="SqliteWriteGate"/>), the readiness check "writes" (tag "ready") and the 503 for a refused save.
    /// </summary>
    public static IServiceCollection AddParIndexWrites(this IServiceCollection services)
    {
        services.AddOptions<WriteOptions>().BindConfiguration(WriteOptions.Section)
            .Validate(o => o.WriteTimeoutSeconds is > 0 and <= 3600, "Database:WriteTimeoutSeconds must be between 0 and 3600 seconds.")
            .ValidateOnStart();
        services.AddSingleton<WriteMonitor>();
        services.AddKeyedSingleton(DatabaseProvider.Sqlite, (sp, _) => Create(sp, new SqliteWriteGate()));
        services.AddKeyedSingleton(DatabaseProvider.SqlServer, (sp, _) => Create(sp, gate: null));
        services.AddHealthChecks().AddCheck<WritesHealthCheck>(WritesHealthCheck.Name, tags: ["ready"]);
        services.Configure<MvcOptions>(o => o.Filters.Add<DatabaseBusyFilter>());
        return services;
    }

    private static WriteTransactions Create(IServiceProvider sp, IWriteGate? gate) =>
        new(sp.GetRequiredService<WriteMonitor>(), sp.GetRequiredService<IOptions<WriteOptions>>(),
            sp.GetRequiredService<ILogger<WriteTransactions>>(), gate);
}
