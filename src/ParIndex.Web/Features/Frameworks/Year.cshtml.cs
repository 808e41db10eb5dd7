using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ParIndex.Domain;
using ParIndex.Domain.Assessments;
using ParIndex.Domain.Formatting;
using ParIndex.Domain.Frameworks;
using ParIndex.Domain.Scoring;
using ParIndex.Web.Data;
using ParIndex.Web.Identity;
using ParIndex.Web.Infrastructure;
using ParIndex.Web.Infrastructure.Authorization;

namespace ParIndex.Web.Features.Frameworks;

/// <summary>A year's criteria set: every sub-criterion with its maximum, rule, lead and coordinating units.</summary>
public class YearModel(ParIndexDbContext db) : PageModel
{
    public int Year { get; private set; }
    public string Name { get; private set; } = "";
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public IReadOnlyList<(int Id, string Name)> Units { get; private set; } = [];
    public bool Locked { get; private set; }

    [BindProperty] public EditInput Edit { get; set; } = new();
    [BindProperty] public BandsInput Bands { get; set; } = new();

    /// <summary>The year's classification bands and scale as the form shows them (the stored ones, or what was typed).</summary>
    public sealed class BandsInput
    {
        public bool UseDefault { get; set; }
        public BandBasis Basis { get; set; }
        public string? Excellent { get; set; }
        public string? Good { get; set; }
        public string? Fair { get; set; }
        public string? Average { get; set; }
        public string? Scale { get; set; }
        public NotApplicableRule Rule { get; set; }
        public string? BonusCap { get; set; }
        public string? DeductionCap { get; set; }
        public Guid Version { get; set; }
    }

    /// <summary>The year's survey question groups and bonus/deduction rows, as stored.</summary>
    public IReadOnlyList<Domain.Frameworks.SurveyGroup> Surveys { get; private set; } = [];
    public IReadOnlyList<Domain.Frameworks.IndexAdjustment> Adjustments { get; private set; } = [];

    [BindProperty] public SurveyInput Survey { get; set; } = new();
    [BindProperty] public AdjustmentInput Adjustment { get; set; } = new();

    /// <summary>A survey question group: added (Id 0) or edited, or deleted (<see cref="Delete"/>); points are the province's published ones.</summary>
    public sealed class SurveyInput
    {
        public int Id { get; set; }
        public string? Name { get; set; }
        public string? MaxPoints { get; set; }
        public string? Points { get; set; }
        public string? Source { get; set; }
        public string? PublishedOn { get; set; }
        public bool Delete { get; set; }
        public Guid Version { get; set; }
    }

    /// <summary>A bonus or deduction: added (Id 0) or edited, or deleted.</summary>
    public sealed class AdjustmentInput
    {
        public int Id { get; set; }
        public AdjustmentKind Kind { get; set; }
        public string? Points { get; set; }
        public string? Reason { get; set; }
        public string? Evidence { get; set; }
        public bool Delete { get; set; }
        public Guid Version { get; set; }
    }

    public const string PartConflict = "Phần này vừa được người khác thay đổi hoặc xóa. Giá trị mới đang hiển thị; hãy kiểm tra rồi lưu lại nếu cần.";

    /// <summary>
    /// Adds, edits or deletes a survey question group of the year; an edit or delete from a stale form is a conflict. The
    /// page only parses what was typed; <see cref="Domain.Frameworks.SurveyGroup.Change"/> decides what is allowed, and its
    /// refusal is shown beside the field it names, with what was typed kept.
    /// </summary>
    [HandlerPolicy(Policies.Editor)]
    [DomainErrorForm(nameof(Survey))]
    public async Task<IActionResult> OnPostSurveyAsync(int year, CancellationToken ct)
    {
        var typed = Survey;
        if (!await LoadAsync(year, ct)) return NotFound();
        Survey = typed;
        var framework = await db.Frameworks.Include(f => f.Surveys).SingleAsync(f => f.Year == year, ct);
        var group = typed.Id == 0 ? null : framework.Surveys.FirstOrDefault(g => g.Id == typed.Id);
        if (typed.Id != 0 && (group is null || group.Version != typed.Version)) return await BandsConflictAsync(year, ct, PartConflict);
        if (typed.Delete && group is not null)
        {
            framework.Surveys.Remove(group);
            db.Remove(group);
            return await SavePartAsync(year, $"Đã xóa nhóm câu hỏi điều tra \"{group.Name}\".", ct);
        }
        var max = ParseNumber("Survey.MaxPoints", typed.MaxPoints) ?? 0;
        var points = string.IsNullOrWhiteSpace(typed.Points) ? null : ParseNumber("Survey.Points", typed.Points);
        DateOnly? publishedOn = null;
        if (!string.IsNullOrWhiteSpace(typed.PublishedOn))
        {
            if (!Plans.DateInput.TryParse(typed.PublishedOn, out var d, out var dateError)) ModelState.AddModelError("Survey.PublishedOn", dateError!);
            else publishedOn = d;
        }
        if (!ModelState.IsValid) return Page();
        if (group is null)
        {
            group = new Domain.Frameworks.SurveyGroup(typed.Name ?? "", max, framework.Surveys.Count == 0 ? 1 : framework.Surveys.Max(g => g.SortOrder) + 1,
                points, typed.Source, publishedOn);
            framework.Surveys.Add(group);
        }
        else
        {
            db.Entry(group).Property(g => g.Version).OriginalValue = typed.Version;
            group.Change(typed.Name ?? "", max, points, typed.Source, publishedOn);
        }
        return await SavePartAsync(year, $"Đã lưu nhóm câu hỏi điều tra \"{group.Name}\".", ct);
    }

