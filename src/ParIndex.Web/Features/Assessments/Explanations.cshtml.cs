using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ParIndex.Web.Data;

namespace ParIndex.Web.Features.Assessments;

/// <summary>The explanations (giải trình) a year requires: where round 1 scored below the self score.</summary>
public class ExplanationsModel(ParIndexDbContext db) : PageModel
{
    public int Year { get; private set; }
    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public sealed record Row(int SubCriterionId, string Code, string Name, decimal Max, decimal? Self, decimal? Round1,
        bool Owed, string? LeadUnit);

    public async Task<IActionResult> OnGetAsync(int year, CancellationToken ct)
    {
        Year = year;
        var assessmentId = await db.Assessments.Where(a => a.Year == year).Select(a => (int?)a.Id).SingleOrDefaultAsync(ct);
        if (assessmentId is null) return NotFound();
        var rows = await (
            from s in db.Scores.AsNoTracking()
            where s.AssessmentId == assessmentId && s.ExplanationRequired
            join sub in db.SubCriteria on s.SubCriterionId equals sub.Id
            select new Row(sub.Id, sub.Code, sub.Name, sub.MaxPoints, s.SelfScore, s.Round1Score,
                s.Explanation == null || s.Explanation == "",
                db.Units.Where(u => u.Id == sub.LeadUnitId).Select(u => u.Name).FirstOrDefault())
        ).ToListAsync(ct);
        Rows = rows.OrderByDescending(r => r.Owed).ThenBy(r => r.Code, ParIndex.Domain.Assessments.CodeComparer.Instance).ToList();
        return Page();
    }
}
