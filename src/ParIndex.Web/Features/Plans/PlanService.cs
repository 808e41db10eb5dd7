using Microsoft.EntityFrameworkCore;
using ParIndex.Domain;
using ParIndex.Domain.Accountability;
using ParIndex.Domain.Assessments;
using ParIndex.Domain.Plans;
using ParIndex.Domain.Scoring;
using ParIndex.Web.Data;
using ParIndex.Web.Features.Assessments;

namespace ParIndex.Web.Features.Plans;

public sealed record BulkResult(int Created, int AlreadyTargeted, int NotInFramework, int WithoutLead);

/// <summary>Why a plan could not be started, when the page can offer the fix: year N's framework or confirmation of an incomplete base.</summary>
public sealed class PlanStartException(string message, bool missingFramework, Completeness? completeness) : Exception(message)
{
    public bool MissingFramework { get; } = missingFramework;
    public Completeness? Completeness { get; } = completeness;
}

/// <summary>Creating a plan from the base year's results, and drafting tasks from the points lost.</summary>
public static class PlanService
{
    /// <summary>Every sub-criterion of the framework of <paramref name="year"/>, in framework order, in one query.</summary>
    public static Task<List<SubCriterionOption>> SubCriteriaAsync(ParIndexDbContext db, int year, CancellationToken ct = default) =>
        (from f in db.Frameworks.AsNoTracking()
         where f.Year == year
         join a in db.Areas on f.Id equals a.FrameworkId
         join c in db.Criteria on a.Id equals c.AreaId
         join s in db.SubCriteria on c.Id equals s.CriterionId
         orderby a.SortOrder, c.SortOrder, s.SortOrder
         select new SubCriterionOption(s.Id, s.Code, s.Name, a.Code, a.Name, s.LeadUnitId)).ToListAsync(ct);

    /// <summary>The year's sub-criteria (<see cref="SubCriteriaAsync"/>) shared between requests (key <c>subcriteria:{year}</c>).</summary>
    public static Task<List<SubCriterionOption>> SubCriteriaSharedAsync(ParIndex.Web.Infrastructure.Caching.ReadCache cache, int year,
        CancellationToken ct = default) =>
        cache.GetAsync($"subcriteria:{year}",
            services => SubCriteriaAsync(services.GetRequiredService<ParIndexDbContext>(), year, CancellationToken.None), ct);

    /// <summary>
    /// Year <paramref name="targetYear"/>'s framework as a copy of the year before's, and nothing else: no self-assessment
    /// is opened (that is the assessment pages' business).
    /// </summary>
    public static async Task CopyFrameworkAsync(ParIndexDbContext db, int targetYear, CancellationToken ct = default)
    {
        if (await db.Frameworks.AnyAsync(f => f.Year == targetYear, ct)) return;
        await ParIndex.Web.Features.Frameworks.FrameworkCopy.CopyAsync(db, targetYear - 1, targetYear, ct);
    }

    /// <summary>
    /// The draft plan for <paramref name="targetYear"/> from the results of the year before: sections I and III drafted from
    /// the data, the header from the agency settings. Refused with <see cref="PlanStartException"/> when year N's framework
    /// is missing (the page offers the copy) or when the base year's results are incomplete and not confirmed.
    /// </summary>
    public static async Task<(ImprovementPlan Plan, Completeness Completeness)> CreateAsync(ParIndexDbContext db, AgencyOptions agency,
        int targetYear, bool confirmIncomplete, CancellationToken ct = default)
    {
        if (await db.Plans.AnyAsync(p => p.TargetYear == targetYear, ct))
            throw new DomainException($"Kế hoạch năm {targetYear} đã có.");
        var baseYear = targetYear - 1;
        if (!await db.Assessments.AnyAsync(a => a.Year == baseYear, ct))
            throw new DomainException($"Chưa có kết quả đánh giá năm {baseYear} để lập kế hoạch.");
        if (!await db.Frameworks.AnyAsync(f => f.Year == targetYear, ct))
        {
            var canCopy = await db.Frameworks.AnyAsync(f => f.Year == baseYear, ct);
            throw new PlanStartException(canCopy
                ? $"Chưa có bộ tiêu chí năm {targetYear}: nhiệm vụ của kế hoạch hướng tới các tiêu chí thành phần năm {targetYear}. " +
                  $"Có thể tạo bộ tiêu chí năm {targetYear} bằng cách sao chép bộ tiêu chí năm {baseYear}."
                : $"Chưa có bộ tiêu chí năm {targetYear} và năm {baseYear}.", canCopy, null);
        }
        var draft = await PlanDrafter.DraftAsync(db, baseYear, targetYear, ct);
        if (!draft.Completeness.IsComplete && !confirmIncomplete)
            throw new PlanStartException(draft.Completeness.Text(baseYear) +
                                         " Hãy xác nhận nếu vẫn muốn lập kế hoạch từ kết quả này.", false, draft.Completeness);
        var previous = await db.Plans.AsNoTracking().Where(p => p.TargetYear < targetYear).Where(ImprovementPlan.IsCurrentVersion)
            .OrderByDescending(p => p.TargetYear)
            .Select(p => new { p.Recipients, p.TargetRankImprovement })
            .FirstOrDefaultAsync(ct);

        var plan = new ImprovementPlan(targetYear, baseYear);
        plan.SetHeader(null, agency.Place, null, agency.Name, agency.ParentAgency, agency.SignerTitle, agency.SignerName,
            previous?.Recipients is { Length: > 0 } recipients ? recipients : "Sở Nội vụ (t/d);\nLãnh đạo Sở;\nCác phòng, đơn vị thuộc Sở;\nLưu: VT, VP.");
        plan.ApplyDraft(draft.Evaluation, draft.Organisation, overwrite: true);
        plan.SetSections(plan.Evaluation, Purpose(baseYear, targetYear), Requirements(baseYear, targetYear), plan.Organisation,
            previous?.TargetRankImprovement ?? 1, null);
        db.Plans.Add(plan);
        await db.SaveChangesAsync(ct);
        return (plan, draft.Completeness);
    }

