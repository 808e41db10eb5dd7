using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ParIndex.Web.Data;
using ParIndex.Web.Identity;
using ParIndex.Web.Infrastructure;
using ParIndex.Web.Infrastructure.Authorization;

namespace ParIndex.Web.Features.Frameworks;

public class IndexModel(ParIndexDbContext db) : PageModel, IReloadOnDomainError
{
    /// <summary>A refused create shows the list again (DomainErrorFilter).</summary>
    Task IReloadOnDomainError.ReloadAsync(CancellationToken ct) => LoadAsync(ct);

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    [BindProperty] public int FromYear { get; set; }
    [BindProperty] public int? NewYear { get; set; }

    public sealed record Row(int Year, string Name, int Areas, int Criteria, int SubCriteria, decimal MaxPoints, bool HasAssessment);

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    /// <summary>Starts a new year from an existing one (<see cref="FrameworkCopy"/>): the framework only, no self-assessment.</summary>
    [HandlerPolicy(Policies.Editor)]
    [DomainErrorField(nameof(NewYear))]
    public async Task<IActionResult> OnPostCopyAsync(CancellationToken ct)
    {
        if (!await db.Frameworks.AnyAsync(f => f.Year == FromYear, ct)) return NotFound();
        if (NewYear is null)
        {
            ModelState.AddModelError(nameof(NewYear), "Vui lòng nhập năm mới.");
            await LoadAsync(ct);
            return Page();
        }
        // Refusals (a year too far, a year that exists) are the service's DomainException, shown beside the field.
        await FrameworkCopy.CopyAsync(db, FromYear, NewYear.Value, ct);
        TempData["Message"] = $"Đã tạo bộ tiêu chí năm {NewYear} từ năm {FromYear}. Đợt tự đánh giá năm {NewYear} chưa được mở.";
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
