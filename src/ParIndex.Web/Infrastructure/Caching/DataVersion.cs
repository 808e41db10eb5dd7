using System.Collections.Concurrent;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ParIndex.Web.Infrastructure.Caching;

/// <summary>
/// Numbers every write this process makes to the database and remembers, table by table, the number of the last write
/// of it, so that a read model can be recognised as possibly stale when, and only when, a table it read was written
/// after its read began. Bumped by <see cref="DataVersionInterceptor"/> on every context; a write of unknown tables
/// (<see cref="TableNames.All"/>) counts as a write of every table. Also carries the recorder of the tables the shared
/// read running on the current flow queries (<see cref="Reading"/>), filled by the same interceptor.
/// </summary>
public sealed class DataVersion
{
    /// <summary>The number of the last write of one table (or, for <see cref="TableNames.Everything"/>, of unknown tables).</summary>
    public sealed class Table
    {
        internal long LastWrite;
    }

    private readonly ConcurrentDictionary<string, Table> _tables = new(StringComparer.OrdinalIgnoreCase);
    private readonly Table _everything = new();
    private readonly AsyncLocal<ReadTables?> _reading = new();
    private long _sequence;

    /// <summary>The number of the latest write (0 before any).</summary>
    public long Sequence => Interlocked.Read(ref _sequence);

    /// <summary>A write of unknown tables: every read model taken before it is stale.</summary>
    public void Bump() => Bump(TableNames.All);

    /// <summary>A write of <paramref name="tables"/> (<see cref="TableNames.Everything"/> among them: of every table).</summary>
    public void Bump(IReadOnlyCollection<string> tables)
    {
        if (tables.Count == 0) return;
        var number = Interlocked.Increment(ref _sequence);
        foreach (var table in tables) Raise(State(table), number);
    }

    /// <summary>
    /// The states of <paramref name="tables"/>, unknown tables included, for <see cref="WrittenSince"/>; null when they
    /// include <see cref="TableNames.Everything"/> (what depends on every write).
    /// </summary>
    public Table[]? StatesOf(IEnumerable<string> tables)
    {
        var states = new List<Table> { _everything };
        foreach (var table in tables)
        {
            if (table == TableNames.Everything) return null;
            states.Add(State(table));
        }
        return states.ToArray();
    }

    /// <summary>
    /// Whether one of <paramref name="tables"/> (null: any table) was written after the write numbered
    /// <paramref name="sequence"/>.
    /// </summary>
    public bool WrittenSince(Table[]? tables, long sequence)
    {
        if (tables is null) return Sequence > sequence;
        foreach (var table in tables)
            if (Interlocked.Read(ref table.LastWrite) > sequence) return true;
        return false;
    }

    /// <summary>The tables the shared read running on this flow has queried so far, or null outside one.</summary>
    public ReadTables? Reading => _reading.Value;

    /// <summary>Starts recording the tables queried on this flow (the flow of one shared read; it flows into what it awaits).</summary>
    public ReadTables BeginRead() => _reading.Value = new ReadTables();

    private Table State(string table) =>
        table == TableNames.Everything ? _everything : _tables.GetOrAdd(table, static _ => new Table());

    /// <summary>Two writes may store their numbers out of order: the larger stays.</summary>
    private static void Raise(Table table, long number)
    {
        var seen = Interlocked.Read(ref table.LastWrite);
        while (seen < number)
        {
            var was = Interlocked.CompareExchange(ref table.LastWrite, number, seen);
            if (was == seen) return;
            seen = was;
        }
    }
}

/// <summary>The tables one shared read has queried (thread-safe: a read may run queries in parallel).</summary>
public sealed class ReadTables
{
    private readonly ConcurrentDictionary<string, byte> _tables = new(StringComparer.OrdinalIgnoreCase);

    public void Add(IEnumerable<string> tables)
    {
        foreach (var table in tables) _tables.TryAdd(table, 0);
    }

    /// <summary>What was recorded; nothing (a read that queried no table we know) stands for every table.</summary>
    public IReadOnlyCollection<string> Tables => _tables.IsEmpty ? TableNames.All : _tables.Keys.ToArray();
}

/// <summary>
/// Tells <see cref="DataVersion"/> the tables each command may write (<see cref="TableNames.Written"/>) after it runs,
/// again when a writing command's reader is disposed (INSERT/UPDATE ... RETURNING outside a transaction commits when
/// its rows are read), and again at a transaction's commit with all the tables written in it: a write inside a
/// transaction becomes visible to other connections only at the commit, so a reader that started in between is
/// recognised as stale by the second bump. SaveChanges, ExecuteUpdate/Delete and raw SQL all pass through here.
/// Records the tables each query reads into the running shared read (<see cref="DataVersion.Reading"/>). A false
/// alarm (a PRAGMA, a column named like a table) only costs a cache miss.
/// </summary>
public sealed class DataVersionInterceptor(DataVersion version) : IDbCommandInterceptor, IDbTransactionInterceptor
{
    private readonly ConditionalWeakTable<DbTransaction, HashSet<string>> _pending = new();

    public int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        Executed(command, eventData);
        return result;
    }

    public ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result,
        CancellationToken cancellationToken = default)
    {
        Executed(command, eventData);
        return ValueTask.FromResult(result);
    }

    public DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
    {
        Executed(command, eventData);
        return result;
    }

    public ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result,
        CancellationToken cancellationToken = default)
    {
        Executed(command, eventData);
        return ValueTask.FromResult(result);
    }

    public object? ScalarExecuted(DbCommand command, CommandExecutedEventData eventData, object? result)
    {
        Executed(command, eventData);
        return result;
    }

    public ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result,
        CancellationToken cancellationToken = default)
    {
        Executed(command, eventData);
        return ValueTask.FromResult(result);
    }

    public InterceptionResult DataReaderDisposing(DbCommand command, DataReaderDisposingEventData eventData, InterceptionResult result)
    {
        var written = Written(command, eventData.Context);
        if (written.Count > 0) version.Bump(written);
        return result;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Committed(transaction);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        Committed(transaction);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Forget(transaction);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        Forget(transaction);
        return Task.CompletedTask;
    }

    /// <summary>Every statement EF generates for a query starts with SELECT; anything else is treated as a write.</summary>
    internal static bool MayWrite(string commandText) =>
        !commandText.AsSpan().TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase);

    private static IReadOnlyCollection<string> Written(DbCommand command, Microsoft.EntityFrameworkCore.DbContext? context) =>
        context?.Model is { } model
            ? TableNames.Of(model).Written(command.CommandText)
            : MayWrite(command.CommandText) ? TableNames.All : [];

    private void Executed(DbCommand command, CommandEventData eventData)
    {
        var written = Written(command, eventData.Context);
        if (written.Count == 0)
        {
            if (version.Reading is { } reading)
                reading.Add(eventData.Context?.Model is { } model ? TableNames.Of(model).Read(command.CommandText) : TableNames.All);
            return;
        }
        if (command.Transaction is { } transaction)
            lock (_pending) _pending.GetOrCreateValue(transaction).UnionWith(written);
        version.Bump(written);
    }

    private void Committed(DbTransaction transaction)
    {
        var written = Forget(transaction);
        if (written is not null) version.Bump(written);
    }

    private HashSet<string>? Forget(DbTransaction transaction)
    {
        lock (_pending)
        {
            if (!_pending.TryGetValue(transaction, out var written)) return null;
            _pending.Remove(transaction);
            return written;
        }
    }
}
