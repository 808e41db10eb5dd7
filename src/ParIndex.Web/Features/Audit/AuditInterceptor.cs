using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;
using ParIndex.Domain.Assessments;
using ParIndex.Domain.Audit;
using ParIndex.Domain.Frameworks;
using ParIndex.Domain.Operations;
using ParIndex.Domain.Plans;
using ParIndex.Domain.Projection;
using ParIndex.Domain.Units;
using ParIndex.Web.Identity;
using ParIndex.Web.Infrastructure;

namespace ParIndex.Web.Features.Audit;

/// <summary>
/// Writes an <see cref="AuditEntry"/> for every change to the audited entities, in the same transaction as the
/// change itself, and refuses any update or delete of an audit entry.
/// Field values are captured before the save (when the old values are still known); keys are read after the
/// save (when generated ids are known); the entries are then saved in the same transaction, which the
/// interceptor opens itself when the caller has none, so a change and its audit rows commit or fail together.
/// </summary>
public sealed class AuditInterceptor(IHttpContextAccessor http, Clock clock) : SaveChangesInterceptor
{
    public const string SystemUser = "Hệ thống";

    /// <summary>Properties that change on every save or hold secrets: not worth, or not safe, recording.</summary>
    private static readonly HashSet<string> Ignored = new(StringComparer.Ordinal)
    {
        "Version", "UpdatedAt", "UpdatedBy", "ConcurrencyStamp", "SecurityStamp", "NormalizedEmail", "NormalizedUserName",
        "AccessFailedCount", "LockoutEnd",
    };

    /// <summary>Recorded as changed, never with their values.</summary>
    private static readonly HashSet<string> Secret = new(StringComparer.Ordinal) { "PasswordHash" };

    private static readonly ConditionalWeakTable<DbContext, SaveState> States = new();

    /// <summary>
    /// One write at a time per SQLite database, in arrival order. SQLite allows a single writer; without this gate the
    /// writers that find the database busy poll for it (Microsoft.Data.Sqlite retries every 150 ms, blocking a thread),
    /// and under load an unlucky writer loses the race again and again: the load test saw saves wait over 10 s while
    /// the average was under 1 s. Waiting here is asynchronous and first come, first served.
    /// </summary>
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> SqliteWriteGates = new(StringComparer.Ordinal);

    private sealed class SaveState
    {
        public List<Pending> Pending { get; } = [];
        public IDbContextTransaction? OwnTransaction { get; set; }
        public bool WritingAudit { get; set; }
        public SemaphoreSlim? HeldGate { get; set; }
    }

    private sealed record Change(string? Field, string? Old, string? New);

    private sealed record Pending(EntityEntry Entry, string Action, IReadOnlyList<Change> Changes, DateTime AtUtc, string? UserId,
        string UserName);

    /// <summary>The entity types whose changes are recorded, and the record (type, id, field prefix) each change belongs to.</summary>
    private static (string Type, string Id, string Prefix)? Target(EntityEntry e) => e.Entity switch
    {
        SubCriterionScore s => ("SubCriterionScore", Key(s.Id), ""),
        Evidence ev => ("SubCriterionScore", Key(ev.SubCriterionScoreId), $"Evidence[{Key(ev.Id)}]."),
        PublishedResult p => ("PublishedResult", Key(p.Id), ""),
        PublishedAreaResult a => ("PublishedResult", Key(e.Property("PublishedResultId").CurrentValue), $"Area[{a.AreaCode}]."),
        Assessment a => ("Assessment", Key(a.Id), ""),
        AssessmentPhase ph => ("Assessment", Key(ph.AssessmentId), $"Phase[{ph.Kind}]."),
        PhaseChange pc => ("Assessment", Key(e.Property("AssessmentId").CurrentValue), $"PhaseChange[{pc.Kind}]."),
        ImprovementPlan p => ("ImprovementPlan", Key(p.Id), ""),
        PlanTask t => ("PlanTask", Key(t.Id), ""),
        TaskProgress tp => ("PlanTask", Key(tp.PlanTaskId), $"Progress[{Key(tp.Id)}]."),
        PlanTaskDueDate d => ("PlanTask", Key(d.PlanTaskId), $"DueDate[{Key(d.Id)}]."),
        PlanTaskTarget tt => ("PlanTask", Key(tt.PlanTaskId), "Target."),
        PlanTaskCoordinator c => ("PlanTask", Key(c.PlanTaskId), "Coordinator."),
        Unit u => ("Unit", Key(u.Id), ""),
        PeriodicReport r => ("PeriodicReport", Key(r.Id), ""),
        // One entry per import (file, rows, who); the imported dossiers themselves are data, not decisions.
        DossierImport i => ("DossierImport", Key(i.Id), ""),
        FactSourceLink f => ("SubCriterion", Key(f.SubCriterionId), "FactSource."),
        Framework f => ("Framework", Key(f.Id), ""),
        // A year's framework is created whole (seeded or copied): its creation is the Framework entry; what is recorded
        // field by field afterwards is each edit, which changes how that year is scored.
        Area a when e.State != EntityState.Added => ("Area", Key(a.Id), ""),
        Criterion c when e.State != EntityState.Added => ("Criterion", Key(c.Id), ""),
        SubCriterion s when e.State != EntityState.Added => ("SubCriterion", Key(s.Id), ""),
        ApplicationUser u => ("ApplicationUser", u.Id, ""),
        IdentityUserRole<string> r => ("ApplicationUser", r.UserId, ""),
        _ => null,
    };

