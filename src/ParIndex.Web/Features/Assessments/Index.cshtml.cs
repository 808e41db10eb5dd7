using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ParIndex.Domain.Assessments;
using ParIndex.Web.Data;

namespace ParIndex.Web.Features.Assessments;

public class IndexModel(ParIndexDbContext db, ParIndex.Web.Features.Assessments.AssessmentReader reader) : PageModel
{
    public IReadOnlyList<YearRow> Years { get; private set; } = [];

    /// <summary>
    /// A year's row. <paramref name="Unopened"/>: the year has a framework (imported or copied) but no assessment yet, so
    /// the Office may open it (<see cref="OpenModel"/>).
    /// </summary>
    public sealed record YearRow(int Year, bool HasAssessment, Points? Points, decimal? PublishedTotal, string? Classification,
        int? Rank, int? RankOf, bool Unopened = false);

    public async Task OnGetAsync(CancellationToken ct)
    {
        // Three queries for all years: every sub-criterion line with its year, the published results, and the years whose
        // framework has no assessment yet.
        var sheets = await reader.ReadAllYearsAsync(ct);
        var published = await db.PublishedResults.AsNoTracking()
            .Select(p => new { p.Year, p.Total, p.Classification, p.Rank, p.RankOf }).ToListAsync(ct);
        var unopened = await db.Frameworks.AsNoTracking().Where(f => !db.Assessments.Any(a => a.Year == f.Year))
            .Select(f => f.Year).ToListAsync(ct);
        var years = sheets.Keys.Union(published.Select(p => p.Year)).Union(unopened).OrderDescending();
        Years = years.Select(y =>
        {
            var p = published.FirstOrDefault(x => x.Year == y);
            return new YearRow(y, sheets.ContainsKey(y), sheets.GetValueOrDefault(y)?.Total, p?.Total, p?.Classification, p?.Rank, p?.RankOf,
                unopened.Contains(y));
        }).ToList();
    }
}
