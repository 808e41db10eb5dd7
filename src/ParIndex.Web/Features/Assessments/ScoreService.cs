using Microsoft.EntityFrameworkCore;
using ParIndex.Domain;
using ParIndex.Domain.Assessments;
using ParIndex.Domain.Formatting;
using ParIndex.Web.Data;
using ParIndex.Web.Infrastructure;

namespace ParIndex.Web.Features.Assessments;

public enum ScoreRound { Self, Round1, Explanation, Round2 }

/// <summary>One sub-criterion's typed figures; <paramref name="OffScaleReason"/> keeps a score the rule cannot give (lý do điểm khác thang điểm).</summary>
public sealed record ScoreInput(int SubCriterionId, string? Score, string? Note, string? LostReason, Guid Version, string? OffScaleReason = null);

/// <summary>The outcome of a save: field errors keyed by (sub-criterion id, field), a page-level error, or success.</summary>
public sealed record SaveResult(IReadOnlyDictionary<(int SubCriterionId, string Field), string> FieldErrors, string? Error, bool Conflict)
{
    public static readonly SaveResult Ok = new(new Dictionary<(int, string), string>(), null, false);
    public bool Succeeded => FieldErrors.Count == 0 && Error is null;
    public static SaveResult Fail(string message, bool conflict = false) => new(new Dictionary<(int, string), string>(), message, conflict);
}

/// <summary>
/// Saves one round's figures of one or many sub-criteria of a year: the round's phase must be open, every
/// value valid for its rule, and no form stale. All or nothing: one bad row and nothing is written.
/// </summary>
public sealed class ScoreService(ParIndexDbContext db, Clock clock)
{
    public const string ConflictMessage = "Điểm vừa được người khác thay đổi. Giá trị mới đang hiển thị; hãy kiểm tra rồi lưu lại nếu cần.";

    public static PhaseKind PhaseOf(ScoreRound round) => round switch
    {
        ScoreRound.Self => PhaseKind.SelfAssessment,
        ScoreRound.Round1 => PhaseKind.Appraisal1,
        ScoreRound.Explanation => PhaseKind.Explanation,
        _ => PhaseKind.Appraisal2,
    };

    public async Task<SaveResult> SaveAsync(int year, ScoreRound round, IReadOnlyList<ScoreInput> inputs, string by,
        CancellationToken ct = default)
    {
        if (!Enum.IsDefined(round)) return SaveResult.Fail("Vòng chấm điểm không hợp lệ.");
        var now = clock.UtcNow;
        var today = clock.Today;
        var assessment = await db.Assessments.Include(a => a.Phases).SingleOrDefaultAsync(a => a.Year == year, ct);
        if (assessment is null) return SaveResult.Fail($"Không có đánh giá năm {year}.");

        var phase = PhaseOf(round);
        if (!assessment.IsOpen(phase, today))
            return SaveResult.Fail(Assessment.LockedMessage(phase, assessment.Phases.FirstOrDefault(p => p.Kind == phase), today));

        var ids = inputs.Select(i => i.SubCriterionId).Distinct().ToList();
        var subs = await db.SubCriteria.AsNoTracking()
            .Where(s => ids.Contains(s.Id) && db.Criteria.Any(c => c.Id == s.CriterionId &&
                        db.Areas.Any(a => a.Id == c.AreaId && a.FrameworkId == assessment.FrameworkId)))
            .ToDictionaryAsync(s => s.Id, ct);
        if (subs.Count != ids.Count) return SaveResult.Fail("Tiêu chí thành phần không thuộc bộ tiêu chí của năm này.");

        var errors = new Dictionary<(int, string), string>();
        var values = new Dictionary<int, decimal?>();
        var offScale = new Dictionary<int, string?>();
        foreach (var input in inputs)
        {
            var sub = subs[input.SubCriterionId];
            decimal? value = null;
            if (round != ScoreRound.Explanation && !string.IsNullOrWhiteSpace(input.Score))
            {
                if (!ScoreParser.TryParse(input.Score, out var parsed, out var parseError))
                {
                    errors[(sub.Id, nameof(ScoreInput.Score))] = parseError!;
                    continue;
                }
                var rule = sub.Rule();
                var error = rule.ValidateManualScore(parsed, sub.MaxPoints);
                if (error is not null)
                {
                    errors[(sub.Id, nameof(ScoreInput.Score))] = error;
                    continue;
                }
                // A tiered, bands or yes/no rule gives set values: another one is kept only with a reason (issue 19).
                if (rule.OffScaleMessage(parsed, sub.MaxPoints) is { } offMessage)
                {
                    if (string.IsNullOrWhiteSpace(input.OffScaleReason))
                    {
                        errors[(sub.Id, nameof(ScoreInput.Score))] = offMessage;
                        errors[(sub.Id, nameof(ScoreInput.OffScaleReason))] = "Vui lòng ghi lý do điểm khác thang điểm.";
                        continue;
                    }
                    offScale[sub.Id] = input.OffScaleReason;
                }
                value = parsed;
            }
            if (round == ScoreRound.Self && SubCriterionScore.LostReasonMissing(value, sub.MaxPoints, input.LostReason) is { } missing)
                errors[(sub.Id, nameof(ScoreInput.LostReason))] = missing;
            values[sub.Id] = value;
        }
        if (errors.Count > 0) return new SaveResult(errors, "Chưa lưu: vui lòng sửa các ô được đánh dấu.", false);

        var scores = await db.Scores.Where(s => s.AssessmentId == assessment.Id && ids.Contains(s.SubCriterionId))
            .ToDictionaryAsync(s => s.SubCriterionId, ct);
        foreach (var input in inputs)
        {
            if (!scores.TryGetValue(input.SubCriterionId, out var score))
            {
                score = new SubCriterionScore(assessment.Id, input.SubCriterionId);
                db.Scores.Add(score);
                scores[input.SubCriterionId] = score;
            }
            else if (score.Version != input.Version)
            {
                return SaveResult.Fail(ConflictMessage, conflict: true);
            }
            else
            {
                // The token the user saw, so a save racing ours between read and write fails too.
                db.Entry(score).Property(s => s.Version).OriginalValue = input.Version;
            }

            var value = values.GetValueOrDefault(input.SubCriterionId);
            var off = offScale.GetValueOrDefault(input.SubCriterionId);
            try
            {
                switch (round)
                {
                    case ScoreRound.Self: score.SetSelf(value, input.Note, input.LostReason, by, now, off); break;
                    case ScoreRound.Round1: score.SetRound1(value, input.Note, by, now, off); break;
                    case ScoreRound.Explanation: score.SetExplanation(input.Note, by, now); break;
                    case ScoreRound.Round2: score.SetRound2(value, input.Note, by, now, off); break;
                }
            }
            catch (DomainException ex)
            {
                return SaveResult.Fail(ex.Message);
            }
        }

        try
        {
            await db.SaveChangesAsync(ct);
            return SaveResult.Ok;
        }
        catch (DbUpdateException)
        {
            // A concurrent save changed a row (token mismatch) or inserted the same first score (unique index).
            return SaveResult.Fail(ConflictMessage, conflict: true);
        }
    }
}
