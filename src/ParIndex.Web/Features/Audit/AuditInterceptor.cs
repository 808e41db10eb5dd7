using System.Runtime.CompilerServices;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using ParIndex.Domain.Audit;
using ParIndex.Web.Identity;
using ParIndex.Web.Infrastructure;

namespace ParIndex.Web.Features.Audit;

/// <summary>
/// Records changes: an <see cref="AuditEntry"/> for every change to the audited entities (<see cref="AuditedEntities"/>),
/// and refuses any update or delete of an audit entry. Field values are captured before the save (when the old values
/// are still known); keys are read after it (when generated ids are known) and the entries saved then, in the save's
/// transaction, so a change and its audit rows commit or fail together. The transaction is not this class's business:
/// <see cref="Infrastructure.Writes.WriteTransactions"/> opens it around every save of <c>ParIndexDbContext</c> and
/// always ends it; an audited change saved without one is refused rather than recorded apart from its change.
/// </summary>
public sealed class AuditInterceptor(IHttpContextAccessor http, Clock clock) : SaveChangesInterceptor
{
    public const string SystemUser = "Hệ thống";

    private static readonly ConditionalWeakTable<DbContext, SaveState> States = new();

    private sealed class SaveState
    {
        public List<Pending> Pending { get; } = [];
        public bool WritingAudit { get; set; }
    }

    private sealed record Change(string? Field, string? Old, string? New);

    private sealed record Pending(EntityEntry Entry, string Action, IReadOnlyList<Change> Changes, DateTime AtUtc, string? UserId,
        string UserName);

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

    // A failed or cancelled save forgets what it captured. Nothing else depends on these being called (EF Core does
    // not call them for every way a save can fail): the next save captures afresh.
    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Forget(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    public override void SaveChangesCanceled(DbContextEventData eventData) => Forget(eventData.Context);

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

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
            if (AuditedEntities.Target(entry) is null) continue;
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
            state.Pending.Clear();
            throw new InvalidOperationException(
                "Audited changes are saved only inside a transaction, so that a change and its audit rows commit together. " +
                "ParIndexDbContext opens one for every save (WriteTransactions); this context was built without it.");
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
            if (AuditedEntities.IsIgnored(name) || property.Metadata.IsShadowProperty() && entry.State == EntityState.Modified) continue;
            var secret = AuditedEntities.IsSecret(name);
            switch (entry.State)
            {
                case EntityState.Modified when property.IsModified && !Equals(property.OriginalValue, property.CurrentValue):
                    changes.Add(secret
                        ? new Change(name, "***", "***")
                        : new Change(name, AuditValues.Format(property.OriginalValue), AuditValues.Format(property.CurrentValue)));
                    break;
                case EntityState.Added when !property.Metadata.IsPrimaryKey() && property.CurrentValue is not null:
                    changes.Add(new Change(name, null, secret ? "***" : AuditValues.Format(property.CurrentValue)));
                    break;
                case EntityState.Deleted when !property.Metadata.IsPrimaryKey() && property.OriginalValue is not null:
                    changes.Add(new Change(name, secret ? "***" : AuditValues.Format(property.OriginalValue), null));
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

    private static async Task Write(DbContext context, bool sync, CancellationToken ct = default)
    {
        if (!States.TryGetValue(context, out var state) || state.WritingAudit || state.Pending.Count == 0) return;
        var entries = new List<AuditEntry>();
        foreach (var pending in state.Pending)
        {
            var (type, id, prefix) = AuditedEntities.Target(pending.Entry)!.Value;
            foreach (var change in pending.Changes)
                entries.Add(new AuditEntry(pending.AtUtc, pending.UserId, pending.UserName, type, id, pending.Action,
                    change.Field is null ? (prefix.Length > 0 ? prefix.TrimEnd('.') : null) : prefix + change.Field,
                    change.Old, change.New));
        }
        state.Pending.Clear();
        state.WritingAudit = true;
        try
        {
            // Inside the save's transaction (checked at capture): the audit rows commit with the change or not at all.
            context.Set<AuditEntry>().AddRange(entries);
            if (sync) context.SaveChanges(); else await context.SaveChangesAsync(ct);
            // Audit rows are never read back through this context; detach them so a later save cannot touch them.
            foreach (var e in entries) context.Entry(e).State = EntityState.Detached;
        }
        catch
        {
            // The save is rolled back by its owner; these rows must not ride along with a later save of this context.
            foreach (var e in entries) context.Entry(e).State = EntityState.Detached;
            throw;
        }
        finally
        {
            state.WritingAudit = false;
        }
    }

    private static void Forget(DbContext? context)
    {
        if (context is not null && States.TryGetValue(context, out var state) && !state.WritingAudit) state.Pending.Clear();
    }

    private (string? Id, string Name) WhoIsActing()
    {
        var user = http.HttpContext?.User;
        if (user?.Identity?.IsAuthenticated != true) return (null, SystemUser);
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier);
        var name = user.FindFirstValue(CurrentUser.FullNameClaim) ?? user.Identity.Name ?? id ?? SystemUser;
        return (id, name);
    }
}
