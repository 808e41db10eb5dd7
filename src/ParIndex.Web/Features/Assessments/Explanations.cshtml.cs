using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ParIndex.Domain.Assessments;
using ParIndex.Web.Data;
using ParIndex.Web.Identity;
using ParIndex.Web.Infrastructure;
using ParIndex.Web.Infrastructure.Authorization;

namespace ParIndex.Web.Features.Assessments;

/// <summary>
/// The explanations (giải trình) a year requires: where round 1 scored below the self score, plus what the Office put on
/// the list to dispute a point, minus what it dropped, each with a reason (recorded on the score, so audited).
/// </summary>
public class ExplanationsModel(ParIndexDbContext db, Clock clock, CurrentUser me) : PageModel, IReloadOnDomainError
{
    public const string ConflictMessage = "Tiêu chí thành phần vừa được người khác thay đổi. Danh sách mới đang hiển thị; hãy kiểm tra rồi làm lại nếu cần.";

    public int Year { get; private set; }
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    /// <summary>Scored sub-criteria not on the list, which the Office may add.</summary>
    public IReadOnlyList<Row> Candidates { get; private set; } = [];
    /// <summary>Why the list cannot be changed today (null while round 1 or the explanation is open).</summary>
    public string? Locked { get; private set; }

    [BindProperty] public int SubCriterionId { get; set; }
    [BindProperty] public Guid Version { get; set; }
    [BindProperty] public string? Reason { get; set; }

    public sealed record Row(int SubCriterionId, string Code, string Name, decimal Max, decimal? Self, decimal? Round1,
        bool Required, bool Owed, string? LeadUnit, ExplanationListChange? Change, string? ChangeReason, Guid Version);

    public async Task<IActionResult> OnGetAsync(int year, CancellationToken ct) =>
        await LoadAsync(year, ct) ? Page() : NotFound();

    [HandlerPolicy(Policies.Editor)]
    public Task<IActionResult> OnPostAddAsync(int year, CancellationToken ct) =>
        ChangeAsync(year, "Vui lòng nêu lý do đưa tiêu chí vào danh sách giải trình.",
            s => s.AddToExplanationList(Reason, me.Name, clock.UtcNow), "Đã đưa tiêu chí {0} vào danh sách giải trình.", ct);

    [HandlerPolicy(Policies.Editor)]
    public Task<IActionResult> OnPostDropAsync(int year, CancellationToken ct) =>
        ChangeAsync(year, "Vui lòng nêu lý do bỏ tiêu chí khỏi danh sách giải trình.",
            s => s.DropFromExplanationList(Reason, me.Name, clock.UtcNow), "Đã bỏ tiêu chí {0} khỏi danh sách giải trình.", ct);

    /// <summary>The error key of a row's reason field (errors sit beside the row that was posted).</summary>
    public static string ReasonKey(int subCriterionId) => $"Reason-{subCriterionId}";

    private async Task<IActionResult> ChangeAsync(int year, string reasonMissing, Action<SubCriterionScore> change, string done,
        CancellationToken ct)
    {
        if (!await LoadAsync(year, ct)) return NotFound();
        var row = Rows.Concat(Candidates).FirstOrDefault(r => r.SubCriterionId == SubCriterionId);
        if (row is null) return NotFound();
        if (Locked is not null)
        {
            ModelState.AddModelError(string.Empty, Locked);
            return Page();
        }
        if (string.IsNullOrWhiteSpace(Reason))
        {
            ModelState.AddModelError(ReasonKey(row.SubCriterionId), reasonMissing);
            return Page();
        }
        var assessmentId = await db.Assessments.Where(a => a.Year == year).Select(a => a.Id).SingleAsync(ct);
        var score = await db.Scores.SingleAsync(s => s.AssessmentId == assessmentId && s.SubCriterionId == row.SubCriterionId, ct);
        if (score.Version != Version) return await ConflictAsync(year, ct);
        db.Entry(score).Property(s => s.Version).OriginalValue = Version;
        change(score);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return await ConflictAsync(year, ct);
        }
        TempData["Message"] = string.Format(System.Globalization.CultureInfo.InvariantCulture, done, row.Code);
        return Redirect($"/Assessments/{year}/Explanations");
    }

    private async Task<IActionResult> ConflictAsync(int year, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        await LoadAsync(year, ct);
        ModelState.Clear();
        ModelState.AddModelError(string.Empty, ConflictMessage);
        return Page();
    }

    public async Task ReloadAsync(CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        await LoadAsync(Year, ct);
    }

    private async Task<bool> LoadAsync(int year, CancellationToken ct)
    {
        Year = year;
        var assessment = await db.Assessments.AsNoTracking().Include(a => a.Phases).SingleOrDefaultAsync(a => a.Year == year, ct);
        if (assessment is null) return false;
        Locked = assessment.ExplanationListLocked(clock.Today);
        var rows = await (
            from s in db.Scores.AsNoTracking()
            where s.AssessmentId == assessment.Id
            join sub in db.SubCriteria on s.SubCriterionId equals sub.Id
            select new Row(sub.Id, sub.Code, sub.Name, sub.MaxPoints, s.SelfScore, s.Round1Score, s.ExplanationRequired,
                s.ExplanationRequired && (s.Explanation == null || s.Explanation == ""),
                db.Units.Where(u => u.Id == sub.LeadUnitId).Select(u => u.Name).FirstOrDefault(),
                s.ExplanationChange, s.ExplanationChangeReason, s.Version)
        ).ToListAsync(ct);
        Rows = rows.Where(r => r.Required).OrderByDescending(r => r.Owed).ThenBy(r => r.Code, CodeComparer.Instance).ToList();
        Candidates = rows.Where(r => !r.Required && (r.Self is not null || r.Round1 is not null))
            .OrderBy(r => r.Code, CodeComparer.Instance).ToList();
        return true;
    }
}
