using ClosedXML.Excel;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using ParIndex.Domain.Audit;
using ParIndex.Domain.Formatting;
using ParIndex.Web.Data;

namespace ParIndex.Web.Features.Audit;

public sealed record AuditRow(long Id, DateTime AtUtc, string UserName, string EntityType, string EntityId, string Action,
    string? Field, string? OldValue, string? NewValue)
{
    public string At => Vn.DateTimeLocal(AtUtc);
    /// <summary>The field and values as a reader sees them (<see cref="AuditDisplay"/>).</summary>
    public string? FieldLabel => AuditDisplay.Field(Field);
    public string? OldText => AuditDisplay.Value(Field, OldValue);
    public string? NewText => AuditDisplay.Value(Field, NewValue);
    public string EntityLabel => AuditLabels.Entity(EntityType);
    public string ActionLabel => AuditLabels.Action(Action);
}

/// <summary>The filters of the audit browser; dates are days in Vietnam, inclusive.</summary>
public sealed class AuditFilter
{
    [FromQuery(Name = "type")] public string? EntityType { get; set; }
    [FromQuery(Name = "id")] public string? EntityId { get; set; }
    [FromQuery(Name = "user")] public string? User { get; set; }
    [FromQuery(Name = "from")] public DateOnly? From { get; set; }
    [FromQuery(Name = "to")] public DateOnly? To { get; set; }
    [FromQuery(Name = "q")] public string? Text { get; set; }
    [FromQuery(Name = "page")] public int Page { get; set; } = 1;
}

public static class AuditLabels
{
    public static readonly IReadOnlyDictionary<string, string> Entities = new Dictionary<string, string>
    {
        ["SubCriterionScore"] = "Điểm tiêu chí thành phần",
        ["PublishedResult"] = "Kết quả công bố",
        ["Assessment"] = "Kỳ đánh giá (giai đoạn)",
        ["ImprovementPlan"] = "Kế hoạch cải thiện",
        ["PlanTask"] = "Nhiệm vụ",
        ["Unit"] = "Đơn vị",
        ["ApplicationUser"] = "Người dùng",
        ["PeriodicReport"] = "Báo cáo định kỳ",
        ["DossierImport"] = "Lần nhập hồ sơ TTHC",
        ["CalendarDay"] = "Lịch ngày nghỉ, ngày làm bù",
        ["Dossier"] = "Hồ sơ TTHC",
        ["DossierYearTotal"] = "Tổng số hồ sơ TTHC của năm",
        ["Framework"] = "Bộ tiêu chí",
        ["Area"] = "Lĩnh vực (bộ tiêu chí)",
        ["Criterion"] = "Tiêu chí (bộ tiêu chí)",
        ["SubCriterion"] = "Tiêu chí thành phần (bộ tiêu chí)",
    };

    public static string Entity(string type) => Entities.TryGetValue(type, out var label) ? label : type;

    public static string Action(string action) => action switch
    {
        "Created" => "Tạo mới",
        "Updated" => "Sửa",
        "Deleted" => "Xóa",
        _ => action,
    };
}

/// <summary>Reads audit entries for the browser, the export and the per-record history. Read-only by construction.</summary>
public sealed class AuditQuery(ParIndexDbContext db)
{
    public const int PageSize = 50;
    public const int MaxExportRows = 100_000;
    public const int MaxHistoryRows = 200;
    private static readonly TimeSpan VietnamOffset = TimeSpan.FromHours(7);

    /// <summary>The days the filter accepts: wide enough for any record, narrow enough that no date arithmetic overflows.</summary>
    public static readonly DateOnly MinDay = new(2000, 1, 1);
    public static readonly DateOnly MaxDay = new(2999, 12, 31);
    public const int MaxPage = 1_000_000;

    /// <summary>Why a filter cannot be run (in Vietnamese), or null when it can.</summary>
    public static string? Problem(AuditFilter f)
    {
        var range = $"từ {MinDay:dd/MM/yyyy} đến {MaxDay:dd/MM/yyyy}";
        if (f.From is { } from && (from < MinDay || from > MaxDay)) return $"Ngày bắt đầu phải {range}.";
        if (f.To is { } to && (to < MinDay || to > MaxDay)) return $"Ngày kết thúc phải {range}.";
        if (f.Page > MaxPage) return $"Số trang phải từ 1 đến {MaxPage:N0}.";
        return null;
    }