    /// <summary>
    /// Adds, edits (points, reason, evidence) or deletes a bonus (điểm thưởng) or deduction (điểm trừ) of the year; an edit
    /// or delete from a stale form is a conflict. <see cref="Domain.Frameworks.IndexAdjustment"/> decides what is allowed.
    /// </summary>
    [HandlerPolicy(Policies.Editor)]
    [DomainErrorForm(nameof(Adjustment))]
    public async Task<IActionResult> OnPostAdjustmentAsync(int year, CancellationToken ct)
    {
        var typed = Adjustment;
        if (!await LoadAsync(year, ct)) return NotFound();
        Adjustment = typed;
        var framework = await db.Frameworks.Include(f => f.Adjustments).SingleAsync(f => f.Year == year, ct);
        var row = typed.Id == 0 ? null : framework.Adjustments.FirstOrDefault(a => a.Id == typed.Id);
        if (typed.Id != 0 && (row is null || row.Version != typed.Version)) return await BandsConflictAsync(year, ct, PartConflict);
        var label = (row?.Kind ?? typed.Kind) == AdjustmentKind.Bonus ? "điểm thưởng" : "điểm trừ";
        if (typed.Delete && row is not null)
        {
            framework.Adjustments.Remove(row);
            db.Remove(row);
            return await SavePartAsync(year, $"Đã xóa {label} \"{row.Reason}\".", ct);
        }
        var points = ParseNumber("Adjustment.Points", typed.Points);
        if (points is null) return Page();
        if (row is null)
        {
            row = new Domain.Frameworks.IndexAdjustment(typed.Kind, points.Value, typed.Reason ?? "", typed.Evidence);
            framework.Adjustments.Add(row);
        }
        else
        {
            db.Entry(row).Property(a => a.Version).OriginalValue = typed.Version;
            row.Change(points.Value, typed.Reason ?? "", typed.Evidence);
        }
        return await SavePartAsync(year, $"Đã lưu {label} \"{row.Reason}\".", ct);
    }

    /// <summary>A number as typed ("1,5" or "1.5"), or null with the parser's message beside <paramref name="key"/>.</summary>
    private decimal? ParseNumber(string key, string? text)
    {
        if (ScoreParser.TryParse(text, out var value, out var error)) return value;
        ModelState.AddModelError(key, error!);
        return null;
    }

