using Microsoft.EntityFrameworkCore;
using ParIndex.Domain.Plans;
using ParIndex.Web.Data;
using ParIndex.Web.Features.Exports;
using ParIndex.Web.Features.Operations;

namespace ParIndex.Web.Features.Plans;

/// <summary>
/// A reporting period of the year's periodic CCHC reports (quý I, 6 tháng, quý III, năm): the report on the plan's
/// progress states each task as it stood at the period's end (or today, while the period runs).
/// </summary>
public sealed record ReportPeriod(string Code, int Year)
{
    /// <summary>The periods the reports page offers, with the codes <see cref="ReportService.PeriodName"/> names.</summary>
    public static readonly IReadOnlyList<string> Codes = ["Q1", "H1", "Q3", "Annual"];

    public static ReportPeriod? Parse(string? code, int year) =>
        Codes.FirstOrDefault(c => string.Equals(c, code?.Trim(), StringComparison.OrdinalIgnoreCase)) is { } known ? new(known, year) : null;

    public DateOnly End => Code switch
    {
        "Q1" => new DateOnly(Year, 3, 31),
        "H1" => new DateOnly(Year, 6, 30),
        "Q3" => new DateOnly(Year, 9, 30),
        _ => new DateOnly(Year, 12, 31),
    };

    /// <summary>"Quý I", "6 tháng", "Quý III", "Năm" (the reports page's names).</summary>
    public string Name => ReportService.PeriodName(Code);

    /// <summary>As a report's title says it: "quý I năm 2023", "6 tháng đầu năm 2023", "quý III năm 2023", "năm 2023".</summary>
    public string Phrase => Code switch
    {
        "Q1" => $"quý I năm {Year}",
        "H1" => $"6 tháng đầu năm {Year}",
        "Q3" => $"quý III năm {Year}",
        _ => $"năm {Year}",
    };

    public string Slug => Code.ToLowerInvariant();
}

/// <summary>
/// A task as it stood on the report's date: its status (the last change made by then, or "đang thực hiện" once
/// progress was reported), percentage, the latest result reported, its evidence.
/// </summary>
public sealed record ProgressTask(
    int Number, ExportTask Task, string Group, PlanTaskStatus Status, int Percent, bool IsOverdue, DateOnly? NextDue, string? Result,
    IReadOnlyList<string> Evidence, string? Reason)
{
    /// <summary>The status in words, "quá hạn" added to an open task past a due date.</summary>
    public string StatusText => IsOverdue ? $"{Status.ToVietnamese()} (quá hạn)" : Status.ToVietnamese();
}

/// <summary>A lead unit's tasks counted by their status on the report's date.</summary>
public sealed record ProgressUnit(string Unit, int Total, int Done, int InProgress, int NotStarted, int Cancelled, int Overdue);

public sealed record ProgressReport(PlanExport Plan, ReportPeriod Period, DateOnly AsOf, IReadOnlyList<ProgressTask> Tasks)
{
    /// <summary>Per lead unit, in the order the units first lead a task of the plan (the appendix's order).</summary>
    public IReadOnlyList<ProgressUnit> Units() =>
        Tasks.GroupBy(t => t.Task.LeadUnit)
            .Select(g => new ProgressUnit(g.Key, g.Count(), g.Count(t => t.Status == PlanTaskStatus.Done),
                g.Count(t => t.Status == PlanTaskStatus.InProgress), g.Count(t => t.Status == PlanTaskStatus.NotStarted),
                g.Count(t => t.Status == PlanTaskStatus.Cancelled), g.Count(t => t.IsOverdue)))
            .ToList();

    public int Count(PlanTaskStatus status) => Tasks.Count(t => t.Status == status);
    public int Overdue => Tasks.Count(t => t.IsOverdue);

