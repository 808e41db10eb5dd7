using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace ParIndex.Web.Infrastructure.Writes;

/// <summary>
/// Readiness ("ready" tag): unhealthy while writes are stuck, that is while a save has been waiting for the database or
/// writing for longer than the bound, or when one was refused for want of the database within the last bound.
/// Reads keep working in that state, so liveness alone would never notice it.
/// </summary>
public sealed class WritesHealthCheck(WriteMonitor monitor, IOptions<WriteOptions> options) : IHealthCheck
{
    public const string Name = "writes";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var bound = options.Value.Bound;
        var oldest = monitor.OldestInFlight;
        var data = new Dictionary<string, object>
        {
            ["inFlight"] = monitor.InFlight,
            ["oldestSeconds"] = Math.Round(oldest.TotalSeconds, 1),
            ["boundSeconds"] = bound.TotalSeconds,
        };
        if (oldest > bound)
            return Task.FromResult(HealthCheckResult.Unhealthy(
                $"A write has been waiting for the database or writing for {oldest.TotalSeconds:0.0} s (bound {bound.TotalSeconds:0.#} s).",
                data: data));
        if (monitor.SinceLastRefusal is { } since && since < bound)
            return Task.FromResult(HealthCheckResult.Unhealthy(
                $"A write was refused {since.TotalSeconds:0.0} s ago: it could not get the database within {bound.TotalSeconds:0.#} s.",
                data: data));
        return Task.FromResult(HealthCheckResult.Healthy("Writes are not stuck.", data));
    }
}
