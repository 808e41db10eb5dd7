using Microsoft.AspNetCore.Mvc.RazorPages;
using ParIndex.Web.Features.Operations;
using ParIndex.Web.Infrastructure;

namespace ParIndex.Web.Features.Operations;

/// <summary>The year at a glance: projected total against the target, the figures, links to the sub-pages.</summary>
public sealed class IndexModel(ProjectionReader reader, WorkingYear working, Clock clock) : PageModel
{
    public ProjectionView? View { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        View = await reader.ReadAsync(await working.CurrentAsync(ct), clock.Today, ct);
    }
}
