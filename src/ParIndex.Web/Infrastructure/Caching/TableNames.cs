using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace ParIndex.Web.Infrastructure.Caching;

/// <summary>
/// Which tables a SQL command reads and which it writes, from its text and the context's model: what lets
/// <see cref="DataVersion"/> drop only the read models that read a table a write changed. Reading: every identifier of
/// the text that names a table of the model (a column of the same name only adds a dependency, never loses one).
/// Writing: the table after each INSERT/REPLACE INTO, UPDATE, DELETE FROM or MERGE, a delete adding the tables whose
/// foreign keys reach it (cascades); a statement that is no SELECT and names no such table (a PRAGMA, a BEGIN, raw SQL
/// of another shape, a target outside the model) writes <see cref="All"/>.
/// </summary>
public sealed class TableNames
{
    /// <summary>The name that stands for every table.</summary>
    public const string Everything = "*";

    /// <summary>Stands for every table: a write of it makes every entry stale, a read of it depends on every write.</summary>
    public static readonly IReadOnlyCollection<string> All = [Everything];

    /// <summary>Past this many distinct texts (raw SQL with values inlined), results are computed and not kept.</summary>
    private const int Remembered = 4096;

    private static readonly ConditionalWeakTable<IModel, TableNames> ByModel = new();

    private readonly Dictionary<string, string> _tables = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, HashSet<string>> _cascades = new(StringComparer.OrdinalIgnoreCase);
    // EF's commands are a small set of texts, parsed once each: the usual query costs a lookup, not a scan.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, IReadOnlyCollection<string>> _read = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, IReadOnlyCollection<string>> _written = new();

    private TableNames(IModel model)
    {
        foreach (var entity in model.GetEntityTypes())
            if (entity.GetTableName() is { } table) _tables.TryAdd(table, table);
        // A delete of a principal may delete or change its dependents' rows in the database (ON DELETE CASCADE / SET NULL).
        foreach (var entity in model.GetEntityTypes())
            foreach (var fk in entity.GetForeignKeys())
                if (entity.GetTableName() is { } dependent && fk.PrincipalEntityType.GetTableName() is { } principal)
                {
                    if (!_cascades.TryGetValue(principal, out var set)) _cascades[principal] = set = new(StringComparer.OrdinalIgnoreCase);
                    set.Add(dependent);
                }
    }

    public static TableNames Of(IModel model) => ByModel.GetValue(model, m => new TableNames(m));

    /// <summary>The model's tables named in <paramref name="sql"/>.</summary>
    public IReadOnlyCollection<string> Read(string sql) => Remember(_read, sql, ParseRead);

    /// <summary>The tables <paramref name="sql"/> may change; empty for a pure SELECT, <see cref="All"/> when unknown.</summary>
    public IReadOnlyCollection<string> Written(string sql) => Remember(_written, sql, ParseWritten);

    private static IReadOnlyCollection<string> Remember(System.Collections.Concurrent.ConcurrentDictionary<string, IReadOnlyCollection<string>> known,
        string sql, Func<string, IReadOnlyCollection<string>> parse)
    {
        if (known.TryGetValue(sql, out var tables)) return tables;
        tables = parse(sql);
        if (known.Count < Remembered) known.TryAdd(sql, tables);
        return tables;
    }

    private string[] ParseRead(string sql)
    {
        var found = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (word, _) in Words(sql))
            if (_tables.TryGetValue(word, out var table)) found.Add(table);
        return found.ToArray();
    }

    private IReadOnlyCollection<string> ParseWritten(string sql)
    {
        var written = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var select = sql.AsSpan().TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase);
        if (select && !WriteKeywords.Any(k => sql.Contains(k, StringComparison.OrdinalIgnoreCase))) return []; // the usual query
        var words = Words(sql).ToList();
        for (var i = 0; i < words.Count; i++)
        {
            var (word, quoted) = words[i];
            if (quoted) continue;
            var delete = word.Equals("DELETE", StringComparison.OrdinalIgnoreCase);
            if (!delete && !word.Equals("INSERT", StringComparison.OrdinalIgnoreCase) && !word.Equals("REPLACE", StringComparison.OrdinalIgnoreCase)
                && !word.Equals("UPDATE", StringComparison.OrdinalIgnoreCase) && !word.Equals("MERGE", StringComparison.OrdinalIgnoreCase))
                continue;
            var next = i + 1 < words.Count ? words[i + 1].Word : "";
            // replace() the function; INSERT ... ON CONFLICT DO UPDATE SET (the insert's own table).
            if (word.Equals("REPLACE", StringComparison.OrdinalIgnoreCase) && !next.Equals("INTO", StringComparison.OrdinalIgnoreCase)) continue;
            if (word.Equals("UPDATE", StringComparison.OrdinalIgnoreCase) && next.Equals("SET", StringComparison.OrdinalIgnoreCase)) continue;
            // The target: the first word after the keyword that is not OR <conflict>, INTO, FROM, TOP or a schema.
            var j = i + 1;
            while (j < words.Count && !words[j].Quoted && IsFiller(words[j].Word)) j += words[j].Word.Equals("OR", StringComparison.OrdinalIgnoreCase) ? 2 : 1;
            while (j + 1 < words.Count && words[j].Word.Equals("dbo", StringComparison.OrdinalIgnoreCase)) j++;
            if (j >= words.Count || !_tables.TryGetValue(words[j].Word, out var table)) return All;
            AddWithCascades(written, table, delete);
            i = j;
        }
        if (written.Count == 0 && !select) return All;
        return written.ToArray();
    }

    private void AddWithCascades(HashSet<string> written, string table, bool delete)
    {
        if (!written.Add(table) || !delete) return;
        if (_cascades.TryGetValue(table, out var dependents))
            foreach (var dependent in dependents) AddWithCascades(written, dependent, delete);
    }

    private static readonly string[] WriteKeywords = ["INSERT", "UPDATE", "DELETE", "MERGE", "REPLACE"];

    private static bool IsFiller(string word) => word.ToUpperInvariant() is "OR" or "INTO" or "FROM" or "TOP";

    /// <summary>The identifiers and keywords of <paramref name="sql"/>: bare words, and "quoted", [bracketed] or `ticked` names.</summary>
    private static IEnumerable<(string Word, bool Quoted)> Words(string sql)
    {
        var i = 0;
        while (i < sql.Length)
        {
            var c = sql[i];
            if (c is '"' or '[' or '`')
            {
                var close = c == '[' ? ']' : c;
                var end = sql.IndexOf(close, i + 1);
                if (end < 0) yield break;
                yield return (sql[(i + 1)..end], true);
                i = end + 1;
            }
            else if (c == '\'')
            {
                // A string literal: skipped whole ('' inside is two literals in a row, skipped alike).
                var end = sql.IndexOf('\'', i + 1);
                if (end < 0) yield break;
                i = end + 1;
            }
            else if (char.IsLetter(c) || c == '_')
            {
                var start = i;
                while (i < sql.Length && (char.IsLetterOrDigit(sql[i]) || sql[i] == '_')) i++;
                yield return (sql[start..i], false);
            }
            else i++;
        }
    }
}
