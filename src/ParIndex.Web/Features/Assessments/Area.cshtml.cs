using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ParIndex.Domain.Assessments;
using ParIndex.Web.Data;
using ParIndex.Web.Features.Assessments;
using ParIndex.Web.Identity;
using ParIndex.Web.Infrastructure;
using ParIndex.Web.Infrastructure.Authorization;

namespace ParIndex.Web.Features.Assessments;

/// <summary>
/// One area side by side: max, self, round 1, round 2, final, difference and notes per sub-criterion,
/// with the figures of the open round editable for many sub-criteria at once.
/// </summary>
[RequestSizeLimit(FileStore.MaxBytes + 64 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = FileStore.MaxBytes + 64 * 1024)]
public class AreaModel(AssessmentViewCache reader, ScoreService scores, EvidenceService evidence, ParIndexDbContext db, Clock clock,
    CurrentUser me) : PageModel
{
    public AssessmentView View { get; private set; } = null!;
    public AreaSheet Area { get; private set; } = null!;
    /// <summary>True when every sub-criterion of the area is "không áp dụng" for the year: the area is out of the total.</summary>
    public bool WhollyNotApplicable { get; private set; }
    public DateOnly Today { get; private set; }
    /// <summary>The round whose phase is open today, if any; only it can be edited.</summary>
    public ScoreRound? OpenRound { get; private set; }
    public Dictionary<int, ScoreRow> Details { get; private set; } = [];
    [BindProperty(SupportsGet = true)] public bool LostOnly { get; set; }

    [BindProperty] public List<RowInput> Rows { get; set; } = [];
    /// <summary>The round the form was rendered for: a form left open past its phase must not write into the next round.</summary>
    [BindProperty] public ScoreRound Round { get; set; }

    public sealed class RowInput
    {
        public int SubCriterionId { get; set; }
        public string? Score { get; set; }
        public string? Note { get; set; }
        public string? LostReason { get; set; }
        /// <summary>Why a score is not one the rule can give (lý do điểm khác thang điểm).</summary>
        public string? OffScaleReason { get; set; }
        public Guid Version { get; set; }
    }

    /// <summary>The values each sub-criterion's rule can give, for rules with set outcomes (tiers, bands, yes/no).</summary>
    public Dictionary<int, IReadOnlyList<decimal>> Scales { get; private set; } = [];

    public sealed record ScoreRow(string? SelfNote, string? Round1Note, string? Explanation, string? Round2Note,
        bool ExplanationRequired, Guid Version, int EvidenceCount);

    public async Task<IActionResult> OnGetAsync(int year, string code, CancellationToken ct)
    {
        if (!await LoadAsync(year, code, ct)) return NotFound();
        FillInputs();
        return Page();
    }

    [HandlerPolicy(Policies.Editor)]
    public async Task<IActionResult> OnPostAsync(int year, string code, CancellationToken ct)
    {
        if (!await LoadAsync(year, code, ct, fresh: true)) return NotFound();
        var round = Round;
        if (ModelState.GetFieldValidationState(nameof(Round)) == Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid
            || !Enum.IsDefined(round))
        {
            ModelState.Remove(nameof(Round));
            ModelState.AddModelError(string.Empty, ScoreModel.RoundRefused);
            return Page();
        }
        var areaIds = Area.Criteria.SelectMany(c => c.SubCriteria).Select(s => s.Line.SubCriterionId).ToHashSet();
        if (Rows.Count == 0 || Rows.Any(r => !areaIds.Contains(r.SubCriterionId))) return BadRequest();

        var result = await scores.SaveAsync(year, round,
            Rows.Select(r => new ScoreInput(r.SubCriterionId, r.Score, r.Note, r.LostReason, r.Version, r.OffScaleReason)).ToList(), me.Name, ct);
        if (result.Succeeded)
        {
            TempData["Message"] = round == ScoreRound.Explanation ? $"Đã lưu giải trình lĩnh vực {code}." : $"Đã lưu điểm lĩnh vực {code}.";
            return Redirect($"/Assessments/{year}/Area/{code}");
        }
        foreach (var ((id, field), message) in result.FieldErrors)
            ModelState.AddModelError(ErrorKey(id, field), message);
        if (result.Error is not null) ModelState.AddModelError(string.Empty, result.Error);
        if (result.Conflict)
        {
            // Show what is there now: reload from the database and drop the stale input.
            await LoadAsync(year, code, ct, fresh: true);
            ModelState.Clear();
            ModelState.AddModelError(string.Empty, result.Error!);
            FillInputs();
        }
        return Page();
    }

    /// <summary>Whether evidence can be added today (self-assessment or explanation open) by this user.</summary>
    public bool CanAddEvidence => me.IsEditor && Assessment.EvidenceRoundOpen(View.Phases, Today) is not null;

    /// <summary>
    /// Adds a link or a file to one sub-criterion of this area from the grid. Called by script (answers JSON: the grid's
    /// typed scores stay on screen) or by a plain form post without script (back to the grid).
    /// </summary>
    [HandlerPolicy(Policies.Editor)]
    public async Task<IActionResult> OnPostEvidenceAsync(int year, string code, int subCriterionId, string? evidenceTitle,
        string? evidenceUrl, IFormFile? evidenceFile, CancellationToken ct)
    {
        if (!await LoadAsync(year, code, ct, fresh: true)) return NotFound();
        var line = Area.Criteria.SelectMany(c => c.SubCriteria).Select(s => s.Line).FirstOrDefault(l => l.SubCriterionId == subCriterionId);
        if (line is null) return NotFound();
        var result = evidenceFile is not null
            ? await evidence.AddFileAsync(year, subCriterionId, evidenceFile, evidenceTitle, me.Name, ct)
            : await evidence.AddLinkAsync(year, subCriterionId, evidenceTitle, evidenceUrl, me.Name, ct);
        var wantsJson = Request.Headers.Accept.Any(a => a?.Contains("application/json", StringComparison.OrdinalIgnoreCase) == true);
        if (wantsJson)
        {
            return result.Succeeded
                ? new JsonResult(new { count = result.Count, message = $"Đã thêm tài liệu kiểm chứng cho {line.Code}." })
                : new JsonResult(new { error = result.Error }) { StatusCode = StatusCodes.Status400BadRequest };
        }
        if (result.Succeeded)
        {
            TempData["Message"] = $"Đã thêm tài liệu kiểm chứng cho {line.Code}.";
            return Redirect($"/Assessments/{year}/Area/{code}");
        }
        ModelState.AddModelError(ErrorKey(subCriterionId, "Evidence"), result.Error!);
        FillInputs();
        return Page();
    }

    /// <summary>Every sub-criterion's notes, version and evidence count of one year, and the scale of each rule of its framework.</summary>
    public sealed record YearRows(IReadOnlyDictionary<int, ScoreRow> Details, IReadOnlyDictionary<int, IReadOnlyList<decimal>> Scales);

    /// <summary>
    /// Two queries whatever the year's size, with scalar parameters only (a query with a list of ids has its SQL generated
    /// again at every execution).
    /// </summary>
    public static async Task<YearRows> ReadRowsAsync(ParIndexDbContext db, int assessmentId, int frameworkId, CancellationToken ct)
    {
        var details = await db.Scores.AsNoTracking()
            .Where(s => s.AssessmentId == assessmentId)
            .Select(s => new
            {
                s.SubCriterionId,
                Row = new ScoreRow(s.SelfNote, s.Round1Note, s.Explanation, s.Round2Note,
                s.ExplanationRequired, s.Version, s.Evidence.Count)
            })
            .ToDictionaryAsync(s => s.SubCriterionId, s => s.Row, ct);
        var rules = await (
            from sub in db.SubCriteria.AsNoTracking()
            join c in db.Criteria on sub.CriterionId equals c.Id
            join a in db.Areas on c.AreaId equals a.Id
            where a.FrameworkId == frameworkId
            select new { sub.Id, sub.RuleKind, sub.RuleParameters, sub.MaxPoints }).ToListAsync(ct);
        var scales = rules.Select(r => (r.Id, Scale: ParIndex.Domain.Scoring.ScoringRule.FromJson(r.RuleKind, r.RuleParameters).PossiblePoints(r.MaxPoints)))
            .Where(x => x.Scale is not null).ToDictionary(x => x.Id, x => x.Scale!);
        return new YearRows(details, scales);
    }

    private async Task<bool> LoadAsync(int year, string code, CancellationToken ct, bool fresh = false)
    {
        var view = await reader.ReadAsync(year, ct);
        var area = view?.Sheet.Areas.FirstOrDefault(a => a.Code == code);
        if (view is not null && area is null && view.Sheet.NotApplicable.FirstOrDefault(l => l.AreaCode == code) is { } na)
        {
            // Every sub-criterion of the area is "không áp dụng": the page says so, with the reasons, instead of a 404.
            area = new AreaSheet(na.AreaCode, na.AreaName, new Points(0, 0, 0, 0, 0, 0, false), []);
            WhollyNotApplicable = true;
        }
        if (view is null || area is null) return false;
        View = view;
        Area = area;
        Today = clock.Today;
        OpenRound = me.IsEditor ? OpenRoundOf(view.Phases, Today) : null;
        // The year's notes, versions and evidence counts, and the rules' scales, are the same for every user until the
        // next write: a shared read (dropped by any write of this process, so a save shows on the page it redirects to).
        // A post reads them from the database, as every write does.
        var rows = fresh
            ? await ReadRowsAsync(db, view.AssessmentId, view.FrameworkId, ct)
            : await reader.AreaRowsAsync(year, view.AssessmentId, view.FrameworkId, ct);
        var ids = area.Criteria.SelectMany(c => c.SubCriteria).Select(s => s.Line.SubCriterionId).ToHashSet();
        Details = ids.Where(rows.Details.ContainsKey).ToDictionary(i => i, i => rows.Details[i]);
        Scales = ids.Where(rows.Scales.ContainsKey).ToDictionary(i => i, i => rows.Scales[i]);
        return true;
    }

    public static ScoreRound? OpenRoundOf(IEnumerable<AssessmentPhase> phases, DateOnly today)
    {
        var open = phases.Where(p => p.IsOpen(today)).Select(p => p.Kind).ToHashSet();
        if (open.Contains(PhaseKind.SelfAssessment)) return ScoreRound.Self;
        if (open.Contains(PhaseKind.Appraisal1)) return ScoreRound.Round1;
        if (open.Contains(PhaseKind.Explanation)) return ScoreRound.Explanation;
        if (open.Contains(PhaseKind.Appraisal2)) return ScoreRound.Round2;
        return null;
    }

    private void FillInputs()
    {
        Rows = Area.Criteria.SelectMany(c => c.SubCriteria).Select(s =>
        {
            var d = Details.GetValueOrDefault(s.Line.SubCriterionId);
            var (score, note) = OpenRound switch
            {
                ScoreRound.Self => (s.Line.Self, d?.SelfNote),
                ScoreRound.Round1 => (s.Line.Round1, d?.Round1Note),
                ScoreRound.Round2 => (s.Line.Round2, d?.Round2Note),
                ScoreRound.Explanation => (null, d?.Explanation),
                _ => ((decimal?)null, (string?)null),
            };
            return new RowInput
            {
                SubCriterionId = s.Line.SubCriterionId,
                Score = score is { } v ? ParIndex.Domain.Formatting.Vn.Points(v) : null,
                Note = note,
                LostReason = s.Line.LostReason,
                OffScaleReason = OpenRound switch
                {
                    ScoreRound.Self => View.DetailOf(s.Line.SubCriterionId).SelfOffScaleReason,
                    ScoreRound.Round1 => View.DetailOf(s.Line.SubCriterionId).Round1OffScaleReason,
                    ScoreRound.Round2 => View.DetailOf(s.Line.SubCriterionId).Round2OffScaleReason,
                    _ => null,
                },
                Version = d?.Version ?? Guid.Empty,
            };
        }).ToList();
    }

    /// <summary>Errors are keyed by sub-criterion, not by row position, so a filtered table still shows them in place.</summary>
    public static string ErrorKey(int subCriterionId, string field) => $"{field}-{subCriterionId}";

    public static string RoundName(ScoreRound round) => round switch
    {
        ScoreRound.Self => "tự đánh giá",
        ScoreRound.Round1 => "thẩm định vòng 1",
        ScoreRound.Explanation => "giải trình",
        _ => "thẩm định vòng 2",
    };
}
