using Microsoft.EntityFrameworkCore;
using ParIndex.Domain.Accountability;
using ParIndex.Domain.Assessments;
using ParIndex.Domain.Formatting;
using ParIndex.Domain.Frameworks;
using ParIndex.Domain.Scoring;
using ParIndex.Web.Data;
using ParIndex.Web.Infrastructure;

namespace ParIndex.Web.Features.Assessments;

/// <summary>The computed picture of one year: every sub-criterion's figures and every total derived from them.</summary>
public sealed record AssessmentView(
    int Year, int AssessmentId, int FrameworkId, string FrameworkName, ScoreSheet Sheet,
    IReadOnlyDictionary<int, UnitRef> Units, PublishedView? Published, IReadOnlyList<AssessmentPhase> Phases, LostPointsView Losses)
{
    /// <summary>Per sub-criterion: off-scale reasons of each round, and the rule's result from the recorded facts.</summary>
    public IReadOnlyDictionary<int, LineDetail> Details { get; init; } = new Dictionary<int, LineDetail>();

    /// <summary>The year's parts beyond its sub-criteria (classification bands, scale); the default ones until the Office sets them.</summary>
    public IndexParts Parts { get; init; } = IndexParts.Default;

    /// <summary>The year's result computed from its sub-criteria and <see cref="Parts"/>: what every page, workbook, API answer and plan reads.</summary>
    public IndexResult Result => IndexResult.Of(Sheet, Parts);

    /// <summary>Another total of the year (a round's, a published one) classified by the year's bands.</summary>
    public IndexResult ResultOf(decimal points) => IndexResult.Of(points, Sheet.FullMax, Parts);

    public LineDetail DetailOf(int subCriterionId) => Details.GetValueOrDefault(subCriterionId) ?? LineDetail.None;

    /// <summary>Sub-criteria whose self score differs from what their recorded facts give, not yet resolved by the Office.</summary>
    public IEnumerable<ScoreLine> RuleMismatches => Sheet.Lines.Where(l => DetailOf(l.SubCriterionId).DiffersFromRule);

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

    /// <summary>
    /// "Phòng A 0,714 điểm, Phòng B 0,143 điểm": who lost a sub-criterion's points, followed by the Office's note on who
    /// answers for the loss where its shares carry one ("… (trách nhiệm thuộc về …)").
    /// </summary>
    public string LossText(int subCriterionId) =>
        string.Join(", ", LossOf(subCriterionId).Select(u => $"{(u.UnitId is null ? "Chưa giao đơn vị" : UnitName(u.UnitId))} {Vn.Points(u.Points)} điểm"))
        + (Losses.Account.For(subCriterionId)?.ResponsibleText is { } answers ? $" ({answers})" : "");
}

public sealed record UnitRef(int Id, string Code, string Name, bool IsActive);

