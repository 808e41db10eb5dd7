using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ParIndex.Web.Features.Operations;
using ParIndex.Web.Identity;
using ParIndex.Web.Infrastructure;

namespace ParIndex.Web.Features.Operations;

public sealed record AddReportForm(string? Name, string? Period, string? DueOn, int? LeadUnitId);

public sealed record SubmitReportForm(int Id, string? SubmittedOn, string? DocumentNumber, Guid Version);

/// <summary>The periodic reports of a year; the Office adds reports and records submissions.</summary>
public sealed class ReportsModel(ReportService reports, WorkingYear working, CurrentUser me, Clock clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }

    /// <summary>?year= or the working year (<see cref="WorkingYear"/>); set first thing by every handler.</summary>
    public int SelectedYear { get; private set; }
    public DateOnly Today => clock.Today;
    public IReadOnlyList<ReportRow> Rows { get; private set; } = [];
    public IReadOnlyList<(int Id, string Name)> Units { get; private set; } = [];
    public string? Message { get; private set; }
    public string? Error { get; private set; }
    /// <summary>The report whose form failed, so its error shows on its row.</summary>
    public int? ErrorFor { get; private set; }

    [BindProperty] public AddReportForm? Add { get; set; }
    [BindProperty] public SubmitReportForm? Submission { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        await ResolveYearAsync(ct);
        await LoadAsync(ct);
    }

    private async Task ResolveYearAsync(CancellationToken ct) => SelectedYear = await working.ResolveAsync(Year, ct);

    public async Task<IActionResult> OnPostAddAsync(CancellationToken ct)
    {
        if (!me.IsEditor) return Forbid();
        await ResolveYearAsync(ct);
        var f = Add ?? new AddReportForm(null, null, null, null);
        DateOnly? due = null;
        if (!string.IsNullOrWhiteSpace(f.DueOn))
        {
            due = DateInput.Parse(f.DueOn);
            if (due is null) ModelState.AddModelError("Add.DueOn", "Hạn gửi phải là ngày dạng dd/MM/yyyy.");
        }
        if (ModelState.ErrorCount == 0)
        {
            var result = await reports.AddAsync(SelectedYear, new NewReportInput(f.Name, f.Period, due, f.LeadUnitId), ct);
            if (result.Succeeded)
            {
                TempData["Message"] = result.Message;
                return RedirectToPage(new { year = SelectedYear });
            }
            ModelState.AddModelError($"Add.{result.Field}", result.Error!);
        }
        Response.StatusCode = StatusCodes.Status400BadRequest;
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostStandardAsync(int leadUnitId, CancellationToken ct)
    {
        if (!me.IsEditor) return Forbid();
        await ResolveYearAsync(ct);
        if (await reports.AddStandardAsync(SelectedYear, leadUnitId, ct) is not { } added)
        {
            // An unknown unit (a form sent by hand): 400 and the reason, not a foreign-key failure.
            ModelState.AddModelError(string.Empty, "Vui lòng chọn đơn vị chủ trì.");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadAsync(ct);
            return Page();
        }
        TempData["Message"] = added == 0 ? "Năm này đã có đủ các báo cáo quý I, 6 tháng, quý III và năm." : $"Đã thêm {added} báo cáo định kỳ.";
        return RedirectToPage(new { year = SelectedYear });
    }

    public async Task<IActionResult> OnPostSubmitAsync(CancellationToken ct)
    {
        if (!me.IsEditor) return Forbid();
        await ResolveYearAsync(ct);
        var f = Submission;
        if (f is null) return BadRequest();
        DateOnly? on = null;
        if (!string.IsNullOrWhiteSpace(f.SubmittedOn) && (on = DateInput.Parse(f.SubmittedOn)) is null)
        {
            Error = "Ngày gửi phải là ngày dạng dd/MM/yyyy.";
        }
        else
        {
            var result = await reports.SubmitAsync(SelectedYear, new SubmitReportInput(f.Id, on, f.DocumentNumber, f.Version), ct);
            if (result.Succeeded)
            {
                TempData["Message"] = result.Message;
                return RedirectToPage(new { year = SelectedYear });
            }
            if (result.Error == "Không tìm thấy báo cáo của năm này.") return NotFound();
            Error = result.Error;
        }
        ErrorFor = f.Id;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct) => (Rows, Units) = await reports.ReadAsync(SelectedYear, clock.Today, ct);
}
