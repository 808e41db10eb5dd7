using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ParIndex.Web.Data;
using ParIndex.Web.Identity;
using ParIndex.Web.Infrastructure;
using ParIndex.Web.Infrastructure.Authorization;

namespace ParIndex.Web.Features.Frameworks;

/// <summary>
/// The criteria set of each year: copy a year to a new one, download the Excel template, export a year, import a year.
/// The request limits sit on the page because Razor Pages applies them per page (as on /Operations/Dossiers): slightly
/// above the xlsx guard's 10 MB so that a file just over it reaches the handler and gets a clear message.
/// </summary>
[RequestSizeLimit(RequestLimit)]
[RequestFormLimits(MultipartBodyLengthLimit = RequestLimit)]
public class IndexModel(ParIndexDbContext db) : PageModel, IReloadOnDomainError
{
    public const long RequestLimit = Operations.XlsxGuard.MaxFileBytes + 512 * 1024;

    /// <summary>A refused create shows the list again (DomainErrorFilter).</summary>
    Task IReloadOnDomainError.ReloadAsync(CancellationToken ct) => LoadAsync(ct);

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    [BindProperty] public int FromYear { get; set; }
    [BindProperty] public int? NewYear { get; set; }

    /// <summary>The year and name of a framework imported from Excel (kept as typed when the file is refused).</summary>
    [BindProperty] public int? ImportYear { get; set; }
    [BindProperty] public string? ImportName { get; set; }
    /// <summary>The explicit confirmation ("Thay thế bộ tiêu chí hiện có") that the imported file replaces the year's framework.</summary>
    [BindProperty] public bool ImportReplace { get; set; }
    public IReadOnlyList<string> ImportErrors { get; private set; } = [];

    public sealed record Row(int Year, string Name, int Areas, int Criteria, int SubCriteria, decimal MaxPoints, bool HasAssessment);

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    /// <summary>Starts a new year from an existing one (<see cref="FrameworkCopy"/>): the framework only, no self-assessment.</summary>
    [HandlerPolicy(Policies.Editor)]
    [DomainErrorField(nameof(NewYear))]
    public async Task<IActionResult> OnPostCopyAsync(CancellationToken ct)
    {
        if (!await db.Frameworks.AnyAsync(f => f.Year == FromYear, ct)) return NotFound();
        if (NewYear is null)
        {
            ModelState.AddModelError(nameof(NewYear), "Vui lòng nhập năm mới.");
            await LoadAsync(ct);
            return Page();
        }
        // Refusals (a year too far, a year that exists) are the service's DomainException, shown beside the field.
        await FrameworkCopy.CopyAsync(db, FromYear, NewYear.Value, ct);
        TempData["Message"] = $"Đã tạo bộ tiêu chí năm {NewYear} từ năm {FromYear}. Đợt tự đánh giá năm {NewYear} chưa được mở.";
        return Redirect($"/Frameworks/{NewYear}");
    }

    /// <summary>The empty template: the table's header, the instructions and the units' codes.</summary>
    public async Task<IActionResult> OnGetTemplateAsync(CancellationToken ct) =>
        File(await FrameworkWorkbook.TemplateAsync(db, ct), FrameworkWorkbook.ContentType, "mau-bo-tieu-chi.xlsx");

    /// <summary>A year's framework in the template's form, ready to be edited and imported as another year.</summary>
    public async Task<IActionResult> OnGetExportAsync(int year, CancellationToken ct) =>
        await FrameworkWorkbook.ExportAsync(db, year, ct) is { } bytes
            ? File(bytes, FrameworkWorkbook.ContentType, $"bo-tieu-chi-{year}.xlsx")
            : NotFound();

    /// <summary>A year's framework from the template, all or nothing; a refused file is answered 400 with every reason.</summary>
    [HandlerPolicy(Policies.Editor)]
    public async Task<IActionResult> OnPostImportAsync(IFormFile? file, CancellationToken ct)
    {
        if (ImportYear is not { } year || year is < 2000 or > 2100)
            ModelState.AddModelError(nameof(ImportYear), "Vui lòng nhập năm của bộ tiêu chí (từ 2000 đến 2100).");
        if (file is null || file.Length == 0)
            ModelState.AddModelError("file", "Vui lòng chọn tệp Excel (.xlsx) cần nhập.");
        else if (file.Length > Operations.XlsxGuard.MaxFileBytes)
            ModelState.AddModelError("file", $"Tệp vượt quá dung lượng cho phép ({Operations.XlsxGuard.MaxFileBytes / 1024 / 1024} MB).");
        if (ModelState.IsValid)
        {
            using var copy = new MemoryStream((int)file!.Length);
            await using (var upload = file.OpenReadStream()) await upload.CopyToAsync(copy, ct);
            var name = string.IsNullOrWhiteSpace(ImportName) ? await DefaultNameAsync(ImportYear!.Value, ct) : ImportName;
            var result = await FrameworkWorkbook.ImportAsync(db, copy, ImportYear!.Value, name, ImportReplace, ct);
            if (result.Succeeded)
            {
                TempData["Message"] = $"Đã {(ImportReplace ? "thay thế" : "nhập")} bộ tiêu chí năm {result.Year}: {result.SubCriteria} tiêu chí thành phần, "
                                      + $"tổng điểm tối đa {ParIndex.Domain.Formatting.Vn.Points(result.MaxPoints)}.";
                return Redirect($"/Frameworks/{result.Year}");
            }
            ImportErrors = result.Errors;
        }
        Response.StatusCode = StatusCodes.Status400BadRequest;
        await LoadAsync(ct);
        return Page();
    }

    /// <summary>The latest framework's name with its year replaced, else the usual title.</summary>
    private async Task<string> DefaultNameAsync(int year, CancellationToken ct)
    {
        var latest = await db.Frameworks.AsNoTracking().OrderByDescending(f => f.Year).Select(f => new { f.Year, f.Name }).FirstOrDefaultAsync(ct);
        return latest is null
            ? $"Bộ tiêu chí xác định Chỉ số cải cách hành chính năm {year}"
            : FrameworkCopy.NameFor(latest.Name, latest.Year, year);
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Rows = await db.Frameworks.AsNoTracking().OrderByDescending(f => f.Year)
            .Select(f => new Row(f.Year, f.Name, f.Areas.Count, f.Areas.SelectMany(a => a.Criteria).Count(),
                f.Areas.SelectMany(a => a.Criteria).SelectMany(c => c.SubCriteria).Count(),
                0m, db.Assessments.Any(a => a.FrameworkId == f.Id)))
            .ToListAsync(ct);
        // SQLite cannot sum decimals in SQL; the maxima are summed here from one more query.
        var maxima = await (from a in db.Areas
                            join c in db.Criteria on a.Id equals c.AreaId
                            join s in db.SubCriteria on c.Id equals s.CriterionId
                            join f in db.Frameworks on a.FrameworkId equals f.Id
                            select new { f.Year, s.MaxPoints }).ToListAsync(ct);
        var byYear = maxima.GroupBy(m => m.Year).ToDictionary(g => g.Key, g => g.Sum(m => m.MaxPoints));
        Rows = Rows.Select(r => r with { MaxPoints = byYear.GetValueOrDefault(r.Year) }).ToList();
    }
}
