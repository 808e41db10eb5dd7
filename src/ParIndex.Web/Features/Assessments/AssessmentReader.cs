using Microsoft.EntityFrameworkCore;
using ParIndex.Domain.Accountability;
using ParIndex.Domain.Assessments;
using ParIndex.Domain.Formatting;
using ParIndex.Web.Data;
using ParIndex.Web.Infrastructure;

namespace ParIndex.Web.Features.Assessments;

/// <summary>The computed picture of one year: every sub-criterion's figures and every total derived from them.</summary>
public sealed record AssessmentView(
    int Year, int AssessmentId, int FrameworkId, string FrameworkName, ScoreSheet Sheet,
    IReadOnlyDictionary<int, UnitRef> Units, PublishedView? Published, IReadOnlyList<AssessmentPhase> Phases, LostPointsView Losses)
{
    public string UnitName(int? id) => id is { } i && Units.TryGetValue(i, out var u) ? u.Name : "";
    public string UnitCode(int? id) => id is { } i && Units.TryGetValue(i, out var u) ? u.Code : "";

    /// <summary>A sub-criterion's lost points per unit, in the units' order (empty when it lost nothing).</summary>
    public IReadOnlyList<UnitLoss> LossOf(int subCriterionId) =>
        Losses.Account.For(subCriterionId)?.Units.OrderBy(u => UnitOrder(u.UnitId)).ToList() ?? [];

    /// <summary>A unit's position in the units' order (<see cref="Units"/> is read in sort order); unknown units last.</summary>
    public int UnitOrder(int? id)
    {
        var i = 0;
        foreach (var key in Units.Keys)
        {
            if (key == id) return i;
            i++;
        }
        return int.MaxValue;
    }

    /// <summary>"Phòng A 0,714 điểm, Phòng B 0,143 điểm": who lost a sub-criterion's points.</summary>
    public string LossText(int subCriterionId) =>
        string.Join(", ", LossOf(subCriterionId).Select(u => $"{(u.UnitId is null ? "Chưa giao đơn vị" : UnitName(u.UnitId))} {Vn.Points(u.Points)} điểm"));
}

public sealed record UnitRef(int Id, string Code, string Name, bool IsActive);

public sealed record PublishedView(int Year, decimal Total, string Classification, int Rank, int RankOf, string? Source,
    IReadOnlyList<PublishedAreaView> Areas);

public sealed record PublishedAreaView(string AreaCode, decimal? Points, decimal? Percent);

/// <summary>
/// Reads a year in a fixed number of queries (structure and scores, units, published result, phases),
/// whatever the size of the framework, and computes the sheet in memory.
/// </summary>
public sealed class AssessmentReader(ParIndexDbContext db, Clock? clock = null)
{
    /// <summary>The day unreturned dossiers and unsent reports are counted late to (Vietnam time).</summary>
    private DateOnly Today => clock?.Today ?? DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));

    public async Task<AssessmentView?> ReadAsync(int year, CancellationToken ct = default)
    {
        var assessment = await db.Assessments.AsNoTracking().Where(a => a.Year == year)
            .Select(a => new { a.Id, a.FrameworkId, FrameworkName = db.Frameworks.Where(f => f.Id == a.FrameworkId).Select(f => f.Name).First() })
            .SingleOrDefaultAsync(ct);
        if (assessment is null) return null;

#pragma warning disable IDE0031 // an expression tree: EF Core's query cannot hold ?.
        var lines = await (
            from area in db.Areas.AsNoTracking()
            where area.FrameworkId == assessment.FrameworkId
            join criterion in db.Criteria on area.Id equals criterion.AreaId
            join sub in db.SubCriteria on criterion.Id equals sub.CriterionId
            join score in db.Scores.Where(s => s.AssessmentId == assessment.Id) on sub.Id equals score.SubCriterionId into scores
            from score in scores.DefaultIfEmpty()
            select new ScoreLine(area.Code, area.Name, criterion.Code, criterion.Name, sub.Id, sub.Code, sub.Name, sub.MaxPoints,
                score == null ? null : score.SelfScore, score == null ? null : score.Round1Score, score == null ? null : score.Round2Score,
                score == null ? null : score.LostReason, sub.LeadUnitId)
        ).ToListAsync(ct);
#pragma warning restore IDE0031

        var units = await ReadUnitsAsync(ct);
        var published = await ReadPublishedAsync(year, ct);
        // Ordered in memory: the kind is stored as text, which the database would sort alphabetically.
        var phases = (await db.AssessmentPhases.AsNoTracking().Where(p => p.AssessmentId == assessment.Id).ToListAsync(ct)).OrderBy(p => p.Kind).ToList();
        var sheet = new ScoreSheet(lines);
        var losses = await new LostPointsReader(db).ReadAsync(year, sheet, Today, ct);
        return new AssessmentView(year, assessment.Id, assessment.FrameworkId, assessment.FrameworkName, sheet, units,
            published, phases, losses);
    }

    /// <summary>
    /// Every year's sheet from one query (codes, area names, maxima, every round, lead units; no sub-criterion names):
    /// for the pages that compare years.
    /// </summary>
    public async Task<IReadOnlyDictionary<int, ScoreSheet>> ReadAllYearsAsync(CancellationToken ct = default)
    {
#pragma warning disable IDE0031 // an expression tree: EF Core's query cannot hold ?.
        var lines = await (
            from a in db.Assessments.AsNoTracking()
            join area in db.Areas on a.FrameworkId equals area.FrameworkId
            join criterion in db.Criteria on area.Id equals criterion.AreaId
            join sub in db.SubCriteria on criterion.Id equals sub.CriterionId
            join score in db.Scores on new { A = a.Id, S = sub.Id } equals new { A = score.AssessmentId, S = score.SubCriterionId } into scores
            from score in scores.DefaultIfEmpty()
            select new
            {
                a.Year,
                Line = new ScoreLine(area.Code, area.Name, criterion.Code, "", sub.Id, sub.Code, "", sub.MaxPoints,
                    score == null ? null : score.SelfScore, score == null ? null : score.Round1Score,
                    score == null ? null : score.Round2Score, null, sub.LeadUnitId),
            }).ToListAsync(ct);
#pragma warning restore IDE0031
        return lines.GroupBy(l => l.Year).ToDictionary(g => g.Key, g => new ScoreSheet(g.Select(l => l.Line)));
    }

    public async Task<IReadOnlyDictionary<int, UnitRef>> ReadUnitsAsync(CancellationToken ct = default) =>
        await db.Units.AsNoTracking().OrderBy(u => u.SortOrder)
            .Select(u => new UnitRef(u.Id, u.Code, u.Name, u.RetiredOn == null)).ToDictionaryAsync(u => u.Id, ct);

    public async Task<PublishedView?> ReadPublishedAsync(int year, CancellationToken ct = default) =>
        await db.PublishedResults.AsNoTracking().Where(p => p.Year == year)
            .Select(p => new PublishedView(p.Year, p.Total, p.Classification, p.Rank, p.RankOf, p.Source,
                p.Areas.OrderBy(a => a.AreaCode).Select(a => new PublishedAreaView(a.AreaCode, a.Points, a.Percent)).ToList()))
            .SingleOrDefaultAsync(ct);
}
