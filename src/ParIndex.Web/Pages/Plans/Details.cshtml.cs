using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ParIndex.Domain;
using ParIndex.Domain.Plans;
using ParIndex.Web.Data;
using ParIndex.Web.Features.Assessments;
using ParIndex.Web.Features.Plans;
using ParIndex.Web.Identity;
using ParIndex.Web.Infrastructure;

namespace ParIndex.Web.Pages.Plans;

public sealed record PlanHeader(int Id, int TargetYear, int BaseYear, string? Number, string Place, DateOnly? PlanDate,
    string Agency, string ParentAgency, string SignerTitle, string SignerName, string Recipients, string Evaluation,
    string Purpose, string Requirements, int? TargetRankImprovement, decimal? TargetTotal, string Organisation,
    PlanStatus Status, DateTime? IssuedAt, string? IssuedBy, Guid Version)
{
    public bool IsIssued => Status == PlanStatus.Issued;
}

public class DetailsModel(ParIndexDbContext db, CurrentUser me, Clock clock, IAuthorizationService authorization) : PageModel
{
    public sealed record UnitCounts(UnitRef Unit, int Total, int Done, int InProgress, int NotStarted, int Overdue);

    [FromRoute] public int Year { get; set; }
    [BindProperty(SupportsGet = true)] public int? Unit { get; set; }
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? Area { get; set; }
    [BindProperty] public Guid PlanVersion { get; set; }

    public PlanHeader Plan { get; private set; } = null!;
    public IReadOnlyList<TaskRow> AllTasks { get; private set; } = [];
    public IReadOnlyList<TaskRow> Tasks { get; private set; } = [];
    public IReadOnlyDictionary<int, UnitRef> Units { get; private set; } = new Dictionary<int, UnitRef>();
    public IReadOnlyDictionary<int, SubCriterionOption> SubCriteria { get; private set; } = new Dictionary<int, SubCriterionOption>();
    public IReadOnlyList<(string Code, string Name)> Areas { get; private set; } = [];
    public IReadOnlyList<UnitCounts> ByUnit { get; private set; } = [];
    public DateOnly Today => clock.Today;
    public bool CanIssue { get; private set; }
    public string? ErrorMessage { get; private set; }

    public int Count(PlanTaskStatus status) => AllTasks.Count(t => t.Status == status);
    public int OverdueCount => AllTasks.Count(t => t.IsOverdue(Today));

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) =>
        await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostIssueAsync(CancellationToken ct)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.CanIssuePlan)).Succeeded) return Forbid();
        var plan = await db.Plans.Include(p => p.Tasks).SingleOrDefaultAsync(p => p.TargetYear == Year, ct);
        if (plan is null) return NotFound();
        if (plan.Version != PlanVersion)
            return await ErrorAsync("Kế hoạch vừa được người khác cập nhật; vui lòng xem lại trước khi ban hành.", ct);
        try
        {
            plan.Issue(me.Name, clock.UtcNow);
            db.Entry(plan).Property(p => p.Version).OriginalValue = PlanVersion;
            await db.SaveChangesAsync(ct);
        }
        catch (DomainException e)
        {
            return await ErrorAsync(e.Message, ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return await ErrorAsync("Kế hoạch vừa được người khác cập nhật; vui lòng xem lại trước khi ban hành.", ct);
        }
        TempData["Message"] = $"Đã ban hành kế hoạch năm {Year}.";
        return RedirectToPage(new { year = Year });
    }

    public async Task<IActionResult> OnPostFromLostPointsAsync(CancellationToken ct)
    {
        if (!me.IsEditor) return Forbid();
        var plan = await db.Plans.Include(p => p.Tasks).ThenInclude(t => t.Targets).SingleOrDefaultAsync(p => p.TargetYear == Year, ct);
        if (plan is null) return NotFound();
        try
        {
            var result = await PlanService.TasksFromLostPointsAsync(db, plan, ct);
            await db.SaveChangesAsync(ct);
            var skipped = result.AlreadyTargeted + result.NotInFramework + result.WithoutLead;
            TempData["Message"] = $"Đã tạo {result.Created} nhiệm vụ từ các tiêu chí mất điểm năm {plan.BaseYear}" +
                                  (skipped > 0 ? $"; bỏ qua {skipped} tiêu chí (đã có nhiệm vụ: {result.AlreadyTargeted}, không có trong bộ tiêu chí năm {Year}: {result.NotInFramework}, chưa có đơn vị chủ trì: {result.WithoutLead})." : ".");
        }
        catch (DomainException e)
        {
            return await ErrorAsync(e.Message, ct);
        }
        return RedirectToPage(new { year = Year });
    }

    private async Task<IActionResult> ErrorAsync(string message, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        ErrorMessage = message;
        return await LoadAsync(ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var plan = await db.Plans.AsNoTracking().Where(p => p.TargetYear == Year)
            .Select(p => new PlanHeader(p.Id, p.TargetYear, p.BaseYear, p.Number, p.Place, p.PlanDate, p.Agency, p.ParentAgency,
                p.SignerTitle, p.SignerName, p.Recipients, p.Evaluation, p.Purpose, p.Requirements, p.TargetRankImprovement,
                p.TargetTotal, p.Organisation, p.Status, p.IssuedAt, p.IssuedBy, p.Version))
            .SingleOrDefaultAsync(ct);
        if (plan is null) return false;
        Plan = plan;
        PlanVersion = plan.Version;
        AllTasks = await db.PlanTasks.AsNoTracking().Where(t => t.PlanId == plan.Id).OrderBy(t => t.SortOrder)
            .Select(TaskRow.Projection).ToListAsync(ct);
        Units = await new AssessmentReader(db).ReadUnitsAsync(ct);
        var subs = await PlanService.SubCriteriaAsync(db, plan.TargetYear, ct);
        SubCriteria = subs.ToDictionary(s => s.Id);
        Areas = subs.Select(s => (s.AreaCode, s.AreaName)).Distinct().ToList();
        CanIssue = !plan.IsIssued && (await authorization.AuthorizeAsync(User, Policies.CanIssuePlan)).Succeeded;

        var today = Today;
        Tasks = AllTasks.Where(t => (Unit is null || t.LeadUnitId == Unit || t.CoordinatorIds.Contains(Unit.Value))
                                    && StatusFilter.Matches(Status, t, today)
                                    && (string.IsNullOrEmpty(Area) || t.TargetIds.Any(id => SubCriteria.TryGetValue(id, out var s) && s.AreaCode == Area)))
            .ToList();
        ByUnit = AllTasks.GroupBy(t => t.LeadUnitId)
            .Select(g => new UnitCounts(Units.TryGetValue(g.Key, out var u) ? u : new UnitRef(g.Key, "?", "?", false), g.Count(),
                g.Count(t => t.Status == PlanTaskStatus.Done), g.Count(t => t.Status == PlanTaskStatus.InProgress),
                g.Count(t => t.Status == PlanTaskStatus.NotStarted), g.Count(t => t.IsOverdue(today))))
            .OrderBy(c => Units.Keys.ToList().IndexOf(c.Unit.Id)).ToList();
        return true;
    }
}
