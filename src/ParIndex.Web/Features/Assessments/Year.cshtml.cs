using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ParIndex.Domain.Assessments;
using ParIndex.Web.Features.Assessments;
using ParIndex.Web.Infrastructure;

namespace ParIndex.Web.Features.Assessments;

public class YearModel(AssessmentViewCache reader, Clock clock) : PageModel
{
    public AssessmentView View { get; private set; } = null!;
    public DateOnly Today { get; private set; }
    public AssessmentPhase? CurrentPhase { get; private set; }

    public async Task<IActionResult> OnGetAsync(int year, CancellationToken ct)
    {
        var view = await reader.ReadAsync(year, ct);
        if (view is null) return NotFound();
        View = view;
        Today = clock.Today;
        CurrentPhase = view.Phases.OrderBy(p => p.Kind).FirstOrDefault(p => p.IsOpen(Today));
        return Page();
    }
}
