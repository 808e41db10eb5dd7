using Microsoft.EntityFrameworkCore;
using ParIndex.Domain.Assessments;
using ParIndex.Domain.Formatting;
using ParIndex.Domain.Plans;
using ParIndex.Web.Data;
using ParIndex.Web.Infrastructure.Caching;

namespace ParIndex.Web.Features.Reminders;

public enum ReminderKind { Task = 1, Report = 2, Phase = 3, PhaseStart = 4, Explanation = 5, Approval = 6, OverdueTasks = 7 }

/// <summary>
/// One thing a user should act on, with its deadline. <see cref="Key"/> identifies it for the e-mail log.
/// <see cref="Note"/> replaces the countdown where the date is not a deadline (a plan waiting since it was submitted,
/// a phase that starts on that day).
/// </summary>
public sealed record ReminderItem(ReminderKind Kind, string Key, string Title, DateOnly DueOn, string Url, string? UnitName, string? Note = null)
{
    public int DaysLeft(DateOnly today) => DueOn.DayNumber - today.DayNumber;

    /// <summary>Past its deadline; a waiting plan or a coming phase has no deadline of its own.</summary>
    public bool IsOverdue(DateOnly today) => Kind is not (ReminderKind.Approval or ReminderKind.PhaseStart) && DueOn < today;

    public string When(DateOnly today)
    {
        if (Note is not null) return Note;
        var days = DaysLeft(today);
        return days switch
        {
            < 0 => $"Quá hạn {-days} ngày (hạn {Vn.Date(DueOn)})",
            0 => $"Hạn hôm nay ({Vn.Date(DueOn)})",
            _ => $"Còn {days} ngày (hạn {Vn.Date(DueOn)})",
        };
    }

    public string KindName => Kind switch
    {
        ReminderKind.Task => "Nhiệm vụ",
        ReminderKind.Report => "Báo cáo định kỳ",
        ReminderKind.Explanation => "Giải trình",
        ReminderKind.Approval => "Kế hoạch chờ ban hành",
        ReminderKind.OverdueTasks => "Nhiệm vụ quá hạn",
        _ => "Giai đoạn đánh giá",
    };
}

/// <summary>
/// Who the reminders are for: the unit a unit head answers for; editors (Office, Admin) see more; the Office also
/// answers for the tasks led by Văn phòng Sở (its own unit), even when its accounts belong to no unit; Leadership
/// sees what waits for it (plans to issue) and the state of the whole department (overdue tasks by unit, phases,
/// explanations owed).
/// </summary>
public sealed record ReminderAudience(int? UnitId, bool IsEditor, bool IsOffice = false, bool IsLeadership = false)
{
    public static ReminderAudience Of(ParIndex.Web.Identity.CurrentUser me) => new(me.UnitId, me.IsEditor, me.IsOffice, me.IsLeadership);
}

/// <summary>Whom an item concerns, beside the unit it belongs to.</summary>
[Flags]
public enum Concerns { Unit = 1, Editors = 2, Leadership = 4 }

/// <summary>How many reminders are overdue and how many fall due within the window, said so that it means what it says.</summary>
public static class ReminderSentence
{
    /// <summary>
    /// "2 việc đã quá hạn và 1 việc đến hạn trong 14 ngày tới", "2 việc đã quá hạn", "1 việc đến hạn trong 14 ngày tới";
    /// what has no deadline within the window (a phase running for weeks, a plan waiting for signature) is
    /// "việc khác cần theo dõi".
    /// </summary>
    public static string Of(IReadOnlyCollection<ReminderItem> items, DateOnly today)
    {
        var overdue = items.Count(i => i.IsOverdue(today));
        var soon = items.Count(i => !i.IsOverdue(today) && i.Note is null && i.DaysLeft(today) <= ReminderService.WindowDays);
        var other = items.Count - overdue - soon;
        var parts = new List<string>();
        if (overdue > 0) parts.Add($"{overdue} việc đã quá hạn");
        if (soon > 0) parts.Add($"{soon} việc đến hạn trong {ReminderService.WindowDays} ngày tới");
        if (other > 0) parts.Add($"{other} việc khác cần theo dõi");
        return parts.Count switch
        {
            0 => "Không có việc nào sắp đến hạn hoặc quá hạn",
            1 => parts[0],
            _ => string.Join(", ", parts[..^1]) + " và " + parts[^1],
        };
    }
}

