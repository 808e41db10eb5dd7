using Microsoft.EntityFrameworkCore;
using ParIndex.Domain;
using ParIndex.Domain.Assessments;
using ParIndex.Domain.Formatting;
using ParIndex.Domain.Scoring;
using ParIndex.Web.Data;
using ParIndex.Web.Infrastructure;

namespace ParIndex.Web.Features.Assessments;

public enum ScoreRound { Self, Round1, Explanation, Round2 }

public sealed record ScoreInput(string? Score, string? Note, string? LostReason, Guid Version);

/// <summary>The outcome of a save: field errors (keyed by input name), a page-level error, or success.</summary>
public sealed record SaveResult(IReadOnlyDictionary<string, string> FieldErrors, string? Error, bool Conflict)
{
    public static readonly SaveResult Ok = new(new Dictionary<string, string>(), null, false);
    public bool Succeeded => FieldErrors.Count == 0 && Error is null;
    public static SaveResult Field(string field, string message) => new(new Dictionary<string, string> { [field] = message }, null, false);
    public static SaveResult Fail(string message, bool conflict = false) => new(new Dictionary<string, string>(), message, conflict);
}

/// <summary>
/// Saves one round's figures of one sub-criterion: the phase must be open, the value valid for the rule,
/// and the form not stale. Nothing is written unless all three hold.
/// </summary>
public sealed class ScoreService(ParIndexDbContext db, Clock clock)
{
    public static PhaseKind PhaseOf(ScoreRound round) => round switch
    {
        ScoreRound.Self => PhaseKind.SelfAssessment,
        ScoreRound.Round1 => PhaseKind.Appraisal1,
        ScoreRound.Explanation => PhaseKind.Explanation,
        _ => PhaseKind.Appraisal2,
    };

    public async Task<SaveResult> SaveAsync(int year, int subCriterionId, ScoreRound round, ScoreInput input, string by,
        CancellationToken ct = default)
    {
        var now = clock.UtcNow;
        var today = clock.Today;
        var assessment = await db.Assessments.Include(a => a.Phases).SingleOrDefaultAsync(a => a.Year == year, ct);
        if (assessment is null) return SaveResult.Fail($"Không có đánh giá năm {year}.");
        var sub = await db.SubCriteria.AsNoTracking()
            .Where(s => s.Id == subCriterionId && db.Criteria.Any(c => c.Id == s.CriterionId &&
                        db.Areas.Any(a => a.Id == c.AreaId && a.FrameworkId == assessment.FrameworkId)))
            .SingleOrDefaultAsync(ct);
        if (sub is null) return SaveResult.Fail("Tiêu chí thành phần không thuộc bộ tiêu chí của năm này.");

        var phase = PhaseOf(round);
        if (!assessment.IsOpen(phase, today))
            return SaveResult.Fail(Assessment.LockedMessage(phase, assessment.Phases.FirstOrDefault(p => p.Kind == phase), today));

        decimal? value = null;
        if (round != ScoreRound.Explanation && !string.IsNullOrWhiteSpace(input.Score))
        {
            if (!ScoreParser.TryParse(input.Score, out var parsed, out var parseError))
                return SaveResult.Field(nameof(ScoreInput.Score), parseError!);
            var error = sub.Rule().ValidateManualScore(parsed, sub.MaxPoints);
            if (error is not null) return SaveResult.Field(nameof(ScoreInput.Score), error);
            value = parsed;
        }
        if (round == ScoreRound.Self && value is { } v && v < sub.MaxPoints && string.IsNullOrWhiteSpace(input.LostReason))
            return SaveResult.Field(nameof(ScoreInput.LostReason), "Vui lòng nêu lý do không đạt điểm tối đa.");

        var score = await db.Scores.SingleOrDefaultAsync(s => s.AssessmentId == assessment.Id && s.SubCriterionId == sub.Id, ct);
        if (score is null)
        {
            score = new SubCriterionScore(assessment.Id, sub.Id);
            db.Scores.Add(score);
        }
        else if (score.Version != input.Version)
        {
            return SaveResult.Fail("Điểm này vừa được người khác thay đổi. Giá trị mới đang hiển thị; hãy kiểm tra rồi lưu lại nếu cần.", conflict: true);
        }
        // The token the user saw, so a save racing ours between read and write fails too.
        db.Entry(score).Property(s => s.Version).OriginalValue = score.Id == 0 ? score.Version : input.Version;

        try
        {
            switch (round)
            {
                case ScoreRound.Self: score.SetSelf(value, input.Note, input.LostReason, by, now); break;
                case ScoreRound.Round1: score.SetRound1(value, input.Note, by, now); break;
                case ScoreRound.Explanation: score.SetExplanation(input.Note, by, now); break;
                case ScoreRound.Round2: score.SetRound2(value, input.Note, by, now); break;
            }
            await db.SaveChangesAsync(ct);
            return SaveResult.Ok;
        }
        catch (DomainException ex)
        {
            return SaveResult.Fail(ex.Message);
        }
        catch (DbUpdateConcurrencyException)
        {
            return SaveResult.Fail("Điểm này vừa được người khác thay đổi. Giá trị mới đang hiển thị; hãy kiểm tra rồi lưu lại nếu cần.", conflict: true);
        }
        catch (DbUpdateException)
        {
            // Two first saves of the same sub-criterion at once: the unique index refuses the second.
            return SaveResult.Fail("Điểm này vừa được người khác nhập. Giá trị mới đang hiển thị; hãy kiểm tra rồi lưu lại nếu cần.", conflict: true);
        }
    }
}
