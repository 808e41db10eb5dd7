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
        if (string.IsNullOrWhiteSpace(procedure)) throw new DomainException("Thiếu tên thủ tục.");
        if (dueOn < receivedOn) throw new DomainException("Ngày hẹn trả trước ngày tiếp nhận.");
        if (returnedOn is { } r && r < receivedOn) throw new DomainException("Ngày trả kết quả trước ngày tiếp nhận.");
        Code = code.Trim();
        Procedure = Vn.Clean(procedure)!;
        UnitId = unitId;
        ReceivedOn = receivedOn;
        DueOn = dueOn;
        ReturnedOn = returnedOn;
        Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        ImportId = importId;
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

    public int DaysLate(DateOnly today) => DaysLate(DueOn, ReturnedOn, today);

    /// <summary>Days past the due date: at return, or today while still unreturned.</summary>
    public static int DaysLate(DateOnly dueOn, DateOnly? returnedOn, DateOnly today) =>
        Math.Max(0, (returnedOn ?? today).DayNumber - dueOn.DayNumber);
}

/// <summary>One import of a one-stop system export: all its rows or none.</summary>
public class DossierImport
{
    private DossierImport() { }

    public DossierImport(string fileName, int rowCount, string by, DateTime atUtc)
    {
        FileName = fileName;
        RowCount = rowCount;
        By = by;
        AtUtc = atUtc;
    }

    public int Id { get; private set; }
    public string FileName { get; private set; } = "";
    public int RowCount { get; private set; }
    public string By { get; private set; } = "";
    public DateTime AtUtc { get; private set; }
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