/// <summary>
/// Selects the reminders:
/// - open tasks of the issued plans whose next due date is within <see cref="WindowDays"/> days or past, for their
///   unit (and the Office for Văn phòng Sở's); for Leadership, one line per unit with its overdue tasks;
/// - unsubmitted periodic reports in the same window, for their unit and the editors;
/// - assessment phases, from the day they open until they end (not only in their last days), and those starting
///   within the window, for the editors and Leadership; the publication phase is left out (nobody acts on its end);
/// - explanations owed while the explanation phase is open or about to open: each sub-criterion for its lead unit
///   and the editors, and their number for Leadership;
/// - plans submitted for signature (trình ký), for Leadership.
/// Reads everything in six queries, then serves any number of users from memory: the pages (the reminders list and
/// the banner) share one snapshot per day through <see cref="ReadCache"/>, read again after any write this process
/// makes (so a user's own change shows at once) and at most every <c>ReadCache:Seconds</c>.
/// </summary>
public sealed class ReminderService(ParIndexDbContext db, ReadCache? shared = null)
{
    public const int WindowDays = 14;

    /// <summary>The unit the Office role works for (Văn phòng Sở): its tasks are the Office's to be reminded of.</summary>
    public const string OfficeUnitCode = "VP";
    public const string OfficeUnitName = "Văn phòng Sở";

    public async Task<ReminderSnapshot> SnapshotAsync(DateOnly today, CancellationToken ct = default)
    {
        var horizon = today.AddDays(WindowDays);
        var tasks = await db.PlanTasks.AsNoTracking()
            .Where(t => t.Plan!.Status == PlanStatus.Issued && t.Status != PlanTaskStatus.Done && t.Status != PlanTaskStatus.Cancelled)
            .Select(t => new
            {
                t.Id,
                t.Content,
                t.LeadUnitId,
                t.Status,
                t.DueDate,
                t.Plan!.TargetYear,
                Dates = t.DueDates.Select(d => new { d.DueOn, d.MetOn }).ToList(),
            })
            .ToListAsync(ct);
        var reports = await db.PeriodicReports.AsNoTracking()
            .Where(r => r.SubmittedOn == null && r.DueOn <= horizon)
            .Select(r => new { r.Id, r.Name, r.Year, r.DueOn, r.LeadUnitId }).ToListAsync(ct);
        var phases = await db.AssessmentPhases.AsNoTracking()
            .Where(p => p.ClosedAt == null && p.Kind != PhaseKind.Published && p.StartsOn <= horizon && p.EndsOn >= today)
            .Join(db.Assessments, p => p.AssessmentId, a => a.Id, (p, a) => new { p.Kind, p.StartsOn, p.EndsOn, a.Year })
            .ToListAsync(ct);
        var owed = await (
            from score in db.Scores.AsNoTracking()
            where score.ExplanationRequired && (score.Explanation == null || score.Explanation == "")
            join a in db.Assessments on score.AssessmentId equals a.Id
            join sub in db.SubCriteria on score.SubCriterionId equals sub.Id
            join p in db.AssessmentPhases on a.Id equals p.AssessmentId
            where p.Kind == PhaseKind.Explanation && p.ClosedAt == null && p.StartsOn <= horizon && p.EndsOn >= today
            select new { a.Year, sub.Id, sub.Code, sub.Name, sub.LeadUnitId, p.EndsOn }).ToListAsync(ct);
        var submitted = await db.Plans.AsNoTracking().Where(p => p.Status == PlanStatus.Submitted)
            .Select(p => new { p.Id, p.TargetYear, p.SubmittedAt }).ToListAsync(ct);
        var unitRows = await db.Units.AsNoTracking().Select(u => new { u.Id, u.Code, u.Name, u.SortOrder }).ToListAsync(ct);
        var units = unitRows.ToDictionary(u => u.Id, u => u.Name);
        var office = unitRows.FirstOrDefault(u => u.Code == OfficeUnitCode)?.Id ?? unitRows.FirstOrDefault(u => u.Name == OfficeUnitName)?.Id;

        var items = new List<(int? UnitId, Concerns Who, ReminderItem Item)>();
        var overdueByUnit = new Dictionary<(int Unit, int Year), (int Count, DateOnly First)>();
        foreach (var t in tasks)
        {
            var next = PlanTask.NextDue(t.DueDate, t.Dates.Select(d => (d.DueOn, d.MetOn)));
            if (next is not { } due || due > horizon) continue;
            items.Add((t.LeadUnitId, Concerns.Unit, new ReminderItem(ReminderKind.Task, $"task:{t.Id}:{due:yyyyMMdd}", Short(t.Content), due,
                $"/Tasks/Mine#task-{t.Id}", units.GetValueOrDefault(t.LeadUnitId))));
            if (due >= today) continue;
            var key = (t.LeadUnitId, t.TargetYear);
            overdueByUnit[key] = overdueByUnit.TryGetValue(key, out var o) ? (o.Count + 1, due < o.First ? due : o.First) : (1, due);
        }
        foreach (var ((unit, year), (count, first)) in overdueByUnit.OrderBy(x => unitRows.FirstOrDefault(u => u.Id == x.Key.Unit)?.SortOrder ?? 0))
        {
            items.Add((unit, Concerns.Leadership, new ReminderItem(ReminderKind.OverdueTasks, $"overdue:{year}:{unit}",
                $"{count} nhiệm vụ quá hạn của Kế hoạch năm {year}", first, $"/Plans/{year}?Unit={unit}&Status=Overdue", units.GetValueOrDefault(unit))));
        }
        foreach (var r in reports)
        {
            items.Add((r.LeadUnitId, Concerns.Unit | Concerns.Editors, new ReminderItem(ReminderKind.Report, $"report:{r.Id}", r.Name, r.DueOn,
                $"/Operations/Reports?year={r.Year}", units.GetValueOrDefault(r.LeadUnitId))));
        }
        foreach (var p in phases)
        {
            items.Add(p.StartsOn > today
                ? (null, Concerns.Editors | Concerns.Leadership, new ReminderItem(ReminderKind.PhaseStart, $"phase-start:{p.Year}:{p.Kind}",
                    $"Giai đoạn {p.Kind.ToVietnamese()} năm {p.Year} sắp bắt đầu", p.StartsOn, $"/Assessments/{p.Year}", null,
                    $"Bắt đầu ngày {Vn.Date(p.StartsOn)}, kết thúc ngày {Vn.Date(p.EndsOn)}"))
                : (null, Concerns.Editors | Concerns.Leadership, new ReminderItem(ReminderKind.Phase, $"phase:{p.Year}:{p.Kind}",
                    $"Giai đoạn {p.Kind.ToVietnamese()} năm {p.Year} đang diễn ra, kết thúc ngày {Vn.Date(p.EndsOn)}", p.EndsOn, $"/Assessments/{p.Year}", null)));
        }
        foreach (var e in owed.OrderBy(e => e.Code, StringComparer.Ordinal))
        {
            items.Add((e.LeadUnitId, Concerns.Unit | Concerns.Editors, new ReminderItem(ReminderKind.Explanation, $"explain:{e.Year}:{e.Id}",
                $"Giải trình tiêu chí thành phần {e.Code} – {Short(e.Name)}", e.EndsOn, $"/Assessments/{e.Year}/Explanations",
                e.LeadUnitId is { } u ? units.GetValueOrDefault(u) : null)));
        }
        foreach (var year in owed.GroupBy(e => (e.Year, e.EndsOn)))
        {
            items.Add((null, Concerns.Leadership, new ReminderItem(ReminderKind.Explanation, $"explain:{year.Key.Year}",
                $"{year.Count()} tiêu chí thành phần năm {year.Key.Year} chưa có giải trình", year.Key.EndsOn,
                $"/Assessments/{year.Key.Year}/Explanations", null)));
        }
        foreach (var p in submitted)
        {
            var on = p.SubmittedAt is { } at ? DateOnly.FromDateTime(at + ParIndex.Web.Infrastructure.Clock.VietnamOffset) : today;
            items.Add((null, Concerns.Leadership, new ReminderItem(ReminderKind.Approval, $"approve:{p.Id}",
                $"Kế hoạch cải thiện Chỉ số CCHC năm {p.TargetYear} chờ Lãnh đạo Sở ban hành", on, $"/Plans/{p.TargetYear}", null,
                $"Trình ký ngày {Vn.Date(on)}")));
        }
        return new ReminderSnapshot(today, items, office);
    }

