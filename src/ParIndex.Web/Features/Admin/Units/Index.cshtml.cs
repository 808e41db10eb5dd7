using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ParIndex.Domain;
using ParIndex.Domain.Units;
using ParIndex.Web.Data;

using ParIndex.Web.Infrastructure;

namespace ParIndex.Web.Features.Admin.Units;

/// <summary>The department's units, active and retired, and a form to add one.</summary>
public class IndexModel(ParIndexDbContext db, ILogger<IndexModel> log) : PageModel, IReloadOnDomainError
{
    /// <summary>A refused create shows the list again (DomainErrorFilter).</summary>
    Task IReloadOnDomainError.ReloadAsync(CancellationToken ct) => LoadAsync(ct);

    public sealed record UnitRow(int Id, string Code, string Name, int SortOrder, DateOnly? RetiredOn, int FormerNames, int Users);

    [BindProperty] public CreateInput Input { get; set; } = new();
    public IReadOnlyList<UnitRow> Units { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            return Page();
        }
        var code = Input.Code.Trim().ToUpperInvariant();
        if (await db.Units.AnyAsync(u => u.Code == code, ct))
        {
            ModelState.AddModelError("Input.Code", $"Mã đơn vị {code} đã được dùng.");
            await LoadAsync(ct);
            return Page();
        }
        var order = (await db.Units.MaxAsync(u => (int?)u.SortOrder, ct) ?? 0) + 1;
        db.Units.Add(new Unit(code, Input.Name, order));
        await db.SaveChangesAsync(CancellationToken.None); // a save the user asked for completes even if the browser goes away
        log.LogInformation("Unit {Code} created", code);
        TempData["Message"] = $"Đã thêm đơn vị {Input.Name.Trim()}.";
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken ct) =>
        Units = await db.Units.AsNoTracking()
            .OrderBy(u => u.RetiredOn != null).ThenBy(u => u.SortOrder)
            .Select(u => new UnitRow(u.Id, u.Code, u.Name, u.SortOrder, u.RetiredOn, u.NameHistory.Count,
                db.Users.Count(x => x.UnitId == u.Id)))
            .ToListAsync(ct);

    public sealed class CreateInput
    {
        [Required(ErrorMessage = "Vui lòng nhập mã đơn vị.")]
        [RegularExpression("^[A-Za-z0-9_-]{1,20}$", ErrorMessage = "Mã đơn vị chỉ gồm chữ không dấu, chữ số, gạch ngang (tối đa 20 ký tự).")]
        public string Code { get; set; } = "";

        [Required(ErrorMessage = "Vui lòng nhập tên đơn vị.")]
        [StringLength(300, ErrorMessage = "Tên đơn vị không được dài quá 300 ký tự.")]
        public string Name { get; set; } = "";
    }
}
