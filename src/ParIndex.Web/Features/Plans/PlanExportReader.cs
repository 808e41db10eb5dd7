using Microsoft.EntityFrameworkCore;
using ParIndex.Domain.Accountability;
using ParIndex.Domain.Assessments;
using ParIndex.Domain.Operations;
using ParIndex.Domain.Plans;
using ParIndex.Web.Data;
using ParIndex.Web.Features.Assessments;
using ParIndex.Web.Features.Exports;

namespace ParIndex.Web.Features.Plans;

/// <summary>Everything the plan's document and appendix workbook show, read once.</summary>
public sealed record PlanExport(
    int TargetYear, int BaseYear, string? Number, string Place, DateOnly? PlanDate, string Agency, string ParentAgency,
    string SignerTitle, string SignerName, string Recipients, string Evaluation, string Purpose, string Requirements,
    string Organisation, PlanStatus Status, IReadOnlyList<ExportTask> Tasks, IReadOnlyList<ExportDossier> LateDossiers,
    IReadOnlyList<ExportUnitLoss> UnitLosses, string DocumentSymbol = "KH")
{
    /// <summary>"Số: 45/KH-STNMT" once numbered, "Số:      /KH-STNMT" before (the symbol from the agency settings).</summary>
    public string NumberLine => ParIndex.Web.Features.Plans.AgencyOptions.NumberLine(Number, DocumentSymbol);

    /// <summary>The left column of the header, top to bottom: the parent agency, then the agency (as issued, or today's for a draft).</summary>
    public IReadOnlyList<string> AgencyLines => new[] { ParentAgency, Agency }.Where(l => !string.IsNullOrWhiteSpace(l)).ToList();

    private readonly string? _agencyInText;

    /// <summary>The agency's name in running text ("của Sở Tài nguyên và Môi trường"); by default derived from <see cref="Agency"/>.</summary>
    public string AgencyInText
    {
        get => _agencyInText ?? Nd30.InText(Agency);
        init => _agencyInText = value;
    }

    /// <summary>The plan's row (which version of the year's plan this is).</summary>
    public int PlanId { get; init; }

    /// <summary>
    /// For a replacement (ban hành thay thế), the sentence that says what it replaces, as the opening of the document
    /// states it: "Kế hoạch này thay thế Kế hoạch số 45/KH-STNMT ngày 15/3/2023 của Sở …". Null for a year's first plan.
    /// </summary>
    public string? ReplacesText { get; init; }

    /// <summary>How many units the agency had (not retired) on the plan's date: a task every one of them takes part in
    /// is given to "Các phòng, đơn vị thuộc Sở". 0 when unknown.</summary>
    public int UnitCount { get; init; }

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
/// Reads a plan for export in a fixed number of queries (plan, tasks with their targets, coordinators and due dates, the
/// year's sub-criteria, units and their names as issued, late dossiers), whatever the number of tasks, without tracking.
/// </summary>
public sealed class PlanExportReader(ParIndexDbContext db, ParIndex.Web.Features.Plans.AgencyOptions? agency = null)
{
    /// <summary>The year's current version of the plan.</summary>
    public Task<PlanExport?> ReadAsync(int targetYear, DateOnly today, CancellationToken ct = default) =>
        ReadAsync(targetYear, null, today, ct);

    /// <summary>Revision <paramref name="revision"/> of the year's plan (null: the current one), exactly as it stands: a
    /// superseded version as it was issued, names as of its issue date.</summary>
    public async Task<PlanExport?> ReadAsync(int targetYear, int? revision, DateOnly today, CancellationToken ct = default)
    {
        var plan = await db.Plans.AsNoTracking().Version(targetYear, revision)
            .Select(p => new
            {
                p.Id,
                p.ReplacesPlanId,
                p.TargetYear,
                p.BaseYear,
                p.Number,
                p.Place,
                p.PlanDate,
                p.Agency,
                p.ParentAgency,
                p.SignerTitle,
                p.SignerName,
                p.Recipients,
                p.Evaluation,
                p.Purpose,
                p.Requirements,
                p.Organisation,
                p.Status,
            })
            .SingleOrDefaultAsync(ct);
        if (plan is null) return null;
        var replaced = plan.ReplacesPlanId is { } replacedId
            ? await db.Plans.AsNoTracking().Where(p => p.Id == replacedId).Select(p => new { p.Number, p.PlanDate, p.Agency }).SingleAsync(ct)
            : null;

        // The plan's tasks through the one reader the page and the API use; the year's sub-criteria give codes and areas.
        var reader = new ParIndex.Web.Features.Plans.PlanTaskReader(db);
        var tasks = await reader.ReadAsync(plan.Id, ct);
        var subs = (await ParIndex.Web.Features.Plans.PlanService.SubCriteriaAsync(db, plan.TargetYear, ct)).ToDictionary(s => s.Id);
        // An issued plan names its units as on its issue date, in every export; a draft today's names.
        var names = await reader.UnitsAsync(ParIndex.Web.Features.Plans.PlanTaskReader.NamesAsOf(plan.Status, plan.PlanDate), ct);
        var units = await UnitsAsync(ct);
        units = units.ToDictionary(u => u.Key, u => u.Value with { Name = names.TryGetValue(u.Key, out var n) ? n.Name : u.Value.Name });
        var lateDossiers = await LateDossiersAsync(plan.BaseYear, today, units, ct);
        var view = await new AssessmentReader(db).ReadAsync(plan.BaseYear, ct);
        var unitLosses = ExportUnitLoss.From(view is null ? null : view with { Units = names });

        var rows = tasks.Select(t =>
        {
            var codes = t.TargetIds.Select(id => subs.GetValueOrDefault(id)).OfType<ParIndex.Web.Features.Plans.SubCriterionOption>()
                .OrderBy(x => x.Code, CodeComparer.Instance).ToList();
            var first = codes.FirstOrDefault();
            return new ExportTask(t.Id, t.SortOrder, t.Content, UnitName(units, t.LeadUnitId),
                t.CoordinatorIds.Select(id => units.GetValueOrDefault(id)).Where(u => u is not null)
                    .OrderBy(u => u!.SortOrder).Select(u => u!.Name).ToList(),
                codes.Select(x => x.Code).ToList(), first?.AreaCode, first?.AreaName, t.DueDate, t.Recurrence,
                t.DueDates.Select(d => d.DueOn).Order().ToList(), t.ExpectedOutput, t.Status);
        }).ToList();

        var asOf = plan.PlanDate ?? today;
        var unitCount = await db.Units.AsNoTracking().CountAsync(u => u.RetiredOn == null || u.RetiredOn > asOf, ct);

        return new PlanExport(plan.TargetYear, plan.BaseYear, plan.Number, plan.Place, plan.PlanDate, plan.Agency, plan.ParentAgency,
            plan.SignerTitle, plan.SignerName, plan.Recipients, plan.Evaluation, plan.Purpose, plan.Requirements, plan.Organisation,
            plan.Status, rows, lateDossiers, unitLosses, agency?.DocumentSymbol ?? "KH")
        {
            UnitCount = unitCount,
            PlanId = plan.Id,
            ReplacesText = replaced is null ? null
                : $"Kế hoạch này thay thế Kế hoạch số {replaced.Number}{(replaced.PlanDate is { } d ? " ngày " + Nd30.Date(d) : "")} "
                  + $"của {Nd30.InText(replaced.Agency)}.",
        };
    }

    /// <summary>
    /// Dossiers received in <paramref name="year"/> and returned after their due date, or still unreturned past it
    /// (the same rule as <see cref="Dossier.WorkingDaysLate(DateOnly, WorkingCalendar)"/>, in working days), by unit then by date.
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
        var calendar = await ParIndex.Web.Features.Operations.CalendarService.ReadAsync(db, ct);
        return rows
            .Select(d => new ExportDossier(d.Code, d.Procedure, UnitName(units, d.UnitId), units.GetValueOrDefault(d.UnitId)?.SortOrder ?? int.MaxValue,
                d.ReceivedOn, d.DueOn, d.ReturnedOn, Dossier.WorkingDaysLate(d.ReceivedOn, d.DueOn, d.ReturnedOn, today, calendar), d.Note))
            .Where(d => d.DaysLate > 0)
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
