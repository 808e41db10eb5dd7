using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace ParIndex.Web.Infrastructure.Caching;

/// <summary>
/// The one cache of read models shared between requests (a year's assessment, the dashboard, the plan pages, the
/// API's plan pages and years list, the reminders), on the platform's <see cref="MemoryCache"/>:
/// <list type="bullet">
/// <item>an entry depends on the tables its read queried (recorded by <see cref="DataVersionInterceptor"/>, plus those
/// of the shared entries it used; a read that queried none we know depends on every table): it is used only while no
/// write this process made (SaveChanges, ExecuteUpdate, raw SQL) to one of them came after its read began, so the
/// writer's next read is fresh, a read that was running when one of its tables was written is never used, and a write
/// to other tables leaves it. While its read runs its tables are not known yet: after any write, new requests do not
/// join it (they read again);</item>
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

    /// <summary>A value and what it depends on: the write number before its read began and, once read, its tables.</summary>
    private sealed class Entry(DateTime until, long start)
    {
        public DateTime Until { get; } = until;
        public long Start { get; } = start;
        public Task<object?> Value { get; set; } = null!;

        /// <summary>The tables its read queried, set when the read succeeded (before its task completes); null while it runs.</summary>
        public volatile IReadOnlyCollection<string>? Names;

        /// <summary>Their write numbers; null while the read runs, or when it depends on every table.</summary>
        public volatile DataVersion.Table[]? Tables;
    }

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
                    // The number before the read starts: a write from now on to a table it reads makes it stale, even one made mid-read.
                    var created = entry = new Entry(_clock.UtcNow + _lifetime, _version.Sequence);
                    created.Value = Task.Run(async () =>
                    {
                        var reading = _version.BeginRead();
                        var value = (object?)await ReadInScopeAsync(read);
                        var tables = reading.Tables;
                        created.Names = tables;
                        created.Tables = _version.StatesOf(tables);
                        return value;
                    }, CancellationToken.None);
                    _memory.Set(key, entry, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = _lifetime });
                    _ = ForgetEmptyAsync(key, entry);
                }
            }
        }
        var result = (T)(await entry.Value.WaitAsync(ct))!; // null only when T allows it: the read returned a T
        // A shared read that uses this entry depends on what this entry read.
        _version.Reading?.Add(entry.Names ?? TableNames.All);
        return result;
    }

    /// <summary>Drops one entry: its next request reads again.</summary>
    public void Remove(string key) => _memory.Remove(key);

    /// <summary>
    /// A held entry still good to share: none of its tables (no table at all while its read runs) written since its
    /// read began, not past its lifetime, not failed, not a read that found nothing.
    /// </summary>
    private Entry? Find(string key) =>
        _memory.TryGetValue(key, out Entry? entry) && !_version.WrittenSince(entry!.Tables, entry.Start)
        && entry.Until > _clock.UtcNow && !entry.Value.IsFaulted && !entry.Value.IsCanceled
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
