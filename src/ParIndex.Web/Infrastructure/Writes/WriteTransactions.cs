using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;

namespace ParIndex.Web.Infrastructure.Writes;

/// <summary>
/// Owns every SaveChanges of <c>ParIndexDbContext</c> (the context calls it from its SaveChanges override): registers
/// the save with <see cref="WriteMonitor"/>, enters the provider's <see cref="IWriteGate"/> if it has one (SQLite), opens
/// the transaction the save and its audit rows share, saves, commits, and, whatever happened in between (a conflict,
/// a constraint, an exception from an interceptor, a cancelled request), rolls back what was not committed and releases
/// the gate in <c>finally</c> blocks it owns. Nothing here relies on EF Core's failure callbacks, which it does not call
/// on every path (it handles <see cref="DbUpdateConcurrencyException"/> without SaveChangesFailed).
/// A save that cannot get the database within <see cref="WriteOptions.Bound"/> is refused: an error in the log, and
/// <see cref="DatabaseBusyException"/> for the user. A save inside a transaction the caller opened joins it as it is.
/// Attached to a context as a (no-op) interceptor, so each provider's context carries its own.
/// </summary>
public sealed class WriteTransactions(WriteMonitor monitor, IOptions<WriteOptions> options, ILogger<WriteTransactions> log,
    IWriteGate? gate = null) : IInterceptor
{
    /// <summary>The instance a context was configured with, or null (design-time and hand-built contexts).</summary>
    public static WriteTransactions? Of(DbContextOptions options) =>
        options.FindExtension<CoreOptionsExtension>()?.Interceptors?.OfType<WriteTransactions>().FirstOrDefault();

    public IWriteGate? Gate => gate;

    public async Task<int> SaveAsync(DbContext context, Func<CancellationToken, Task<int>> save, CancellationToken ct)
    {
        if (context.Database.CurrentTransaction is not null || !context.ChangeTracker.HasChanges()) return await save(ct);
        using var inFlight = monitor.Start();
        var bound = options.Value.Bound;
        IDisposable? lease = null;
        IDbContextTransaction? transaction = null;
        try
        {
            if (gate is not null) lease = await gate.EnterAsync(bound, ct) ?? throw Refused(context, inFlight, null);
            try
            {
                transaction = await context.Database.BeginTransactionAsync(ct);
            }
            catch (Exception e) when (gate?.IsBusy(e) == true)
            {
                throw Refused(context, inFlight, e);
            }
            var saved = await save(ct);
            // The rows are written: the commit is what makes the save and its audit rows whole, so a request cancelled
            // now does not stop it (the user sees the result on the next page).
            await transaction.CommitAsync(CancellationToken.None);
            return saved;
        }
        finally
        {
            try
            {
                // Rolls back whatever was not committed, and gives the connection back.
                if (transaction is not null) await transaction.DisposeAsync();
            }
            finally
            {
                lease?.Dispose();
            }
        }
    }

    public int Save(DbContext context, Func<int> save)
    {
        if (context.Database.CurrentTransaction is not null || !context.ChangeTracker.HasChanges()) return save();
        using var inFlight = monitor.Start();
        var bound = options.Value.Bound;
        IDisposable? lease = null;
        IDbContextTransaction? transaction = null;
        try
        {
            if (gate is not null) lease = gate.Enter(bound, CancellationToken.None) ?? throw Refused(context, inFlight, null);
            try
            {
                transaction = context.Database.BeginTransaction();
            }
            catch (Exception e) when (gate?.IsBusy(e) == true)
            {
                throw Refused(context, inFlight, e);
            }
            var saved = save();
            transaction.Commit();
            return saved;
        }
        finally
        {
            try
            {
                transaction?.Dispose();
            }
            finally
            {
                lease?.Dispose();
            }
        }
    }

    private DatabaseBusyException Refused(DbContext context, WriteMonitor.Ticket inFlight, Exception? busy)
    {
        monitor.Refused();
        var entities = string.Join(", ", context.ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .Select(e => e.Metadata.ClrType.Name).Distinct());
        log.LogError(busy, "A save of {Entities} waited {Waited:0.0} s for the database and was refused (bound {Bound} s, " +
            "{InFlight} saves in flight, the oldest for {Oldest:0.0} s); nothing was written",
            entities, inFlight.Elapsed.TotalSeconds, options.Value.Bound.TotalSeconds, monitor.InFlight, monitor.OldestInFlight.TotalSeconds);
        return new DatabaseBusyException(
            $"The database could not be had for writing within {options.Value.Bound.TotalSeconds:0.#} s.", busy);
    }
}
