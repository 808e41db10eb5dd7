using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ParIndex.Domain.Assessments;
using ParIndex.Web.Data;

namespace ParIndex.Web.Features.Assessments;

public class IndexModel(ParIndexDbContext db, ParIndex.Web.Features.Assessments.AssessmentReader reader) : PageModel
{
    public IReadOnlyList<YearRow> Years { get; private set; } = [];

    public sealed record YearRow(int Year, bool HasAssessment, Points? Points, decimal? PublishedTotal, string? Classification,
        int? Rank, int? RankOf);

    public async Task OnGetAsync(CancellationToken ct)
    {
        // Two queries for all years: every sub-criterion line with its year, and the published results.
        var sheets = await reader.ReadAllYearsAsync(ct);
        var published = await db.PublishedResults.AsNoTracking()
            .Select(p => new { p.Year, p.Total, p.Classification, p.Rank, p.RankOf }).ToListAsync(ct);
        var years = sheets.Keys.Union(published.Select(p => p.Year)).OrderDescending();
        Years = years.Select(y =>
        {
            var p = published.FirstOrDefault(x => x.Year == y);
            return new YearRow(y, sheets.ContainsKey(y), sheets.GetValueOrDefault(y)?.Total, p?.Total, p?.Classification, p?.Rank, p?.RankOf);
        }).ToList();
    }
}
