namespace ParIndex.Domain.Assessments;

/// <summary>
/// The assessment of one year against that year's framework. Its phases decide which figures may change
/// on a given day; scores live in <see cref="SubCriterionScore"/>.
/// </summary>
public class Assessment
{
    private Assessment() { }

    public Assessment(int frameworkId, int year)
    {
        FrameworkId = frameworkId;
        Year = year;
    }

    public int Id { get; private set; }
    public int FrameworkId { get; private set; }
    public int Year { get; private set; }
    private readonly List<AssessmentPhase> _phases = [];
    private readonly List<PhaseChange> _phaseChanges = [];

    /// <summary>Changed only through <see cref="PlanPhases"/>, <see cref="Close"/>, <see cref="Reopen"/> and <see cref="Reschedule"/>.</summary>
    public IReadOnlyCollection<AssessmentPhase> Phases => _phases.AsReadOnly();
    /// <summary>Every close, reopen and reschedule, with who and when.</summary>
    public IReadOnlyCollection<PhaseChange> PhaseChanges => _phaseChanges.AsReadOnly();

    public AssessmentPhase Phase(PhaseKind kind) =>
        Phases.FirstOrDefault(p => p.Kind == kind)
        ?? throw new DomainException($"Năm {Year} chưa có giai đoạn {kind.ToVietnamese()}.");

    /// <summary>
    /// Creates the five phases with their windows (used when a year is opened): self-assessment from
    /// <paramref name="selfStart"/> to <paramref name="selfEnd"/>, then each later phase from the day after the previous
    /// one ends, and the publication from <paramref name="publishedOn"/>. The dates must follow one another (each phase at
    /// least one day, none overlapping); the first one out of order is refused with its <see cref="PhaseCalendar"/> field.
    /// </summary>
    public void PlanPhases(DateOnly selfStart, DateOnly selfEnd, DateOnly round1End, DateOnly explanationEnd,
        DateOnly round2End, DateOnly publishedOn)
    {
        if (Phases.Count > 0) throw new DomainException("Các giai đoạn đã được thiết lập.");
        if (selfEnd < selfStart)
            throw new DomainException($"Ngày kết thúc tự đánh giá, chấm điểm không được trước ngày bắt đầu ({Day(selfStart)}).", nameof(PhaseCalendar.SelfEnd));
        if (round1End <= selfEnd)
            throw new DomainException($"Ngày kết thúc thẩm định vòng 1 phải sau ngày kết thúc tự đánh giá, chấm điểm ({Day(selfEnd)}).", nameof(PhaseCalendar.Round1End));
        if (explanationEnd <= round1End)
            throw new DomainException($"Ngày kết thúc giải trình phải sau ngày kết thúc thẩm định vòng 1 ({Day(round1End)}).", nameof(PhaseCalendar.ExplanationEnd));
        if (round2End <= explanationEnd)
            throw new DomainException($"Ngày kết thúc thẩm định vòng 2 phải sau ngày kết thúc giải trình ({Day(explanationEnd)}).", nameof(PhaseCalendar.Round2End));
        if (publishedOn <= round2End)
            throw new DomainException($"Ngày công bố kết quả phải sau ngày kết thúc thẩm định vòng 2 ({Day(round2End)}).", nameof(PhaseCalendar.PublishedOn));
        _phases.Add(new AssessmentPhase(PhaseKind.SelfAssessment, selfStart, selfEnd));
        _phases.Add(new AssessmentPhase(PhaseKind.Appraisal1, selfEnd.AddDays(1), round1End));
        _phases.Add(new AssessmentPhase(PhaseKind.Explanation, round1End.AddDays(1), explanationEnd));
        _phases.Add(new AssessmentPhase(PhaseKind.Appraisal2, explanationEnd.AddDays(1), round2End));
        _phases.Add(new AssessmentPhase(PhaseKind.Published, publishedOn, publishedOn.AddYears(1)));
    }

    /// <summary>Creates the five phases from a calendar (<see cref="PlanPhases(DateOnly, DateOnly, DateOnly, DateOnly, DateOnly, DateOnly)"/>).</summary>
    public void PlanPhases(PhaseCalendar calendar) => PlanPhases(calendar.SelfStart, calendar.SelfEnd, calendar.Round1End,
        calendar.ExplanationEnd, calendar.Round2End, calendar.PublishedOn);

    public bool IsOpen(PhaseKind kind, DateOnly today) =>
        Phases.FirstOrDefault(p => p.Kind == kind)?.IsOpen(today) ?? false;

