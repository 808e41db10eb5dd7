using System.Collections.Concurrent;
using ParIndex.Web.Data;
using ParIndex.Web.Infrastructure;

namespace ParIndex.Web.Features.Assessments;

/// <summary>
/// Shares one computed <see cref="AssessmentView"/> per year between requests, for the pages and endpoints that only
/// read it (year page, area page, published comparison, API, scores workbook). An entry is used only while no write
/// has happened in this process since its read began (<see cref="DataVersion"/>), so a saved score shows on the very
/// next request; and for at most <c>ReadCache:Seconds</c> (5 by default; 0 turns the cache off), which bounds how long
/// a write made by another instance on the same database can go unseen. Concurrent requests for the same year wait for
/// one read instead of each running it. Only years that exist are kept, so the cache holds at most one entry per year.
/// </summary>
public sealed class AssessmentViewCache(IServiceScopeFactory scopes, DataVersion version, IConfiguration configuration, Clock clock)
{
    private readonly ConcurrentDictionary<int, Entry> _entries = new();

    private sealed record Entry(long Version, DateTime Until, Task<AssessmentView?> View);

    /// <summary>How many years are held (for tests: only years that exist are kept).</summary>
    internal int Count => _entries.Count;

    public async Task<AssessmentView?> ReadAsync(int year, CancellationToken ct = default)
    {
        var seconds = configuration.GetValue("ReadCache:Seconds", 5);
        if (seconds <= 0) return await ReadFreshAsync(year);

        var now = clock.UtcNow;
        var current = version.Current;
        if (_entries.TryGetValue(year, out var entry) && entry.Version == current && entry.Until > now
            && !entry.View.IsFaulted && !entry.View.IsCanceled)
            return await entry.View.WaitAsync(ct);

        // Read in a scope of its own, so that one request's cancellation or disposal cannot fail another's wait.
        var fresh = new Entry(current, now.AddSeconds(seconds), Task.Run(() => ReadFreshAsync(year), CancellationToken.None));
        _entries[year] = fresh;
        var view = await fresh.View.WaitAsync(ct);
        if (view is null) _entries.TryRemove(new KeyValuePair<int, Entry>(year, fresh));
        return view;
    }

    private async Task<AssessmentView?> ReadFreshAsync(int year)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AssessmentReader>().ReadAsync(year, CancellationToken.None);
    }
}
