using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ParIndex.Domain.Units;
using ParIndex.Web.Data;
using ParIndex.Web.Infrastructure;

namespace ParIndex.Web.Features.Admin.Units;

/// <summary>
/// Rename (the former name is kept with its date, and every record keeps pointing at the unit) or retire a unit.
/// </summary>
public class EditModel(ParIndexDbContext db, Clock clock, ILogger<EditModel> log) : PageModel
{
    public sealed record FormerName(string Name, DateOnly Until);

    [BindProperty] public RenameInput Input { get; set; } = new();
    public int UnitId { get; private set; }
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public DateOnly? RetiredOn { get; private set; }
    public IReadOnlyList<FormerName> FormerNames { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var unit = await db.Units.AsNoTracking().Include(u => u.NameHistory).SingleOrDefaultAsync(u => u.Id == id, ct);
        if (unit is null) return NotFound();
        Show(unit, fillInput: true);
        return Page();
    }

    [DomainErrorField("Input.Name")]
    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        var unit = await db.Units.Include(u => u.NameHistory).SingleOrDefaultAsync(u => u.Id == id, ct);
        if (unit is null) return NotFound();
        if (unit.Name != Input.CurrentName)
        {
            ModelState.AddModelError(string.Empty, "Tên đơn vị vừa được người khác thay đổi; tên mới đang hiển thị, vui lòng kiểm tra rồi lưu lại.");
            Show(unit, fillInput: true);
            return Page();
        }
        if (!ModelState.IsValid)
        {
            Show(unit, fillInput: false);
            return Page();
        }
        Show(unit, fillInput: false); // what a refusal (DomainErrorFilter) renders: the unit as it is, the name as typed
        unit.Rename(Input.Name, clock.Today);
        await db.SaveChangesAsync(CancellationToken.None); // a save the user asked for completes even if the browser goes away
        log.LogInformation("Unit {UnitId} renamed", id);
        TempData["Message"] = "Đã đổi tên đơn vị.";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostRetireAsync(int id, CancellationToken ct)
    {
        var unit = await db.Units.Include(u => u.NameHistory).SingleOrDefaultAsync(u => u.Id == id, ct);
        if (unit is null) return NotFound();
        ModelState.Clear();
        Show(unit, fillInput: true); // what a refusal (DomainErrorFilter) renders
        unit.Retire(clock.Today);
        await db.SaveChangesAsync(CancellationToken.None); // a save the user asked for completes even if the browser goes away
        log.LogInformation("Unit {UnitId} retired", id);
        TempData["Message"] = "Đơn vị đã chuyển sang ngừng hoạt động; các hồ sơ, nhiệm vụ cũ vẫn giữ nguyên.";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostReinstateAsync(int id, CancellationToken ct)
    {
        var unit = await db.Units.SingleOrDefaultAsync(u => u.Id == id, ct);
        if (unit is null) return NotFound();
        unit.Reinstate();
        await db.SaveChangesAsync(CancellationToken.None); // a save the user asked for completes even if the browser goes away
        TempData["Message"] = "Đơn vị đã hoạt động trở lại.";
        return RedirectToPage(new { id });
    }

    private void Show(Unit unit, bool fillInput)
    {
        UnitId = unit.Id;
        Code = unit.Code;
        Name = unit.Name;
        RetiredOn = unit.RetiredOn;
        FormerNames = unit.NameHistory.OrderByDescending(n => n.ChangedOn).Select(n => new FormerName(n.PreviousName, n.ChangedOn)).ToList();
        if (!fillInput) return;
        ModelState.Remove("Input.Name");
        ModelState.Remove("Input.CurrentName");
        Input = new RenameInput { Name = unit.Name, CurrentName = unit.Name };
    }

    public sealed class RenameInput
    {
        [Required(ErrorMessage = "Vui lòng nhập tên đơn vị.")]
        [StringLength(300, ErrorMessage = "Tên đơn vị không được dài quá 300 ký tự.")]
        public string Name { get; set; } = "";

        /// <summary>The name when the form was shown, to tell a second editor.</summary>
        public string CurrentName { get; set; } = "";
    }
}