    /// <summary>The phase open today, if any (the earliest when windows overlap).</summary>
    public AssessmentPhase? CurrentPhase(DateOnly today) =>
        Phases.OrderBy(p => p.Kind).FirstOrDefault(p => p.IsOpen(today));

    public static string LockedMessage(PhaseKind kind, AssessmentPhase? phase, DateOnly today)
    {
        var name = kind.ToVietnamese();
        if (phase is null) return $"Giai đoạn {name} chưa được thiết lập nên không thể thay đổi.";
        if (phase.ClosedAt is not null) return $"Giai đoạn {name} đã bị khóa; không thể thay đổi.";
        if (today < phase.StartsOn) return $"Giai đoạn {name} chưa mở (bắt đầu {phase.StartsOn:dd/MM/yyyy}); không thể thay đổi.";
        return $"Giai đoạn {name} đã kết thúc ngày {phase.EndsOn:dd/MM/yyyy} nên đã khóa; không thể thay đổi.";
    }

    public void Close(PhaseKind kind, string by, DateTime atUtc)
    {
        var phase = Phase(kind);
        phase.Close(atUtc);
        _phaseChanges.Add(new PhaseChange(kind, PhaseAction.Close, null, by, atUtc));
    }

    /// <summary>
    /// New dates for a phase, recorded like a close or a reopen (the new window as the entry's text). Refused when the
    /// new window overlaps another phase's: the message names both (issue 19: overlapping phases were accepted silently).
    /// </summary>
    public void Reschedule(PhaseKind kind, DateOnly startsOn, DateOnly endsOn, string by, DateTime atUtc)
    {
        var phase = Phase(kind);
        if (endsOn < startsOn) throw new DomainException("Ngày kết thúc phải sau ngày bắt đầu.");
        var clash = Phases.Where(p => p.Kind != kind && startsOn <= p.EndsOn && p.StartsOn <= endsOn).OrderBy(p => p.Kind).FirstOrDefault();
        if (clash is not null)
        {
            throw new DomainException($"Không đổi được thời gian: giai đoạn {kind.ToVietnamese()} ({Window(startsOn, endsOn)}) trùng với giai đoạn "
                + $"{clash.Kind.ToVietnamese()} ({Window(clash.StartsOn, clash.EndsOn)}). Các giai đoạn không được chồng lên nhau.");
        }
        phase.Reschedule(startsOn, endsOn);
        _phaseChanges.Add(new PhaseChange(kind, PhaseAction.Reschedule, Window(startsOn, endsOn), by, atUtc));
    }

    private static string Window(DateOnly startsOn, DateOnly endsOn) =>
        FormattableString.Invariant($"{startsOn:dd/MM/yyyy} – {endsOn:dd/MM/yyyy}");

    /// <summary>
    /// Opens a phase whose start is still to come today ("Mở ngay"), recorded. Earlier phases still running end the
    /// day before (or are closed when they began today); a phase before it that has not started yet is a refusal.
    /// </summary>
    public void OpenNow(PhaseKind kind, DateOnly today, string by, DateTime atUtc)
    {
        var phase = Phase(kind);
        if (phase.StartsOn <= today)
        {
            throw new DomainException($"Giai đoạn {kind.ToVietnamese()} đã bắt đầu ngày {Day(phase.StartsOn)}; không cần mở ngay.");
        }
        var notStarted = Phases.Where(p => p.Kind < kind && p.StartsOn > today).OrderBy(p => p.Kind).FirstOrDefault();
        if (notStarted is not null)
        {
            throw new DomainException($"Không mở ngay được giai đoạn {kind.ToVietnamese()}: giai đoạn {notStarted.Kind.ToVietnamese()} "
                + $"trước đó chưa bắt đầu (bắt đầu ngày {Day(notStarted.StartsOn)}).");
        }
        foreach (var earlier in Phases.Where(p => p.Kind < kind && p.EndsOn >= today).OrderBy(p => p.Kind).ToList())
        {
            if (earlier.StartsOn < today)
            {
                earlier.Reschedule(earlier.StartsOn, today.AddDays(-1));
                _phaseChanges.Add(new PhaseChange(earlier.Kind, PhaseAction.Reschedule, Window(earlier.StartsOn, earlier.EndsOn), by, atUtc));
            }
            else if (earlier.ClosedAt is null)
            {
                Close(earlier.Kind, by, atUtc);
            }
        }
        var planned = phase.StartsOn;
        phase.OpenNow(today);
        _phaseChanges.Add(new PhaseChange(kind, PhaseAction.OpenNow,
            $"Mở ngay từ {Day(today)} (dự kiến bắt đầu {Day(planned)}), đến hết ngày {Day(phase.EndsOn)}", by, atUtc));
    }

