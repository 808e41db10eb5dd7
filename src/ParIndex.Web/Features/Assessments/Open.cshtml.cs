using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ParIndex.Domain.Assessments;
using ParIndex.Domain.Formatting;
using ParIndex.Web.Data;
using ParIndex.Web.Identity;
using ParIndex.Web.Infrastructure;

namespace ParIndex.Web.Features.Assessments;

/// <summary>
/// Opens a year's assessment (mở đợt đánh giá) once the Office has imported or copied that year's framework: the five
/// phases' dates, prefilled with the department's usual calendar (<see cref="PhaseCalendar.UsualFor"/>), checked by
/// <see cref="Assessment.PlanPhases(PhaseCalendar)"/>. The assessment and its phases are one save (one transaction, audited);
/// no score row is created up front (<see cref="ScoreService"/> creates each on its first save). A year opened meanwhile
/// (another tab, another person) is refused by the unique index on the year, and the page shows the phases in force.
/// </summary>
[Authorize(Policy = Policies.Editor)]
public class OpenModel(ParIndexDbContext db, Clock clock) : PageModel
{
    /// <summary>The years a framework may have (<see cref="ParIndex.Domain.Frameworks.Framework"/>): any other is not found.</summary>
    public const int MinYear = 2000;
    public const int MaxYear = 2100;

    public int Year { get; private set; }
    public string FrameworkName { get; private set; } = "";
    public DateOnly Today => clock.Today;
    /// <summary>Set when the year turned out to be open already: its phases as they are in force.</summary>
    public IReadOnlyList<AssessmentPhase>? Existing { get; private set; }

    [BindProperty] public OpenInput Input { get; set; } = new();

    /// <summary>The six dates as typed (dd/MM/yyyy); the names are <see cref="PhaseCalendar"/>'s, so a refusal lands beside its field.</summary>
    public sealed class OpenInput
    {
        public DateOnly? SelfStart { get; set; }
        public DateOnly? SelfEnd { get; set; }
        public DateOnly? Round1End { get; set; }
        public DateOnly? ExplanationEnd { get; set; }
        public DateOnly? Round2End { get; set; }
        public DateOnly? PublishedOn { get; set; }
    }

    /// <summary>The form's fields in the order the phases run: name, label and hint.</summary>
    public static readonly IReadOnlyList<(string Name, string Label, string Hint)> Fields =
    [
        (nameof(PhaseCalendar.SelfStart), "Ngày bắt đầu tự đánh giá, chấm điểm", "Từ ngày này các phòng, đơn vị nhập điểm tự đánh giá và tài liệu kiểm chứng."),
        (nameof(PhaseCalendar.SelfEnd), "Ngày kết thúc tự đánh giá, chấm điểm", "Hết ngày này điểm tự đánh giá được khóa."),
        (nameof(PhaseCalendar.Round1End), "Ngày kết thúc thẩm định vòng 1", "Thẩm định vòng 1 bắt đầu ngay sau ngày kết thúc tự đánh giá."),
        (nameof(PhaseCalendar.ExplanationEnd), "Ngày kết thúc giải trình", "Giải trình bắt đầu ngay sau ngày kết thúc thẩm định vòng 1."),
        (nameof(PhaseCalendar.Round2End), "Ngày kết thúc thẩm định vòng 2", "Thẩm định vòng 2 bắt đầu ngay sau ngày kết thúc giải trình."),
        (nameof(PhaseCalendar.PublishedOn), "Ngày công bố kết quả", "Ngày Ủy ban nhân dân tỉnh công bố kết quả Chỉ số cải cách hành chính."),
    ];

    public static string AlreadyOpenMessage(int year) =>
        $"Năm {year} đã được mở đợt đánh giá trước đó (ở một thẻ khác hoặc bởi người khác); không mở thêm đợt nào và các ngày vừa nhập chưa được lưu. "
        + "Các giai đoạn đang áp dụng là các giai đoạn của năm đó; muốn đổi, hãy dùng trang Các giai đoạn.";

    public async Task<IActionResult> OnGetAsync(int year, CancellationToken ct)
    {
        if (year is < MinYear or > MaxYear) return NotFound();
        if (await db.Assessments.AnyAsync(a => a.Year == year, ct))
        {
            TempData["Message"] = $"Năm {year} đã được mở đợt đánh giá; các giai đoạn của năm đó đang hiển thị.";
            return Redirect($"/Assessments/{year}");
        }
        if (await FrameworkIdAsync(year, ct) is null) return NotFound();
        var usual = PhaseCalendar.UsualFor(year);
        Input = new OpenInput
        {
            SelfStart = usual.SelfStart,
            SelfEnd = usual.SelfEnd,
            Round1End = usual.Round1End,
            ExplanationEnd = usual.ExplanationEnd,
            Round2End = usual.Round2End,
            PublishedOn = usual.PublishedOn,
        };
        return Page();
    }

