using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ParIndex.Domain.Plans;
using ParIndex.Web.Data;
using ParIndex.Web.Features.Plans;
using ParIndex.Web.Identity;
using ParIndex.Web.Infrastructure;
using ParIndex.Web.Infrastructure.Authorization;

namespace ParIndex.Web.Features.Plans;

public class IndexModel(ParIndexDbContext db, Clock clock, AgencyOptions agency) : PageModel, IReloadOnDomainError
{
    /// <summary>A refused create shows the list again (DomainErrorFilter).</summary>
    Task IReloadOnDomainError.ReloadAsync(CancellationToken ct) => LoadAsync(ct);

    public sealed record PlanRow(int TargetYear, int BaseYear, string? Number, PlanStatus Status, DateOnly? PlanDate,
        int Total, IReadOnlyDictionary<PlanTaskStatus, int> ByStatus, int Overdue);

    public IReadOnlyList<PlanRow> Plans { get; private set; } = [];

    [BindProperty] public CreateInput Input { get; set; } = new();

    public sealed class CreateInput
    {
        public int? Year { get; set; }
        /// <summary>Create year N's framework from N−1's first (offered when it is missing).</summary>
        public bool CopyFramework { get; set; }
        /// <summary>Draft from an incomplete base year all the same (asked when it is incomplete).</summary>
        public bool ConfirmIncomplete { get; set; }
    }

    /// <summary>Year N has no framework but N−1 has: the form offers to copy it.</summary>
    public bool OfferFrameworkCopy { get; private set; }
    /// <summary>The base year's results are incomplete: the form asks to confirm.</summary>
    public bool AskConfirmIncomplete { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        Input.Year ??= await SuggestedYearAsync(ct);
    }

    [HandlerPolicy(Policies.Editor)]
    [DomainErrorField("Input.Year")]
    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        if (Input.Year is not { } year || year < 2000 || year > 2100)
            ModelState.AddModelError("Input.Year", "Vui lòng nhập năm kế hoạch hợp lệ, ví dụ 2024.");
        else
        {
            // A refusal of the domain ("Kế hoạch năm N đã có") goes to DomainErrorFilter, beside Input.Year.
            try
            {
                if (Input.CopyFramework) await PlanService.CopyFrameworkAsync(db, year, ct);
                var (_, completeness) = await PlanService.CreateAsync(db, agency, year, Input.ConfirmIncomplete, ct);
                TempData["Message"] = $"Đã lập dự thảo kế hoạch năm {year} từ kết quả năm {year - 1}. " + completeness.Text(year - 1);
                return RedirectToPage("/Plans/Edit", new { year });
            }
            catch (PlanStartException e)
            {
                ModelState.AddModelError("Input.Year", e.Message);
                OfferFrameworkCopy = e.MissingFramework;
                AskConfirmIncomplete = e.Completeness is not null;
            }
        }
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var today = clock.Today;
        // One row per year: its current version.
        var plans = await db.Plans.AsNoTracking().Where(ImprovementPlan.IsCurrentVersion).OrderByDescending(p => p.TargetYear)
            .Select(p => new { p.Id, p.TargetYear, p.BaseYear, p.Number, p.Status, p.PlanDate }).ToListAsync(ct);
        var tasks = await db.PlanTasks.AsNoTracking()
            .Select(t => new { t.PlanId, t.Status, t.DueDate, Due = t.DueDates.Select(d => new DueRow(d.DueOn, d.MetOn)).ToList() })
            .ToListAsync(ct);
        var byPlan = tasks.ToLookup(t => t.PlanId);
        Plans = plans.Select(p =>
        {
            var list = byPlan[p.Id].ToList();
            return new PlanRow(p.TargetYear, p.BaseYear, p.Number, p.Status, p.PlanDate, list.Count,
                Enum.GetValues<PlanTaskStatus>().ToDictionary(s => s, s => list.Count(t => t.Status == s)),
                list.Count(t => PlanTask.IsOverdue(t.Status, t.DueDate, t.Due.Select(d => (d.DueOn, d.MetOn)), today)));
        }).ToList();
    }

    /// <summary>The year after the latest published result, unless that plan exists already.</summary>
    private async Task<int> SuggestedYearAsync(CancellationToken ct)
    {
        var latestResult = await db.PublishedResults.AsNoTracking().MaxAsync(p => (int?)p.Year, ct) ?? clock.Today.Year - 1;
        var year = latestResult + 1;
        while (Plans.Any(p => p.TargetYear == year)) year++;
        return year;
    }
}
