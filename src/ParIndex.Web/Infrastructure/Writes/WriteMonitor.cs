using System.Collections.Concurrent;

namespace ParIndex.Web.Infrastructure.Writes;

/// <summary>
/// The saves in flight in this process (waiting for the database or writing) and when one was last refused, for the
/// readiness check. Every save of <c>ParIndexDbContext</c> is registered by <see cref="WriteTransactions"/> and removed
/// when it ends, however it ends.
/// </summary>
public sealed class WriteMonitor(TimeProvider time)
{
    private readonly TimeProvider _time = time;
    private readonly ConcurrentDictionary<Ticket, long> _inFlight = new();
    private long _lastRefusal = long.MinValue;

    public Ticket Start()
    {
        var ticket = new Ticket(this);
        _inFlight[ticket] = _time.GetTimestamp();
        return ticket;
    }

    public int InFlight => _inFlight.Count;

    /// <summary>How long the oldest save in flight has been waiting or running; zero when none is.</summary>
    public TimeSpan OldestInFlight
    {
        get
        {
            var now = _time.GetTimestamp();
            var oldest = TimeSpan.Zero;
            foreach (var started in _inFlight.Values)
            {
                var age = _time.GetElapsedTime(started, now);
                if (age > oldest) oldest = age;
            }
            return oldest;
        }
    }

    /// <summary>How long ago a save was last refused for want of the database; null when none ever was.</summary>
    public TimeSpan? SinceLastRefusal
    {
        get
        {
            var at = Interlocked.Read(ref _lastRefusal);
            return at == long.MinValue ? null : _time.GetElapsedTime(at);
        }
    }

    internal void Refused() => Interlocked.Exchange(ref _lastRefusal, _time.GetTimestamp());

    /// <summary>One save in flight; disposing it (once is enough, twice is harmless) ends it.</summary>
    public sealed class Ticket(WriteMonitor monitor) : IDisposable
    {
        public TimeSpan Elapsed => monitor._inFlight.TryGetValue(this, out var started) ? monitor._time.GetElapsedTime(started) : TimeSpan.Zero;

        public void Dispose() => monitor._inFlight.TryRemove(this, out _);
    }
}
