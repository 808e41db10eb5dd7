using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ParIndex.Web.Features.Operations;
using ParIndex.Web.Identity;
using ParIndex.Web.Infrastructure;
using ParIndex.Web.Infrastructure.Authorization;

namespace ParIndex.Web.Features.Operations;

/// <summary>
/// Late dossiers of a year with filters and tallies; the Excel import (Office/Admin) and its template.
/// The request limits sit on the page because Razor Pages applies them per page: the other handlers have no body.
/// Slightly above 10 MB so that a file just over the limit reaches the handler and gets a clear message.
/// </summary>
[RequestSizeLimit(DossiersModel.RequestLimit)]
[RequestFormLimits(MultipartBodyLengthLimit = DossiersModel.RequestLimit)]
public sealed class DossiersModel(DossierReader reader, DossierImporter importer, DossierService dossiers, WorkingYear working, CurrentUser me,
    Clock clock) : PageModel
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

    /// <summary>The latest imports (newest first), each with its undo button.</summary>
    public IReadOnlyList<ImportRow> Imports { get; private set; } = [];
    public string? UndoError { get; private set; }

    [BindProperty] public string? TotalInput { get; set; }
    [BindProperty] public string? TotalSource { get; set; }
    [BindProperty] public Guid? TotalVersion { get; set; }
    [BindProperty] public bool FromRecords { get; set; }
    public string? TotalError { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (Result is null && TempData[ResultKey] is string json) Result = JsonSerializer.Deserialize<ImportResult>(json);
        View = await reader.ReadAsync(new DossierFilter(await working.ResolveAsync(Year, ct), Unit, Month is >= 1 and <= 12 ? Month : null, Late), clock.Today, ct);
        if (me.IsEditor) Imports = await dossiers.ImportsAsync(20, ct);
    }

    [HandlerPolicy(Policies.Editor)]
    public async Task<IActionResult> OnPostUndoAsync(int importId, CancellationToken ct)
    {
        var result = await dossiers.UndoAsync(importId, me.Name, ct);
        if (result.Succeeded)
        {
            TempData["Message"] = result.Message;
            return RedirectToPage(new { year = Year });
        }
        if (result.NotFound) return NotFound();
        UndoError = result.Error;
        Response.StatusCode = StatusCodes.Status409Conflict;
        await OnGetAsync(ct);
        return Page();
    }

    /// <summary>The year's total dossiers received, typed with its source, or taken from the dossiers recorded.</summary>
    [HandlerPolicy(Policies.Editor)]
    public async Task<IActionResult> OnPostTotalAsync(CancellationToken ct)
    {
        var year = await working.ResolveAsync(Year, ct);
        int? total = null;
        var source = TotalSource;
        if (FromRecords)
        {
            var from = new DateOnly(year, 1, 1);
            var to = new DateOnly(year, 12, 31);
            total = await dossiers.RecordedAsync(from, to, ct);
            if (string.IsNullOrWhiteSpace(source)) source = "Số hồ sơ đã nhập từ hệ thống một cửa (gồm cả hồ sơ đúng hạn)";
        }
        else if (!string.IsNullOrWhiteSpace(TotalInput))
        {
            var digits = TotalInput.Trim().Replace(".", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);
            if (int.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parsed)) total = parsed;
            else ModelState.AddModelError(nameof(TotalInput), "Tổng số hồ sơ phải là số nguyên dương (ví dụ: 5.600).");
        }
        if (ModelState.ErrorCount == 0)
        {
            var result = await dossiers.SetTotalAsync(year, total, source, TotalVersion, me.Name, ct);
            if (result.Succeeded)
            {
                TempData["Message"] = result.Message;
                return RedirectToPage(new { year });
            }
            if (result.Conflict) TotalError = result.Error;
            else ModelState.AddModelError(result.Field == "Source" ? nameof(TotalSource) : nameof(TotalInput), result.Error!);
            Response.StatusCode = result.Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
        }
        else
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        if (TotalError is not null)
        {
            // Show the current figure, not the stale one typed.
            TotalInput = null;
            TotalSource = null;
        }
        await OnGetAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnGetTemplateAsync(CancellationToken ct) =>
        File(await importer.TemplateAsync(ct), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "mau-nhap-ho-so-tthc.xlsx");

    [HandlerPolicy(Policies.Editor)]
    public async Task<IActionResult> OnPostImportAsync(IFormFile? file, CancellationToken ct)
    {
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
                UpdatedRows = Shorten(Result.UpdatedRows, "hồ sơ được cập nhật khác"),
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