    public static string Purpose(int baseYear, int targetYear) =>
        $"- Triển khai thực hiện đồng bộ các nhiệm vụ cải cách hành chính, cải thiện và nâng cao Chỉ số CCHC năm {targetYear} và những năm tiếp theo.\n" +
        $"- Khắc phục những tồn tại, hạn chế trong công tác cải cách hành chính năm {baseYear}.\n" +
        "- Nâng cao trách nhiệm của người đứng đầu các đơn vị trong chỉ đạo và tổ chức thực hiện công tác CCHC.\n" +
        $"- Phấn đấu Chỉ số CCHC của Sở năm {targetYear} tăng ít nhất 01 bậc so với năm {baseYear}.";

    public static string Requirements(int baseYear, int targetYear) =>
        "- Xác định rõ trách nhiệm của người đứng đầu đơn vị trực thuộc Sở về kết quả thực hiện công tác CCHC do đơn vị mình chủ trì tham mưu thực hiện.\n" +
        $"- Các phòng, đơn vị chủ trì các nội dung Chỉ số CCHC phải nghiêm túc khắc phục những tồn tại, hạn chế năm {baseYear}, đề ra các biện pháp khả thi nhằm nâng cao Chỉ số CCHC năm {targetYear}.\n" +
        "- Thực hiện Kế hoạch đồng bộ, thống nhất, có sự phối hợp chặt chẽ giữa các đơn vị.";

    /// <summary>
    /// One task per sub-criterion that lost points in the base year (<see cref="LostPointTasks"/>), aimed at the sub-criterion of
    /// the same code in the target year's framework; sub-criteria a task already aims at are skipped, so running it twice adds
    /// nothing. The plan must be tracked with its tasks and their targets loaded.
    /// </summary>
    public static async Task<BulkResult> TasksFromLostPointsAsync(ParIndexDbContext db, ImprovementPlan plan, CancellationToken ct = default)
    {
        plan.EnsureDraft();
        var view = await new AssessmentReader(db).ReadAsync(plan.BaseYear, ct)
            ?? throw new DomainException($"Chưa có kết quả đánh giá năm {plan.BaseYear}.");
        var targetSubs = await (
            from f in db.Frameworks.AsNoTracking()
            where f.Year == plan.TargetYear
            join a in db.Areas on f.Id equals a.FrameworkId
            join c in db.Criteria on a.Id equals c.AreaId
            join s in db.SubCriteria on c.Id equals s.CriterionId
            select new { s.Id, s.Code, s.LeadUnitId, s.RuleKind, s.RuleParameters }).ToDictionaryAsync(s => s.Code, ct);
        var order = view.Units.Keys.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);
        var targeted = plan.Tasks.SelectMany(t => t.Targets).Select(t => t.SubCriterionId).ToHashSet();
        int created = 0, already = 0, missing = 0, noLead = 0;
        foreach (var line in view.Sheet.LostPoints.OrderBy(l => l.Code, CodeComparer.Instance))
        {
            if (!targetSubs.TryGetValue(line.Code, out var sub)) { missing++; continue; }
            if (targeted.Contains(sub.Id)) { already++; continue; }
            var loss = view.Losses.Account.For(line.SubCriterionId);
            ScoringRule? rule = null;
            try { rule = ScoringRule.FromJson(sub.RuleKind, sub.RuleParameters); }
            catch (DomainException) { }
            var reports = loss?.Basis == LossBasis.LateReports
                          || line.Name.Contains("báo cáo", StringComparison.OrdinalIgnoreCase) && line.Name.Contains("định kỳ", StringComparison.OrdinalIgnoreCase);
            var draft = LostPointTasks.Draft(new LostItem(sub.Id, line.Code, line.Name, line.MaxPoints, line.Final!.Value, line.LostReason,
                rule, reports, sub.LeadUnitId ?? line.LeadUnitId, loss), plan.BaseYear, plan.TargetYear, order);
            if (draft is null) { noLead++; continue; }
            var task = new PlanTask(draft.Content, draft.LeadUnitId, draft.ExpectedOutput, draft.DueDate, draft.Recurrence, draft.DueDates);
            task.SetTargets([sub.Id]);
            task.SetCoordinators(draft.CoordinatorIds);
            plan.AddTask(task);
            targeted.Add(sub.Id);
            created++;
        }
        return new BulkResult(created, already, missing, noLead);
    }
}
