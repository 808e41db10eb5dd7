using Microsoft.EntityFrameworkCore;
using ParIndex.Domain.Accountability;
using ParIndex.Domain.Assessments;
using ParIndex.Domain.Operations;
using ParIndex.Domain.Plans;
using ParIndex.Web.Data;
using ParIndex.Web.Features.Assessments;

namespace ParIndex.Web.Features.Plans;

/// <summary>Everything the plan's document and appendix workbook show, read once.</summary>
public sealed record PlanExport(
    int TargetYear, int BaseYear, string? Number, string Place, DateOnly? PlanDate, string Agency, string ParentAgency,
    string SignerTitle, string SignerName, string Recipients, string Evaluation, string Purpose, string Requirements,
    string Organisation, PlanStatus Status, IReadOnlyList<ExportTask> Tasks, IReadOnlyList<ExportDossier> LateDossiers,
    IReadOnlyList<ExportUnitLoss> UnitLosses)
{
    /// <summary>Tasks grouped by the area of their first target sub-criterion, in area order; tasks without a target last.</summary>
    public IReadOnlyList<ExportTaskGroup> Groups() =>
        Tasks.GroupBy(t => (t.AreaCode, t.AreaName))
            .OrderBy(g => g.Key.AreaCode is null ? 1 : 0)
            .ThenBy(g => g.Key.AreaCode ?? "", CodeComparer.Instance)
            .Select(g => new ExportTaskGroup(g.Key.AreaCode, g.Key.AreaName, g.ToList()))
            .ToList();
}

public sealed record ExportTaskGroup(string? AreaCode, string? AreaName, IReadOnlyList<ExportTask> Tasks)
{
    public string Title => AreaCode is null ? "Nhiệm vụ khác" : $"Lĩnh vực {AreaCode}: {AreaName}";
}

public sealed record ExportTask(
    int Id, int SortOrder, string Content, string LeadUnit, IReadOnlyList<string> CoordinatingUnits,
    IReadOnlyList<string> TargetCodes, string? AreaCode, string? AreaName, DateOnly? DueDate, Recurrence Recurrence,
    IReadOnlyList<DateOnly> DueDates, string? ExpectedOutput, PlanTaskStatus Status);

/// <summary>A unit's points lost in the base year (from the year's one split), with the sub-criteria it lost them on.</summary>
public sealed record ExportUnitLoss(string Unit, decimal Points, IReadOnlyList<ExportLossItem> Items)
{
        /// <summary>A year's points lost per unit, in the units' order (none when the year was not assessed): the rows every
        /// export of the split writes (the plan's PDF and appendix workbook, the scores workbook).</summary>
        public static List<ExportUnitLoss> From(AssessmentView? view)
        {
            if (view is null) return [];
            var account = view.Losses.Account;
            var lines = view.Sheet.Lines.ToDictionary(l => l.SubCriterionId);
            return account.Units.OrderBy(u => view.UnitOrder(u.UnitId))
                .Select(u => new ExportUnitLoss(u.UnitId is null ? "Chưa giao đơn vị" : view.UnitName(u.UnitId), u.Points,
                    u.Items.Select(x => new ExportLossItem(lines[x.SubCriterionId].Code, lines[x.SubCriterionId].Name, x.Points,
                            account.For(x.SubCriterionId)!.Basis.ToVietnamese()))
                        .OrderBy(x => x.Code, CodeComparer.Instance).ToList()))
                .ToList();
        }
}

public sealed record ExportLossItem(string Code, string Name, decimal Points, string Basis);

public sealed record ExportDossier(
    string Code, string Procedure, string Unit, int UnitSortOrder, DateOnly ReceivedOn, DateOnly DueOn, DateOnly? ReturnedOn,
    int DaysLate, string? Note);

