using Microsoft.EntityFrameworkCore;
using ParIndex.Domain;
using ParIndex.Domain.Formatting;
using ParIndex.Domain.Operations;
using ParIndex.Domain.Projection;
using ParIndex.Web.Data;
using ParIndex.Web.Infrastructure;

namespace ParIndex.Web.Features.Operations;

public sealed record ReportRow(int Id, string Name, string Period, DateOnly DueOn, int LeadUnitId, string LeadUnit, DateOnly? SubmittedOn,
    string? DocumentNumber, Guid Version, bool IsLate, bool IsMissing);

public sealed record NewReportInput(string? Name, string? Period, DateOnly? DueOn, int? LeadUnitId);

public sealed record SubmitReportInput(int Id, DateOnly? SubmittedOn, string? DocumentNumber, Guid Version);

public sealed record ReportSaveResult(string? Field, string? Error, bool Conflict = false)
{
    public static readonly ReportSaveResult Ok = new(null, null);
    public bool Succeeded => Error is null;
    /// <summary>What a success says to the user after the redirect.</summary>
    public string? Message { get; init; }
}

/// <summary>The periodic reports of a year: the list (two queries), adding a report, recording a submission.</summary>
public sealed class ReportService(ParIndexDbContext db, Clock clock)
{
    /// <summary>The periods a year requires by default, with the usual due dates (15th of the closing month).</summary>
    public static readonly (string Period, string Name, int Month)[] StandardPeriods =
        [("Q1", "Báo cáo CCHC quý I/{0}", 3), ("H1", "Báo cáo CCHC 6 tháng đầu năm {0}", 6), ("Q3", "Báo cáo CCHC quý III/{0}", 9),
         ("Annual", "Báo cáo CCHC năm {0}", 12)];

    /// <summary>
    /// The Vietnamese name of a stored period code ("Q1" → "Quý I", "H1" → "6 tháng", "Annual" → "Năm"); a period
    /// typed freely is shown as typed. Every place that shows a report's period goes through this.
    /// </summary>
    public static string PeriodName(string? period) => Vn.Nfc(period?.Trim() ?? "") switch
    {
        "Q1" => "Quý I",
        "Q2" => "Quý II",
        "H1" => "6 tháng",
        "Q3" => "Quý III",
        "Q4" => "Quý IV",
        "9M" => "9 tháng",
        "Annual" => "Năm",
        var other => other,
    };

    /// <summary>The stored code of a period typed in Vietnamese ("quý I", "6 tháng", "năm") or as a code; other text as typed.</summary>
    public static string PeriodCode(string? typed)
    {
        var text = Vn.Nfc(typed?.Trim() ?? "");
        var folded = FactSources.Fold(text);
        foreach (var code in (string[])["Q1", "Q2", "H1", "Q3", "Q4", "9M", "Annual"])
        {
            if (string.Equals(text, code, StringComparison.OrdinalIgnoreCase) || folded == FactSources.Fold(PeriodName(code))) return code;
        }
        return text;
    }

    public async Task<(IReadOnlyList<ReportRow> Rows, IReadOnlyList<(int Id, string Name)> Units)> ReadAsync(int year, DateOnly today,
        CancellationToken ct = default)
    {
        var units = await db.Units.AsNoTracking().OrderBy(u => u.SortOrder).Select(u => new { u.Id, u.Name }).ToListAsync(ct);
        var names = units.ToDictionary(u => u.Id, u => u.Name);
        var reports = await db.PeriodicReports.AsNoTracking().Where(r => r.Year == year).OrderBy(r => r.DueOn).ThenBy(r => r.Name)
            .Select(r => new { r.Id, r.Name, r.Period, r.DueOn, r.LeadUnitId, r.SubmittedOn, r.DocumentNumber, r.Version })
            .ToListAsync(ct);
        var rows = reports.Select(r => new ReportRow(r.Id, r.Name, r.Period, r.DueOn, r.LeadUnitId, names.GetValueOrDefault(r.LeadUnitId, ""),
            r.SubmittedOn, r.DocumentNumber, r.Version,
            r.SubmittedOn is { } s ? s > r.DueOn : today > r.DueOn,
            r.SubmittedOn is null && today > r.DueOn)).ToList();
        return (rows, units.Select(u => (u.Id, u.Name)).ToList());
    }

