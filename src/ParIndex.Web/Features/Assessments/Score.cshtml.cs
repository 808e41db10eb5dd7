using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ParIndex.Domain;
using ParIndex.Domain.Accountability;
using ParIndex.Domain.Assessments;
using ParIndex.Domain.Scoring;
using ParIndex.Web.Data;
using ParIndex.Web.Features.Assessments;
using ParIndex.Web.Identity;
using ParIndex.Web.Infrastructure;
using ParIndex.Web.Infrastructure.Authorization;

namespace ParIndex.Web.Features.Assessments;

/// <summary>One sub-criterion of one year: its guidance and rule, every round's figures, and its evidence.</summary>
[RequestSizeLimit(FileStore.MaxBytes + 64 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = FileStore.MaxBytes + 64 * 1024)]
public class ScoreModel(ParIndexDbContext db, ScoreService scores, EvidenceService evidence, FileStore files, Clock clock, CurrentUser me,
    AssessmentViewCache reader)
    : PageModel
{
    /// <summary>The year's points lost per unit and the units (for this sub-criterion's split and the shares form).</summary>
    public AssessmentView? View { get; private set; }
    public SubCriterionLoss? Loss => View?.Losses.Account.For(Info.Id);
    public IReadOnlyList<LossShareRow> Shares => View?.Losses.SharesOf(Info.Id).ToList() ?? [];

    [BindProperty] public SharesForm ShareInput { get; set; } = new();

    public sealed class SharesForm
    {
        public List<ShareField> Units { get; set; } = [];
        public string? Source { get; set; }
        /// <summary>Who answers for the loss in the plan's words, when more than the units charged (optional).</summary>
        public string? Responsible { get; set; }
        /// <summary>The shares the form was rendered with (<see cref="LossShareService.StampOf"/>): a save over newer ones is refused.</summary>
        public string? Stamp { get; set; }
    }

    public sealed class ShareField
    {
        public int UnitId { get; set; }
        public string? Weight { get; set; }
    }

    public int Year { get; private set; }
    public SubCriterionInfo Info { get; private set; } = null!;
    public ScoreData? Current { get; private set; }
    public IReadOnlyList<EvidenceRow> EvidenceList { get; private set; } = [];
    public IReadOnlyList<AssessmentPhase> Phases { get; private set; } = [];
    public DateOnly Today { get; private set; }
    public ScoreRound? OpenRound { get; private set; }
    public RuleResult? RuleOutcome { get; private set; }
    /// <summary>The recorded facts are the demo's sample figures, not the department's: marked as such on screen.</summary>
    public bool SampleFacts { get; private set; }
    public string RuleDescription { get; private set; } = "";

    [BindProperty] public ScoreForm Input { get; set; } = new();
    [BindProperty] public LinkForm Link { get; set; } = new();

    public sealed class ScoreForm
    {
        /// <summary>The round the form was rendered for: a form left open past its phase must not write into the next round.</summary>
        public ScoreRound Round { get; set; }
        public string? Score { get; set; }
        public string? Note { get; set; }
        public string? LostReason { get; set; }
        /// <summary>Why a score is not one the rule can give (lý do điểm khác thang điểm).</summary>
        public string? OffScaleReason { get; set; }
        public Guid Version { get; set; }
    }

    /// <summary>The Office's answer to a self score that differs from the rule's result: the reason it is kept.</summary>
    [BindProperty] public string? KeepReason { get; set; }
    [BindProperty] public Guid RuleVersion { get; set; }

    /// <summary>The values the rule can give ("1 / 0,5 / 0"), null for a rule that gives any value in range.</summary>
    public IReadOnlyList<decimal>? Scale { get; private set; }

    /// <summary>The recorded facts give another result than the self score, and the Office has not resolved it.</summary>
    public bool DiffersFromRule => Current is not null && SubCriterionScore.DiffersFromRule(Current.Self, RuleOutcome, Current.KeptReason, Current.KeptPoints);

    public sealed class LinkForm
    {
        public string? Title { get; set; }
        public string? Url { get; set; }
    }

    public sealed record SubCriterionInfo(int Id, string Code, string Name, decimal MaxPoints, string? Guidance, RuleKind RuleKind,
        string RuleParameters, string AreaCode, string AreaName, string CriterionCode, string CriterionName, string? LeadUnit,
        IReadOnlyList<string> Coordinators);

    public sealed record ScoreData(int Id, decimal? Self, string? SelfNote, string? LostReason, string? FactsJson, decimal? Round1,
        string? Round1Note, bool ExplanationRequired, string? Explanation, decimal? Round2, string? Round2Note, DateTime? UpdatedAt,
        string? UpdatedBy, Guid Version, string? SelfOffScaleReason = null, string? Round1OffScaleReason = null,
        string? Round2OffScaleReason = null, string? KeptReason = null, decimal? KeptPoints = null)
    {
        public decimal? Final => Round2 ?? Round1 ?? Self;
    }

    public sealed record EvidenceRow(int Id, string Title, string? Url, string? FileName, long? Size, EvidenceRound Round,
        string UploadedBy, DateTime UploadedAt);

    public async Task<IActionResult> OnGetAsync(int year, int id, CancellationToken ct)
    {
        if (!await LoadAsync(year, id, ct)) return NotFound();
        FillInput();
        return Page();
    }

    [HandlerPolicy(Policies.Editor)]
    public async Task<IActionResult> OnPostAsync(int year, int id, CancellationToken ct)
    {
        if (!await LoadAsync(year, id, ct, fresh: true)) return NotFound();
        FillShares();
        var round = Input.Round;
        if (ModelState.GetFieldValidationState($"{nameof(Input)}.{nameof(ScoreForm.Round)}") == Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid
            || !Enum.IsDefined(round))
        {
            ModelState.Remove($"{nameof(Input)}.{nameof(ScoreForm.Round)}");
            ModelState.AddModelError(string.Empty, RoundRefused);
            return Page();
        }
        var result = await scores.SaveAsync(year, round,
            [new ScoreInput(id, Input.Score, Input.Note, Input.LostReason, Input.Version, Input.OffScaleReason)], me.Name, ct);
        if (result.Succeeded)
        {
            TempData["Message"] = $"Đã lưu {AreaModel.RoundName(round)} tiêu chí {Info.Code}.";
            return Redirect($"/Assessments/{year}/Score/{id}");
        }
        foreach (var ((_, field), message) in result.FieldErrors)
            ModelState.AddModelError($"{nameof(Input)}.{field}", message);
        if (result.Conflict)
        {
            await LoadAsync(year, id, ct, fresh: true);
            ModelState.Clear();
            FillInput();
        }
        if (result.Error is not null) ModelState.AddModelError(string.Empty, result.Error);
        return Page();
    }

    /// <summary>The Office takes the points the recorded facts give as the self score (self-assessment open only).</summary>
    [HandlerPolicy(Policies.Editor)]
    [DomainErrorField(nameof(KeepReason))]
    public Task<IActionResult> OnPostAcceptRuleAsync(int year, int id, CancellationToken ct) =>
        ResolveAsync(year, id, true, (s, rule) => s.AcceptRulePoints(rule, Info.MaxPoints, me.Name, clock.UtcNow),
            $"Đã lấy điểm theo số liệu làm điểm tự đánh giá.", ct);

    /// <summary>The Office keeps the self score against the rule's result, with a reason.</summary>
    [HandlerPolicy(Policies.Editor)]
    [DomainErrorField(nameof(KeepReason))]
    public Task<IActionResult> OnPostKeepScoreAsync(int year, int id, CancellationToken ct) =>
        ResolveAsync(year, id, false, (s, rule) => s.KeepSelfAgainstRule(rule, KeepReason, me.Name, clock.UtcNow),
            "Đã giữ điểm tự đánh giá, kèm lý do.", ct);

    private async Task<IActionResult> ResolveAsync(int year, int id, bool changesScore, Action<SubCriterionScore, RuleResult> resolve,
        string done, CancellationToken ct)
    {
        if (!await LoadAsync(year, id, ct, fresh: true)) return NotFound();
        FillInput();
        if (Current is null || RuleOutcome is not { HasFacts: true } rule) return NotFound();
        if (changesScore)
        {
            var phases = Phases.FirstOrDefault(p => p.Kind == PhaseKind.SelfAssessment);
            if (phases is null || !phases.IsOpen(Today))
            {
                ModelState.AddModelError(string.Empty, Assessment.LockedMessage(PhaseKind.SelfAssessment, phases, Today));
                return Page();
            }
        }
        if (!changesScore && string.IsNullOrWhiteSpace(KeepReason))
        {
            ModelState.AddModelError(nameof(KeepReason), "Vui lòng nêu lý do giữ điểm tự đánh giá khác kết quả theo số liệu.");
            return Page();
        }
        var score = await db.Scores.SingleAsync(s => s.Id == Current.Id, ct);
        if (score.Version != RuleVersion)
        {
            ModelState.AddModelError(string.Empty, ScoreService.ConflictMessage);
            return Page();
        }
        db.Entry(score).Property(s => s.Version).OriginalValue = RuleVersion;
        resolve(score, rule);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            await LoadAsync(year, id, ct, fresh: true);
            ModelState.AddModelError(string.Empty, ScoreService.ConflictMessage);
            return Page();
        }
        TempData["Message"] = done;
        return Redirect($"/Assessments/{year}/Score/{id}");
    }

    /// <summary>The Office sets which units lost this sub-criterion's points this year, and in what proportion.</summary>
    [HandlerPolicy(Policies.Editor)]
    public async Task<IActionResult> OnPostSharesAsync(int year, int id, CancellationToken ct)
    {
        if (!await LoadAsync(year, id, ct, fresh: true)) return NotFound();
        var result = await new LossShareService(db).SetAsync(year, id,
            ShareInput.Units.Select(u => new LossShareInput(u.UnitId, u.Weight)).ToList(), ShareInput.Source, ShareInput.Responsible,
            ShareInput.Stamp, me.Name, clock.UtcNow, ct);
        if (result.Succeeded)
        {
            TempData["Message"] = $"Đã lưu phân bổ điểm bị mất của tiêu chí {Info.Code}.";
            return Redirect($"/Assessments/{year}/Score/{id}");
        }
        if (result.Conflict)
        {
            // Show the shares now stored (with their stamp), not the stale ones typed over them.
            await LoadAsync(year, id, ct, fresh: true);
            ModelState.Clear();
            ShareInput = new SharesForm();
            FillScore();
            FillShares();
            ModelState.AddModelError(nameof(ShareInput), result.Errors[0]);
            return Page();
        }
        foreach (var (unitId, message) in result.Errors)
        {
            var index = ShareInput.Units.FindIndex(u => u.UnitId == unitId);
            ModelState.AddModelError(index < 0 ? $"{nameof(ShareInput)}" : $"{nameof(ShareInput)}.Units[{index}].Weight", message);
        }
        FillScore();
        FillShares();
        return Page();
    }

    [HandlerPolicy(Policies.Editor)]
    [DomainErrorField("Link.Url")]
    public async Task<IActionResult> OnPostLinkAsync(int year, int id, CancellationToken ct)
    {
        if (!await LoadAsync(year, id, ct, fresh: true)) return NotFound();
        // Another form on the page failing must not blank this page's other forms.
        FillScore();
        FillShares();
        var result = await evidence.AddLinkAsync(year, id, Link.Title, Link.Url, me.Name, ct);
        if (!result.Succeeded)
        {
            ModelState.AddModelError(result.Field is null ? string.Empty : "Link.Url", result.Error!);
            return Page();
        }
        TempData["Message"] = "Đã thêm tài liệu kiểm chứng.";
        return Redirect($"/Assessments/{year}/Score/{id}");
    }

    [HandlerPolicy(Policies.Editor)]
    public async Task<IActionResult> OnPostUploadAsync(int year, int id, IFormFile? file, string? title, CancellationToken ct)
    {
        if (!await LoadAsync(year, id, ct, fresh: true)) return NotFound();
        FillScore();
        FillShares();
        var result = await evidence.AddFileAsync(year, id, file, title, me.Name, ct);
        if (!result.Succeeded)
        {
            ModelState.AddModelError(result.Field is null ? string.Empty : "file", result.Error!);
            return Page();
        }
        TempData["Message"] = "Đã tải lên tài liệu kiểm chứng.";
        return Redirect($"/Assessments/{year}/Score/{id}");
    }

    /// <summary>Streams an evidence file as an attachment, only if it belongs to this sub-criterion of this year.</summary>
    public async Task<IActionResult> OnGetEvidenceAsync(int year, int id, int evidenceId, CancellationToken ct)
    {
        var found = await db.Evidence.AsNoTracking()
            .Where(e => e.Id == evidenceId && db.Scores.Any(s => s.Id == e.SubCriterionScoreId && s.SubCriterionId == id &&
                                                              db.Assessments.Any(a => a.Id == s.AssessmentId && a.Year == year)))
            .Select(e => new { e.StoredName, e.FileName, e.ContentType }).SingleOrDefaultAsync(ct);
        if (found?.StoredName is null) return NotFound();
        return File(files.Open(found.StoredName), "application/octet-stream", found.FileName);
    }

    /// <summary>What this page shows of one sub-criterion in one year, the same for every user until the next write.</summary>
    public sealed record PageData(SubCriterionInfo Info, ScoreData? Current, IReadOnlyList<EvidenceRow> Evidence);

    /// <summary>The sub-criterion with its area, criterion and units, its score row and its evidence: three queries.</summary>
    public static async Task<PageData?> ReadPageAsync(ParIndexDbContext db, int assessmentId, int frameworkId, int id, CancellationToken ct)
    {
        var info = await (
            from s in db.SubCriteria.AsNoTracking()
            join c in db.Criteria on s.CriterionId equals c.Id
            join a in db.Areas on c.AreaId equals a.Id
            where s.Id == id && a.FrameworkId == frameworkId
            select new
            {
                s.Id,
                s.Code,
                s.Name,
                s.MaxPoints,
                s.Guidance,
                s.RuleKind,
                s.RuleParameters,
                AreaCode = a.Code,
                AreaName = a.Name,
                CriterionCode = c.Code,
                CriterionName = c.Name,
                Lead = db.Units.Where(u => u.Id == s.LeadUnitId).Select(u => u.Name).FirstOrDefault(),
                Coordinators = s.Coordinators.Join(db.Units, x => x.UnitId, u => u.Id, (x, u) => u.Name).ToList(),
            }).SingleOrDefaultAsync(ct);
        if (info is null) return null;
        var current = await db.Scores.AsNoTracking().Where(s => s.AssessmentId == assessmentId && s.SubCriterionId == id)
            .Select(s => new ScoreData(s.Id, s.SelfScore, s.SelfNote, s.LostReason, s.FactsJson, s.Round1Score, s.Round1Note,
                s.ExplanationRequired, s.Explanation, s.Round2Score, s.Round2Note, s.UpdatedAt, s.UpdatedBy, s.Version,
                s.SelfOffScaleReason, s.Round1OffScaleReason, s.Round2OffScaleReason, s.RuleMismatchKeptReason, s.RuleMismatchKeptPoints))
            .SingleOrDefaultAsync(ct);
        IReadOnlyList<EvidenceRow> evidence = current is null ? [] : await db.Evidence.AsNoTracking().Where(e => e.SubCriterionScoreId == current.Id)
            .OrderBy(e => e.UploadedAt)
            .Select(e => new EvidenceRow(e.Id, e.Title, e.Url, e.FileName, e.SizeBytes, e.Round, e.UploadedBy, e.UploadedAt))
            .ToListAsync(ct);
        return new PageData(new SubCriterionInfo(info.Id, info.Code, info.Name, info.MaxPoints, info.Guidance, info.RuleKind, info.RuleParameters,
            info.AreaCode, info.AreaName, info.CriterionCode, info.CriterionName, info.Lead, info.Coordinators), current, evidence);
    }

    /// <param name="fresh">Read the sub-criterion from the database (posts, as every write does) rather than the shared read.</param>
    private async Task<bool> LoadAsync(int year, int id, CancellationToken ct, bool fresh = false)
    {
        Year = year;
        Today = clock.Today;
        // The year's computed view (losses per unit, units, phases) is shared like the area grid's, and so is what this
        // page shows of the sub-criterion (key score-page:{year}:{id}): any write of this process drops both, so a save
        // on this page shows on the page it redirects to.
        View = await reader.ReadAsync(year, ct);
        if (View is null) return false;
        var data = fresh
            ? await ReadPageAsync(db, View.AssessmentId, View.FrameworkId, id, ct)
            : await reader.ScorePageAsync(year, View.AssessmentId, View.FrameworkId, id, ct);
        if (data is null) return false;
        Info = data.Info;
        Current = data.Current;
        EvidenceList = data.Evidence;
        Phases = View.Phases;
        OpenRound = me.IsEditor ? AreaModel.OpenRoundOf(Phases, Today) : null;

        var rule = ScoringRule.FromJson(Info.RuleKind, Info.RuleParameters);
        RuleDescription = rule.Describe(Info.MaxPoints);
        Scale = rule.PossiblePoints(Info.MaxPoints);
        if (Current?.FactsJson is { } facts)
        {
            var parsed = JsonSerializer.Deserialize<ScoringFacts>(facts, FactsJson);
            if (parsed is not null) RuleOutcome = rule.Evaluate(Info.MaxPoints, parsed);
            SampleFacts = parsed?.Sample == true;
        }
        return true;
    }

    private static readonly JsonSerializerOptions FactsJson = new() { PropertyNameCaseInsensitive = true };

    /// <summary>Why a form naming a round that does not exist is refused (a value outside the list must not fall back to a default).</summary>
    public const string RoundRefused = "Vòng chấm điểm không hợp lệ; hãy tải lại trang và nhập lại.";

    private void FillInput()
    {
        FillShares();
        FillScore();
    }

    private void FillShares()
    {
        if (ShareInput.Units.Count == 0 && View is not null)
        {
            var shares = Shares.ToDictionary(x => x.UnitId, x => x.Weight);
            ShareInput = new SharesForm
            {
                Source = Shares.Count > 0 ? Shares[0].Source : null,
                Responsible = Shares.Count > 0 ? Shares[0].Responsible : null,
                Stamp = LossShareService.StampOf(Shares.Select(x => (x.UnitId, x.Weight, x.Source, x.Responsible, x.SetAt))),
                Units = View.Units.Values.Where(u => u.IsActive || shares.ContainsKey(u.Id))
                    .Select(u => new ShareField { UnitId = u.Id, Weight = shares.TryGetValue(u.Id, out var w) ? ParIndex.Domain.Formatting.Vn.Points(w) : null })
                    .ToList(),
            };
        }
    }

    private void FillScore()
    {
        var c = Current;
        var (score, note) = OpenRound switch
        {
            ScoreRound.Self => (c?.Self, c?.SelfNote),
            ScoreRound.Round1 => (c?.Round1, c?.Round1Note),
            ScoreRound.Round2 => (c?.Round2, c?.Round2Note),
            ScoreRound.Explanation => (null, c?.Explanation),
            _ => ((decimal?)null, (string?)null),
        };
        Input = new ScoreForm
        {
            Round = OpenRound ?? ScoreRound.Self,
            Score = score is { } v ? ParIndex.Domain.Formatting.Vn.Points(v) : null,
            Note = note,
            LostReason = c?.LostReason,
            OffScaleReason = OpenRound switch
            {
                ScoreRound.Self => c?.SelfOffScaleReason,
                ScoreRound.Round1 => c?.Round1OffScaleReason,
                ScoreRound.Round2 => c?.Round2OffScaleReason,
                _ => null,
            },
            Version = c?.Version ?? Guid.Empty,
        };
    }
}
