using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ParIndex.Domain;
using ParIndex.Domain.Assessments;
using ParIndex.Domain.Formatting;
using ParIndex.Domain.Scoring;
using ParIndex.Web.Data;
using ParIndex.Web.Identity;
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

    public sealed class EditInput
    {
        public int SubCriterionId { get; set; }
        public string? Name { get; set; }
        public string? MaxPoints { get; set; }
        public string? Guidance { get; set; }
        public int? LeadUnitId { get; set; }
    }

    public sealed record Row(int Id, string AreaCode, string AreaName, string CriterionCode, string CriterionName, string Code, string Name,
        decimal MaxPoints, string? Guidance, string Rule, int? LeadUnitId, string? Lead, string Coordinators);

    public async Task<IActionResult> OnGetAsync(int year, CancellationToken ct) => await LoadAsync(year, ct) ? Page() : NotFound();

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
        var framework = await db.Frameworks.AsNoTracking().Where(f => f.Year == year).Select(f => new { f.Id, f.Name }).SingleOrDefaultAsync(ct);
        if (framework is null) return false;
        Name = framework.Name;
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
                Lead = db.Units.Where(u => u.Id == s.LeadUnitId).Select(u => u.Name).FirstOrDefault(),
                Coordinators = s.Coordinators.Join(db.Units, x => x.UnitId, u => u.Id, (x, u) => u.Code).ToList(),
            }).ToListAsync(ct);
        Rows = raw.Select(r => new Row(r.Id, r.AreaCode, r.AreaName, r.CriterionCode, r.CriterionName, r.Code, r.Name, r.MaxPoints, r.Guidance,
                ScoringRule.FromJson(r.RuleKind, r.RuleParameters).Describe(r.MaxPoints), r.LeadUnitId, r.Lead, string.Join(", ", r.Coordinators)))
            .OrderBy(r => r.Code, CodeComparer.Instance).ToList();
        Units = (await db.Units.AsNoTracking().Where(u => u.RetiredOn == null).OrderBy(u => u.SortOrder).Select(u => new { u.Id, u.Name }).ToListAsync(ct))
            .Select(u => (u.Id, u.Name)).ToList();
        Locked = await db.Scores.AnyAsync(s => db.Assessments.Any(a => a.Id == s.AssessmentId && a.FrameworkId == framework.Id) && s.SelfScore != null, ct);
        return true;
    }
}
