using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace ParIndex.Web.Infrastructure.Caching;

/// <summary>
/// The one cache of read models shared between requests (a year's assessment, the dashboard, the plan pages, the
/// API's plan pages and years list, the reminders), on the platform's <see cref="MemoryCache"/>:
/// <list type="bullet">
/// <item>every entry carries the change token of <see cref="DataVersion"/> taken when its read began, so any write this
/// process makes (SaveChanges, ExecuteUpdate, raw SQL) drops it and the writer's next read is fresh; a read that was
/// running when the write happened is never kept;</item>
/// <item>an entry lives at most <see cref="ReadCacheOptions.Seconds"/> (the bound on another instance's writes);</item>
/// <item>memory is bounded: each entry has size 1 and the cache a <see cref="ReadCacheOptions.SizeLimit"/>, past which
/// the platform drops the least recently used entries;</item>
/// <item>concurrent requests for one key wait for one computation: the entry holds the running task.</item>
/// </list>
/// A read that finds nothing (null) or fails is not kept.
/// </summary>
public sealed class ReadCache : IDisposable
{
    private readonly MemoryCache _memory;
    private readonly Lock _gate = new();
    private readonly DataVersion _version;
    private readonly IServiceScopeFactory _scopes;
    private readonly Clock _clock;
    private readonly TimeSpan _lifetime;

    private sealed record Entry(DateTime Until, Task<object?> Value);

    public ReadCache(DataVersion version, IServiceScopeFactory scopes, Clock clock, IOptions<ReadCacheOptions> options)
    {
        _version = version;
        _scopes = scopes;
        _clock = clock;
        _lifetime = TimeSpan.FromSeconds(options.Value.Seconds);
        // Past the limit a quarter of the entries, least recently used first, make room (the default 5 % of a small limit is none).
        _memory = new MemoryCache(new MemoryCacheOptions { SizeLimit = options.Value.SizeLimit, CompactionPercentage = 0.25 });
    }

    /// <summary>How many entries are held (for tests).</summary>
    public int Count => _memory.Count;

    public bool Enabled => _lifetime > TimeSpan.Zero;

    /// <summary>
    /// The shared value of <paramref name="key"/>, read by <paramref name="read"/> when none is held.
    /// </summary>
    /// <param name="read">Runs on the thread pool in a service scope of its own (the one it is given), with no
    /// cancellation: other requests may be waiting for the same result. The caller's <paramref name="ct"/> only stops
    /// its own wait.</param>
    public async Task<T> GetAsync<T>(string key, Func<IServiceProvider, Task<T>> read, CancellationToken ct = default) where T : class?
    {
        if (!Enabled) return await ReadInScopeAsync(read);

        var entry = Find(key);
        if (entry is null)
        {
            lock (_gate)
            {
                entry = Find(key);
                if (entry is null)
                {
                    // The token before the read starts: a write from now on drops the entry, even one made mid-read.
                    var token = _version.Token;
                    entry = new Entry(_clock.UtcNow + _lifetime, Task.Run(async () => (object?)await ReadInScopeAsync(read), CancellationToken.None));
                    var options = new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = _lifetime };
                    options.AddExpirationToken(token);
                    _memory.Set(key, entry, options);
                    _ = ForgetEmptyAsync(key, entry);
                }
            }
        }
        return (T)(await entry.Value.WaitAsync(ct))!; // null only when T allows it: the read returned a T
    }

    /// <summary>Drops one entry: its next request reads again.</summary>
    public void Remove(string key) => _memory.Remove(key);

    /// <summary>A held entry still good to share: not past its lifetime, not failed, not a read that found nothing.</summary>
    private Entry? Find(string key) =>
        _memory.TryGetValue(key, out Entry? entry) && entry!.Until > _clock.UtcNow && !entry.Value.IsFaulted && !entry.Value.IsCanceled
        && !(entry.Value.IsCompletedSuccessfully && entry.Value.Result is null)
            ? entry
            : null;

    private async Task<T> ReadInScopeAsync<T>(Func<IServiceProvider, Task<T>> read) where T : class?
    {
        await using var scope = _scopes.CreateAsyncScope();
        return await read(scope.ServiceProvider);
    }

    /// <summary>Nothing found, or the read failed: the entry goes, so the next request reads again.</summary>
    private async Task ForgetEmptyAsync(string key, Entry entry)
    {
        object? value;
        try
        {
            value = await entry.Value;
        }
        catch
        {
            value = null; // the requests waiting for it see the exception themselves
        }
        if (value is not null) return;
        lock (_gate)
        {
            if (_memory.TryGetValue(key, out Entry? held) && ReferenceEquals(held, entry)) _memory.Remove(key);
        }
    }

    public void Dispose() => _memory.Dispose();
}
