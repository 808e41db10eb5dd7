using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ParIndex.Domain.Projection;
using ParIndex.Web.Features.Operations;
using ParIndex.Web.Identity;
using ParIndex.Web.Infrastructure;

namespace ParIndex.Web.Features.Operations;

/// <summary>Which operational figure feeds which sub-criterion of a year; the office may override the convention.</summary>
public sealed class SourcesModel(ProjectionReader reader, WorkingYear working, FactSourceService sources, CurrentUser me, Clock clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }

    public ProjectionView? View { get; private set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var requested = Year;
        Year = await working.ResolveAsync(Year, ct);
        View = await reader.ReadAsync(Year.Value, clock.Today, ct);
        return View is null && requested is not null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostAsync(int subCriterionId, FactSource source, CancellationToken ct)
    {
        if (!me.IsEditor) return Forbid();
        if (Year is not { } year) return BadRequest();
        Error = await sources.SetAsync(year, subCriterionId, source, ct);
        if (Error is null) return RedirectToPage(new { year });
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return await OnGetAsync(ct);
    }
}
