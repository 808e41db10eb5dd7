using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ParIndex.Domain.Assessments;
using ParIndex.Domain.Operations;
using ParIndex.Domain.Projection;
using ParIndex.Domain.Scoring;
using ParIndex.Web.Data;

namespace ParIndex.Web.Features.Operations;

/// <summary>
/// Writes the facts the year's operational figures give (late dossiers, late reports, task completion…) into the
/// year's scores, so each sub-criterion's rule explains its points from what was recorded. Only while the
/// self-assessment phase is open: once it closes the facts are frozen with the scores.
/// </summary>
public sealed class FactRecorder(ParIndexDbContext db, ProjectionReader reader)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull
    };

    /// <summary>Returns how many scores received facts, or a Vietnamese error when the phase is closed.</summary>
    public async Task<(int Recorded, string? Error)> RecordAsync(int year, DateOnly today, DateTime nowUtc, string by, CancellationToken ct)
    {
        var assessment = await db.Assessments.Include(a => a.Phases).SingleOrDefaultAsync(a => a.Year == year, ct);
        if (assessment is null) return (0, $"Không có đánh giá năm {year}.");
        if (!assessment.IsOpen(PhaseKind.SelfAssessment, today))
            return (0, Assessment.LockedMessage(PhaseKind.SelfAssessment, assessment.Phases.FirstOrDefault(p => p.Kind == PhaseKind.SelfAssessment), today));

        var view = await reader.ReadAsync(year, today, ct);
        if (view is null) return (0, $"Không có đánh giá năm {year}.");
        var onTime = await OnTimeAsync(year, today, ct);
        var facts = view.Projection.Lines
            .Select(l => (l.Item.SubCriterionId, Facts: WithTotal(FactSources.Facts(l.Item.Source, l.Item.Rule, view.Figures, l.Item.Tasks),
                l.Item.Source, l.Item.Rule, onTime)))
            .Where(x => x.Facts is not null)
            .ToDictionary(x => x.SubCriterionId, x => x.Facts!);
        if (facts.Count == 0) return (0, null);

        var ids = facts.Keys.ToList();
        var scores = await db.Scores.Where(s => s.AssessmentId == assessment.Id && ids.Contains(s.SubCriterionId))
            .ToDictionaryAsync(s => s.SubCriterionId, ct);
        foreach (var (id, f) in facts)
        {
            if (!scores.TryGetValue(id, out var score))
            {
                score = new SubCriterionScore(assessment.Id, id);
                db.Scores.Add(score);
            }
            var json = JsonSerializer.Serialize(f, Json);
            if (score.FactsJson != json) score.SetFacts(json, by, nowUtc);
        }
        await db.SaveChangesAsync(ct);
        return (facts.Count, null);
    }

    /// <summary>
    /// The year's total dossiers (entered by the Office) and the late ones among them, in working days to the date
    /// that matters; null when no total is known, so no on-time figure is recorded.
    /// </summary>
    private async Task<(int Total, int Late)?> OnTimeAsync(int year, DateOnly today, CancellationToken ct)
    {
        var total = await db.Set<DossierYearTotal>().AsNoTracking().Where(t => t.Year == year).Select(t => (int?)t.Total).SingleOrDefaultAsync(ct);
        if (total is not { } t) return null;
        var from = new DateOnly(year, 1, 1);
        var to = new DateOnly(year, 12, 31);
        var dossiers = await db.Dossiers.AsNoTracking().Where(d => d.ReceivedOn >= from && d.ReceivedOn <= to)
            .Select(d => new { d.ReceivedOn, d.DueOn, d.ReturnedOn }).ToListAsync(ct);
        var calendar = await CalendarService.ReadAsync(db, ct);
        return (t, dossiers.Count(d => Dossier.WorkingDaysLate(d.ReceivedOn, d.DueOn, d.ReturnedOn, today, calendar) > 0));
    }

    /// <summary>
    /// The TTHC result's facts with the year's total: dossiers on time (<see cref="ScoringFacts.AchievedCount"/>) out of
    /// all received (<see cref="ScoringFacts.RequiredCount"/>), and for a rate rule the on-time rate from that total.
    /// </summary>
    private static ScoringFacts? WithTotal(ScoringFacts? facts, FactSource source, ScoringRule rule, (int Total, int Late)? onTime)
    {
        if (onTime is not { } o || source is not (FactSource.LateDossierCount or FactSource.OnTimeDossierRate)) return facts;
        var withCounts = (facts ?? new ScoringFacts()) with { AchievedCount = Math.Max(0, o.Total - o.Late), RequiredCount = o.Total };
        return source == FactSource.OnTimeDossierRate && rule is BandsRule { IsPercent: true }
            ? withCounts with { Value = DossierYearTotal.OnTimeRate(o.Total, o.Late) }
            : withCounts;
    }
}