    /// <summary>
    /// Creates the assessment with its phases. Dates out of order are the domain's refusal (<see cref="DomainErrorFilter"/>
    /// puts it beside "Input.{Field}"); a missing or malformed date is refused beside its field; nothing is written then.
    /// </summary>
    [DomainErrorForm(nameof(Input))]
    public async Task<IActionResult> OnPostAsync(int year, CancellationToken ct)
    {
        if (year is < MinYear or > MaxYear) return NotFound();
        if (await db.Assessments.AnyAsync(a => a.Year == year, ct)) return await AlreadyOpenAsync(year, ct);
        if (await FrameworkIdAsync(year, ct) is not { } frameworkId) return NotFound();

        DateOnly Required(DateOnly? value, string field, string label)
        {
            var key = $"{nameof(Input)}.{field}";
            if (value is null && ModelState.GetFieldValidationState(key) != Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid)
                ModelState.AddModelError(key, $"Vui lòng nhập {char.ToLower(label[0], Vn.Culture)}{label[1..]} (dd/MM/yyyy).");
            return value ?? default;
        }
        var label = Fields.ToDictionary(f => f.Name, f => f.Label);
        var calendar = new PhaseCalendar(
            Required(Input.SelfStart, nameof(PhaseCalendar.SelfStart), label[nameof(PhaseCalendar.SelfStart)]),
            Required(Input.SelfEnd, nameof(PhaseCalendar.SelfEnd), label[nameof(PhaseCalendar.SelfEnd)]),
            Required(Input.Round1End, nameof(PhaseCalendar.Round1End), label[nameof(PhaseCalendar.Round1End)]),
            Required(Input.ExplanationEnd, nameof(PhaseCalendar.ExplanationEnd), label[nameof(PhaseCalendar.ExplanationEnd)]),
            Required(Input.Round2End, nameof(PhaseCalendar.Round2End), label[nameof(PhaseCalendar.Round2End)]),
            Required(Input.PublishedOn, nameof(PhaseCalendar.PublishedOn), label[nameof(PhaseCalendar.PublishedOn)]));
        if (!ModelState.IsValid) return Page();

        var assessment = new Assessment(frameworkId, year);
        // Dates out of order: a DomainException naming its field, before anything is added.
        assessment.PlanPhases(calendar);
        db.Assessments.Add(assessment);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The unique index on the year: another request opened it between our check and our save.
            db.ChangeTracker.Clear();
            if (await db.Assessments.AnyAsync(a => a.Year == year, ct)) return await AlreadyOpenAsync(year, ct);
            throw;
        }
        TempData["Message"] = $"Đã mở đợt đánh giá năm {year}: tự đánh giá, chấm điểm từ {Vn.Date(calendar.SelfStart)} đến hết ngày "
                              + $"{Vn.Date(calendar.SelfEnd)}; thẩm định vòng 1 đến {Vn.Date(calendar.Round1End)}, giải trình đến "
                              + $"{Vn.Date(calendar.ExplanationEnd)}, thẩm định vòng 2 đến {Vn.Date(calendar.Round2End)}; công bố kết quả ngày "
                              + $"{Vn.Date(calendar.PublishedOn)}.";
        return Redirect($"/Assessments/{year}");
    }

    /// <summary>The year is open already: nothing saved, 409, the phases in force shown with a link to the year.</summary>
    private async Task<IActionResult> AlreadyOpenAsync(int year, CancellationToken ct)
    {
        Year = year;
        Existing = (await db.AssessmentPhases.AsNoTracking()
            .Where(p => db.Assessments.Any(a => a.Id == p.AssessmentId && a.Year == year)).ToListAsync(ct))
            .OrderBy(p => p.Kind).ToList();
        ModelState.Clear();
        ModelState.AddModelError(string.Empty, AlreadyOpenMessage(year));
        Response.StatusCode = StatusCodes.Status409Conflict;
        return Page();
    }

    /// <summary>The year's framework (its name shown on the page), or null when the year has none.</summary>
    private async Task<int?> FrameworkIdAsync(int year, CancellationToken ct)
    {
        Year = year;
        var framework = await db.Frameworks.AsNoTracking().Where(f => f.Year == year)
            .Select(f => new { f.Id, f.Name }).SingleOrDefaultAsync(ct);
        FrameworkName = framework?.Name ?? "";
        return framework?.Id;
    }

    /// <summary>What a field shows: the text as typed after a refusal, else the date as dd/MM/yyyy.</summary>
    public string ValueOf(string field)
    {
        if (ModelState.TryGetValue($"{nameof(Input)}.{field}", out var entry) && entry.AttemptedValue is { } typed) return typed;
        DateOnly? date = field switch
        {
            nameof(PhaseCalendar.SelfStart) => Input.SelfStart,
            nameof(PhaseCalendar.SelfEnd) => Input.SelfEnd,
            nameof(PhaseCalendar.Round1End) => Input.Round1End,
            nameof(PhaseCalendar.ExplanationEnd) => Input.ExplanationEnd,
            nameof(PhaseCalendar.Round2End) => Input.Round2End,
            _ => Input.PublishedOn,
        };
        return date is { } d ? Vn.Date(d) : "";
    }

    /// <summary>The first error of a field, for the message beside it and its aria-describedby.</summary>
    public string? ErrorOf(string field) =>
        ModelState.TryGetValue($"{nameof(Input)}.{field}", out var entry) ? entry.Errors.FirstOrDefault()?.ErrorMessage : null;
}
