namespace ParIndex.Web.Infrastructure;

/// <summary>
/// The application's notion of "now" and of today's date in Vietnam (UTC+7), in one place, so that
/// deadlines and phases are decided the same way everywhere and tests can fix the day.
/// </summary>
public class Clock(TimeProvider time)
{
    internal static readonly TimeSpan VietnamOffset = TimeSpan.FromHours(7);

    public virtual DateTime UtcNow => time.GetUtcNow().UtcDateTime;

    public DateOnly Today => DateOnly.FromDateTime(UtcNow + VietnamOffset);

    /// <summary>
    /// The clock of this host: with demo data on and <c>Demo:WorkingDate</c> set (Development), a <see cref="DemoClock"/>
    /// that starts on that day; otherwise the real one.
    /// </summary>
    public static Clock FromSettings(IConfiguration config, TimeProvider time)
    {
        if (config.GetValue("Demo:Enabled", false)
            && DateOnly.TryParseExact(config["Demo:WorkingDate"], "yyyy-MM-dd", out var workingDate))
            return new DemoClock(time, workingDate);
        return new Clock(time);
    }
}

/// <summary>
/// The demo's clock: the demo data tell the story of one plan year (2023), so the application runs at a working date
/// inside it. The clock is moved back by whole days from the moment the host starts (today becomes the working date)
/// and then runs on, so time still moves: the hour is the real one and tomorrow is the day after the working date.
/// Every page says so (<c>_Layout</c>: "Dữ liệu mẫu: ngày làm việc giả định …").
/// </summary>
public sealed class DemoClock : Clock
{
    private readonly TimeSpan _offset;

    public DemoClock(TimeProvider time, DateOnly workingDate) : base(time)
    {
        WorkingDate = workingDate;
        var realToday = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime + VietnamOffset);
        _offset = TimeSpan.FromDays(workingDate.DayNumber - realToday.DayNumber);
    }

    /// <summary>The day the host started on.</summary>
    public DateOnly WorkingDate { get; }

    public override DateTime UtcNow => base.UtcNow + _offset;
}
