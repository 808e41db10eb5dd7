using Microsoft.EntityFrameworkCore;
using ParIndex.Domain.Accountability;
using ParIndex.Domain.Assessments;
using ParIndex.Domain.Projection;
using ParIndex.Domain.Scoring;
using ParIndex.Web.Data;
using ParIndex.Web.Features.Operations;

namespace ParIndex.Web.Features.Assessments;

/// <summary>The Office's shares of one sub-criterion, as stored (for the pages that show or edit them).</summary>
public sealed record LossShareRow(int SubCriterionId, int UnitId, decimal Weight, string? Source, string SetBy, DateTime SetAt, string? Responsible = null);

/// <summary>A year's points lost per unit with the stored shares and the per-unit counts the splits used.</summary>
public sealed record LostPointsView(LostPointsAccount Account, IReadOnlyList<LossShareRow> Shares,
    IReadOnlyDictionary<int, int> LateDossiersByUnit, IReadOnlyDictionary<int, int> LateReportsByUnit)
{
    public static LostPointsView Empty { get; } = new(LostPointsAccount.Empty, [], new Dictionary<int, int>(), new Dictionary<int, int>());

    public IEnumerable<LossShareRow> SharesOf(int subCriterionId) => Shares.Where(s => s.SubCriterionId == subCriterionId);
}

/// <summary>
/// The one reader of "points lost per unit" for a year: it gathers what <see cref="LostPointsAccount"/> needs for the
/// sub-criteria that lost points (their rules and fact sources, the Office's shares, late dossiers and late reports per
/// unit of the year) in six queries, and lets the domain split. The dashboard, the year and score pages, the plan's
/// section I, the workbooks and the API all read it through <see cref="AssessmentView.Losses"/> or this class.
/// </summary>
public sealed class LostPointsReader(ParIndexDbContext db)
{
    public async Task<LostPointsView> ReadAsync(int year, ScoreSheet sheet, DateOnly today, CancellationToken ct = default)
    {
        var lostLines = sheet.Lines.Where(l => l.Final is { } f && f < l.MaxPoints).ToList();
        var allIds = sheet.Lines.Select(l => l.SubCriterionId).ToList();

        // 1. the Office's shares of the year's sub-criteria (all of them: the score page shows shares set at full marks too).
        var shares = await db.Set<LossShare>().AsNoTracking().Where(s => allIds.Contains(s.SubCriterionId))
            .OrderBy(s => s.SubCriterionId).ThenBy(s => s.UnitId)
            .Select(s => new LossShareRow(s.SubCriterionId, s.UnitId, s.Weight, s.Source, s.SetBy, s.SetAt, s.Responsible))
            .ToListAsync(ct);
        if (lostLines.Count == 0) return LostPointsView.Empty with { Shares = shares };

        // 2. the rules and fact sources of the sub-criteria that lost points: which facts their rules count.
        var ids = lostLines.Select(l => l.SubCriterionId).ToList();
        var rules = await db.SubCriteria.AsNoTracking().Where(s => ids.Contains(s.Id))
            .Select(s => new
            {
                s.Id,
                s.Name,
                s.RuleKind,
                s.RuleParameters,
                Link = db.Set<FactSourceLink>().Where(l => l.SubCriterionId == s.Id).Select(l => (FactSource?)l.Source).FirstOrDefault(),
            })
            .ToDictionaryAsync(s => s.Id, ct);

        // 3., 4. and 5. late dossiers (received in the year, late in working days: DossierReader.LateAsync) and late
        // or missing periodic reports of the year, per unit, counted by the database.
        var from = new DateOnly(year, 1, 1);
        var to = new DateOnly(year, 12, 31);
        var dossiers = (await DossierReader.LateAsync(db, from, to, today, ct))
            .GroupBy(d => d.UnitId).ToDictionary(g => g.Key, g => g.Count());
        var reports = await db.PeriodicReports.AsNoTracking()
            .Where(r => r.Year == year)
            .Where(r => r.SubmittedOn != null ? r.SubmittedOn > r.DueOn : r.DueOn < today)
            .GroupBy(r => r.LeadUnitId).Select(g => new { UnitId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.UnitId, g => g.Count, ct);

        var sharesBySub = shares.ToLookup(s => s.SubCriterionId);
        var facts = lostLines.Select(line =>
        {
            LossBasis? basis = null;
            if (rules.TryGetValue(line.SubCriterionId, out var r))
            {
                var source = r.Link ?? FactSources.Suggest(r.Name, ScoringRule.FromJson(r.RuleKind, r.RuleParameters));
                basis = source switch
                {
                    FactSource.LateDossierCount or FactSource.OnTimeDossierRate => LossBasis.LateDossiers,
                    FactSource.LateReportCount or FactSource.SubmittedReports => LossBasis.LateReports,
                    _ => null,
                };
            }
            var counts = basis switch
            {
                LossBasis.LateDossiers => dossiers,
                LossBasis.LateReports => reports,
                _ => null,
            };
            return new LossFacts(line.SubCriterionId, line.MaxPoints - line.Final!.Value, line.LeadUnitId,
                sharesBySub[line.SubCriterionId].Select(s => new UnitWeight(s.UnitId, s.Weight)).ToList(),
                basis, counts?.OrderBy(c => c.Key).Select(c => new UnitWeight(c.Key, c.Value)).ToList(),
                sharesBySub[line.SubCriterionId].Select(s => s.Responsible).FirstOrDefault(n => n is not null));
        });
        return new LostPointsView(LostPointsAccount.Compute(facts), shares, dossiers, reports);
    }
}