    public async Task<IReadOnlyList<ReminderItem>> ForAsync(ReminderAudience audience, DateOnly today, CancellationToken ct = default) =>
        (await SharedSnapshotAsync(today, ct)).For(audience);

    private async Task<ReminderSnapshot> SharedSnapshotAsync(DateOnly today, CancellationToken ct)
    {
        if (shared is null) return await SnapshotAsync(today, ct);
        return await shared.GetAsync($"reminders:{today:yyyy-MM-dd}",
            services => new ReminderService(services.GetRequiredService<ParIndexDbContext>()).SnapshotAsync(today, CancellationToken.None), ct);
    }

    private static string Short(string text) => text.Length <= 160 ? text : text[..157] + "…";
}

public sealed class ReminderSnapshot(DateOnly today, IReadOnlyList<(int? UnitId, Concerns Who, ReminderItem Item)> items, int? officeUnitId = null)
{
    public DateOnly Today => today;

    private bool Answers(ReminderAudience audience, int? unitId) =>
        (audience.UnitId is { } u && unitId == u) || (audience.IsOffice && officeUnitId is { } o && unitId == o);

    /// <summary>The items of one audience, overdue first then by deadline.</summary>
    public IReadOnlyList<ReminderItem> For(ReminderAudience audience) => items
        .Where(i => (i.Who.HasFlag(Concerns.Unit) && Answers(audience, i.UnitId))
            || (i.Who.HasFlag(Concerns.Editors) && audience.IsEditor)
            || (i.Who.HasFlag(Concerns.Leadership) && audience.IsLeadership))
        .Select(i => i.Item)
        .OrderBy(i => i.DueOn).ThenBy(i => i.Kind).ThenBy(i => i.Key, StringComparer.Ordinal)
        .ToList();
}
