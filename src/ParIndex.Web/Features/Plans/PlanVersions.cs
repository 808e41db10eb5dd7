using Microsoft.EntityFrameworkCore;
using ParIndex.Domain;
using ParIndex.Domain.Plans;
using ParIndex.Web.Data;

namespace ParIndex.Web.Features.Plans;

/// <summary>A version of a year's plan as the plan page lists it.</summary>
public sealed record PlanVersionRow(int Id, int Revision, PlanStatus Status, string? Number, DateOnly? PlanDate, int? ReplacesPlanId,
    string? ReplacementReason)
{
    public bool IsCurrent => ImprovementPlan.IsCurrentState(Status, ReplacesPlanId);
}

/// <summary>
/// Which version of a year's plan a request means. The <b>current</b> one (<see cref="ImprovementPlan.IsCurrentVersion"/>:
/// the latest issued, or the draft when none was issued) is what everyone reads; the <b>working</b> one (the highest
/// revision: the open replacement when there is one, else the current) is what the Office edits, submits and Leadership
/// issues; any revision can be read at its own address (<c>/Plans/{year}/ban/{revision}</c>).
/// </summary>
public static class PlanVersions
{
    public static IQueryable<ImprovementPlan> Current(this IQueryable<ImprovementPlan> plans, int year) =>
        plans.Where(p => p.TargetYear == year).Where(ImprovementPlan.IsCurrentVersion);

    public static IQueryable<ImprovementPlan> Working(this IQueryable<ImprovementPlan> plans, int year) =>
        plans.Where(p => p.TargetYear == year).OrderByDescending(p => p.Revision).Take(1);

    /// <summary>Revision <paramref name="revision"/> of the year's plan, or the current one when null.</summary>
    public static IQueryable<ImprovementPlan> Version(this IQueryable<ImprovementPlan> plans, int year, int? revision) =>
        revision is { } n ? plans.Where(p => p.TargetYear == year && p.Revision == n) : plans.Current(year);

    public static Task<List<PlanVersionRow>> ListAsync(ParIndexDbContext db, int year, CancellationToken ct = default) =>
        db.Plans.AsNoTracking().Where(p => p.TargetYear == year).OrderBy(p => p.Revision)
            .Select(p => new PlanVersionRow(p.Id, p.Revision, p.Status, p.Number, p.PlanDate, p.ReplacesPlanId, p.ReplacementReason))
            .ToListAsync(ct);

    public const string OpenReplacementExists = "Kế hoạch năm {0} đang có bản thay thế (bản {1}) chưa ban hành; không thể soạn thêm bản thay thế khác.";

    /// <summary>
    /// Ban hành thay thế, first step: the year's current plan, issued, gets a new draft version copying its content, tasks
    /// and progress. Refused while the year has an open replacement.
    /// The caller checks the version of the current plan the Office was shown (the start touches it, so a second tab meets
    /// a conflict) and saves; the database's one replacement per plan refuses what slips between the check and the save.
    /// </summary>
    public static async Task<(ImprovementPlan Current, ImprovementPlan Replacement)> StartReplacementAsync(ParIndexDbContext db, int year, string? reason, CancellationToken ct)
    {
        var current = await db.Plans.Current(year)
                          .Include(p => p.Tasks).ThenInclude(t => t.Targets)
                          .Include(p => p.Tasks).ThenInclude(t => t.Coordinators)
                          .Include(p => p.Tasks).ThenInclude(t => t.DueDates)
                          .Include(p => p.Tasks).ThenInclude(t => t.Progress)
                          .AsSplitQuery().SingleOrDefaultAsync(ct)
                      ?? throw new DomainException($"Chưa có kế hoạch năm {year}.");
        var open = await db.Plans.AsNoTracking().Where(p => p.TargetYear == year && p.ReplacesPlanId != null
                                                             && (p.Status == PlanStatus.Draft || p.Status == PlanStatus.Submitted))
            .Select(p => (int?)p.Revision).FirstOrDefaultAsync(ct);
        if (open is { } n) throw new DomainException(string.Format(System.Globalization.CultureInfo.InvariantCulture, OpenReplacementExists, year, n));
        var replacement = current.StartReplacement(reason);
        db.Plans.Add(replacement);
        return (current, replacement);
    }
}
