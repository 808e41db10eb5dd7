using System.Data.Common;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ParIndex.Web.Features.Audit;

/// <summary>
/// The second line of defence behind <see cref="AuditInterceptor.GuardAuditEntries"/>: refuses any SQL command the
/// application sends that would update or delete audit rows, whether from a bulk <c>ExecuteUpdate</c>/<c>ExecuteDelete</c>
/// or from raw SQL through the context.
/// </summary>
public sealed partial class AuditGuard : DbCommandInterceptor
{
    [GeneratedRegex(@"\b(UPDATE|DELETE\s+FROM)\s+(\w+\.)?[""\[`]?AuditEntries\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Tampering();

    private static void Check(DbCommand command)
    {
        if (Tampering().IsMatch(command.CommandText))
            throw new InvalidOperationException("Audit entries are append-only: they cannot be changed or deleted.");
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    { Check(command); return result; }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    { Check(command); return ValueTask.FromResult(result); }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    { Check(command); return result; }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    { Check(command); return ValueTask.FromResult(result); }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    { Check(command); return result; }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result, CancellationToken cancellationToken = default)
    { Check(command); return ValueTask.FromResult(result); }
}
