using Microsoft.EntityFrameworkCore;
using ParIndex.Domain.Formatting;
using ParIndex.Domain.Operations;
using ParIndex.Web.Data;
using ParIndex.Web.Infrastructure;

namespace ParIndex.Web.Features.Operations;

public sealed record DossierSaveResult(string? Field, string? Error, bool Conflict = false, bool NotFound = false)
{
    public static readonly DossierSaveResult Ok = new(null, null);
    public bool Succeeded => Error is null;
    public string? Message { get; init; }
}

public sealed record DossierEditInput(string? Procedure, int? UnitId, DateOnly? ReceivedOn, DateOnly? DueOn, DateOnly? ReturnedOn, string? Note,
    Guid Version);

public sealed record ImportRow(int Id, string FileName, string By, DateTime AtUtc, int Added, int Updated, DateTime? UndoneAtUtc, string? UndoneBy);

/// <summary>
/// Changes to recorded dossiers outside an import: the Office's form (edit, delete, each with the version it was
/// rendered with), undoing a whole import, and the year's total dossiers received (the on-time rate's denominator).
/// </summary>
public sealed class DossierService(ParIndexDbContext db, Clock clock)
{
    public const string ConflictMessage =
        "Hồ sơ này vừa được người khác sửa (hoặc một lần nhập vừa cập nhật). Thông tin mới đang hiển thị; hãy kiểm tra rồi lưu lại nếu cần.";

    public async Task<DossierSaveResult> EditAsync(int id, DossierEditInput input, CancellationToken ct = default)
    {
        var dossier = await db.Dossiers.SingleOrDefaultAsync(d => d.Id == id, ct);
        if (dossier is null) return new(null, "Không tìm thấy hồ sơ.", NotFound: true);
        if (await CheckAsync(input, ct) is { } refused) return refused;
        if (dossier.Version != input.Version) return new(null, ConflictMessage, true);
        db.Entry(dossier).Property(d => d.Version).OriginalValue = input.Version;
        var names = await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var values = new DossierValues(input.Procedure!, input.UnitId!.Value, input.ReceivedOn!.Value, input.DueOn!.Value, input.ReturnedOn,
            input.Note);
        var differences = dossier.Values.Differences(values, i => names.GetValueOrDefault(i, ""));
        if (differences.Count == 0) return DossierSaveResult.Ok with { Message = $"Hồ sơ {dossier.Code} không có gì thay đổi." };
        dossier.Update(values);
        if (await SaveAsync(ct) is { } conflict) return conflict;
        return DossierSaveResult.Ok with { Message = $"Đã sửa hồ sơ {dossier.Code}: {string.Join("; ", differences)}." };
    }

    public async Task<DossierSaveResult> DeleteAsync(int id, Guid version, CancellationToken ct = default)
    {
        var dossier = await db.Dossiers.SingleOrDefaultAsync(d => d.Id == id, ct);
        if (dossier is null) return new(null, "Không tìm thấy hồ sơ.", NotFound: true);
        if (dossier.Version != version) return new(null, ConflictMessage, true);
        db.Entry(dossier).Property(d => d.Version).OriginalValue = version;
        db.Dossiers.Remove(dossier);
        if (await SaveAsync(ct) is { } conflict) return conflict;
        return DossierSaveResult.Ok with { Message = $"Đã xóa hồ sơ {dossier.Code}." };
    }

    /// <summary>The latest imports, newest first.</summary>
    public async Task<IReadOnlyList<ImportRow>> ImportsAsync(int take, CancellationToken ct = default) =>
        await db.DossierImports.AsNoTracking().OrderByDescending(i => i.Id).Take(take)
            .Select(i => new ImportRow(i.Id, i.FileName, i.By, i.AtUtc, i.RowCount, i.UpdatedCount, i.UndoneAtUtc, i.UndoneBy))
            .ToListAsync(ct);

    /// <summary>
    /// Undoes a whole import, all or nothing: the dossiers it added are removed, the ones it changed get their values
    /// back. Refused when any of them changed since (a later import or the form): that change would be lost silently.
    /// </summary>
    public async Task<DossierSaveResult> UndoAsync(int importId, string by, CancellationToken ct = default)
    {
        var import = await db.DossierImports.SingleOrDefaultAsync(i => i.Id == importId, ct);
        if (import is null) return new(null, "Không tìm thấy lần nhập này.", NotFound: true);
        if (import.IsUndone) return new(null, $"Lần nhập tệp \"{import.FileName}\" đã được hoàn tác trước đó.", true);
        var changes = await db.Set<DossierImportChange>().Include(c => c.Dossier).Where(c => c.ImportId == importId).ToListAsync(ct);
        var changedSince = changes.Where(c => c.Dossier!.Version != c.VersionAfter).Select(c => c.Dossier!.Code).ToList();
        if (changedSince.Count > 0)
            return new(null, $"Không hoàn tác được lần nhập tệp \"{import.FileName}\": hồ sơ {string.Join(", ", changedSince.Take(20))} "
                             + "đã được sửa sau lần nhập này (bởi lần nhập sau hoặc biểu mẫu). Hãy hoàn tác lần nhập sau hoặc sửa lại hồ sơ trước.", true);
        // Imports recorded before changes were kept: the dossiers they added are those that name them.
        var tracked = changes.Select(c => c.DossierId).ToHashSet();
        var untracked = await db.Dossiers.Where(d => d.ImportId == importId && !tracked.Contains(d.Id)).ToListAsync(ct);

        var removed = 0;
        var restored = 0;
        foreach (var change in changes)
        {
            db.Entry(change.Dossier!).Property(d => d.Version).OriginalValue = change.VersionAfter;
            if (change.Previous is { } previous)
            {
                change.Dossier!.Restore(previous, change.VersionBefore ?? Guid.NewGuid());
                restored++;
            }
            else
            {
                db.Dossiers.Remove(change.Dossier!);
                removed++;
            }
        }
        db.Dossiers.RemoveRange(untracked);
        removed += untracked.Count;
        import.Undo(by, clock.UtcNow);
        if (await SaveAsync(ct) is { } conflict) return conflict with { Error = "Có hồ sơ của lần nhập này vừa được sửa; không có gì được hoàn tác. Vui lòng thử lại." };
        return DossierSaveResult.Ok with
        {
            Message = $"Đã hoàn tác lần nhập tệp \"{import.FileName}\": xóa {removed} hồ sơ đã thêm, trả lại {restored} hồ sơ về như trước lần nhập.",
        };
    }

