using Microsoft.EntityFrameworkCore;
using ParIndex.Domain.Frameworks;
using ParIndex.Domain.Plans;
using ParIndex.Web.Data;
using ParIndex.Web.Features.Assessments;

namespace ParIndex.Web.Features.Plans;

/// <summary>Sections I and III as drafted, and how complete the base year's results were.</summary>
public sealed record PlanDraft(string Evaluation, string Organisation, Completeness Completeness);

/// <summary>
/// Drafts the plan's section I (evaluation of the base year) and section III (organisation) from the data, with the
/// domain's wording (<see cref="PlanText"/>). Nothing is typed: every figure comes from the sheet, the published result
/// and the year's split of lost points (<see cref="AssessmentView.Losses"/>); section III from the target year's
/// framework (the base year's when the target year has none yet).
/// </summary>
public static class PlanDrafter
{
    public static async Task<PlanDraft> DraftAsync(ParIndexDbContext db, int baseYear, int targetYear, CancellationToken ct = default)
    {
        var reader = new AssessmentReader(db);
        var view = await reader.ReadAsync(baseYear, ct)
            ?? throw new ParIndex.Domain.DomainException($"Chưa có kết quả đánh giá năm {baseYear} để lập kế hoạch.");
        var previous = await reader.ReadPublishedAsync(baseYear - 1, ct);
        var items = await FrameworkItemsAsync(db, targetYear, ct);
        if (items.Count == 0) items = await FrameworkItemsAsync(db, baseYear, ct);
        return new PlanDraft(Evaluation(view, previous), PlanText.Organisation(items, Units(view), targetYear),
            Completeness.Of(view.Sheet));
    }

    public static string Evaluation(AssessmentView view, PublishedView? previous) =>
        PlanText.Evaluation(new EvaluationFacts(view.Year, view.Sheet, Facts(view.Published), Facts(previous), view.Losses.Account,
            Units(view), view.Parts));

    public static IReadOnlyList<(int Id, string Name)> Units(AssessmentView view) =>
        view.Units.Values.Where(u => u.IsActive).Select(u => (u.Id, u.Name)).ToList();

    private static PublishedFacts? Facts(PublishedView? p) =>
        p is null ? null : new PublishedFacts(p.Year, p.Total, p.Classification, p.Rank, p.RankOf);

    /// <summary>The framework of <paramref name="year"/> as section III reads it: each sub-criterion's area, points, lead and coordinators (two queries).</summary>
    public static async Task<IReadOnlyList<FrameworkItem>> FrameworkItemsAsync(ParIndexDbContext db, int year, CancellationToken ct)
    {
        var subs = await (
            from f in db.Frameworks.AsNoTracking()
            where f.Year == year
            join a in db.Areas on f.Id equals a.FrameworkId
            join c in db.Criteria on a.Id equals c.AreaId
            join s in db.SubCriteria on c.Id equals s.CriterionId
            orderby a.SortOrder, c.SortOrder, s.SortOrder
            select new { s.Id, AreaCode = a.Code, AreaName = a.Name, s.MaxPoints, s.LeadUnitId }).ToListAsync(ct);
        if (subs.Count == 0) return [];
        var ids = subs.Select(s => s.Id).ToList();
        var coordinators = (await db.Set<SubCriterionCoordinator>().AsNoTracking().Where(c => ids.Contains(c.SubCriterionId))
            .Select(c => new { c.SubCriterionId, c.UnitId }).ToListAsync(ct)).ToLookup(c => c.SubCriterionId, c => c.UnitId);
        return subs.Select(s => new FrameworkItem(s.AreaCode, s.AreaName, s.MaxPoints, s.LeadUnitId, coordinators[s.Id].ToList())).ToList();
    }
}
