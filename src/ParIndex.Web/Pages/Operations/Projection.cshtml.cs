using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ParIndex.Web.Features.Operations;
using ParIndex.Web.Infrastructure;

namespace ParIndex.Web.Pages.Operations;

/// <summary>The projected score of the current year (or of ?year=), a thin view over <see cref="ProjectionReader"/>.</summary>
public sealed class ProjectionModel(ProjectionReader reader, FactRecorder recorder, Clock clock, ParIndex.Web.Identity.CurrentUser me) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }

    public ProjectionView? View { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var year = Year ?? await reader.CurrentYearAsync(ct);
        if (year is null) return Page();
        View = await reader.ReadAsync(year.Value, clock.Today, ct);
        return View is null ? NotFound() : Page();
    }

    /// <summary>Office: write the figures as facts into the year's scores (self-assessment phase only).</summary>
    public async Task<IActionResult> OnPostRecordAsync(CancellationToken ct)
    {
        if (!me.IsEditor) return Forbid();
        var year = Year ?? await reader.CurrentYearAsync(ct);
        if (year is null) return NotFound();
        var (recorded, error) = await recorder.RecordAsync(year.Value, clock.Today, clock.UtcNow, me.Name, ct);
        if (error is not null)
        {
            ModelState.AddModelError(string.Empty, error);
            View = await reader.ReadAsync(year.Value, clock.Today, ct);
            return View is null ? NotFound() : Page();
        }
        TempData["Message"] = $"Đã ghi số liệu vào {recorded} tiêu chí thành phần của năm {year}.";
        return Redirect($"/Operations/Projection?year={year}");
    }
}
