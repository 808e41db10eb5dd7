using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ParIndex.Web.Features.Operations;
using ParIndex.Web.Identity;
using ParIndex.Web.Infrastructure;

namespace ParIndex.Web.Pages.Operations;

/// <summary>
/// Late dossiers of a year with filters and tallies; the Excel import (Office/Admin) and its template.
/// The request limits sit on the page because Razor Pages applies them per page: the other handlers have no body.
/// Slightly above 10 MB so that a file just over the limit reaches the handler and gets a clear message.
/// </summary>
[RequestSizeLimit(DossiersModel.RequestLimit)]
[RequestFormLimits(MultipartBodyLengthLimit = DossiersModel.RequestLimit)]
public sealed class DossiersModel(DossierReader reader, DossierImporter importer, CurrentUser me, Clock clock) : PageModel
{
    public const long RequestLimit = XlsxGuard.MaxFileBytes + 512 * 1024;

    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true)] public int? Unit { get; set; }
    [BindProperty(SupportsGet = true)] public int? Month { get; set; }
    [BindProperty(SupportsGet = true)] public bool Late { get; set; }

    public DossierView View { get; private set; } = null!;
    public DateOnly Today => clock.Today;
    public ImportResult? Result { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        View = await reader.ReadAsync(new DossierFilter(Year, Unit, Month is >= 1 and <= 12 ? Month : null, Late), clock.Today, ct);
    }

    public async Task<IActionResult> OnGetTemplateAsync(CancellationToken ct) =>
        File(await importer.TemplateAsync(ct), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "mau-nhap-ho-so-tthc.xlsx");

    public async Task<IActionResult> OnPostImportAsync(IFormFile? file, CancellationToken ct)
    {
        if (!me.IsEditor) return Forbid();
        if (file is null || file.Length == 0)
        {
            Result = ImportResult.Fail("Vui lòng chọn tệp Excel (.xlsx) cần nhập.");
        }
        else if (file.Length > XlsxGuard.MaxFileBytes)
        {
            Result = ImportResult.Fail($"Tệp vượt quá dung lượng cho phép ({XlsxGuard.MaxFileBytes / 1024 / 1024} MB).");
        }
        else
        {
            using var copy = new MemoryStream((int)file.Length);
            await using (var upload = file.OpenReadStream()) await upload.CopyToAsync(copy, ct);
            Result = await importer.ImportAsync(copy, file.FileName, me.Name, ct);
        }
        if (!Result.Succeeded) Response.StatusCode = StatusCodes.Status400BadRequest;
        await OnGetAsync(ct);
        return Page();
    }
}
