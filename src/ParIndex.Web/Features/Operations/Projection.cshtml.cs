using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ParIndex.Web.Features.Operations;
using ParIndex.Web.Identity;
using ParIndex.Web.Infrastructure;
using ParIndex.Web.Infrastructure.Authorization;

namespace ParIndex.Web.Features.Operations;

/// <summary>The projected score of the current year (or of ?year=), a thin view over <see cref="ProjectionReader"/>.</summary>
public sealed class ProjectionModel(ProjectionReader reader, WorkingYear working, FactRecorder recorder, Clock clock, ParIndex.Web.Identity.CurrentUser me) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }

    public ProjectionView? View { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        View = await reader.ReadAsync(await working.ResolveAsync(Year, ct), clock.Today, ct);
        // No assessment for the working year (an empty database): the page says there is nothing to project.
        return View is null && Year is not null ? NotFound() : Page();
    }

    /// <summary>Office: write the figures as facts into the year's scores (self-assessment phase only).</summary>
    [HandlerPolicy(Policies.Editor)]
    public async Task<IActionResult> OnPostRecordAsync(CancellationToken ct)
    {
        var year = await working.ResolveAsync(Year, ct);
        var (recorded, error) = await recorder.RecordAsync(year, clock.Today, clock.UtcNow, me.Name, ct);
        if (error is not null)
        {
            ModelState.AddModelError(string.Empty, error);
            View = await reader.ReadAsync(year, clock.Today, ct);
            return View is null ? NotFound() : Page();
        }
        TempData["Message"] = $"Đã ghi số liệu vào {recorded} tiêu chí thành phần của năm {year}.";
        return Redirect($"/Operations/Projection?year={year}");
    }
}