    /// <summary>Tasks still open whose next due date falls in the next three months: the work of the coming period.</summary>
    public IReadOnlyList<ProgressTask> Upcoming() =>
        Tasks.Where(t => t.Status is PlanTaskStatus.NotStarted or PlanTaskStatus.InProgress && !t.IsOverdue
                         && t.NextDue is { } d && d > AsOf && d <= AsOf.AddMonths(3))
            .OrderBy(t => t.NextDue).ToList();
}

/// <summary>
/// Reads the progress report of a plan for a period: the plan as <see cref="PlanExportReader"/> reads it, plus two
/// queries (every task's history, every due date's delivery), whatever the number of tasks.
/// </summary>
public static class ProgressReportReader
{
    public static async Task<ProgressReport?> ReadAsync(ParIndexDbContext db, PlanExportReader plans, int year, string? periodCode,
        DateOnly today, CancellationToken ct = default)
    {
        if (ReportPeriod.Parse(periodCode, year) is not { } period) return null;
        if (await plans.ReadAsync(year, today, ct) is not { } plan) return null;
        var asOf = period.End < today ? period.End : today;

        var history = await (
            from entry in db.TaskProgress.AsNoTracking()
            join task in db.PlanTasks on entry.PlanTaskId equals task.Id
            where task.PlanId == plan.PlanId && entry.Date <= asOf
            select new
            {
                entry.PlanTaskId,
                entry.Date,
                entry.AtUtc,
                entry.Id,
                entry.Note,
                entry.Percent,
                entry.StatusTo,
                entry.EvidenceUrl,
                entry.EvidenceFileName,
            }).ToListAsync(ct);
        var dueDates = await (
            from due in db.Set<PlanTaskDueDate>().AsNoTracking()
            join task in db.PlanTasks on due.PlanTaskId equals task.Id
            where task.PlanId == plan.PlanId
            select new { due.PlanTaskId, due.DueOn, due.MetOn }).ToListAsync(ct);

        var historyByTask = history.OrderBy(e => e.Date).ThenBy(e => e.AtUtc).ThenBy(e => e.Id).ToLookup(e => e.PlanTaskId);
        var dueByTask = dueDates.ToLookup(d => d.PlanTaskId);
        var rows = new List<ProgressTask>();
        var number = 0;
        foreach (var group in plan.Groups())
        {
            foreach (var task in group.Tasks)
            {
                var entries = historyByTask[task.Id].ToList();
                // The last status change by then; a task with progress reported but no change yet is under way.
                var status = entries.LastOrDefault(e => e.StatusTo is not null)?.StatusTo
                             ?? (entries.Count > 0 ? PlanTaskStatus.InProgress : PlanTaskStatus.NotStarted);
                var percent = status == PlanTaskStatus.Done ? 100 : entries.LastOrDefault(e => e.Percent is not null)?.Percent ?? 0;
                var due = dueByTask[task.Id].Select(d => (d.DueOn, MetOn: d.MetOn is { } met && met <= asOf ? d.MetOn : null)).ToList();
                var overdue = PlanTask.IsOverdue(status, task.DueDate, due, asOf);
                var result = entries.LastOrDefault(e => !string.IsNullOrWhiteSpace(e.Note))?.Note;
                var evidence = entries.Select(e => e.EvidenceUrl ?? e.EvidenceFileName).Where(e => !string.IsNullOrWhiteSpace(e))
                    .Select(e => e!).Distinct().ToList();
                string? reason = null;
                if (overdue)
                    reason = result ?? $"Chưa có báo cáo tiến độ đến {Nd30.Long(asOf)}.";
                else if (status == PlanTaskStatus.Cancelled)
                    reason = entries.LastOrDefault(e => e.StatusTo == PlanTaskStatus.Cancelled)?.Note;
                rows.Add(new ProgressTask(++number, task, group.Title, status, percent, overdue, PlanTask.NextDue(task.DueDate, due), result,
                    evidence, reason));
            }
        }
        return new ProgressReport(plan, period, asOf, rows);
    }
}