    public async Task<ReportSaveResult> AddAsync(int year, NewReportInput input, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(input.Name)) return new("Name", "Vui lòng nhập tên báo cáo.");
        if (input.DueOn is not { } due) return new("DueOn", "Vui lòng nhập hạn gửi (dd/MM/yyyy).");
        if (due.Year != year && due.Year != year + 1) return new("DueOn", $"Hạn gửi phải thuộc năm {year} hoặc đầu năm {year + 1}.");
        if (input.LeadUnitId is not { } unit || !await db.Units.AnyAsync(u => u.Id == unit, ct))
            return new("LeadUnitId", "Vui lòng chọn đơn vị chủ trì.");
        try
        {
            db.PeriodicReports.Add(new PeriodicReport(year, input.Name, PeriodCode(input.Period), due, unit));
        }
        catch (DomainException ex)
        {
            return new("Name", ex.Message);
        }
        await db.SaveChangesAsync(ct);
        return ReportSaveResult.Ok with { Message = $"Đã thêm báo cáo \"{Vn.Nfc(input.Name.Trim())}\"." };
    }

    /// <summary>Adds the standard periodic reports not yet listed; null when the lead unit does not exist.</summary>
    public async Task<int?> AddStandardAsync(int year, int leadUnitId, CancellationToken ct = default)
    {
        if (!await db.Units.AnyAsync(u => u.Id == leadUnitId, ct)) return null;
        var existing = await db.PeriodicReports.Where(r => r.Year == year).Select(r => r.Period).ToListAsync(ct);
        var added = 0;
        foreach (var (period, name, month) in StandardPeriods.Where(p => !existing.Contains(p.Period)))
        {
            db.PeriodicReports.Add(new PeriodicReport(year, string.Format(System.Globalization.CultureInfo.InvariantCulture, name, year), period,
                new DateOnly(year, month, 15), leadUnitId));
            added++;
        }
        await db.SaveChangesAsync(ct);
        return added;
    }

    public async Task<ReportSaveResult> SubmitAsync(int year, SubmitReportInput input, CancellationToken ct = default)
    {
        var report = await db.PeriodicReports.SingleOrDefaultAsync(r => r.Id == input.Id && r.Year == year, ct);
        if (report is null) return new(null, "Không tìm thấy báo cáo của năm này.");
        if (input.SubmittedOn is not { } on) return new("SubmittedOn", "Vui lòng nhập ngày gửi (dd/MM/yyyy).");
        if (on > clock.Today) return new("SubmittedOn", "Ngày gửi không được sau ngày hôm nay.");
        if (on.Year < year) return new("SubmittedOn", $"Ngày gửi phải từ năm {year}.");
        if (report.Version != input.Version)
            return new(null, "Báo cáo này vừa được người khác cập nhật. Thông tin mới đang hiển thị; hãy kiểm tra rồi lưu lại nếu cần.", true);
        db.Entry(report).Property(r => r.Version).OriginalValue = input.Version;
        report.Submit(on, input.DocumentNumber);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new(null, "Báo cáo này vừa được người khác cập nhật. Thông tin mới đang hiển thị; hãy kiểm tra rồi lưu lại nếu cần.", true);
        }
        var number = string.IsNullOrWhiteSpace(report.DocumentNumber) ? "" : $" (văn bản số {report.DocumentNumber})";
        var timing = on > report.DueOn ? $", trễ {on.DayNumber - report.DueOn.DayNumber} ngày so với hạn {Vn.Date(report.DueOn)}" : ", đúng hạn";
        return ReportSaveResult.Ok with { Message = $"Đã ghi nhận {report.Name} gửi ngày {Vn.Date(on)}{number}{timing}." };
    }
}