    private static string Day(DateOnly day) => FormattableString.Invariant($"{day:dd/MM/yyyy}");

    /// <summary>
    /// What reopening a phase would unlock once a later phase has run (its start has come): the sentence the Office
    /// must confirm ("Mở lại sẽ cho phép sửa điểm tự đánh giá sau khi đã có kết quả thẩm định vòng 1"); null when no later
    /// phase has started, so reopening needs no confirmation.
    /// </summary>
    public string? ReopenUnlocks(PhaseKind kind, DateOnly today)
    {
        var later = Phases.Where(p => p.Kind > kind && p.StartsOn <= today).OrderByDescending(p => p.Kind).FirstOrDefault();
        if (later is null) return null;
        var what = kind switch
        {
            PhaseKind.SelfAssessment => "điểm tự đánh giá",
            PhaseKind.Appraisal1 => "điểm thẩm định vòng 1",
            PhaseKind.Explanation => "nội dung giải trình",
            PhaseKind.Appraisal2 => "điểm thẩm định vòng 2",
            _ => "kết quả công bố",
        };
        var after = later.Kind switch
        {
            PhaseKind.Appraisal1 => "kết quả thẩm định vòng 1",
            PhaseKind.Explanation => "giải trình",
            PhaseKind.Appraisal2 => "kết quả thẩm định vòng 2",
            _ => "kết quả công bố",
        };
        return $"Mở lại sẽ cho phép sửa {what} sau khi đã có {after}";
    }

    /// <summary>
    /// The round new evidence belongs to today: the self-assessment while it is open, the explanation while that is
    /// open; none otherwise (evidence cannot be added).
    /// </summary>
    public static EvidenceRound? EvidenceRoundOpen(IEnumerable<AssessmentPhase> phases, DateOnly today)
    {
        var open = phases.Where(p => p.IsOpen(today)).Select(p => p.Kind).ToList();
        return open.Contains(PhaseKind.SelfAssessment) ? EvidenceRound.Self
            : open.Contains(PhaseKind.Explanation) ? EvidenceRound.Explanation
            : null;
    }

    /// <summary>
    /// Why the Office cannot change the explanation list today (add a sub-criterion to dispute a point, or drop one):
    /// only while appraisal round 1 or the explanation is open; null when it can.
    /// </summary>
    public string? ExplanationListLocked(DateOnly today) =>
        IsOpen(PhaseKind.Appraisal1, today) || IsOpen(PhaseKind.Explanation, today)
            ? null
            : "Chỉ thay đổi được danh sách giải trình khi giai đoạn thẩm định vòng 1 hoặc giải trình đang mở.";

    /// <summary>
    /// Reopening needs a reason; the window may be extended so the phase is open again. After a later phase has run,
    /// it also needs the Office's explicit confirmation of what it unlocks (<see cref="ReopenUnlocks"/>), recorded with
    /// the reason.
    /// </summary>
    public void Reopen(PhaseKind kind, string reason, DateOnly until, DateOnly today, bool confirmed, string by, DateTime atUtc)
    {
        if (string.IsNullOrWhiteSpace(reason)) throw new DomainException("Vui lòng nêu lý do mở lại.");
        var phase = Phase(kind);
        var unlocks = ReopenUnlocks(kind, today);
        if (unlocks is not null && !confirmed)
        {
            throw new DomainException($"{unlocks}. Hãy đánh dấu ô xác nhận nếu vẫn muốn mở lại giai đoạn {kind.ToVietnamese()}.");
        }
        phase.Reopen(until);
        _phaseChanges.Add(new PhaseChange(kind, PhaseAction.Reopen, reason.Trim(), by, atUtc) { Unlocks = unlocks });
    }
}

/// <summary>
/// The six dates that plan a year's five phases (<see cref="Assessment.PlanPhases(PhaseCalendar)"/>): when the
/// self-assessment (tự đánh giá, chấm điểm) starts and ends, when appraisal round 1 (thẩm định vòng 1), the explanation
/// (giải trình) and appraisal round 2 end, and when the result is published (công bố).
/// </summary>
public sealed record PhaseCalendar(DateOnly SelfStart, DateOnly SelfEnd, DateOnly Round1End, DateOnly ExplanationEnd,
    DateOnly Round2End, DateOnly PublishedOn)
{
    /// <summary>
    /// The department's usual cycle for year <paramref name="year"/>, as 2022's ran: self-assessment from 01/12 of the year
    /// to 15/01 of the next, appraisal round 1 to 10/02, explanation to 20/02, round 2 to 01/03, results published 10/03.
    /// </summary>
    public static PhaseCalendar UsualFor(int year) => new(new DateOnly(year, 12, 1), new DateOnly(year + 1, 1, 15),
        new DateOnly(year + 1, 2, 10), new DateOnly(year + 1, 2, 20), new DateOnly(year + 1, 3, 1), new DateOnly(year + 1, 3, 10));
}

