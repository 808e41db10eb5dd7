using Microsoft.Data.Sqlite;

namespace ParIndex.Web.Infrastructure.Writes;

/// <summary>What a provider's saves must hold before they write, beyond the transaction itself.</summary>
public interface IWriteGate
{
    /// <summary>A lease on the database for one save, or null when it could not be had within <paramref name="bound"/>.</summary>
    ValueTask<IDisposable?> EnterAsync(TimeSpan bound, CancellationToken ct);

    IDisposable? Enter(TimeSpan bound, CancellationToken ct);

    /// <summary>True when <paramref name="error"/> means the database was held by another writer past its busy timeout.</summary>
    bool IsBusy(Exception error);
}

/// <summary>
/// SQLite only (DatabaseSetup gives it to the SQLite context alone): one save at a time per application, in arrival
/// order, waiting asynchronously. SQLite allows a single writer; without this gate the writers that find the database
/// busy poll for it (Microsoft.Data.Sqlite retries every 150 ms on a blocked thread) and under load an unlucky one loses
/// the race again and again, far past the average wait (the figures: docs/performance.md, docs/security.md "Load and faults"). Writers from outside the process (a backup, a second
/// instance, an explicit transaction of this one) are met by SQLite's own lock: the transaction begins IMMEDIATE and
/// waits up to the connection's busy timeout, which DatabaseSetup sets to the same bound.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "A singleton for the process's life: disposing it at shutdown would fault a save still releasing its lease.")]
public sealed class SqliteWriteGate : IWriteGate
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async ValueTask<IDisposable?> EnterAsync(TimeSpan bound, CancellationToken ct) =>
        await _gate.WaitAsync(bound, ct) ? new Lease(_gate) : null;

    public IDisposable? Enter(TimeSpan bound, CancellationToken ct) => _gate.Wait(bound, ct) ? new Lease(_gate) : null;

    public bool IsBusy(Exception error) =>
        error is SqliteException { SqliteErrorCode: SqliteBusy or SqliteLocked };

    private const int SqliteBusy = 5, SqliteLocked = 6;

    /// <summary>Releases the gate once, however many times it is disposed.</summary>
    private sealed class Lease(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) gate.Release();
        }
    }
}
