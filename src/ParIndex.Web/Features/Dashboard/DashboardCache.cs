using ParIndex.Web.Infrastructure.Caching;

namespace ParIndex.Web.Features.Dashboard;

/// <summary>
/// One computed dashboard per day, charts drawn, shared between viewers through <see cref="ReadCache"/>: dropped by
/// the next write in this process (a figure saved now shows on the next request), at most <c>ReadCache:Seconds</c>.
/// The view holds no per-user data, so every role may share it.
/// </summary>
public sealed class DashboardCache(ReadCache cache)
{
    internal static string Key(DateOnly today) => $"dashboard:{today:yyyy-MM-dd}";

    public Task<DashboardSnapshot> GetAsync(DateOnly today, CancellationToken ct = default) =>
        cache.GetAsync(Key(today), async services =>
        {
            var view = await services.GetRequiredService<DashboardReader>().ReadAsync(today, CancellationToken.None);
            return new DashboardSnapshot(view, DashboardCharts.Build(view));
        }, ct);
}