/// <summary>
/// Reads a plan for export in a fixed number of queries (plan, tasks, targets, coordinators, due dates, units,
/// late dossiers), whatever the number of tasks, projecting to rows without tracking.
/// </summary>
public sealed class PlanExportReader(ParIndexDbContext db)
{
    public async Task<PlanExport?> ReadAsync(int targetYear, DateOnly today, CancellationToken ct = default)
    {
        var plan = await db.Plans.AsNoTracking().Where(p => p.TargetYear == targetYear)
            .Select(p => new
            {
                p.Id, p.TargetYear, p.BaseYear, p.Number, p.Place, p.PlanDate, p.Agency, p.ParentAgency, p.SignerTitle, p.SignerName,
                p.Recipients, p.Evaluation, p.Purpose, p.Requirements, p.Organisation, p.Status,
            })
            .SingleOrDefaultAsync(ct);
        if (plan is null) return null;

        var tasks = await db.PlanTasks.AsNoTracking().Where(t => t.PlanId == plan.Id)
            .OrderBy(t => t.SortOrder).ThenBy(t => t.Id)
            .Select(t => new { t.Id, t.SortOrder, t.Content, t.LeadUnitId, t.ExpectedOutput, t.DueDate, t.Recurrence, t.Status })
            .ToListAsync(ct);

        var targets = await (
            from task in db.PlanTasks.AsNoTracking()
            where task.PlanId == plan.Id
            join target in db.Set<PlanTaskTarget>() on task.Id equals target.PlanTaskId
            join sub in db.SubCriteria on target.SubCriterionId equals sub.Id
            join criterion in db.Criteria on sub.CriterionId equals criterion.Id
            join area in db.Areas on criterion.AreaId equals area.Id
            select new { TaskId = task.Id, SubCode = sub.Code, AreaCode = area.Code, AreaName = area.Name }
        ).ToListAsync(ct);

        var coordinators = await (
            from task in db.PlanTasks.AsNoTracking()
            where task.PlanId == plan.Id
            join c in db.Set<PlanTaskCoordinator>() on task.Id equals c.PlanTaskId
            select new { TaskId = task.Id, c.UnitId }
        ).ToListAsync(ct);

        var dueDates = await (
            from task in db.PlanTasks.AsNoTracking()
            where task.PlanId == plan.Id
            join d in db.Set<PlanTaskDueDate>() on task.Id equals d.PlanTaskId
            select new { TaskId = task.Id, d.DueOn }
        ).ToListAsync(ct);

        var units = await UnitsAsync(ct);
        var lateDossiers = await LateDossiersAsync(plan.BaseYear, today, units, ct);
        var unitLosses = ExportUnitLoss.From(await new AssessmentReader(db).ReadAsync(plan.BaseYear, ct));

        var targetsByTask = targets.ToLookup(t => t.TaskId);
        var coordinatorsByTask = coordinators.ToLookup(c => c.TaskId);
        var dueByTask = dueDates.ToLookup(d => d.TaskId);
        var rows = tasks.Select(t =>
        {
            var codes = targetsByTask[t.Id].OrderBy(x => x.SubCode, CodeComparer.Instance).ToList();
            var first = codes.FirstOrDefault();
            return new ExportTask(t.Id, t.SortOrder, t.Content, UnitName(units, t.LeadUnitId),
                coordinatorsByTask[t.Id].Select(c => units.GetValueOrDefault(c.UnitId)).Where(u => u is not null)
                    .OrderBy(u => u!.SortOrder).Select(u => u!.Name).ToList(),
                codes.Select(x => x.SubCode).ToList(), first?.AreaCode, first?.AreaName, t.DueDate, t.Recurrence,
                dueByTask[t.Id].Select(d => d.DueOn).Order().ToList(), t.ExpectedOutput, t.Status);
        }).ToList();

        return new PlanExport(plan.TargetYear, plan.BaseYear, plan.Number, plan.Place, plan.PlanDate, plan.Agency, plan.ParentAgency,
            plan.SignerTitle, plan.SignerName, plan.Recipients, plan.Evaluation, plan.Purpose, plan.Requirements, plan.Organisation,
            plan.Status, rows, lateDossiers, unitLosses);
    }

    /// <summary>
    /// Dossiers received in <paramref name="year"/> and returned after their due date, or still unreturned past it
    /// (the same rule as <see cref="Dossier.DaysLate(DateOnly)"/>), by unit then by date.
    /// </summary>
    public async Task<IReadOnlyList<ExportDossier>> LateDossiersAsync(int year, DateOnly today, CancellationToken ct = default) =>
        await LateDossiersAsync(year, today, await UnitsAsync(ct), ct);

    /// <summary>Whether any dossier was received in the year (an empty year is unknown, not an empty list).</summary>
    public Task<bool> HasDossiersAsync(int year, CancellationToken ct = default)
    {
        var (from, to) = YearRange(year);
        return db.Dossiers.AsNoTracking().AnyAsync(d => d.ReceivedOn >= from && d.ReceivedOn < to, ct);
    }

    private async Task<IReadOnlyList<ExportDossier>> LateDossiersAsync(int year, DateOnly today,
        IReadOnlyDictionary<int, UnitRow> units, CancellationToken ct)
    {
        var (from, to) = YearRange(year);
        var rows = await db.Dossiers.AsNoTracking()
            .Where(d => d.ReceivedOn >= from && d.ReceivedOn < to)
            .Where(d => d.ReturnedOn != null ? d.ReturnedOn > d.DueOn : d.DueOn < today)
            .Select(d => new { d.Code, d.Procedure, d.UnitId, d.ReceivedOn, d.DueOn, d.ReturnedOn, d.Note })
            .ToListAsync(ct);
        return rows
            .Select(d => new ExportDossier(d.Code, d.Procedure, UnitName(units, d.UnitId), units.GetValueOrDefault(d.UnitId)?.SortOrder ?? int.MaxValue,
                d.ReceivedOn, d.DueOn, d.ReturnedOn, Dossier.DaysLate(d.DueOn, d.ReturnedOn, today), d.Note))
            .OrderBy(d => d.UnitSortOrder).ThenBy(d => d.ReceivedOn).ThenBy(d => d.Code, StringComparer.Ordinal)
            .ToList();
    }

    private static (DateOnly From, DateOnly To) YearRange(int year) => (new DateOnly(year, 1, 1), new DateOnly(year + 1, 1, 1));

    private async Task<IReadOnlyDictionary<int, UnitRow>> UnitsAsync(CancellationToken ct) =>
        await db.Units.AsNoTracking().Select(u => new UnitRow(u.Id, u.Name, u.SortOrder)).ToDictionaryAsync(u => u.Id, ct);

    private static string UnitName(IReadOnlyDictionary<int, UnitRow> units, int id) =>
        units.TryGetValue(id, out var unit) ? unit.Name : "";

    private sealed record UnitRow(int Id, string Name, int SortOrder);
}
