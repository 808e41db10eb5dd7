using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using ParIndex.Web.Data;

namespace ParIndex.Web.Infrastructure;

/// <summary>
/// <c>/healthz</c>: liveness, the process answers; no check runs, nothing is read. <c>/readyz</c>: readiness, every
/// check tagged <see cref="Ready"/> (the database answers a real query; a feature adds its own with
/// <c>services.AddHealthChecks().AddCheck&lt;T&gt;("name", tags: [Health.Ready])</c>). 200 Healthy or Degraded,
/// 503 Unhealthy; never cached; a failing check is logged by the health-check service.
/// </summary>
public static class Health
{
    public const string Ready = "ready";

    public static IServiceCollection AddParIndexHealth(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddDbContextCheck<ParIndexDbContext>("database", tags: [Ready],
                // A query on a table, not just an open connection: a missing or unmigrated database is not ready.
                customTestQuery: async (db, ct) =>
                {
                    await db.Units.AsNoTracking().AnyAsync(ct);
                    return true;
                });
        return services;
    }

    /// <summary>
    /// Terminal middleware at the very start of the pipeline: a probe never goes through forwarded headers, HTTPS
    /// enforcement, logging, sessions, authentication or antiforgery, and answers over plain HTTP on loopback.
    /// </summary>
    public static IApplicationBuilder UseParIndexHealth(this IApplicationBuilder app)
    {
        app.UseHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
        app.UseHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains(Ready) });
        return app;
    }
}
