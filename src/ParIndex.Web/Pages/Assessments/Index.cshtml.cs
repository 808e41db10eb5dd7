using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ParIndex.Domain.Assessments;
using ParIndex.Web.Data;

namespace ParIndex.Web.Pages.Assessments;

public class IndexModel(ParIndexDbContext db) : PageModel
{
    public IReadOnlyList<YearRow> Years { get; private set; } = [];

    public sealed record YearRow(int Year, bool HasAssessment, Points? Points, decimal? PublishedTotal, string? Classification,
        int? Rank, int? RankOf);

    public async Task OnGetAsync(CancellationToken ct)
    {
        // Two queries for all years: every sub-criterion line with its year, and the published results.
        var lines = await (
            from a in db.Assessments.AsNoTracking()
            join area in db.Areas on a.FrameworkId equals area.FrameworkId
            join c in db.Criteria on area.Id equals c.AreaId
            join s in db.SubCriteria on c.Id equals s.CriterionId
            join sc in db.Scores on new { A = a.Id, S = s.Id } equals new { A = sc.AssessmentId, S = sc.SubCriterionId } into scs
            from sc in scs.DefaultIfEmpty()
            select new { a.Year, Line = new ScoreLine(area.Code, area.Name, c.Code, c.Name, s.Id, s.Code, s.Name, s.MaxPoints,
                sc == null ? null : sc.SelfScore, sc == null ? null : sc.Round1Score, sc == null ? null : sc.Round2Score) }
        ).ToListAsync(ct);
        var published = await db.PublishedResults.AsNoTracking()
            .Select(p => new { p.Year, p.Total, p.Classification, p.Rank, p.RankOf }).ToListAsync(ct);
        var sheets = lines.GroupBy(l => l.Year).ToDictionary(g => g.Key, g => new ScoreSheet(g.Select(x => x.Line)));
        var years = sheets.Keys.Union(published.Select(p => p.Year)).OrderDescending();
        Years = years.Select(y =>
        {
            var p = published.FirstOrDefault(x => x.Year == y);
            return new YearRow(y, sheets.ContainsKey(y), sheets.GetValueOrDefault(y)?.Total, p?.Total, p?.Classification, p?.Rank, p?.RankOf);
        }).ToList();
    }
}
