namespace ParIndex.Web.Infrastructure;

/// <summary>
/// The application's notion of "now" and of today's date in Vietnam (UTC+7), in one place, so that
/// deadlines and phases are decided the same way everywhere and tests can fix the day.
/// </summary>
public class Clock(TimeProvider time)
{
    private static readonly TimeSpan VietnamOffset = TimeSpan.FromHours(7);

    public virtual DateTime UtcNow => time.GetUtcNow().UtcDateTime;

    public DateOnly Today => DateOnly.FromDateTime(UtcNow + VietnamOffset);
}
