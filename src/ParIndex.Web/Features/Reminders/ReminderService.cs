using Microsoft.EntityFrameworkCore;
using ParIndex.Domain.Assessments;
using ParIndex.Domain.Formatting;
using ParIndex.Domain.Plans;
using ParIndex.Web.Data;
using ParIndex.Web.Infrastructure.Caching;

namespace ParIndex.Web.Features.Reminders;

public enum ReminderKind { Task = 1, Report = 2, Phase = 3 }

/// <summary>One thing a user should act on, with its deadline. <see cref="Key"/> identifies it for the e-mail log.</summary>
public sealed record ReminderItem(ReminderKind Kind, string Key, string Title, DateOnly DueOn, string Url, string? UnitName)
{
    public int DaysLeft(DateOnly today) => DueOn.DayNumber - today.DayNumber;
    public bool IsOverdue(DateOnly today) => DueOn < today;

    public string When(DateOnly today)
    {
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
        _ => "Giai đoạn đánh giá",
    };
}

/// <summary>
/// Who the reminders are for: the unit a unit head answers for; editors (Office, Admin) see more; the Office also
/// answers for the tasks led by Văn phòng Sở (its own unit), even when its accounts belong to no unit.
/// </summary>
public sealed record ReminderAudience(int? UnitId, bool IsEditor, bool IsOffice = false)
{
    public static ReminderAudience Of(ParIndex.Web.Identity.CurrentUser me) => new(me.UnitId, me.IsEditor, me.IsOffice);
}

/// <summary>How many reminders are overdue and how many fall due within the window, said so that it means what it says.</summary>
public static class ReminderSentence
{
    /// <summary>"2 việc đã quá hạn và 1 việc đến hạn trong 14 ngày tới", "2 việc đã quá hạn", "1 việc đến hạn trong 14 ngày tới".</summary>
    public static string Of(IReadOnlyCollection<ReminderItem> items, DateOnly today)
    {
        var overdue = items.Count(i => i.IsOverdue(today));
        var soon = items.Count - overdue;
        var parts = new List<string>();
        if (overdue > 0) parts.Add($"{overdue} việc đã quá hạn");
        if (soon > 0) parts.Add($"{soon} việc đến hạn trong {ReminderService.WindowDays} ngày tới");
        return parts.Count == 0 ? "Không có việc nào sắp đến hạn hoặc quá hạn" : string.Join(" và ", parts);
    }
}

/// <summary>
/// Selects the reminders: open plan tasks of the user's unit whose next due date is within
/// <see cref="WindowDays"/> days or past; unsubmitted periodic reports the unit leads (all of them for editors)
/// in the same window; and, for editors, the open assessment phases ending within the window.
/// Reads everything in four queries, then serves any number of users from memory: the pages (the reminders list and
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
            .Where(p => p.ClosedAt == null && p.StartsOn <= today && p.EndsOn >= today && p.EndsOn <= horizon)
            .Join(db.Assessments, p => p.AssessmentId, a => a.Id, (p, a) => new { p.Kind, p.EndsOn, a.Year })
            .ToListAsync(ct);
        var unitRows = await db.Units.AsNoTracking().Select(u => new { u.Id, u.Code, u.Name }).ToListAsync(ct);
        var units = unitRows.ToDictionary(u => u.Id, u => u.Name);
        var office = unitRows.FirstOrDefault(u => u.Code == OfficeUnitCode)?.Id ?? unitRows.FirstOrDefault(u => u.Name == OfficeUnitName)?.Id;

        var items = new List<(int? UnitId, ReminderItem Item)>();
        foreach (var t in tasks)
        {
            var next = PlanTask.NextDue(t.DueDate, t.Dates.Select(d => (d.DueOn, d.MetOn)));
            if (next is not { } due || due > horizon) continue;
            items.Add((t.LeadUnitId, new ReminderItem(ReminderKind.Task, $"task:{t.Id}:{due:yyyyMMdd}", Short(t.Content), due,
                $"/Tasks/Mine#task-{t.Id}", units.GetValueOrDefault(t.LeadUnitId))));
        }
        foreach (var r in reports)
        {
            items.Add((r.LeadUnitId, new ReminderItem(ReminderKind.Report, $"report:{r.Id}", r.Name, r.DueOn,
                $"/Operations/Reports?year={r.Year}", units.GetValueOrDefault(r.LeadUnitId))));
        }
        foreach (var p in phases)
        {
            items.Add((null, new ReminderItem(ReminderKind.Phase, $"phase:{p.Year}:{p.Kind}",
                $"Giai đoạn {p.Kind.ToVietnamese()} năm {p.Year} kết thúc", p.EndsOn, $"/Assessments/{p.Year}", null)));
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

public sealed class ReminderSnapshot(DateOnly today, IReadOnlyList<(int? UnitId, ReminderItem Item)> items, int? officeUnitId = null)
{
    public DateOnly Today => today;

    private bool Answers(ReminderAudience audience, int? unitId) =>
        (audience.UnitId is { } u && unitId == u) || (audience.IsOffice && officeUnitId is { } o && unitId == o);

    /// <summary>The items of one audience, overdue first then by deadline.</summary>
    public IReadOnlyList<ReminderItem> For(ReminderAudience audience) => items
        .Where(i => i.Item.Kind switch
        {
            ReminderKind.Task => Answers(audience, i.UnitId),
            ReminderKind.Report => audience.IsEditor || Answers(audience, i.UnitId),
            _ => audience.IsEditor,
        })
        .Select(i => i.Item)
        .OrderBy(i => i.DueOn).ThenBy(i => i.Kind).ThenBy(i => i.Key, StringComparer.Ordinal)
        .ToList();
}
