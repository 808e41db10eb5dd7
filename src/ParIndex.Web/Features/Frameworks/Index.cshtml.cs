using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ParIndex.Domain;
using ParIndex.Domain.Assessments;
using ParIndex.Web.Data;
using ParIndex.Web.Identity;
using ParIndex.Web.Infrastructure;
using ParIndex.Web.Infrastructure.Authorization;

namespace ParIndex.Web.Features.Frameworks;

public class IndexModel(ParIndexDbContext db, Clock clock) : PageModel, IReloadOnDomainError
{
    /// <summary>A refused create shows the list again (DomainErrorFilter).</summary>
    Task IReloadOnDomainError.ReloadAsync(CancellationToken ct) => LoadAsync(ct);

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    [BindProperty] public int FromYear { get; set; }
    [BindProperty] public int? NewYear { get; set; }

    public sealed record Row(int Year, string Name, int Areas, int Criteria, int SubCriteria, decimal MaxPoints, bool HasAssessment);

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    /// <summary>Starts a new year from an existing one: a deep copy, so the two years never share a row.</summary>
    [HandlerPolicy(Policies.Editor)]
    public async Task<IActionResult> OnPostCopyAsync(CancellationToken ct)
    {
        var source = await db.Frameworks.AsNoTracking()
            .Include(f => f.Areas).ThenInclude(a => a.Criteria).ThenInclude(c => c.SubCriteria).ThenInclude(s => s.Coordinators)
            .AsSplitQuery().SingleOrDefaultAsync(f => f.Year == FromYear, ct);
        if (source is null) return NotFound();
        if (NewYear is null || NewYear <= FromYear || NewYear > FromYear + 5)
            ModelState.AddModelError(nameof(NewYear), "Năm mới phải sau năm được sao chép (tối đa 5 năm).");
        else if (await db.Frameworks.AnyAsync(f => f.Year == NewYear, ct))
            ModelState.AddModelError(nameof(NewYear), $"Bộ tiêu chí năm {NewYear} đã có.");
        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            return Page();
        }
        var copy = source.CopyTo(NewYear!.Value, source.Name.Replace(FromYear.ToString(), NewYear.Value.ToString(), StringComparison.Ordinal));
        db.Frameworks.Add(copy);
        await db.SaveChangesAsync(ct);
        var today = clock.Today;
        var assessment = new Assessment(copy.Id, copy.Year);
        assessment.PlanPhases(today, today.AddDays(30), today.AddDays(60), today.AddDays(75), today.AddDays(90), today.AddDays(100));
        db.Assessments.Add(assessment);
        await db.SaveChangesAsync(ct);
        TempData["Message"] = $"Đã tạo bộ tiêu chí năm {NewYear} từ năm {FromYear}; điều chỉnh thời gian các giai đoạn trong trang đánh giá.";
        return Redirect($"/Frameworks/{NewYear}");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Rows = await db.Frameworks.AsNoTracking().OrderByDescending(f => f.Year)
            .Select(f => new Row(f.Year, f.Name, f.Areas.Count, f.Areas.SelectMany(a => a.Criteria).Count(),
                f.Areas.SelectMany(a => a.Criteria).SelectMany(c => c.SubCriteria).Count(),
                0m, db.Assessments.Any(a => a.FrameworkId == f.Id)))
            .ToListAsync(ct);
        // SQLite cannot sum decimals in SQL; the maxima are summed here from one more query.
        var maxima = await (from a in db.Areas
                            join c in db.Criteria on a.Id equals c.AreaId
                            join s in db.SubCriteria on c.Id equals s.CriterionId
                            join f in db.Frameworks on a.FrameworkId equals f.Id
                            select new { f.Year, s.MaxPoints }).ToListAsync(ct);
        var byYear = maxima.GroupBy(m => m.Year).ToDictionary(g => g.Key, g => g.Sum(m => m.MaxPoints));
        Rows = Rows.Select(r => r with { MaxPoints = byYear.GetValueOrDefault(r.Year) }).ToList();
    }
}
