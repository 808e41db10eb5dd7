using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ParIndex.Domain;
using ParIndex.Domain.Formatting;
using ParIndex.Domain.Plans;
using ParIndex.Web.Data;
using ParIndex.Web.Features.Plans;
using ParIndex.Web.Identity;
using ParIndex.Web.Infrastructure;

namespace ParIndex.Web.Features.Plans;

[Authorize(Policy = Policies.Editor)]
public class EditModel(ParIndexDbContext db) : PageModel, IReloadOnDomainError
{
    public const string Conflict = "Kế hoạch vừa được người khác cập nhật; nội dung của bạn chưa được lưu. Vui lòng tải lại trang và nhập lại.";

    [FromRoute] public int Year { get; set; }
    [BindProperty] public PlanInput Input { get; set; } = new();
    [BindProperty] public bool Overwrite { get; set; }

    public bool IsIssued { get; private set; }
    public int BaseYear { get; private set; }
    public bool EvaluationEdited { get; private set; }
    public bool OrganisationEdited { get; private set; }

    public sealed class PlanInput
    {
        public Guid Version { get; set; }
        public string? Number { get; set; }
        public string? Place { get; set; }
        public DateOnly? PlanDate { get; set; }
        public string? Agency { get; set; }
        public string? ParentAgency { get; set; }
        public string? SignerTitle { get; set; }
        public string? SignerName { get; set; }
        public string? Recipients { get; set; }
        public string? Evaluation { get; set; }
        public string? Purpose { get; set; }
        public string? Requirements { get; set; }
        public int? TargetRankImprovement { get; set; }
        public string? TargetTotal { get; set; }
        public string? Organisation { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var plan = await db.Plans.AsNoTracking().Working(Year).SingleOrDefaultAsync(ct);
        if (plan is null) return NotFound();
        Fill(plan, fromEntity: true);
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken ct)
    {
        var plan = await db.Plans.Working(Year).SingleOrDefaultAsync(ct);
        if (plan is null) return NotFound();
        Fill(plan, fromEntity: false);
        decimal? targetTotal = null;
        if (!string.IsNullOrWhiteSpace(Input.TargetTotal))
        {
            if (ScoreParser.TryParse(Input.TargetTotal, out var total, out var error)) targetTotal = total;
            else ModelState.AddModelError("Input.TargetTotal", error!);
        }
        if (string.IsNullOrWhiteSpace(Input.Evaluation))
            ModelState.AddModelError("Input.Evaluation", "Phần đánh giá kết quả không được để trống.");
        if (plan.Status != PlanStatus.Draft)
        {
            ModelState.AddModelError(string.Empty, FrozenMessage(plan));
            return Page();
        }
        if (!ModelState.IsValid) return Page();
        if (plan.Version != Input.Version)
        {
            ModelState.AddModelError(string.Empty, Conflict);
            return Page();
        }
        try
        {
            plan.SetHeader(Input.Number, Input.Place ?? "", Input.PlanDate, Input.Agency ?? "", Input.ParentAgency ?? "",
                Input.SignerTitle ?? "", Input.SignerName ?? "", Input.Recipients ?? "");
            plan.SetSections(Input.Evaluation ?? "", Input.Purpose ?? "", Input.Requirements ?? "", Input.Organisation ?? "",
                Input.TargetRankImprovement, targetTotal);
            db.Entry(plan).Property(p => p.Version).OriginalValue = Input.Version;
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError(string.Empty, Conflict);
            return Page();
        }
        TempData["Message"] = "Đã lưu nội dung kế hoạch.";
        return Redirect(PlanPath(plan));
    }

    /// <summary>Drafts sections I and III again from the data; edited text is kept unless the user asks to overwrite it.</summary>
    public async Task<IActionResult> OnPostRegenerateAsync(CancellationToken ct)
    {
        var plan = await db.Plans.Working(Year).SingleOrDefaultAsync(ct);
        if (plan is null) return NotFound();
        if (plan.Status != PlanStatus.Draft || plan.Version != Input.Version)
        {
            var message = plan.Status != PlanStatus.Draft ? FrozenMessage(plan) : Conflict;
            Fill(plan, fromEntity: true);
            ModelState.AddModelError(string.Empty, message);
            return Page();
        }
        // A refusal of the domain (drafting, ApplyDraft) escapes to DomainErrorFilter, which reloads this page (ReloadAsync).
        try
        {
            var draft = await PlanDrafter.DraftAsync(db, plan.BaseYear, plan.TargetYear, ct);
            var keptEvaluation = plan.EvaluationEdited && !Overwrite;
            var keptOrganisation = plan.OrganisationEdited && !Overwrite;
            plan.ApplyDraft(draft.Evaluation, draft.Organisation, Overwrite);
            db.Entry(plan).Property(p => p.Version).OriginalValue = Input.Version;
            await db.SaveChangesAsync(ct);
            TempData["Message"] = "Đã soạn lại phần đánh giá và phần tổ chức thực hiện từ dữ liệu" +
                                  (keptEvaluation || keptOrganisation ? "; phần đã chỉnh sửa được giữ nguyên (chọn \"ghi đè\" để thay bằng bản soạn mới)." : ".");
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var fresh = await db.Plans.AsNoTracking().Working(Year).SingleAsync(ct);
            Fill(fresh, fromEntity: true);
            ModelState.AddModelError(string.Empty, Conflict);
            return Page();
        }
        return RedirectToPage(new { year = Year });
    }

    /// <summary>The entity's own refusal, so the page says exactly what the rule says.</summary>
    private static string FrozenMessage(ImprovementPlan plan) => plan.WhyFrozen() ?? "";

    /// <summary>The plan page of the version edited: the year's page once current, else the version's own address.</summary>
    private static string PlanPath(ImprovementPlan plan) =>
        plan.IsCurrent ? $"/Plans/{plan.TargetYear}" : DetailsModel.VersionPath(plan.TargetYear, plan.Revision);

    /// <summary>After a refusal of the domain: the form filled again from the plan as stored, the refusal kept.</summary>
    async Task IReloadOnDomainError.ReloadAsync(CancellationToken ct)
    {
        var errors = ModelState.TryGetValue(string.Empty, out var entry) ? entry.Errors.Select(e => e.ErrorMessage).ToList() : [];
        db.ChangeTracker.Clear();
        var plan = await db.Plans.AsNoTracking().Working(Year).SingleAsync(ct);
        Fill(plan, fromEntity: true);
        foreach (var error in errors) ModelState.AddModelError(string.Empty, error);
    }

    private void Fill(ImprovementPlan plan, bool fromEntity)
    {
        IsIssued = plan.Status != PlanStatus.Draft;
        BaseYear = plan.BaseYear;
        EvaluationEdited = plan.EvaluationEdited;
        OrganisationEdited = plan.OrganisationEdited;
        if (!fromEntity) return;
        ModelState.Clear();
        Input = new PlanInput
        {
            Version = plan.Version,
            Number = plan.Number,
            Place = plan.Place,
            PlanDate = plan.PlanDate,
            Agency = plan.Agency,
            ParentAgency = plan.ParentAgency,
            SignerTitle = plan.SignerTitle,
            SignerName = plan.SignerName,
            Recipients = plan.Recipients,
            Evaluation = plan.Evaluation,
            Purpose = plan.Purpose,
            Requirements = plan.Requirements,
            TargetRankImprovement = plan.TargetRankImprovement,
            TargetTotal = plan.TargetTotal is { } t ? Vn.Points(t) : null,
            Organisation = plan.Organisation,
        };
    }
}
