using Microsoft.EntityFrameworkCore;
using ParIndex.Domain;
using ParIndex.Domain.Assessments;
using ParIndex.Web.Data;
using ParIndex.Web.Infrastructure;

namespace ParIndex.Web.Features.Assessments;

/// <summary>The outcome of adding evidence: the field the error belongs to ("Url" or "File"), or the new evidence count.</summary>
public sealed record EvidenceResult(string? Field, string? Error, int Count)
{
    public bool Succeeded => Error is null;
}

/// <summary>
/// Adds evidence (a link or a file) to one sub-criterion of one year, from its page or from its area's grid: only while
/// the self-assessment or the explanation phase is open.
/// </summary>
public sealed class EvidenceService(ParIndexDbContext db, FileStore files, Clock clock)
{
    public const string ClosedMessage = "Chỉ thêm tài liệu kiểm chứng trong giai đoạn tự đánh giá hoặc giải trình.";

    public async Task<EvidenceResult> AddLinkAsync(int year, int subCriterionId, string? title, string? url, string by, CancellationToken ct)
    {
        var round = await RoundAsync(year, ct);
        if (round is null) return new(null, ClosedMessage, 0);
        if (string.IsNullOrWhiteSpace(url)) return new("Url", "Vui lòng nhập đường dẫn.", 0);
        try
        {
            var evidence = Evidence.Link(string.IsNullOrWhiteSpace(title) ? url.Trim() : title.Trim(), url.Trim(), round.Value, by, clock.UtcNow);
            var score = await EnsureScoreAsync(year, subCriterionId, ct);
            score.AddEvidence(evidence);
            await db.SaveChangesAsync(ct);
            return new(null, null, await CountAsync(score.Id, ct));
        }
        catch (DomainException ex)
        {
            return new("Url", ex.Message, 0);
        }
    }

    public async Task<EvidenceResult> AddFileAsync(int year, int subCriterionId, IFormFile? file, string? title, string by, CancellationToken ct)
    {
        var round = await RoundAsync(year, ct);
        if (round is null) return new(null, ClosedMessage, 0);
        if (file is null) return new("File", "Vui lòng chọn tệp.", 0);
        if (await FileStore.ValidateAsync(file, ct) is { } error) return new("File", error, 0);
        var stored = await files.SaveAsync(file, ct);
        try
        {
            var score = await EnsureScoreAsync(year, subCriterionId, ct);
            var name = Path.GetFileName(file.FileName).Normalize(System.Text.NormalizationForm.FormC);
            score.AddEvidence(Evidence.File(title ?? "", name, stored, FileStore.ContentTypeFor(name), file.Length, round.Value, by, clock.UtcNow));
            await db.SaveChangesAsync(ct);
            return new(null, null, await CountAsync(score.Id, ct));
        }
        catch
        {
            files.Delete(stored); // the evidence record was not saved: neither is its file
            throw;
        }
    }

    private Task<int> CountAsync(int scoreId, CancellationToken ct) => db.Evidence.CountAsync(e => e.SubCriterionScoreId == scoreId, ct);

    private async Task<EvidenceRound?> RoundAsync(int year, CancellationToken ct)
    {
        var phases = await db.AssessmentPhases.AsNoTracking().Where(p => db.Assessments.Any(a => a.Id == p.AssessmentId && a.Year == year))
            .ToListAsync(ct);
        return Assessment.EvidenceRoundOpen(phases, clock.Today);
    }

    private async Task<SubCriterionScore> EnsureScoreAsync(int year, int id, CancellationToken ct)
    {
        var assessmentId = await db.Assessments.Where(a => a.Year == year).Select(a => a.Id).SingleAsync(ct);
        var score = await db.Scores.SingleOrDefaultAsync(s => s.AssessmentId == assessmentId && s.SubCriterionId == id, ct);
        if (score is null)
        {
            score = new SubCriterionScore(assessmentId, id);
            db.Scores.Add(score);
        }
        return score;
    }
}
