using System.Collections.Concurrent;
using ParIndex.Web.Infrastructure;

namespace ParIndex.Web.Data;

/// <summary>
/// Shares computed read models between requests. An entry is used only while no write has happened in this process
/// since its read began (<see cref="DataVersion"/>), so a saved change shows on the very next request; and for at most
/// <c>ReadCache:Seconds</c> (5 by default; 0 turns sharing off), which bounds how long a write made by another instance
/// on the same database can go unseen. Concurrent requests for the same key wait for one read instead of each running
/// it. A read that finds nothing (null) is not kept, and the number of entries is bounded, so no request can make the
/// cache grow without limit.
/// </summary>
public sealed class SharedReads(DataVersion version, IConfiguration configuration, Clock clock)
{
    public const int MaxEntries = 256;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    private sealed record Entry(long Version, DateTime Until, Task<object?> Value);

    /// <summary>How many entries are held.</summary>
    public int Count => _entries.Count;

    /// <param name="read">Runs on the thread pool, outside the request: it must create its own scope and ignore the
    /// request's cancellation, because other requests may be waiting for the same result.</param>
    public async Task<T?> GetAsync<T>(string key, Func<Task<T?>> read, CancellationToken ct = default) where T : class
    {
        var seconds = configuration.GetValue("ReadCache:Seconds", 5);
        if (seconds <= 0) return await read();

        var now = clock.UtcNow;
        var current = version.Current;
        if (_entries.TryGetValue(key, out var entry) && entry.Version == current && entry.Until > now
            && !entry.Value.IsFaulted && !entry.Value.IsCanceled)
            return (T?)await entry.Value.WaitAsync(ct);

        if (_entries.Count >= MaxEntries) _entries.Clear();
        var fresh = new Entry(current, now.AddSeconds(seconds), Task.Run(async () => (object?)await read(), CancellationToken.None));
        _entries[key] = fresh;
        var value = (T?)await fresh.Value.WaitAsync(ct);
        if (value is null) _entries.TryRemove(new KeyValuePair<string, Entry>(key, fresh));
        return value;
    }
}