public enum PhaseKind { SelfAssessment = 1, Appraisal1 = 2, Explanation = 3, Appraisal2 = 4, Published = 5 }

public enum PhaseAction { Close = 1, Reopen = 2, Reschedule = 3, OpenNow = 4 }

public static class PhaseKindNames
{
    public static string ToVietnamese(this PhaseKind kind) => kind switch
    {
        PhaseKind.SelfAssessment => "tự đánh giá",
        PhaseKind.Appraisal1 => "thẩm định vòng 1",
        PhaseKind.Explanation => "giải trình",
        PhaseKind.Appraisal2 => "thẩm định vòng 2",
        PhaseKind.Published => "công bố kết quả",
        _ => kind.ToString(),
    };
}

public class AssessmentPhase
{
    private AssessmentPhase() { }

    public AssessmentPhase(PhaseKind kind, DateOnly startsOn, DateOnly endsOn)
    {
        if (endsOn < startsOn) throw new DomainException("Ngày kết thúc phải sau ngày bắt đầu.");
        Kind = kind;
        StartsOn = startsOn;
        EndsOn = endsOn;
    }

    public int Id { get; private set; }
    public int AssessmentId { get; private set; }
    public PhaseKind Kind { get; private set; }
    public DateOnly StartsOn { get; private set; }
    public DateOnly EndsOn { get; private set; }
    /// <summary>Set when the office closed the phase explicitly, before or after its end date.</summary>
    public DateTime? ClosedAt { get; private set; }
    /// <summary>
    /// Concurrency token: a new value on every change of the phase, so a close, reopen, "mở ngay" or reschedule posted
    /// from a page rendered before another change is refused instead of acting on dates it never showed.
    /// </summary>
    public Guid Version { get; private set; } = Guid.NewGuid();

    public bool IsOpen(DateOnly today) => ClosedAt is null && today >= StartsOn && today <= EndsOn;

    public int DaysLeft(DateOnly today) => EndsOn.DayNumber - today.DayNumber;

    public void Reschedule(DateOnly startsOn, DateOnly endsOn)
    {
        if (endsOn < startsOn) throw new DomainException("Ngày kết thúc phải sau ngày bắt đầu.");
        StartsOn = startsOn;
        EndsOn = endsOn;
        Version = Guid.NewGuid();
    }

    /// <summary>Starts today instead of the planned day (the end stays).</summary>
    internal void OpenNow(DateOnly today)
    {
        StartsOn = today;
        ClosedAt = null;
        Version = Guid.NewGuid();
    }

    internal void Close(DateTime atUtc)
    {
        if (ClosedAt is not null) throw new DomainException($"Giai đoạn {Kind.ToVietnamese()} đã được khóa trước đó.");
        ClosedAt = atUtc;
        Version = Guid.NewGuid();
    }

    /// <summary>Open again until the end date given, earlier or later than the planned one (issue 19: it was ignored when earlier).</summary>
    internal void Reopen(DateOnly until)
    {
        if (until < StartsOn) throw new DomainException("Ngày mở đến phải sau ngày bắt đầu giai đoạn.");
        ClosedAt = null;
        EndsOn = until;
        Version = Guid.NewGuid();
    }
}

/// <summary>An explicit close or reopen of a phase, with who did it and why.</summary>
public class PhaseChange
{
    private PhaseChange() { }

    public PhaseChange(PhaseKind kind, PhaseAction action, string? reason, string by, DateTime atUtc)
    {
        Kind = kind;
        Action = action;
        Reason = reason;
        By = by;
        AtUtc = atUtc;
    }

    public int Id { get; private set; }
    public int AssessmentId { get; private set; }
    public PhaseKind Kind { get; private set; }
    public PhaseAction Action { get; private set; }
    public string? Reason { get; private set; }
    public string By { get; private set; } = "";
    public DateTime AtUtc { get; private set; }
    /// <summary>For a reopen after a later phase had run: what the Office confirmed it unlocks.</summary>
    public string? Unlocks { get; init; }
}
