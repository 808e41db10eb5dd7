using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ParIndex.Domain.Operations;
using ParIndex.Web.Identity;
using ParIndex.Web.Infrastructure.Authorization;

namespace ParIndex.Web.Features.Operations;

public sealed record CalendarDayForm(string? Date, CalendarDayKind? Kind, string? Name);

/// <summary>
/// The working calendar of a year: the days off (holidays, compensatory days) and the weekend days worked in exchange
/// that the Government announces each year. Days late of dossiers are counted in working days from it.
/// </summary>
public sealed class CalendarModel(CalendarService calendar, WorkingYear working) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }

    public int SelectedYear { get; private set; }
    public IReadOnlyList<CalendarDayRow> Days { get; private set; } = [];
    public string? Error { get; private set; }
    /// <summary>The row whose form failed, so the error shows on it.</summary>
    public int? ErrorFor { get; private set; }

    [BindProperty] public CalendarDayForm? Day { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        SelectedYear = await working.ResolveAsync(Year, ct);
        Days = await calendar.ListAsync(SelectedYear, ct);
    }

    [HandlerPolicy(Policies.Editor)]
    public async Task<IActionResult> OnPostAddAsync(CancellationToken ct)
    {
        var f = Day ?? new CalendarDayForm(null, null, null);
        DateOnly? date = null;
        if (string.IsNullOrWhiteSpace(f.Date)) ModelState.AddModelError("Day.Date", "Vui lòng nhập ngày (dd/MM/yyyy).");
        else if ((date = DateInput.Parse(f.Date)) is null) ModelState.AddModelError("Day.Date", "Ngày phải có dạng dd/MM/yyyy.");
        else if (date.Value.Year is < 2000 or > 2100) ModelState.AddModelError("Day.Date", "Năm của ngày phải từ 2000 đến 2100.");
        if (f.Kind is null || ModelState.GetFieldValidationState("Day.Kind") == Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid)
        {
            // A kind sent by hand that is not one of the choices: the binder's English message replaced by ours.
            ModelState.Remove("Day.Kind");
            ModelState.AddModelError("Day.Kind", "Vui lòng chọn loại ngày.");
        }
        if (ModelState.ErrorCount == 0)
        {
            var result = await calendar.AddAsync(date!.Value, f.Kind!.Value, f.Name, ct);
            if (result.Succeeded)
            {
                TempData["Message"] = result.Message;
                return RedirectToPage(new { year = date.Value.Year });
            }
            ModelState.AddModelError($"Day.{result.Field}", result.Error!);
        }
        Response.StatusCode = StatusCodes.Status400BadRequest;
        await OnGetAsync(ct);
        return Page();
    }

    [HandlerPolicy(Policies.Editor)]
    public async Task<IActionResult> OnPostChangeAsync(int id, Guid version, CalendarDayKind kind, string? name, CancellationToken ct) =>
        await AnswerAsync(id, await calendar.ChangeAsync(id, version, kind, name, ct), ct);

    [HandlerPolicy(Policies.Editor)]
    public async Task<IActionResult> OnPostRemoveAsync(int id, Guid version, CancellationToken ct) =>
        await AnswerAsync(id, await calendar.RemoveAsync(id, version, ct), ct);

    private async Task<IActionResult> AnswerAsync(int id, CalendarSaveResult result, CancellationToken ct)
    {
        if (result.Succeeded)
        {
            TempData["Message"] = result.Message;
            return RedirectToPage(new { year = Year });
        }
        Error = result.Error;
        ErrorFor = id;
        Response.StatusCode = result.Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
        await OnGetAsync(ct);
        return Page();
    }
}
