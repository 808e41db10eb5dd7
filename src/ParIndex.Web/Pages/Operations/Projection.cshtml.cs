using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ParIndex.Web.Features.Operations;
using ParIndex.Web.Infrastructure;

namespace ParIndex.Web.Pages.Operations;

/// <summary>The projected score of the current year (or of ?year=), a thin view over <see cref="ProjectionReader"/>.</summary>
public sealed class ProjectionModel(ProjectionReader reader, Clock clock) : PageModel
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
}
