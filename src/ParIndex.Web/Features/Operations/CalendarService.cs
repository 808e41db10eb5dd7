using Microsoft.EntityFrameworkCore;
using ParIndex.Domain.Formatting;
using ParIndex.Domain.Operations;
using ParIndex.Web.Data;

namespace ParIndex.Web.Features.Operations;

public sealed record CalendarDayRow(int Id, DateOnly Date, CalendarDayKind Kind, string Name, Guid Version);

public sealed record CalendarSaveResult(string? Field, string? Error, bool Conflict = false)
{
    public static readonly CalendarSaveResult Ok = new(null, null);
    public bool Succeeded => Error is null;
    public string? Message { get; init; }
}

/// <summary>
/// The working calendar the Office keeps per year (days off and weekend days worked in exchange), and the
/// <see cref="WorkingCalendar"/> every count of working days reads (<see cref="ReadAsync(ParIndexDbContext, CancellationToken)"/>).
/// </summary>
public sealed class CalendarService(ParIndexDbContext db)
{
    public const string ConflictMessage =
        "Ngày này vừa được người khác sửa hoặc xóa. Lịch mới đang hiển thị; hãy kiểm tra rồi thao tác lại nếu cần.";

    /// <summary>The whole calendar (a few dozen rows a year): one query.</summary>
    public static async Task<WorkingCalendar> ReadAsync(ParIndexDbContext db, CancellationToken ct = default)
    {
        var days = await db.Set<CalendarDay>().AsNoTracking().Select(d => new { d.Date, d.Kind }).ToListAsync(ct);
        return new WorkingCalendar(days.Select(d => (d.Date, d.Kind)));
    }

    public Task<WorkingCalendar> ReadAsync(CancellationToken ct = default) => ReadAsync(db, ct);

    public async Task<IReadOnlyList<CalendarDayRow>> ListAsync(int year, CancellationToken ct = default)
    {
        var from = new DateOnly(year, 1, 1);
        var to = new DateOnly(year, 12, 31);
        return await db.Set<CalendarDay>().AsNoTracking().Where(d => d.Date >= from && d.Date <= to).OrderBy(d => d.Date)
            .Select(d => new CalendarDayRow(d.Id, d.Date, d.Kind, d.Name, d.Version)).ToListAsync(ct);
    }

    public async Task<CalendarSaveResult> AddAsync(DateOnly date, CalendarDayKind kind, string? name, CancellationToken ct = default)
    {
        if (Check(date, kind, name) is { } refused) return refused;
        if (await ExistingAsync(date, ct) is { } existing) return existing;
        db.Set<CalendarDay>().Add(new CalendarDay(date, kind, name));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Someone added the same date between the check and the save (the unique index refused it).
            db.ChangeTracker.Clear();
            return await ExistingAsync(date, ct) ?? new("Date", $"Không lưu được ngày {Vn.Date(date)}. Vui lòng thử lại.");
        }
        return CalendarSaveResult.Ok with { Message = $"Đã thêm {Describe(date, kind, name)}." };
    }

    public async Task<CalendarSaveResult> ChangeAsync(int id, Guid version, CalendarDayKind kind, string? name, CancellationToken ct = default)
    {
        var day = await db.Set<CalendarDay>().SingleOrDefaultAsync(d => d.Id == id, ct);
        if (day is null) return new(null, ConflictMessage, true);
        if (Check(day.Date, kind, name) is { } refused) return refused;
        if (day.Version != version) return new(null, ConflictMessage, true);
        db.Entry(day).Property(d => d.Version).OriginalValue = version;
        day.Change(kind, name);
        return await SaveAsync(CalendarSaveResult.Ok with { Message = $"Đã sửa {Describe(day.Date, kind, name)}." }, ct);
    }

    public async Task<CalendarSaveResult> RemoveAsync(int id, Guid version, CancellationToken ct = default)
    {
        var day = await db.Set<CalendarDay>().SingleOrDefaultAsync(d => d.Id == id, ct);
        if (day is null || day.Version != version) return new(null, ConflictMessage, true);
        db.Entry(day).Property(d => d.Version).OriginalValue = version;
        db.Set<CalendarDay>().Remove(day);
        return await SaveAsync(CalendarSaveResult.Ok with { Message = $"Đã xóa {Describe(day.Date, day.Kind, day.Name)} khỏi lịch." }, ct);
    }

    private async Task<CalendarSaveResult> SaveAsync(CalendarSaveResult ok, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return new(null, ConflictMessage, true);
        }
        return ok;
    }

    private static CalendarSaveResult? Check(DateOnly date, CalendarDayKind kind, string? name)
    {
        if (!Enum.IsDefined(kind)) return new("Kind", "Vui lòng chọn loại ngày.");
        var clean = Vn.Clean(name)?.Trim() ?? "";
        if (clean.Length == 0)
            return new("Name", kind == CalendarDayKind.DayOff ? "Vui lòng nhập tên ngày nghỉ (ví dụ: Tết Nguyên đán)." : "Vui lòng nhập lý do làm bù.");
        if (clean.Length > CalendarDay.MaxName) return new("Name", $"Tên ngày dài quá {CalendarDay.MaxName} ký tự.");
        if (kind == CalendarDayKind.WorkingDay && !WorkingCalendar.IsWeekend(date))
            return new("Kind", $"Ngày {Vn.Date(date)} là ngày làm việc bình thường; ngày làm bù phải là thứ Bảy hoặc Chủ nhật.");
        return null;
    }

    private async Task<CalendarSaveResult?> ExistingAsync(DateOnly date, CancellationToken ct)
    {
        var existing = await db.Set<CalendarDay>().AsNoTracking().Where(d => d.Date == date).Select(d => d.Name).FirstOrDefaultAsync(ct);
        return existing is null ? null : new("Date", $"Ngày {Vn.Date(date)} đã có trong lịch ({existing}).");
    }

    public static string KindName(CalendarDayKind kind) => kind == CalendarDayKind.WorkingDay ? "Ngày làm bù" : "Ngày nghỉ";

    private static string Describe(DateOnly date, CalendarDayKind kind, string? name) =>
        $"{(kind == CalendarDayKind.WorkingDay ? "ngày làm bù" : "ngày nghỉ")} {Vn.Date(date)} ({Vn.Clean(name)?.Trim()})";

    public static string WeekdayName(DateOnly date) => date.DayOfWeek switch
    {
        DayOfWeek.Monday => "Thứ Hai",
        DayOfWeek.Tuesday => "Thứ Ba",
        DayOfWeek.Wednesday => "Thứ Tư",
        DayOfWeek.Thursday => "Thứ Năm",
        DayOfWeek.Friday => "Thứ Sáu",
        DayOfWeek.Saturday => "Thứ Bảy",
        _ => "Chủ nhật",
    };
}
