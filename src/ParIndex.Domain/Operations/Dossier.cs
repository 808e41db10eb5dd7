using ParIndex.Domain.Formatting;

namespace ParIndex.Domain.Operations;

/// <summary>
/// An administrative-procedure dossier (hồ sơ TTHC) as the one-stop system recorded it. Lateness is
/// computed from the dates, never stored.
/// </summary>
public class Dossier
{
    private Dossier() { }

    public Dossier(string code, string procedure, int unitId, DateOnly receivedOn, DateOnly dueOn, DateOnly? returnedOn,
        string? note, int? importId = null)
    {
        if (string.IsNullOrWhiteSpace(code)) throw new DomainException("Thiếu mã hồ sơ.");
        Code = code.Trim();
        ImportId = importId;
        Set(new DossierValues(procedure, unitId, receivedOn, dueOn, returnedOn, note));
    }

    /// <summary>What the dossier says now (everything but its code), to compare with a re-imported row or restore.</summary>
    public DossierValues Values => new(Procedure, UnitId, ReceivedOn, DueOn, ReturnedOn, Note);

    /// <summary>Replaces what the one-stop system (or the Office's form) now says about the dossier; a new version.</summary>
    public void Update(DossierValues values) => Set(values);

    /// <summary>
    /// Back to what it was at <paramref name="version"/> (undoing an import): the values and that version, so an undo
    /// of an earlier import that created it still recognises it.
    /// </summary>
    public void Restore(DossierValues values, Guid version)
    {
        Set(values);
        Version = version;
    }

    private void Set(DossierValues values)
    {
        var v = values.Normalized();
        if (v.Procedure.Length == 0) throw new DomainException("Thiếu tên thủ tục.");
        if (v.DueOn < v.ReceivedOn) throw new DomainException("Ngày hẹn trả trước ngày tiếp nhận.");
        if (v.ReturnedOn is { } r && r < v.ReceivedOn) throw new DomainException("Ngày trả kết quả trước ngày tiếp nhận.");
        Procedure = v.Procedure;
        UnitId = v.UnitId;
        ReceivedOn = v.ReceivedOn;
        DueOn = v.DueOn;
        ReturnedOn = v.ReturnedOn;
        Note = v.Note;
        Version = Guid.NewGuid();
    }

    public int Id { get; private set; }
    public string Code { get; private set; } = "";
    public string Procedure { get; private set; } = "";
    public int UnitId { get; private set; }
    public DateOnly ReceivedOn { get; private set; }
    public DateOnly DueOn { get; private set; }
    public DateOnly? ReturnedOn { get; private set; }
    public string? Note { get; private set; }
    public int? ImportId { get; private set; }
    public Guid Version { get; private set; } = Guid.NewGuid();

    public int WorkingDaysLate(DateOnly today, WorkingCalendar calendar) =>
        WorkingDaysLate(ReceivedOn, DueOn, ReturnedOn, today, calendar);

    /// <summary>
    /// The day lateness is counted to: the return; for a dossier still unreturned, the end of the assessed period
    /// (31/12 of the year it was received), or today if that is earlier. Never today for a past year.
    /// </summary>
    public static DateOnly CountedTo(DateOnly receivedOn, DateOnly? returnedOn, DateOnly today)
    {
        if (returnedOn is { } returned) return returned;
        var endOfYear = new DateOnly(receivedOn.Year, 12, 31);
        return today < endOfYear ? today : endOfYear;
    }

    /// <summary>Working days late (ngày làm việc), to <see cref="CountedTo"/>; see <see cref="WorkingCalendar.DaysLate"/>.</summary>
    public static int WorkingDaysLate(DateOnly receivedOn, DateOnly dueOn, DateOnly? returnedOn, DateOnly today, WorkingCalendar calendar) =>
        calendar.DaysLate(dueOn, CountedTo(receivedOn, returnedOn, today));
}

/// <summary>One import of a one-stop system export: all its rows or none.</summary>
public class DossierImport
{
    private DossierImport() { }

