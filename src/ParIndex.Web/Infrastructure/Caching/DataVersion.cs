using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Primitives;

namespace ParIndex.Web.Infrastructure.Caching;

/// <summary>
/// Signals every write this process makes to the database, so that a read model computed before it can be recognised
/// as possibly stale. Bumped by <see cref="DataVersionInterceptor"/> on every context; each bump
/// fires the change token handed out before it, which is how <see cref="ReadCache"/> drops its entries.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "A singleton for the process's life; a replaced source is left undisposed on purpose (see Bump).")]
public sealed class DataVersion
{
    private CancellationTokenSource _changed = new();

    /// <summary>Fires at the next write.</summary>
    public IChangeToken Token => new CancellationChangeToken(Volatile.Read(ref _changed).Token);

    public void Bump()
    {
        // Not disposed: a cache entry may still register on its token; a source without a timer holds nothing to free.
        Interlocked.Exchange(ref _changed, new CancellationTokenSource()).Cancel();
    }
}

/// <summary>
/// Bumps <see cref="DataVersion"/> after any command that may write (anything but a SELECT) and after every commit:
/// a write inside a transaction becomes visible to other connections only at the commit, so a reader that started in
/// between is invalidated by the second bump. SaveChanges, ExecuteUpdate/Delete and raw SQL all pass through here.
/// A false alarm (a PRAGMA, a read-only transaction) only costs a cache miss.
/// </summary>
public sealed class DataVersionInterceptor(DataVersion version) : IDbCommandInterceptor, IDbTransactionInterceptor
{
    public int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        version.Bump();
        return result;
    }

    public ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result,
        CancellationToken cancellationToken = default)
    {
        version.Bump();
        return ValueTask.FromResult(result);
    }

    public DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
    {
        if (MayWrite(command.CommandText)) version.Bump();
        return result;
    }

    public ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result,
        CancellationToken cancellationToken = default)
    {
        if (MayWrite(command.CommandText)) version.Bump();
        return ValueTask.FromResult(result);
    }

    public object? ScalarExecuted(DbCommand command, CommandExecutedEventData eventData, object? result)
    {
        if (MayWrite(command.CommandText)) version.Bump();
        return result;
    }

    public ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result,
        CancellationToken cancellationToken = default)
    {
        if (MayWrite(command.CommandText)) version.Bump();
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => version.Bump();

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        version.Bump();
        return Task.CompletedTask;
    }

    /// <summary>Every statement EF generates for a query starts with SELECT; anything else is treated as a write.</summary>
    internal static bool MayWrite(string commandText) =>
        !commandText.AsSpan().TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase);
}
