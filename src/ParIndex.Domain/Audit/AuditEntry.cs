namespace ParIndex.Domain.Audit;

/// <summary>
/// One change to one field, append-only: who, when (UTC), what, old value → new value. Nothing in the
/// application updates or deletes these rows.
/// </summary>
public class AuditEntry
{
    private AuditEntry() { }

    public AuditEntry(DateTime atUtc, string? userId, string userName, string entityType, string entityId, string action,
        string? field, string? oldValue, string? newValue)
    {
        AtUtc = atUtc;
        UserId = userId;
        UserName = userName;
        EntityType = entityType;
        EntityId = entityId;
        Action = action;
        Field = field;
        OldValue = oldValue;
        NewValue = newValue;
    }

    public long Id { get; private set; }
    public DateTime AtUtc { get; private set; }
    public string? UserId { get; private set; }
    public string UserName { get; private set; } = "";
    public string EntityType { get; private set; } = "";
    public string EntityId { get; private set; } = "";
    public string Action { get; private set; } = "";
    public string? Field { get; private set; }
    public string? OldValue { get; private set; }
    public string? NewValue { get; private set; }
}