    public IQueryable<AuditEntry> Filtered(AuditFilter f)
    {
        if (Problem(f) is { } problem) throw new ArgumentException(problem, nameof(f));
        var q = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(f.EntityType)) q = q.Where(a => a.EntityType == f.EntityType);
        if (!string.IsNullOrWhiteSpace(f.EntityId)) q = q.Where(a => a.EntityId == f.EntityId.Trim());
        if (ParIndex.Domain.Formatting.Vn.Clean(f.User) is { } user)
        {
            q = q.Where(a => a.UserName.Contains(user) || a.UserId == user);
        }
        if (f.From is { } from)
        {
            var start = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) - VietnamOffset;
            q = q.Where(a => a.AtUtc >= start);
        }
        if (f.To is { } to)
        {
            var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) - VietnamOffset;
            q = q.Where(a => a.AtUtc < end);
        }
        if (ParIndex.Domain.Formatting.Vn.Clean(f.Text) is { } text)
        {
            q = q.Where(a => (a.Field != null && a.Field.Contains(text)) || (a.OldValue != null && a.OldValue.Contains(text))
                             || (a.NewValue != null && a.NewValue.Contains(text)) || a.EntityId == text);
        }
        return q;
    }

    public static IQueryable<AuditRow> Project(IQueryable<AuditEntry> q) =>
        q.OrderByDescending(a => a.AtUtc).ThenByDescending(a => a.Id)
            .Select(a => new AuditRow(a.Id, a.AtUtc, a.UserName, a.EntityType, a.EntityId, a.Action, a.Field, a.OldValue, a.NewValue));

    public async Task<(IReadOnlyList<AuditRow> Rows, int Total)> PageAsync(AuditFilter f, CancellationToken ct)
    {
        var q = Filtered(f);
        var total = await q.CountAsync(ct);
        var page = Math.Clamp(f.Page, 1, MaxPage);
        var rows = await Project(q).Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        return (rows, total);
    }

    public Task<List<AuditRow>> HistoryAsync(string entityType, string entityId, CancellationToken ct = default) =>
        Project(db.AuditEntries.AsNoTracking().Where(a => a.EntityType == entityType && a.EntityId == entityId))
            .Take(MaxHistoryRows).ToListAsync(ct);

    /// <summary>The filtered entries as an .xlsx workbook; every value is written as text, never as a formula.</summary>
    public async Task<byte[]> ExportAsync(AuditFilter f, CancellationToken ct)
    {
        var rows = await Project(Filtered(f)).Take(MaxExportRows).ToListAsync(ct);
        using var workbook = new XLWorkbook();
        var sheet = workbook.Worksheets.Add("Nhật ký");
        string[] headers = ["Thời điểm (giờ Việt Nam)", "Người thực hiện", "Đối tượng", "Mã", "Thao tác", "Trường", "Giá trị cũ", "Giá trị mới"];
        double[] widths = [18, 28, 26, 12, 10, 28, 45, 45];
        for (var c = 0; c < headers.Length; c++)
        {
            sheet.Cell(1, c + 1).SetValue(headers[c]);
            sheet.Column(c + 1).Width = widths[c];
        }
        sheet.Row(1).Style.Font.Bold = true;
        var r = 2;
        foreach (var row in rows)
        {
            string?[] values = [row.At, row.UserName, row.EntityLabel, row.EntityId, row.ActionLabel, row.FieldLabel, row.OldText, row.NewText];
            for (var c = 0; c < values.Length; c++)
            {
                var cell = sheet.Cell(r, c + 1);
                cell.SetValue(values[c] ?? "");
                cell.DataType = XLDataType.Text;
            }
            r++;
        }
        sheet.Columns(7, 8).Style.Alignment.WrapText = true;
        sheet.SheetView.FreezeRows(1);
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }
}
