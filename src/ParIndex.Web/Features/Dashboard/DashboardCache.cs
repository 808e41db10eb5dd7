namespace ParIndex.Web.Features.Dashboard;

/// <summary>
/// Shares one computed dashboard, charts drawn, between the requests of a few seconds (<c>Dashboard:CacheSeconds</c>, 5 by default;
/// 0 turns it off). The view holds no per-user data, so every role may share it; concurrent requests wait for the
/// same computation instead of each running the queries. A figure edited now shows within those seconds.
/// </summary>
public sealed class DashboardCache(IServiceScopeFactory scopes, IConfiguration configuration)
{
    private readonly Lock _gate = new();
    private Entry? _entry;

    private sealed record Entry(DateOnly Today, DateTime Until, Task<DashboardSnapshot> View);

    public Task<DashboardSnapshot> GetAsync(DateOnly today, DateTime utcNow)
    {
        var seconds = configuration.GetValue("Dashboard:CacheSeconds", 5);
        if (seconds <= 0) return ReadAsync(today);
        lock (_gate)
        {
            if (_entry is { } e && e.Today == today && e.Until > utcNow && !e.View.IsFaulted && !e.View.IsCanceled) return e.View;
            // Started on the thread pool in a scope of its own, so no request's cancellation or scope ends it early.
            var view = Task.Run(() => ReadAsync(today));
            _entry = new Entry(today, utcNow.AddSeconds(seconds), view);
            return view;
        }
    }

    private async Task<DashboardSnapshot> ReadAsync(DateOnly today)
    {
        await using var scope = scopes.CreateAsyncScope();
        var view = await scope.ServiceProvider.GetRequiredService<DashboardReader>().ReadAsync(today);
        return new DashboardSnapshot(view, DashboardCharts.Build(view));
    }
}
