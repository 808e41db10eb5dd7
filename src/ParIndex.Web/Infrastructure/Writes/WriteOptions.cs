namespace ParIndex.Web.Infrastructure.Writes;

/// <summary>
/// <c>Database:WriteTimeoutSeconds</c> (default 30): how long a save may wait for the database (the SQLite write gate,
/// then SQLite's own lock) before it is refused with a message; also the age past which a write counts as stuck for
/// the readiness check.
/// </summary>
public sealed class WriteOptions
{
    public const string Section = "Database";

    public double WriteTimeoutSeconds { get; set; } = 30;

    public TimeSpan Bound => TimeSpan.FromSeconds(WriteTimeoutSeconds);
}
