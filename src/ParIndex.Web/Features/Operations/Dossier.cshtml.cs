using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ParIndex.Web.Data;
using ParIndex.Web.Identity;
using ParIndex.Web.Infrastructure.Authorization;

namespace ParIndex.Web.Features.Operations;

public sealed record DossierForm(string? Procedure, int? UnitId, string? ReceivedOn, string? DueOn, string? ReturnedOn, string? Note, Guid Version);

/// <summary>One recorded dossier: the Office corrects it (with the version it was shown) or deletes it; both audited.</summary>
[Authorize(Policy = Policies.Editor)]
public sealed class DossierModel(ParIndexDbContext db, DossierService dossiers) : PageModel
{
    public string Code { get; private set; } = "";
    public int Year { get; private set; }
    public IReadOnlyList<(int Id, string Name)> Units { get; private set; } = [];
    public string? Error { get; private set; }

    [BindProperty] public DossierForm Form { get; set; } = new(null, null, null, null, null, null, Guid.Empty);

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var d = await db.Dossiers.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
        if (d is null) return NotFound();
        Form = new DossierForm(d.Procedure, d.UnitId, DateInput.Iso(d.ReceivedOn), DateInput.Iso(d.DueOn), DateInput.Iso(d.ReturnedOn), d.Note, d.Version);
        await LoadAsync(id, ct);
        return Page();
    }

    [HandlerPolicy(Policies.Editor)]
    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        var received = Date(Form.ReceivedOn, "Form.ReceivedOn", "ngày tiếp nhận");
        var due = Date(Form.DueOn, "Form.DueOn", "ngày hẹn trả");
        var returned = Date(Form.ReturnedOn, "Form.ReturnedOn", "ngày trả kết quả");
        // Only this form's own messages: the binder's English ones for a unit sent by hand are replaced.
        if (ModelState.GetFieldValidationState("Form.UnitId") == Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid)
        {
            ModelState.Remove("Form.UnitId");
            ModelState.AddModelError("Form.UnitId", "Vui lòng chọn đơn vị.");
        }
        if (ModelState.ErrorCount == 0)
        {
            var result = await dossiers.EditAsync(id, new DossierEditInput(Form.Procedure, Form.UnitId, received, due, returned, Form.Note, Form.Version), ct);
            if (result.NotFound) return NotFound();
            if (result.Succeeded) return Done(result.Message, received!.Value.Year);
            if (result.Conflict) return await ConflictAsync(id, result.Error!, ct);
            ModelState.AddModelError($"Form.{result.Field}", result.Error!);
        }
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    [HandlerPolicy(Policies.Editor)]
    public async Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken ct)
    {
        var year = await db.Dossiers.Where(d => d.Id == id).Select(d => (int?)d.ReceivedOn.Year).SingleOrDefaultAsync(ct);
        var result = await dossiers.DeleteAsync(id, Form.Version, ct);
        if (result.NotFound) return NotFound();
        if (result.Succeeded) return Done(result.Message, year!.Value);
        return await ConflictAsync(id, result.Error!, ct);
    }

    private RedirectToPageResult Done(string? message, int year)
    {
        TempData["Message"] = message;
        return RedirectToPage("/Operations/Dossiers", new { year });
    }

    /// <summary>A stale form: 409, the current values shown with the reason, nothing written.</summary>
    private async Task<IActionResult> ConflictAsync(int id, string error, CancellationToken ct)
    {
        var result = await OnGetAsync(id, ct);
        ModelState.Clear();
        Error = error;
        Response.StatusCode = StatusCodes.Status409Conflict;
        return result;
    }

    private DateOnly? Date(string? text, string field, string label)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var parsed = DateInput.Parse(text);
        if (parsed is null) ModelState.AddModelError(field, $"{char.ToUpper(label[0], Domain.Formatting.Vn.Culture)}{label[1..]} phải có dạng dd/MM/yyyy.");
        return parsed;
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var d = await db.Dossiers.AsNoTracking().Where(x => x.Id == id).Select(x => new { x.Code, x.ReceivedOn }).SingleOrDefaultAsync(ct);
        if (d is null) return false;
        Code = d.Code;
        Year = d.ReceivedOn.Year;
        Units = (await db.Units.AsNoTracking().OrderBy(u => u.SortOrder).Select(u => new { u.Id, u.Name }).ToListAsync(ct))
            .Select(u => (u.Id, u.Name)).ToList();
        return true;
    }
}