    private async Task<DossierSaveResult?> SaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return new(null, ConflictMessage, true);
        }
    }

    private async Task<DossierSaveResult?> CheckAsync(DossierEditInput input, CancellationToken ct)
    {
        var today = clock.Today;
        if (string.IsNullOrWhiteSpace(input.Procedure)) return new("Procedure", "Vui lòng nhập tên thủ tục.");
        if (input.Procedure.Trim().Length > 1000) return new("Procedure", "Tên thủ tục dài quá 1000 ký tự.");
        if (input.UnitId is not { } unit || !await db.Units.AnyAsync(u => u.Id == unit, ct)) return new("UnitId", "Vui lòng chọn đơn vị.");
        if (input.ReceivedOn is not { } received) return new("ReceivedOn", "Vui lòng nhập ngày tiếp nhận (dd/MM/yyyy).");
        if (received > today) return new("ReceivedOn", "Ngày tiếp nhận sau ngày hôm nay.");
        if (input.DueOn is not { } due) return new("DueOn", "Vui lòng nhập ngày hẹn trả (dd/MM/yyyy).");
        if (due < received) return new("DueOn", "Ngày hẹn trả trước ngày tiếp nhận.");
        if (input.ReturnedOn is { } returned && returned < received) return new("ReturnedOn", "Ngày trả kết quả trước ngày tiếp nhận.");
        if (input.ReturnedOn is { } r2 && r2 > today) return new("ReturnedOn", "Ngày trả kết quả sau ngày hôm nay.");
        if (input.Note?.Trim().Length > 2000) return new("Note", "Ghi chú dài quá 2000 ký tự.");
        return null;
    }

    // The year's total dossiers received.

    public Task<int> RecordedAsync(DateOnly from, DateOnly to, CancellationToken ct = default) =>
        db.Dossiers.CountAsync(d => d.ReceivedOn >= from && d.ReceivedOn <= to, ct);

    public async Task<DossierYearTotal?> TotalAsync(int year, CancellationToken ct = default) =>
        await db.Set<DossierYearTotal>().AsNoTracking().SingleOrDefaultAsync(t => t.Year == year, ct);

    public async Task<DossierSaveResult> SetTotalAsync(int year, int? total, string? source, Guid? version, string by, CancellationToken ct = default)
    {
        if (total is not { } value || value <= 0) return new("Total", "Tổng số hồ sơ phải là số nguyên dương.");
        if (string.IsNullOrWhiteSpace(source))
            return new("Source", "Vui lòng ghi nguồn của tổng số hồ sơ (ví dụ: báo cáo thống kê của hệ thống một cửa).");
        if (source.Trim().Length > DossierYearTotal.MaxSource) return new("Source", $"Nguồn dài quá {DossierYearTotal.MaxSource} ký tự.");
        var from = new DateOnly(year, 1, 1);
        var to = new DateOnly(year, 12, 31);
        var recorded = await db.Dossiers.CountAsync(d => d.ReceivedOn >= from && d.ReceivedOn <= to, ct);
        if (value < recorded)
            return new("Total", $"Tổng số hồ sơ ({value}) nhỏ hơn số hồ sơ đã ghi nhận của năm {year} ({recorded}).");
        var row = await db.Set<DossierYearTotal>().SingleOrDefaultAsync(t => t.Year == year, ct);
        if (row is null)
        {
            if (version is not null) return new(null, TotalConflict, true);
            db.Add(new DossierYearTotal(year, value, source, by, clock.UtcNow));
        }
        else
        {
            if (row.Version != version) return new(null, TotalConflict, true);
            db.Entry(row).Property(t => t.Version).OriginalValue = row.Version;
            row.Change(value, source, by, clock.UtcNow);
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // A stale version, or a first total saved by someone else at the same time (the unique year).
            db.ChangeTracker.Clear();
            return new(null, TotalConflict, true);
        }
        return DossierSaveResult.Ok with { Message = $"Đã ghi tổng số hồ sơ năm {year}: {value.ToString("N0", Vn.Culture)} hồ sơ (nguồn: {Vn.Clean(source)!.Trim()})." };
    }

    public const string TotalConflict =
        "Tổng số hồ sơ của năm vừa được người khác ghi. Số mới đang hiển thị; hãy kiểm tra rồi lưu lại nếu cần.";
}
