using ParIndex.Domain.Formatting;

namespace ParIndex.Domain.Operations;

/// <summary>What a day of the calendar is, when it is not an ordinary weekday or weekend.</summary>
public enum CalendarDayKind
{
    /// <summary>A public holiday (ngày nghỉ lễ, Tết) or a compensatory day off (nghỉ bù).</summary>
    DayOff = 0,

    /// <summary>A Saturday or Sunday worked in exchange for a day off (ngày làm bù, hoán đổi ngày làm việc).</summary>
    WorkingDay = 1,
}

/// <summary>
/// One day of a year's working calendar as the Government announces it: a day off (holiday or compensatory day)
/// or a weekend day worked in exchange. Days that are neither are weekdays worked and weekends off.
/// </summary>
public class CalendarDay
{
    public const int MaxName = 200;

    private CalendarDay() { }

    public CalendarDay(DateOnly date, CalendarDayKind kind, string? name)
    {
        Date = date;
        Change(kind, name);
    }

    public int Id { get; private set; }
    public DateOnly Date { get; private set; }
    public CalendarDayKind Kind { get; private set; }
    public string Name { get; private set; } = "";
    public Guid Version { get; private set; } = Guid.NewGuid();

    public void Change(CalendarDayKind kind, string? name)
    {
        if (!Enum.IsDefined(kind)) throw new DomainException("Loại ngày không hợp lệ.");
        var clean = Vn.Clean(name)?.Trim() ?? "";
        if (clean.Length == 0)
            throw new DomainException(kind == CalendarDayKind.DayOff ? "Vui lòng nhập tên ngày nghỉ (ví dụ: Tết Nguyên đán)." : "Vui lòng nhập lý do làm bù.");
        if (clean.Length > MaxName) throw new DomainException($"Tên ngày dài quá {MaxName} ký tự.");
        if (kind == CalendarDayKind.WorkingDay && !WorkingCalendar.IsWeekend(Date))
            throw new DomainException($"Ngày {Vn.Date(Date)} là ngày làm việc bình thường; ngày làm bù phải là thứ Bảy hoặc Chủ nhật.");
        Kind = kind;
        Name = clean;
        Version = Guid.NewGuid();
    }
}

/// <summary>
/// Working days (ngày làm việc): Monday to Friday, less the days off of the calendar, plus the weekend days worked in
/// exchange. Pure: built from a year's <see cref="CalendarDay"/> rows, asked about dates.
/// </summary>
public sealed class WorkingCalendar
{
    private readonly HashSet<DateOnly> _daysOff;
    private readonly HashSet<DateOnly> _workingDays;

    public WorkingCalendar(IEnumerable<(DateOnly Date, CalendarDayKind Kind)> days)
    {
        var list = days.ToList();
        _daysOff = list.Where(d => d.Kind == CalendarDayKind.DayOff).Select(d => d.Date).ToHashSet();
        _workingDays = list.Where(d => d.Kind == CalendarDayKind.WorkingDay).Select(d => d.Date).ToHashSet();
    }

    /// <summary>Weekdays only: no holiday known.</summary>
    public static WorkingCalendar Weekdays { get; } = new([]);

    public static bool IsWeekend(DateOnly date) => date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;

    public bool IsWorkingDay(DateOnly date) =>
        _workingDays.Contains(date) || (!IsWeekend(date) && !_daysOff.Contains(date));

    /// <summary>The working days after <paramref name="after"/> up to and including <paramref name="upTo"/>.</summary>
    public int WorkingDaysBetween(DateOnly after, DateOnly upTo)
    {
        var count = 0;
        for (var day = after.AddDays(1); day <= upTo; day = day.AddDays(1))
            if (IsWorkingDay(day)) count++;
        return count;
    }

    /// <summary>
    /// Working days late: a dossier returned (or still open at <paramref name="upTo"/>) after its due date is late by
    /// the working days from the day after the due date to the return, and at least one: a result returned on a
    /// holiday or a Sunday after the due date was still late. Not late: 0.
    /// </summary>
    public int DaysLate(DateOnly dueOn, DateOnly upTo) =>
        upTo <= dueOn ? 0 : Math.Max(1, WorkingDaysBetween(dueOn, upTo));
}
