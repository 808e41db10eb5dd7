using Microsoft.AspNetCore.Mvc.RazorPages;
using ParIndex.Web.Features.Operations;
using ParIndex.Web.Infrastructure;

namespace ParIndex.Web.Pages.Operations;

/// <summary>The year at a glance: projected total against the target, the figures, links to the sub-pages.</summary>
public sealed class IndexModel(ProjectionReader reader, Clock clock) : PageModel
{
    public ProjectionView? View { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (await reader.CurrentYearAsync(ct) is { } year) View = await reader.ReadAsync(year, clock.Today, ct);
    }
}
