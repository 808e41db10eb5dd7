using ParIndex.Web.Data;

namespace ParIndex.Web.Features.Api;

/// <summary>
/// Shares one computed list of years (<c>GET /api/v1/years</c>) between the requests of a few seconds
/// (<c>Api:YearsCacheSeconds</c>, 5 by default; 0 turns it off), like the dashboard's cache: the list reads every
/// year's sub-criteria and scores, holds no per-user data, and concurrent requests wait for the same computation
/// instead of each running it. A score edited now shows in the list within those seconds
/// (<c>/api/v1/assessments/{year}</c> is read afresh every time). Expiry uses the monotonic tick count, not the
/// application clock, which tests may hold still.
/// </summary>
public sealed class YearsCache(IServiceScopeFactory scopes, IConfiguration configuration)
{
    private readonly Lock _gate = new();
    private Entry? _entry;

    private sealed record Entry(long UntilTicks, Task<IReadOnlyList<YearDto>> Years);

    public Task<IReadOnlyList<YearDto>> GetAsync()
    {
        var seconds = configuration.GetValue("Api:YearsCacheSeconds", 5);
        if (seconds <= 0) return ReadAsync();
        var now = Environment.TickCount64;
        lock (_gate)
        {
            if (_entry is { } e && e.UntilTicks > now && !e.Years.IsFaulted && !e.Years.IsCanceled) return e.Years;
            // Started on the thread pool in a scope of its own, so no request's cancellation or scope ends it early.
            var years = Task.Run(ReadAsync);
            _entry = new Entry(now + seconds * 1000L, years);
            return years;
        }
    }

    private async Task<IReadOnlyList<YearDto>> ReadAsync()
    {
        await using var scope = scopes.CreateAsyncScope();
        return await ApiEndpoints.ReadYearsAsync(scope.ServiceProvider.GetRequiredService<ParIndexDbContext>(), CancellationToken.None);
    }
}