    public DossierImport(string fileName, int rowCount, string by, DateTime atUtc, int updatedCount = 0)
    {
        FileName = fileName;
        RowCount = rowCount;
        UpdatedCount = updatedCount;
        By = by;
        AtUtc = atUtc;
    }

    public int Id { get; private set; }
    public string FileName { get; private set; } = "";
    /// <summary>Dossiers the import added.</summary>
    public int RowCount { get; private set; }
    /// <summary>Dossiers already recorded that the import changed.</summary>
    public int UpdatedCount { get; private set; }
    public string By { get; private set; } = "";
    public DateTime AtUtc { get; private set; }
    public DateTime? UndoneAtUtc { get; private set; }
    public string? UndoneBy { get; private set; }

    public bool IsUndone => UndoneAtUtc is not null;

    /// <summary>Marks the import undone (its dossiers removed, its changes reverted by the caller in the same save).</summary>
    public void Undo(string by, DateTime atUtc)
    {
        if (IsUndone) throw new DomainException($"Lần nhập tệp \"{FileName}\" đã được hoàn tác trước đó.");
        UndoneBy = by;
        UndoneAtUtc = atUtc;
    }
}

/// <summary>What a dossier says besides its code: the one-stop system's fields.</summary>
public sealed record DossierValues(string Procedure, int UnitId, DateOnly ReceivedOn, DateOnly DueOn, DateOnly? ReturnedOn, string? Note)
{
    public DossierValues Normalized() => this with
    {
        Procedure = Vn.Clean(Procedure)?.Trim() ?? "",
        Note = string.IsNullOrWhiteSpace(Note) ? null : Vn.Clean(Note)!.Trim(),
    };

    /// <summary>
    /// The fields that differ from <paramref name="now"/>, in Vietnamese ("ngày trả kết quả: chưa trả → 05/04/2023"),
    /// with units named by <paramref name="unitName"/>. Empty when the two say the same.
    /// </summary>
    public IReadOnlyList<string> Differences(DossierValues now, Func<int, string> unitName)
    {
        var a = Normalized();
        var b = now.Normalized();
        var list = new List<string>();
        if (a.Procedure != b.Procedure) list.Add($"tên thủ tục: \"{a.Procedure}\" → \"{b.Procedure}\"");
        if (a.UnitId != b.UnitId) list.Add($"đơn vị: {unitName(a.UnitId)} → {unitName(b.UnitId)}");
        if (a.ReceivedOn != b.ReceivedOn) list.Add($"ngày tiếp nhận: {Vn.Date(a.ReceivedOn)} → {Vn.Date(b.ReceivedOn)}");
        if (a.DueOn != b.DueOn) list.Add($"ngày hẹn trả: {Vn.Date(a.DueOn)} → {Vn.Date(b.DueOn)}");
        if (a.ReturnedOn != b.ReturnedOn)
            list.Add($"ngày trả kết quả: {(a.ReturnedOn is { } x ? Vn.Date(x) : "chưa trả")} → {(b.ReturnedOn is { } y ? Vn.Date(y) : "chưa trả")}");
        if (a.Note != b.Note) list.Add($"ghi chú: \"{a.Note ?? ""}\" → \"{b.Note ?? ""}\"");
        return list;
    }
}

/// <summary>
/// What one import did to one dossier: created it (<see cref="Previous"/> null) or changed it (the values before), and
/// the dossier's version after the import, so undoing the import can tell whether someone changed it since.
/// </summary>
public class DossierImportChange
{
    private DossierImportChange() { }

    public DossierImportChange(int importId, Dossier dossier, DossierValues? previous, Guid? versionBefore = null)
    {
        VersionBefore = versionBefore;
        ImportId = importId;
        Dossier = dossier;
        if (previous is not null)
        {
            PreviousProcedure = previous.Procedure;
            PreviousUnitId = previous.UnitId;
            PreviousReceivedOn = previous.ReceivedOn;
            PreviousDueOn = previous.DueOn;
            PreviousReturnedOn = previous.ReturnedOn;
            PreviousNote = previous.Note;
        }
        VersionAfter = dossier.Version;
    }

