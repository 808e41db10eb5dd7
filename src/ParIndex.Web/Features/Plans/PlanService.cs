using Microsoft.EntityFrameworkCore;
using ParIndex.Domain;
using ParIndex.Domain.Assessments;
using ParIndex.Domain.Formatting;
using ParIndex.Domain.Plans;
using ParIndex.Web.Data;
using ParIndex.Web.Data.Seed;
using ParIndex.Web.Features.Assessments;

namespace ParIndex.Web.Features.Plans;

public sealed record BulkResult(int Created, int AlreadyTargeted, int NotInFramework, int WithoutLead);

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

    /// <summary>
    /// The draft plan for <paramref name="targetYear"/> from the results of the year before: sections I and III drafted
    /// from the data, the header taken from the previous plan (or the agency's names when there is none).
    /// </summary>
    public static async Task<ImprovementPlan> CreateAsync(ParIndexDbContext db, int targetYear, CancellationToken ct = default)
    {
        if (await db.Plans.AnyAsync(p => p.TargetYear == targetYear, ct))
            throw new DomainException($"Kế hoạch năm {targetYear} đã có.");
        var baseYear = targetYear - 1;
        var draft = await PlanDrafter.DraftAsync(db, baseYear, targetYear, ct);
        var previous = await db.Plans.AsNoTracking().Where(p => p.TargetYear < targetYear).OrderByDescending(p => p.TargetYear)
            .Select(p => new { p.Place, p.Agency, p.ParentAgency, p.SignerTitle, p.SignerName, p.Recipients, p.TargetRankImprovement })
            .FirstOrDefaultAsync(ct);

        var plan = new ImprovementPlan(targetYear, baseYear);
        plan.SetHeader(null, previous?.Place ?? "", null,
            previous?.Agency is { Length: > 0 } agency ? agency : DemoSeeder.Agency,
            previous?.ParentAgency is { Length: > 0 } parent ? parent : DemoSeeder.ParentAgency,
            previous?.SignerTitle is { Length: > 0 } title ? title : "GIÁM ĐỐC",
            previous?.SignerName ?? "",
            previous?.Recipients is { Length: > 0 } recipients ? recipients : "Sở Nội vụ (t/d);\nLãnh đạo Sở;\nCác phòng, đơn vị thuộc Sở;\nLưu: VT, VP.");
        plan.ApplyDraft(draft.Evaluation, draft.Organisation, overwrite: true);
        plan.SetSections(plan.Evaluation, Purpose(baseYear, targetYear), Requirements(baseYear, targetYear), plan.Organisation,
            previous?.TargetRankImprovement ?? 1, null);
        db.Plans.Add(plan);
        await db.SaveChangesAsync(ct);
        return plan;
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
    /// One task per sub-criterion that lost points in the base year, aimed at the sub-criterion of the same code in the
    /// target year's framework, led by that sub-criterion's lead unit; sub-criteria a task already aims at are skipped.
    /// The plan must be tracked with its tasks and their targets loaded.
    /// </summary>
    public static async Task<BulkResult> TasksFromLostPointsAsync(ParIndexDbContext db, ImprovementPlan plan, CancellationToken ct = default)
    {
        plan.EnsureDraft();
        var view = await new AssessmentReader(db).ReadAsync(plan.BaseYear, ct)
            ?? throw new DomainException($"Chưa có kết quả đánh giá năm {plan.BaseYear}.");
        var targetSubs = (await SubCriteriaAsync(db, plan.TargetYear, ct)).ToDictionary(s => s.Code);
        var targeted = plan.Tasks.SelectMany(t => t.Targets).Select(t => t.SubCriterionId).ToHashSet();
        int created = 0, already = 0, missing = 0, noLead = 0;
        foreach (var line in view.Sheet.LostPoints.OrderBy(l => l.Code, CodeComparer.Instance))
        {
            if (!targetSubs.TryGetValue(line.Code, out var sub)) { missing++; continue; }
            if (targeted.Contains(sub.Id)) { already++; continue; }
            if ((sub.LeadUnitId ?? line.LeadUnitId) is not { } lead) { noLead++; continue; }
            var content = $"Khắc phục hạn chế tại tiêu chí thành phần {line.Code} {line.Name} " +
                          $"(năm {plan.BaseYear} đạt {Vn.Points(line.Final!.Value)}/{Vn.Points(line.MaxPoints)} điểm)" +
                          (string.IsNullOrWhiteSpace(line.LostReason) ? "." : $": {line.LostReason.Trim().TrimEnd('.')}.");
            var task = new PlanTask(content, lead, $"Tiêu chí thành phần {line.Code} đạt điểm tối đa năm {plan.TargetYear}.",
                new DateOnly(plan.TargetYear, 11, 30));
            task.SetTargets([sub.Id]);
            plan.AddTask(task);
            targeted.Add(sub.Id);
            created++;
        }
        return new BulkResult(created, already, missing, noLead);
    }
}