    private static string Key(object? value) => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } context) Capture(context, sync: true).GetAwaiter().GetResult();
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context) await Capture(context, sync: false, cancellationToken);
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context is { } context) Write(context, sync: true).GetAwaiter().GetResult();
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result,
        CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context) await Write(context, sync: false, cancellationToken);
        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        if (eventData.Context is { } context) Abandon(context, sync: true).GetAwaiter().GetResult();
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default) =>
        eventData.Context is { } context ? Abandon(context, sync: false) : Task.CompletedTask;

    public override void SaveChangesCanceled(DbContextEventData eventData)
    {
        if (eventData.Context is { } context) Abandon(context, sync: true).GetAwaiter().GetResult();
    }

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default) =>
        eventData.Context is { } context ? Abandon(context, sync: false) : Task.CompletedTask;

    private async Task Capture(DbContext context, bool sync, CancellationToken ct = default)
    {
        var state = States.GetOrCreateValue(context);
        if (state.WritingAudit) return;
        GuardAuditEntries(context);

        var (userId, userName) = WhoIsActing();
        var now = clock.UtcNow;
        state.Pending.Clear();
        foreach (var entry in context.ChangeTracker.Entries().ToList())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            if (Target(entry) is null) continue;
            var changes = entry.Entity is IdentityUserRole<string> role
                ? [new Change("Role", entry.State == EntityState.Deleted ? await RoleName(context, role.RoleId, sync, ct) : null,
                    entry.State == EntityState.Added ? await RoleName(context, role.RoleId, sync, ct) : null)]
                : Diff(entry);
            if (changes.Count == 0) continue;
            var action = entry.State switch { EntityState.Added => "Created", EntityState.Deleted => "Deleted", _ => "Updated" };
            state.Pending.Add(new Pending(entry, action, changes, now, userId, userName));
        }
        if (state.Pending.Count > 0 && context.Database.CurrentTransaction is null)
        {
            if (context.Database.IsSqlite())
            {
                var gate = SqliteWriteGates.GetOrAdd(context.Database.GetConnectionString() ?? "", _ => new SemaphoreSlim(1, 1));
                if (sync) gate.Wait(ct); else await gate.WaitAsync(ct);
                state.HeldGate = gate;
            }
            try
            {
                state.OwnTransaction = sync ? context.Database.BeginTransaction() : await context.Database.BeginTransactionAsync(ct);
            }
            catch
            {
                ReleaseGate(state);
                throw;
            }
        }
    }

    /// <summary>Audit entries are append-only: any tracked update or delete of one fails the whole save.</summary>
    public static void GuardAuditEntries(DbContext context)
    {
        foreach (var entry in context.ChangeTracker.Entries<AuditEntry>())
            if (entry.State is EntityState.Modified or EntityState.Deleted)
                throw new InvalidOperationException("Audit entries are append-only: they cannot be changed or deleted.");
    }

    private static List<Change> Diff(EntityEntry entry)
    {
        var changes = new List<Change>();
        foreach (var property in entry.Properties)
        {
            var name = property.Metadata.Name;
            if (Ignored.Contains(name) || property.Metadata.IsShadowProperty() && entry.State == EntityState.Modified) continue;
            switch (entry.State)
            {
                case EntityState.Modified when property.IsModified && !Equals(property.OriginalValue, property.CurrentValue):
                    changes.Add(Secret.Contains(name)
                        ? new Change(name, "***", "***")
                        : new Change(name, Format(property.OriginalValue), Format(property.CurrentValue)));
                    break;
                case EntityState.Added when !property.Metadata.IsPrimaryKey() && property.CurrentValue is not null:
                    changes.Add(new Change(name, null, Secret.Contains(name) ? "***" : Format(property.CurrentValue)));
                    break;
                case EntityState.Deleted when !property.Metadata.IsPrimaryKey() && property.OriginalValue is not null:
                    changes.Add(new Change(name, Secret.Contains(name) ? "***" : Format(property.OriginalValue), null));
                    break;
            }
        }
        if (entry.State == EntityState.Modified) return changes;
        // A creation or deletion is one entry holding every value, so a new record does not flood the history.
        var summary = string.Join("; ", changes.Select(c => $"{c.Field}={c.New ?? c.Old}"));
        return entry.State == EntityState.Added ? [new Change(null, null, summary)] : [new Change(null, summary, null)];
    }

    private static async Task<string?> RoleName(DbContext context, string roleId, bool sync, CancellationToken ct)
    {
        var set = context.Set<IdentityRole>();
        var role = sync ? set.Find(roleId) : await set.FindAsync([roleId], ct);
        return role?.Name ?? roleId;
    }

    private async Task Write(DbContext context, bool sync, CancellationToken ct = default)
    {
        if (!States.TryGetValue(context, out var state) || state.WritingAudit || state.Pending.Count == 0) return;
        var entries = new List<AuditEntry>();
        foreach (var pending in state.Pending)
        {
            var (type, id, prefix) = Target(pending.Entry)!.Value;
            foreach (var change in pending.Changes)
                entries.Add(new AuditEntry(pending.AtUtc, pending.UserId, pending.UserName, type, id, pending.Action,
                    change.Field is null ? (prefix.Length > 0 ? prefix.TrimEnd('.') : null) : prefix + change.Field,
                    change.Old, change.New));
        }
        state.Pending.Clear();
        state.WritingAudit = true;
        try
        {
            context.Set<AuditEntry>().AddRange(entries);
            if (sync) context.SaveChanges(); else await context.SaveChangesAsync(ct);
            // Audit rows are never read back through this context; detach them so a later save cannot touch them.
            foreach (var e in entries) context.Entry(e).State = EntityState.Detached;
        }
        catch
        {
            if (state.OwnTransaction is { } failed) await Finish(state, failed, commit: false, sync);
            throw;
        }
        finally
        {
            state.WritingAudit = false;
        }
        if (state.OwnTransaction is { } own) await Finish(state, own, commit: true, sync);
    }

    private static async Task Abandon(DbContext context, bool sync)
    {
        if (!States.TryGetValue(context, out var state) || state.WritingAudit) return;
        state.Pending.Clear();
        if (state.OwnTransaction is { } own) await Finish(state, own, commit: false, sync);
    }

    private static async Task Finish(SaveState state, IDbContextTransaction transaction, bool commit, bool sync)
    {
        state.OwnTransaction = null;
        try
        {
            if (commit)
            {
                if (sync) transaction.Commit(); else await transaction.CommitAsync();
            }
            else
            {
                if (sync) transaction.Rollback(); else await transaction.RollbackAsync();
            }
        }
        finally
        {
            try
            {
                if (sync) transaction.Dispose(); else await transaction.DisposeAsync();
            }
            finally
            {
                ReleaseGate(state);
            }
        }
    }

    private static void ReleaseGate(SaveState state)
    {
        if (state.HeldGate is not { } gate) return;
        state.HeldGate = null;
        gate.Release();
    }

    private (string? Id, string Name) WhoIsActing()
    {
        var user = http.HttpContext?.User;
        if (user?.Identity?.IsAuthenticated != true) return (null, SystemUser);
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier);
        var name = user.FindFirstValue(CurrentUser.FullNameClaim) ?? user.Identity.Name ?? id ?? SystemUser;
        return (id, name);
    }

    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");

    /// <summary>Values as a Vietnamese reader expects them: decimal commas, dd/MM/yyyy dates, UTC times marked.</summary>
    public static string? Format(object? value) => value switch
    {
        null => null,
        string s => s,
        decimal d => d.ToString("0.###", Vi),
        double d => d.ToString("0.###", Vi),
        DateOnly d => d.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
        DateTime d => d.ToString("dd/MM/yyyy HH:mm:ss", CultureInfo.InvariantCulture) + " UTC",
        DateTimeOffset d => d.UtcDateTime.ToString("dd/MM/yyyy HH:mm:ss", CultureInfo.InvariantCulture) + " UTC",
        bool b => b ? "Có" : "Không",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