    public int Id { get; private set; }
    public int ImportId { get; private set; }
    public int DossierId { get; private set; }
    public Dossier? Dossier { get; private set; }
    public Guid VersionAfter { get; private set; }
    /// <summary>The dossier's version before the import changed it (null when the import created it).</summary>
    public Guid? VersionBefore { get; private set; }
    public string? PreviousProcedure { get; private set; }
    public int? PreviousUnitId { get; private set; }
    public DateOnly? PreviousReceivedOn { get; private set; }
    public DateOnly? PreviousDueOn { get; private set; }
    public DateOnly? PreviousReturnedOn { get; private set; }
    public string? PreviousNote { get; private set; }

    public bool Created => PreviousProcedure is null;

    public DossierValues? Previous => Created
        ? null
        : new DossierValues(PreviousProcedure!, PreviousUnitId!.Value, PreviousReceivedOn!.Value, PreviousDueOn!.Value, PreviousReturnedOn, PreviousNote);
}

/// <summary>
/// The total number of dossiers a year received (on time and late), as the one-stop system's statistics give it:
/// entered by the Office with its source. The on-time rate is computed from it; without it there is no rate.
/// </summary>
public class DossierYearTotal
{
    public const int MaxSource = 500;

    private DossierYearTotal() { }

    public DossierYearTotal(int year, int total, string? source, string by, DateTime atUtc)
    {
        Year = year;
        Change(total, source, by, atUtc);
    }

    public int Id { get; private set; }
    public int Year { get; private set; }
    public int Total { get; private set; }
    public string Source { get; private set; } = "";
    public string By { get; private set; } = "";
    public DateTime AtUtc { get; private set; }
    public Guid Version { get; private set; } = Guid.NewGuid();

    public void Change(int total, string? source, string by, DateTime atUtc)
    {
        if (total <= 0) throw new DomainException("Tổng số hồ sơ phải là số nguyên dương.");
        var clean = Vn.Clean(source)?.Trim() ?? "";
        if (clean.Length == 0) throw new DomainException("Vui lòng ghi nguồn của tổng số hồ sơ (ví dụ: báo cáo thống kê của hệ thống một cửa).");
        if (clean.Length > MaxSource) throw new DomainException($"Nguồn dài quá {MaxSource} ký tự.");
        Total = total;
        Source = clean;
        By = by;
        AtUtc = atUtc;
        Version = Guid.NewGuid();
    }

    /// <summary>(total − late) / total in percent, two decimals; null without a total (no rate is shown).</summary>
    public static decimal? OnTimeRate(int? total, int late) =>
        total is { } t && t > 0 ? Math.Round(Math.Max(0, t - late) * 100m / t, 2) : null;
}

/// <summary>A periodic report (báo cáo định kỳ) a year requires, with its due and submitted dates.</summary>
public class PeriodicReport
{
    private PeriodicReport() { }

    public PeriodicReport(int year, string name, string period, DateOnly dueOn, int leadUnitId)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new DomainException("Tên báo cáo không được để trống.");
        Year = year;
        Name = name.Trim();
        Period = period.Trim();
        DueOn = dueOn;
        LeadUnitId = leadUnitId;
    }

    public int Id { get; private set; }
    public int Year { get; private set; }
    public string Name { get; private set; } = "";
    public string Period { get; private set; } = "";
    public DateOnly DueOn { get; private set; }
    public int LeadUnitId { get; private set; }
    public DateOnly? SubmittedOn { get; private set; }
    public string? DocumentNumber { get; private set; }
    public Guid Version { get; private set; } = Guid.NewGuid();

    public bool IsLate(DateOnly today) => SubmittedOn is { } s ? s > DueOn : today > DueOn;
    public bool IsMissing(DateOnly today) => SubmittedOn is null && today > DueOn;

    public void Submit(DateOnly on, string? documentNumber)
    {
        SubmittedOn = on;
        DocumentNumber = string.IsNullOrWhiteSpace(documentNumber) ? null : documentNumber.Trim();
        Version = Guid.NewGuid();
    }

    public void Reschedule(DateOnly dueOn, int leadUnitId)
    {
        DueOn = dueOn;
        LeadUnitId = leadUnitId;
        Version = Guid.NewGuid();
    }
}
