using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ParIndex.Web.Data;

/// <summary>
/// A number that changes after every write this process makes to the database, so that a read model computed before
/// it can be recognised as possibly stale. Bumped by <see cref="DataVersionInterceptor"/> on every context.
/// </summary>
public sealed class DataVersion
{
    private long _current;

    public long Current => Interlocked.Read(ref _current);

    public void Bump() => Interlocked.Increment(ref _current);
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
