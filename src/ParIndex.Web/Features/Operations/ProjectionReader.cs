using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ParIndex.Domain.Operations;
using ParIndex.Domain.Plans;
using ParIndex.Domain.Projection;
using ParIndex.Domain.Scoring;
using ParIndex.Web.Data;

namespace ParIndex.Web.Features.Operations;

public sealed record SubCriterionSource(int SubCriterionId, string Code, string Name, RuleKind RuleKind, FactSource Suggested,
    FactSource? Stored)
{
    public FactSource Effective => Stored ?? Suggested;
}

public sealed record ProjectionView(
    int Year,
    DateOnly Today,
    OperationsFigures Figures,
    ScoreProjection Projection,
    IReadOnlyDictionary<int, string> UnitNames,
    IReadOnlyList<SubCriterionSource> Sources);

/// <summary>
/// Gathers what the projection needs for one year in a fixed number of queries (assessment, sub-criteria, links,
/// this year's scores, last year's scores, the plan's target, its tasks' targets and progress, the published result,
/// dossiers, reports, units) and hands
/// the computation to <see cref="ScoreProjector"/>. Also reads the operational figures alone for the fact sources.
/// </summary>
public sealed class ProjectionReader(ParIndexDbContext db)
{
    private static readonly JsonSerializerOptions FactsJson = new() { PropertyNameCaseInsensitive = true };

    public async Task<ProjectionView?> ReadAsync(int year, DateOnly today, CancellationToken ct = default)
    {
        var assessment = await db.Assessments.AsNoTracking().Where(a => a.Year == year)
            .Select(a => new { a.Id, a.FrameworkId, Published = db.PublishedResults.Where(p => p.Year == year).Select(p => (decimal?)p.Total).FirstOrDefault() })
            .SingleOrDefaultAsync(ct);
        if (assessment is null) return null;

        var subs = await db.SubCriteria.AsNoTracking()
            .Where(s => db.Criteria.Any(c => c.Id == s.CriterionId && db.Areas.Any(a => a.Id == c.AreaId && a.FrameworkId == assessment.FrameworkId)))
            .Select(s => new { s.Id, s.Code, s.Name, s.MaxPoints, s.RuleKind, s.RuleParameters, s.LeadUnitId })
            .ToListAsync(ct);
        var subIds = subs.Select(s => s.Id).ToList();
        var links = await db.Set<FactSourceLink>().AsNoTracking().Where(l => subIds.Contains(l.SubCriterionId))
            .ToDictionaryAsync(l => l.SubCriterionId, l => l.Source, ct);
        var scores = await db.Scores.AsNoTracking().Where(s => s.AssessmentId == assessment.Id)
            .Select(s => new { s.SubCriterionId, s.SelfScore, s.FactsJson, s.Round1Score, s.Round2Score }).ToDictionaryAsync(s => s.SubCriterionId, ct);
        var previous = await db.Scores.AsNoTracking()
            .Where(s => db.Assessments.Any(a => a.Id == s.AssessmentId && a.Year == year - 1))
            .Join(db.SubCriteria, s => s.SubCriterionId, c => c.Id,
                (s, c) => new { c.Code, s.SelfScore, s.Round1Score, s.Round2Score })
            .ToListAsync(ct);
        var previousByCode = previous
            .GroupBy(p => p.Code)
            .ToDictionary(g => g.Key, g => g.Select(p => p.Round2Score ?? p.Round1Score ?? p.SelfScore).FirstOrDefault());
        // The year's current plan version only (a superseded one, or a replacement not yet issued, is not in force).
        var target = await db.Plans.AsNoTracking().Where(p => p.TargetYear == year).Where(ImprovementPlan.IsCurrentVersion)
            .Select(p => p.TargetTotal).FirstOrDefaultAsync(ct);
        var taskTargets = await db.PlanTasks.AsNoTracking().Where(PlanTask.InCurrentPlan)
            .Where(t => t.Plan!.TargetYear == year && t.Status != PlanTaskStatus.Cancelled)
            .SelectMany(t => t.Targets, (t, x) => new { x.SubCriterionId, t.Status, t.PercentComplete })
            .ToListAsync(ct);
        // Every sub-criterion a task targets moves with its progress (a task at 70% counts 0,7 on each of them).
        var tasks = taskTargets.GroupBy(t => t.SubCriterionId)
            .ToDictionary(g => g.Key, g => new TaskFigures(g.Count(t => t.Status == PlanTaskStatus.Done), g.Count(),
                g.Sum(t => t.Status == PlanTaskStatus.Done ? 1m : Math.Clamp(t.PercentComplete, 0, 100) / 100m)));
        var figures = await FiguresAsync(year, today, ct);
        var units = await db.Units.AsNoTracking().Select(u => new { u.Id, u.Name }).ToDictionaryAsync(u => u.Id, u => u.Name, ct);

        var items = new List<ProjectionItem>();
        var sources = new List<SubCriterionSource>();
        foreach (var s in subs)
        {
            var rule = ScoringRule.FromJson(s.RuleKind, s.RuleParameters);
            var suggested = FactSources.Suggest(s.Name, rule);
            FactSource? stored = links.TryGetValue(s.Id, out var link) ? link : null;
            // A count of periodic reports is a count of reports: a rule left with the default item label would say "nhiệm vụ".
            if ((stored ?? suggested) == FactSource.SubmittedReports && rule is ProportionalRule { ItemLabel: "nhiệm vụ" or "" } p)
                rule = p with { ItemLabel = "báo cáo" };
            sources.Add(new SubCriterionSource(s.Id, s.Code, s.Name, s.RuleKind, suggested, stored));
            scores.TryGetValue(s.Id, out var score);
            items.Add(new ProjectionItem(s.Id, s.Code, s.Name, s.MaxPoints, rule, s.LeadUnitId, stored ?? suggested,
                ReadFacts(score?.FactsJson), score?.SelfScore, previousByCode.GetValueOrDefault(s.Code),
                tasks.GetValueOrDefault(s.Id), score?.Round1Score, score?.Round2Score));
        }

        sources.Sort((a, b) => CodeComparer.Instance.Compare(a.Code, b.Code));
        return new ProjectionView(year, today, figures, ScoreProjector.Project(items, figures, target, assessment.Published), units, sources);
    }

