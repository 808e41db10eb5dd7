using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ParIndex.Domain.Assessments;
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
        var facts = view.Projection.Lines
            .Select(l => (l.Item.SubCriterionId, Facts: FactSources.Facts(l.Item.Source, l.Item.Rule, view.Figures, l.Item.Tasks)))
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
}
