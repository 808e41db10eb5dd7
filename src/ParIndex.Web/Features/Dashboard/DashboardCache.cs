using ParIndex.Web.Infrastructure.Caching;

namespace ParIndex.Web.Features.Dashboard;

/// <summary>
/// One computed dashboard per day, charts drawn, shared between viewers through <see cref="ReadCache"/>: read again
/// after the next write in this process to a table it read (a figure saved now shows on the next request), at most
/// every <c>ReadCache:Seconds</c>. Its part read from the assessments is a shared entry of its own, which a task's
/// change (tables the part does not read) leaves: then only the plan's tasks and the dossiers are read again.
/// The view holds no per-user data, so every role may share it.
/// </summary>
public sealed class DashboardCache(ReadCache cache)
{
    internal static string Key(DateOnly today) => $"dashboard:{today:yyyy-MM-dd}";

    /// <summary>The part read from the assessments, shared apart: a task's change leaves it, so only the task figures are read again.</summary>
    internal static string ResultsKey(DateOnly today) => $"dashboard-results:{today:yyyy-MM-dd}";

    public Task<DashboardSnapshot> GetAsync(DateOnly today, CancellationToken ct = default) =>
        cache.GetAsync(Key(today), async services =>
        {
            var results = await cache.GetAsync(ResultsKey(today),
                parts => parts.GetRequiredService<DashboardReader>().ReadResultsAsync(today, CancellationToken.None));
            var view = await services.GetRequiredService<DashboardReader>().ReadAsync(today, results, CancellationToken.None);
            return new DashboardSnapshot(view, DashboardCharts.Build(view));
        }, ct);
}