    /// <summary>
    /// The year's operational figures up to <paramref name="today"/>: dossiers received in the year (late in working
    /// days, as the dossier list counts them), the year's total as the Office entered it, and periodic reports (due so
    /// far, submitted, late or missing). Four queries.
    /// </summary>
    public async Task<OperationsFigures> FiguresAsync(int year, DateOnly today, CancellationToken ct = default)
    {
        var from = new DateOnly(year, 1, 1);
        var to = new DateOnly(year, 12, 31);
        var dossiers = await db.Dossiers.AsNoTracking()
            .Where(d => d.ReceivedOn >= from && d.ReceivedOn <= to && d.ReceivedOn <= today)
            .Select(d => new { d.ReceivedOn, d.DueOn, d.ReturnedOn }).ToListAsync(ct);
        var calendar = await CalendarService.ReadAsync(db, ct);
        var reports = await db.PeriodicReports.AsNoTracking().Where(r => r.Year == year)
            .Select(r => new { r.DueOn, r.SubmittedOn }).ToListAsync(ct);
        var due = reports.Where(r => r.DueOn < today || r.SubmittedOn is not null).ToList();
        var yearTotal = await db.Set<DossierYearTotal>().AsNoTracking().Where(t => t.Year == year).Select(t => (int?)t.Total).FirstOrDefaultAsync(ct);
        return new OperationsFigures(
            dossiers.Count,
            dossiers.Count(d => Dossier.WorkingDaysLate(d.ReceivedOn, d.DueOn, d.ReturnedOn, today, calendar) > 0),
            due.Count,
            due.Count(r => r.SubmittedOn is not null),
            reports.Count(r => r.SubmittedOn is { } s ? s > r.DueOn : today > r.DueOn),
            yearTotal);
    }

    private static ScoringFacts? ReadFacts(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return null;
        try
        {
            return JsonSerializer.Deserialize<ScoringFacts>(json, FactsJson);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