/// <summary>What a sub-criterion's row says beyond its points: why a round's score is off the rule's scale, and the rule's result.</summary>
public sealed record LineDetail(string? SelfOffScaleReason, string? Round1OffScaleReason, string? Round2OffScaleReason,
    RuleResult? RuleResult, bool DiffersFromRule, bool ExplanationRequired = false)
{
    public static readonly LineDetail None = new(null, null, null, null, false);

    /// <summary>"Tự đánh giá: …; Vòng 1: …" (empty when every score is on the scale).</summary>
    public string OffScaleText => string.Join("; ", new[] { ("Tự đánh giá", SelfOffScaleReason), ("Vòng 1", Round1OffScaleReason), ("Vòng 2", Round2OffScaleReason) }
        .Where(x => x.Item2 is not null).Select(x => $"{x.Item1}: {x.Item2}"));

    private static readonly System.Text.Json.JsonSerializerOptions FactsJson = new() { PropertyNameCaseInsensitive = true };

    /// <summary>The rule's result from the recorded facts (null without facts, or when they cannot be read).</summary>
    public static RuleResult? Evaluate(RuleKind kind, string ruleParameters, decimal maxPoints, string? factsJson)
    {
        if (string.IsNullOrWhiteSpace(factsJson)) return null;
        try
        {
            var facts = System.Text.Json.JsonSerializer.Deserialize<ScoringFacts>(factsJson, FactsJson);
            return facts is null ? null : ScoringRule.FromJson(kind, ruleParameters).Evaluate(maxPoints, facts);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}

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
        var assessment = await (
            from a in db.Assessments.AsNoTracking()
            where a.Year == year
            join f in db.Frameworks on a.FrameworkId equals f.Id
            select new { a.Id, a.FrameworkId, FrameworkName = f.Name, f.BandBasis, f.ExcellentFrom, f.GoodFrom, f.FairFrom, f.AverageFrom, f.Scale })
            .SingleOrDefaultAsync(ct);
        if (assessment is null) return null;

#pragma warning disable IDE0031 // an expression tree: EF Core's query cannot hold ?.
        var rows = await (
            from area in db.Areas.AsNoTracking()
            where area.FrameworkId == assessment.FrameworkId
            join criterion in db.Criteria on area.Id equals criterion.AreaId
            join sub in db.SubCriteria on criterion.Id equals sub.CriterionId
            join score in db.Scores.Where(s => s.AssessmentId == assessment.Id) on sub.Id equals score.SubCriterionId into scores
            from score in scores.DefaultIfEmpty()
            select new
            {
                Line = new ScoreLine(area.Code, area.Name, criterion.Code, criterion.Name, sub.Id, sub.Code, sub.Name, sub.MaxPoints,
                    score == null ? null : score.SelfScore, score == null ? null : score.Round1Score, score == null ? null : score.Round2Score,
                    score == null ? null : score.LostReason, sub.LeadUnitId, sub.NotApplicableReason),
                SelfOff = score == null ? null : score.SelfOffScaleReason,
                Round1Off = score == null ? null : score.Round1OffScaleReason,
                Round2Off = score == null ? null : score.Round2OffScaleReason,
                Facts = score == null ? null : score.FactsJson,
                KeptReason = score == null ? null : score.RuleMismatchKeptReason,
                KeptPoints = score == null ? null : score.RuleMismatchKeptPoints,
                Explain = score != null && score.ExplanationRequired,
                sub.RuleKind,
                RuleParameters = score == null || score.FactsJson == null ? null : sub.RuleParameters,
            }
        ).ToListAsync(ct);
#pragma warning restore IDE0031
        var lines = rows.Select(r => r.Line).ToList();
        var details = rows
            .Where(r => r.SelfOff is not null || r.Round1Off is not null || r.Round2Off is not null || r.Facts is not null || r.Explain)
            .ToDictionary(r => r.Line.SubCriterionId, r =>
            {
                var rule = r.RuleParameters is null ? null : LineDetail.Evaluate(r.RuleKind, r.RuleParameters, r.Line.MaxPoints, r.Facts);
                return new LineDetail(r.SelfOff, r.Round1Off, r.Round2Off, rule,
                    SubCriterionScore.DiffersFromRule(r.Line.Self, rule, r.KeptReason, r.KeptPoints), r.Explain);
            });

        var units = await ReadUnitsAsync(ct);
        var published = await ReadPublishedAsync(year, ct);
        // Ordered in memory: the kind is stored as text, which the database would sort alphabetically.
        var phases = (await db.AssessmentPhases.AsNoTracking().Where(p => p.AssessmentId == assessment.Id).ToListAsync(ct)).OrderBy(p => p.Kind).ToList();
        var sheet = new ScoreSheet(lines);
        var losses = await new LostPointsReader(db).ReadAsync(year, sheet, Today, ct);
        var view = new AssessmentView(year, assessment.Id, assessment.FrameworkId, assessment.FrameworkName, sheet, units,
            published, phases, losses);
        var parts = (await ReadPartsAsync(db.Frameworks.AsNoTracking().Where(f => f.Id == assessment.FrameworkId), ct)).Values.Single();
        return view with { Details = details, Parts = parts };
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
                    score == null ? null : score.Round2Score, null, sub.LeadUnitId, sub.NotApplicableReason),
            }).ToListAsync(ct);
#pragma warning restore IDE0031
        return lines.GroupBy(l => l.Year).ToDictionary(g => g.Key, g => new ScoreSheet(g.Select(l => l.Line)));
    }

    /// <summary>Every year's parts beyond its sub-criteria (bands, scale), for the pages that compare years.</summary>
    public Task<IReadOnlyDictionary<int, IndexParts>> ReadAllPartsAsync(CancellationToken ct = default) =>
        ReadPartsAsync(db.Frameworks.AsNoTracking(), ct);

    /// <summary>
    /// The one place a year's <see cref="IndexParts"/> are read (bands, scale, not-applicable rule, survey groups, bonus and
    /// deductions with their caps), per year, in one query.
    /// </summary>
    private static async Task<IReadOnlyDictionary<int, IndexParts>> ReadPartsAsync(IQueryable<Framework> frameworks, CancellationToken ct)
    {
        // One query: the two small collections ride on the framework row (a single query with LEFT JOINs).
        var rows = await frameworks.Select(f => new
        {
            f.Year,
            f.BandBasis,
            f.ExcellentFrom,
            f.GoodFrom,
            f.FairFrom,
            f.AverageFrom,
            f.Scale,
            f.NotApplicableRule,
            f.BonusCap,
            f.DeductionCap,
            Surveys = f.Surveys.OrderBy(g => g.SortOrder).ThenBy(g => g.Id).Select(g => new SurveyPart(g.Name, g.MaxPoints, g.Points)).ToList(),
            Adjustments = f.Adjustments.Select(a => new { a.Kind, a.Points }).ToList(),
        }).AsSingleQuery().ToListAsync(ct);
        return rows.ToDictionary(f => f.Year, f => Framework.PartsOf(Framework.Bands(f.BandBasis, f.ExcellentFrom, f.GoodFrom, f.FairFrom, f.AverageFrom),
            f.Scale, f.NotApplicableRule, f.BonusCap, f.DeductionCap, f.Surveys, f.Adjustments.Select(a => (a.Kind, a.Points))));
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
