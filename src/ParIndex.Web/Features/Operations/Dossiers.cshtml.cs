using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ParIndex.Web.Features.Operations;
using ParIndex.Web.Identity;
using ParIndex.Web.Infrastructure;

namespace ParIndex.Web.Features.Operations;

/// <summary>
/// Late dossiers of a year with filters and tallies; the Excel import (Office/Admin) and its template.
/// The request limits sit on the page because Razor Pages applies them per page: the other handlers have no body.
/// Slightly above 10 MB so that a file just over the limit reaches the handler and gets a clear message.
/// </summary>
[RequestSizeLimit(DossiersModel.RequestLimit)]
[RequestFormLimits(MultipartBodyLengthLimit = DossiersModel.RequestLimit)]
public sealed class DossiersModel(DossierReader reader, DossierImporter importer, WorkingYear working, CurrentUser me, Clock clock) : PageModel
{
    public const long RequestLimit = XlsxGuard.MaxFileBytes + 512 * 1024;

    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true)] public int? Unit { get; set; }
    [BindProperty(SupportsGet = true)] public int? Month { get; set; }
    [BindProperty(SupportsGet = true)] public bool Late { get; set; }

    public DossierView View { get; private set; } = null!;
    public DateOnly Today => clock.Today;
    public ImportResult? Result { get; private set; }

    /// <summary>The TempData key carrying a successful import's result to the page the post redirects to.</summary>
    private const string ResultKey = "DossierImportResult";

    /// <summary>At most this many skipped rows and formula cells travel in TempData (a cookie); the rest are counted.</summary>
    private const int ListedAtMost = 50;

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (Result is null && TempData[ResultKey] is string json) Result = JsonSerializer.Deserialize<ImportResult>(json);
        View = await reader.ReadAsync(new DossierFilter(await working.ResolveAsync(Year, ct), Unit, Month is >= 1 and <= 12 ? Month : null, Late), clock.Today, ct);
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
        if (Result.Succeeded)
        {
            // Post/redirect/get: the address no longer names the Import handler, so a refresh cannot post the file
            // again; the result travels to the next page in TempData.
            TempData[ResultKey] = JsonSerializer.Serialize(Result with
            {
                SkippedExisting = Shorten(Result.SkippedExisting, "hồ sơ đã có khác"),
                FormulaCells = Shorten(Result.FormulaCells, "ô có công thức khác"),
            });
            return RedirectToPage(new { year = Year });
        }
        // A refused file writes nothing: the errors show at the top of the page answered to the post.
        Response.StatusCode = StatusCodes.Status400BadRequest;
        await OnGetAsync(ct);
        return Page();
    }

    private static IReadOnlyList<string> Shorten(IReadOnlyList<string> items, string others) =>
        items.Count <= ListedAtMost ? items : [.. items.Take(ListedAtMost), $"… và {items.Count - ListedAtMost} {others}."];
}
