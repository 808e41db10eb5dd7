using Microsoft.EntityFrameworkCore;
using ParIndex.Domain.Assessments;
using ParIndex.Web.Data;
using ParIndex.Web.Features.Plans;

namespace ParIndex.Web.Features.Assessments;

/// <summary>An evidence document as a document lists it: its title and where it is (the link, or the file's name).</summary>
public sealed record EvidenceRef(string Title, string Source, EvidenceRound Round);

/// <summary>What a sub-criterion's score says in words: the self-assessment note, the explanation, its evidence.</summary>
public sealed record LineNotes(string? SelfNote, string? Explanation, IReadOnlyList<EvidenceRef> Evidence)
{
    public static readonly LineNotes None = new(null, null, []);

    public IReadOnlyList<EvidenceRef> Of(EvidenceRound round) => Evidence.Where(e => e.Round == round).ToList();
}

/// <summary>
/// What the documents sent to Sở Nội vụ are drawn from (the self-assessment file and the explanation letter): the year's
/// <see cref="AssessmentView"/> (every figure and total), the words and evidence of each score, and the issuing agency.
/// </summary>
public sealed record AssessmentDocument(AssessmentView View, IReadOnlyDictionary<int, LineNotes> Notes, AgencyOptions Agency, DateOnly Today)
{
    public LineNotes NotesOf(int subCriterionId) => Notes.GetValueOrDefault(subCriterionId) ?? LineNotes.None;

    public int Year => View.Year;

    public bool HasSelfScores => View.Sheet.Lines.Any(l => l.Self is not null);

    /// <summary>The sub-criteria on the explanation list (round 1 below self, plus what the Office added, minus what it dropped).</summary>
    public IReadOnlyList<ScoreLine> ExplanationList =>
        View.Sheet.Lines.Where(l => View.DetailOf(l.SubCriterionId).ExplanationRequired).ToList();

    public AssessmentPhase? ExplanationPhase => View.Phases.FirstOrDefault(p => p.Kind == PhaseKind.Explanation);

    /// <summary>The explanation phase has begun (or a later one has): the letter can be written.</summary>
    public bool ExplanationStarted =>
        View.Phases.Any(p => p.Kind >= PhaseKind.Explanation && p.StartsOn <= Today);

    /// <summary>The agency's abbreviation in document symbols: "STNMT" from the plans' "KH-STNMT".</summary>
    public string Abbreviation
    {
        get
        {
            var symbol = Agency.DocumentSymbol.Trim();
            var dash = symbol.IndexOf('-', StringComparison.Ordinal);
            return dash >= 0 ? symbol[(dash + 1)..] : symbol;
        }
    }
}

public static class AssessmentDocumentReader
{
    /// <summary>The year's document data, or null for a year with no assessment. Two queries beside the shared view.</summary>
    public static async Task<AssessmentDocument?> ReadAsync(AssessmentViewCache cache, ParIndexDbContext db, AgencyOptions agency,
        DateOnly today, int year, CancellationToken ct)
    {
        var view = await cache.ReadAsync(year, ct);
        if (view is null) return null;
        var scores = await db.Scores.AsNoTracking().Where(s => s.AssessmentId == view.AssessmentId)
            .Select(s => new { s.Id, s.SubCriterionId, s.SelfNote, s.Explanation }).ToListAsync(ct);
        var evidence = await db.Evidence.AsNoTracking()
            .Where(e => db.Scores.Any(s => s.Id == e.SubCriterionScoreId && s.AssessmentId == view.AssessmentId))
            .OrderBy(e => e.Id)
            .Select(e => new { e.SubCriterionScoreId, e.Title, e.Url, e.FileName, e.Round }).ToListAsync(ct);
        var byScore = evidence.ToLookup(e => e.SubCriterionScoreId,
            e => new EvidenceRef(e.Title, e.Url ?? e.FileName ?? "", e.Round));
        var notes = scores.ToDictionary(s => s.SubCriterionId, s => new LineNotes(s.SelfNote, s.Explanation, byScore[s.Id].ToList()));
        return new AssessmentDocument(view, notes, agency, today);
    }
}