    private async Task<IActionResult> SavePartAsync(int year, string message, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return await BandsConflictAsync(year, ct, PartConflict);
        }
        TempData["Message"] = message;
        return Redirect($"/Frameworks/{year}#parts");
    }

    /// <summary>The year's parts version, posted by every parts form.</summary>
    public Guid PartsVersion => Bands.Version;

    /// <summary>The bands in force for the year (the default ones when the year has none).</summary>
    public ClassificationBands CurrentBands { get; private set; } = ClassificationBands.Default;
    public bool HasOwnBands { get; private set; }
    public const string BandsConflict = "Ngưỡng xếp loại vừa được người khác thay đổi. Giá trị mới đang hiển thị; hãy kiểm tra rồi lưu lại nếu cần.";

    public sealed class EditInput
    {
        public int SubCriterionId { get; set; }
        public string? Name { get; set; }
        public string? MaxPoints { get; set; }
        public string? Guidance { get; set; }
        public int? LeadUnitId { get; set; }
    }

    public sealed record Row(int Id, string AreaCode, string AreaName, string CriterionCode, string CriterionName, string Code, string Name,
        decimal MaxPoints, string? Guidance, string Rule, int? LeadUnitId, string? Lead, string Coordinators, string? NotApplicableReason = null);

    [BindProperty] public NotApplicableInput NotApplicable { get; set; } = new();

    /// <summary>One sub-criterion's "không áp dụng / không phát sinh" mark: a reason marks it, <see cref="Clear"/> makes it applicable again.</summary>
    public sealed class NotApplicableInput
    {
        public int SubCriterionId { get; set; }
        public string? Reason { get; set; }
        public bool Clear { get; set; }
        public Guid Version { get; set; }
    }

    /// <summary>The model-state key of a row's reason field (each row has its own form).</summary>
    public static string ReasonKey(int subCriterionId) => $"NotApplicable.Reason[{subCriterionId}]";

    public async Task<IActionResult> OnGetAsync(int year, CancellationToken ct) => await LoadAsync(year, ct) ? Page() : NotFound();

    /// <summary>
    /// The year's classification bands (Xuất sắc … Trung bình thresholds, on percentage or points) and the scale its result is
    /// converted to. They do not change a score, so they may change after scoring; a stale form is a conflict.
    /// </summary>
    [HandlerPolicy(Policies.Editor)]
    public async Task<IActionResult> OnPostBandsAsync(int year, CancellationToken ct)
    {
        var typed = Bands;
        if (!await LoadAsync(year, ct)) return NotFound();
        Bands = typed;
        var framework = await db.Frameworks.SingleAsync(f => f.Year == year, ct);
        if (framework.PartsVersion != typed.Version) return await BandsConflictAsync(year, ct);
        ClassificationBands? bands = null;
        if (!typed.UseDefault)
        {
            var values = new decimal[4];
            var fields = new[] { (nameof(BandsInput.Excellent), typed.Excellent), (nameof(BandsInput.Good), typed.Good),
                (nameof(BandsInput.Fair), typed.Fair), (nameof(BandsInput.Average), typed.Average) };
            for (var i = 0; i < fields.Length; i++)
            {
                if (!ScoreParser.TryParse(fields[i].Item2, out values[i], out var error))
                    ModelState.AddModelError($"Bands.{fields[i].Item1}", error!);
            }
            if (ModelState.IsValid)
            {
                bands = new ClassificationBands(typed.Basis, values[0], values[1], values[2], values[3]);
                foreach (var (field, message) in bands.Problems(Rows.Sum(r => r.MaxPoints) + Surveys.Sum(g => g.MaxPoints)))
                    ModelState.AddModelError($"Bands.{field}", message);
            }
        }
        decimal? scale = null;
        if (!string.IsNullOrWhiteSpace(typed.Scale))
        {
            if (!ScoreParser.TryParse(typed.Scale, out var s, out var error)) ModelState.AddModelError("Bands.Scale", error!);
            else if (s is <= 0 or > 1000) ModelState.AddModelError("Bands.Scale", "Thang điểm quy đổi phải lớn hơn 0 và không quá 1.000.");
            else scale = s;
        }
        var caps = new decimal?[2];
        foreach (var (i, field, text) in new[] { (0, "BonusCap", typed.BonusCap), (1, "DeductionCap", typed.DeductionCap) })
        {
            if (string.IsNullOrWhiteSpace(text)) continue;
            if (!ScoreParser.TryParse(text, out var c, out var error)) ModelState.AddModelError($"Bands.{field}", error!);
            else if (c is < 0 or > 1000) ModelState.AddModelError($"Bands.{field}", i == 0 ? "Điểm thưởng tối đa phải từ 0 đến 1.000." : "Điểm trừ tối đa phải từ 0 đến 1.000.");
            else caps[i] = c;
        }
        if (!Enum.IsDefined(typed.Rule)) ModelState.AddModelError("Bands.Rule", "Cách tính tiêu chí không áp dụng không hợp lệ.");
        if (!ModelState.IsValid) return Page();
        db.Entry(framework).Property(f => f.PartsVersion).OriginalValue = typed.Version;
        framework.SetIndexRules(bands, scale);
        framework.SetOtherRules(typed.Rule, caps[0], caps[1]);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return await BandsConflictAsync(year, ct);
        }
        TempData["Message"] = $"Đã lưu ngưỡng xếp loại của năm {year}.";
        return Redirect($"/Frameworks/{year}#bands");
    }

    /// <summary>
    /// Marks a sub-criterion of the year "không áp dụng" with its reason, or applicable again: left out of the total and the
    /// maximum, the criteria points rescaled (<see cref="IndexResult"/>). Allowed after scoring (the Office decides it from
    /// the province's result); the year's parts version guards against a stale form.
    /// </summary>
    [HandlerPolicy(Policies.Editor)]
    public async Task<IActionResult> OnPostNotApplicableAsync(int year, CancellationToken ct)
    {
        var typed = NotApplicable;
        if (!await LoadAsync(year, ct)) return NotFound();
        NotApplicable = typed;
        var row = Rows.FirstOrDefault(r => r.Id == typed.SubCriterionId);
        if (row is null) return NotFound();
        var framework = await db.Frameworks.SingleAsync(f => f.Year == year, ct);
        if (framework.PartsVersion != typed.Version) return await BandsConflictAsync(year, ct, NotApplicableConflict);
        var reason = typed.Clear ? null : (Vn.Clean(typed.Reason) ?? "").Trim();
        if (reason is { Length: 0 }) ModelState.AddModelError(ReasonKey(row.Id), "Nhập lý do không áp dụng.");
        else if (reason is { Length: > Domain.Frameworks.SubCriterion.MaxNotApplicableReason })
            ModelState.AddModelError(ReasonKey(row.Id), $"Lý do dài quá {Domain.Frameworks.SubCriterion.MaxNotApplicableReason} ký tự.");
        else if (reason is not null && Rows.Where(r => r.Id != row.Id).All(r => r.NotApplicableReason is not null))
            ModelState.AddModelError(ReasonKey(row.Id), "Phải còn ít nhất một tiêu chí thành phần được áp dụng.");
        if (!ModelState.IsValid) return Page();
        var sub = await db.SubCriteria.SingleAsync(s => s.Id == row.Id, ct);
        db.Entry(framework).Property(f => f.PartsVersion).OriginalValue = typed.Version;
        framework.SetNotApplicable(sub, reason);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return await BandsConflictAsync(year, ct, NotApplicableConflict);
        }
        TempData["Message"] = reason is null
            ? $"Tiêu chí {row.Code} được áp dụng lại cho năm {year}."
            : $"Đã đánh dấu tiêu chí {row.Code} không áp dụng năm {year}.";
        return Redirect($"/Frameworks/{year}");
    }

    public const string NotApplicableConflict = "Bộ tiêu chí năm này vừa được người khác thay đổi (ngưỡng xếp loại hoặc tiêu chí không áp dụng). Giá trị mới đang hiển thị; hãy kiểm tra rồi lưu lại nếu cần.";

    private async Task<IActionResult> BandsConflictAsync(int year, CancellationToken ct, string message = BandsConflict)
    {
        db.ChangeTracker.Clear();
        await LoadAsync(year, ct);
        // The rows show their current values, not what the stale form carried.
        Survey = new();
        Adjustment = new();
        ModelState.Clear();
        ModelState.AddModelError(string.Empty, message);
        return Page();
    }

    /// <summary>Edits one sub-criterion of this year only; frozen once the year's self-assessment has scores.</summary>
    [HandlerPolicy(Policies.Editor)]
    public async Task<IActionResult> OnPostEditAsync(int year, CancellationToken ct)
    {
        if (!await LoadAsync(year, ct)) return NotFound();
        var sub = await db.SubCriteria.SingleOrDefaultAsync(s => s.Id == Edit.SubCriterionId &&
            db.Criteria.Any(c => c.Id == s.CriterionId && db.Areas.Any(a => a.Id == c.AreaId && db.Frameworks.Any(f => f.Id == a.FrameworkId && f.Year == year))), ct);
        if (sub is null) return NotFound();
        if (Locked) ModelState.AddModelError(string.Empty, $"Năm {year} đã có điểm: không sửa bộ tiêu chí nữa, để các số liệu đã chấm không bị thay đổi.");
        if (string.IsNullOrWhiteSpace(Edit.Name)) ModelState.AddModelError("Edit.Name", "Tên không được để trống.");
        if (!ScoreParser.TryParse(Edit.MaxPoints, out var max, out var error)) ModelState.AddModelError("Edit.MaxPoints", error!);
        else if (max <= 0) ModelState.AddModelError("Edit.MaxPoints", "Điểm tối đa phải lớn hơn 0.");
        if (Edit.LeadUnitId is { } lead && !Units.Any(u => u.Id == lead)) ModelState.AddModelError("Edit.LeadUnitId", "Đơn vị không tồn tại.");
        if (!ModelState.IsValid) return Page();
        var problems = sub.Rule().ValidateDefinition(max);
        if (problems.Count > 0)
        {
            ModelState.AddModelError("Edit.MaxPoints", string.Join(" ", problems));
            return Page();
        }
        sub.Name = Edit.Name!.Trim();
        sub.Guidance = string.IsNullOrWhiteSpace(Edit.Guidance) ? null : Edit.Guidance.Trim();
        sub.LeadUnitId = Edit.LeadUnitId;
        sub.ChangeRule(sub.RuleKind, sub.RuleParameters, max);
        await db.SaveChangesAsync(ct);
        TempData["Message"] = $"Đã sửa tiêu chí {sub.Code} của năm {year}.";
        return Redirect($"/Frameworks/{year}");
    }

    private async Task<bool> LoadAsync(int year, CancellationToken ct)
    {
        Year = year;
        var framework = await db.Frameworks.AsNoTracking().Where(f => f.Year == year)
            .Select(f => new { f.Id, f.Name, f.BandBasis, f.ExcellentFrom, f.GoodFrom, f.FairFrom, f.AverageFrom, f.Scale, f.PartsVersion, f.NotApplicableRule, f.BonusCap, f.DeductionCap })
            .SingleOrDefaultAsync(ct);
        if (framework is null) return false;
        Name = framework.Name;
        CurrentBands = Domain.Frameworks.Framework.Bands(framework.BandBasis, framework.ExcellentFrom, framework.GoodFrom, framework.FairFrom, framework.AverageFrom);
        HasOwnBands = framework.ExcellentFrom is not null;
        Bands = new BandsInput
        {
            UseDefault = !HasOwnBands,
            Basis = CurrentBands.Basis,
            Excellent = Vn.Points(CurrentBands.Excellent),
            Good = Vn.Points(CurrentBands.Good),
            Fair = Vn.Points(CurrentBands.Fair),
            Average = Vn.Points(CurrentBands.Average),
            Scale = framework.Scale is { } scale ? Vn.Points(scale) : null,
            Rule = framework.NotApplicableRule,
            BonusCap = framework.BonusCap is { } bonusCap ? Vn.Points(bonusCap) : null,
            DeductionCap = framework.DeductionCap is { } deductionCap ? Vn.Points(deductionCap) : null,
            Version = framework.PartsVersion,
        };
        Surveys = await db.SurveyGroups.AsNoTracking().Where(g => g.FrameworkId == framework.Id).OrderBy(g => g.SortOrder).ThenBy(g => g.Id).ToListAsync(ct);
        Adjustments = await db.IndexAdjustments.AsNoTracking().Where(a => a.FrameworkId == framework.Id).OrderBy(a => a.Id).ToListAsync(ct);
        var raw = await (
            from a in db.Areas.AsNoTracking()
            where a.FrameworkId == framework.Id
            join c in db.Criteria on a.Id equals c.AreaId
            join s in db.SubCriteria on c.Id equals s.CriterionId
            select new
            {
                s.Id,
                AreaCode = a.Code,
                AreaName = a.Name,
                CriterionCode = c.Code,
                CriterionName = c.Name,
                s.Code,
                s.Name,
                s.MaxPoints,
                s.Guidance,
                s.RuleKind,
                s.RuleParameters,
                s.LeadUnitId,
                s.NotApplicableReason,
                Lead = db.Units.Where(u => u.Id == s.LeadUnitId).Select(u => u.Name).FirstOrDefault(),
                Coordinators = s.Coordinators.Join(db.Units, x => x.UnitId, u => u.Id, (x, u) => u.Code).ToList(),
            }).ToListAsync(ct);
        Rows = raw.Select(r => new Row(r.Id, r.AreaCode, r.AreaName, r.CriterionCode, r.CriterionName, r.Code, r.Name, r.MaxPoints, r.Guidance,
                ScoringRule.FromJson(r.RuleKind, r.RuleParameters).Describe(r.MaxPoints), r.LeadUnitId, r.Lead, string.Join(", ", r.Coordinators),
                r.NotApplicableReason))
            .OrderBy(r => r.Code, CodeComparer.Instance).ToList();
        Units = (await db.Units.AsNoTracking().Where(u => u.RetiredOn == null).OrderBy(u => u.SortOrder).Select(u => new { u.Id, u.Name }).ToListAsync(ct))
            .Select(u => (u.Id, u.Name)).ToList();
        Locked = await db.Scores.AnyAsync(s => db.Assessments.Any(a => a.Id == s.AssessmentId && a.FrameworkId == framework.Id) && s.SelfScore != null, ct);
        return true;
    }
}
