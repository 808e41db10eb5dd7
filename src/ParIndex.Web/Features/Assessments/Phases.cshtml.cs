using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ParIndex.Domain.Assessments;
using ParIndex.Domain.Formatting;
using ParIndex.Web.Data;
using ParIndex.Web.Identity;
using ParIndex.Web.Infrastructure;
using ParIndex.Web.Infrastructure.Authorization;

namespace ParIndex.Web.Features.Assessments;

/// <summary>
/// The year's phases: dates, what is open today, and the office's explicit close, reopen (with a reason)
/// and reschedule actions, each recorded.
/// </summary>
public class PhasesModel(ParIndexDbContext db, Clock clock, CurrentUser me) : PageModel, IReloadOnDomainError
{
    public int Year { get; private set; }
    public DateOnly Today { get; private set; }
    public IReadOnlyList<AssessmentPhase> Phases { get; private set; } = [];
    public IReadOnlyList<PhaseChange> Changes { get; private set; } = [];
    /// <summary>Why a phase's "Mở lại" was refused, shown beside that phase's form.</summary>
    public (PhaseKind Kind, string Message)? ReopenRefused { get; private set; }

    [BindProperty] public PhaseKind Kind { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public DateOnly? Until { get; set; }
    [BindProperty] public DateOnly? StartsOn { get; set; }
    [BindProperty] public DateOnly? EndsOn { get; set; }
    /// <summary>The Office's tick that it knows what reopening unlocks after a later phase has run.</summary>
    [BindProperty] public bool Confirm { get; set; }
    /// <summary>The version of the phase the form was rendered with (<see cref="AssessmentPhase.Version"/>).</summary>
    [BindProperty] public Guid Version { get; set; }

    public static string ConflictMessage(PhaseKind kind) =>
        $"Giai đoạn {kind.ToVietnamese()} vừa được người khác thay đổi sau khi trang này được mở; chưa có gì được lưu. "
        + "Thời gian và trạng thái mới đang hiển thị: hãy kiểm tra rồi làm lại nếu cần.";

    /// <summary>What reopening each phase would unlock today (only phases a later one has overtaken).</summary>
    public IReadOnlyDictionary<PhaseKind, string> Unlocks { get; private set; } = new Dictionary<PhaseKind, string>();

    public async Task<IActionResult> OnGetAsync(int year, CancellationToken ct) =>
        await LoadAsync(year, ct) ? Page() : NotFound();

    [HandlerPolicy(Policies.Editor)]
    public Task<IActionResult> OnPostCloseAsync(int year, CancellationToken ct) =>
        ActAsync(year, a => a.Close(Kind, me.Name, clock.UtcNow), $"Đã khóa giai đoạn {Kind.ToVietnamese()}.", ct);

    [HandlerPolicy(Policies.Editor)]
    [DomainErrorField(nameof(Confirm))]
    public Task<IActionResult> OnPostReopenAsync(int year, CancellationToken ct)
    {
        if (Until is null) ModelState.AddModelError(nameof(Until), "Vui lòng chọn ngày mở đến.");
        else if (Until < clock.Today) ModelState.AddModelError(nameof(Until), "Ngày mở đến không được trước hôm nay.");
        if (string.IsNullOrWhiteSpace(Reason)) ModelState.AddModelError(nameof(Reason), "Vui lòng nêu lý do mở lại.");
        return ActAsync(year, a =>
        {
            // A phase that has not started has nothing to reopen: "reopening" it changed nothing and said it had.
            var phase = a.Phase(Kind);
            if (phase.StartsOn > clock.Today)
            {
                throw new ReopenRefusedException($"Không mở lại được: giai đoạn {Kind.ToVietnamese()} chưa bắt đầu (bắt đầu ngày {Vn.Date(phase.StartsOn)}). "
                    + "Muốn mở sớm, hãy đổi thời gian bắt đầu của giai đoạn.");
            }
            a.Reopen(Kind, Reason!, Until!.Value, clock.Today, Confirm, me.Name, clock.UtcNow);
        }, $"Đã mở lại giai đoạn {Kind.ToVietnamese()} đến hết ngày {(Until is { } u ? Vn.Date(u) : "")}.", ct);
    }

    private sealed class ReopenRefusedException(string message) : Exception(message);

    /// <summary>Opens a phase whose start is still to come today ("Mở ngay"), recorded.</summary>
    [HandlerPolicy(Policies.Editor)]
    [DomainErrorField("OpenNow")]
    public Task<IActionResult> OnPostOpenNowAsync(int year, CancellationToken ct) =>
        ActAsync(year, a => a.OpenNow(Kind, clock.Today, me.Name, clock.UtcNow),
            $"Đã mở ngay giai đoạn {Kind.ToVietnamese()} từ hôm nay ({Vn.Date(clock.Today)}).", ct);

    [HandlerPolicy(Policies.Editor)]
    [DomainErrorField(nameof(StartsOn))]
    public Task<IActionResult> OnPostRescheduleAsync(int year, CancellationToken ct)
    {
        if (StartsOn is null) ModelState.AddModelError(nameof(StartsOn), "Vui lòng chọn ngày bắt đầu.");
        if (EndsOn is null) ModelState.AddModelError(nameof(EndsOn), "Vui lòng chọn ngày kết thúc.");
        return ActAsync(year, a =>
        {
            a.Reschedule(Kind, StartsOn!.Value, EndsOn!.Value, me.Name, clock.UtcNow);
        }, $"Đã đổi thời gian giai đoạn {Kind.ToVietnamese()}.", ct);
    }

    private async Task<IActionResult> ActAsync(int year, Action<Assessment> action, string done, CancellationToken ct)
    {
        if (!Enum.IsDefined(Kind)) return BadRequest();
        Year = year;
        var assessment = await db.Assessments.Include(a => a.Phases).SingleOrDefaultAsync(a => a.Year == year, ct);
        if (assessment is null) return NotFound();
        var phase = assessment.Phases.FirstOrDefault(p => p.Kind == Kind);
        if (phase is null) return NotFound();
        // A page rendered before another change of this phase (another tab, another person) acts on dates it never showed.
        if (phase.Version != Version) return await ConflictAsync(year, ct);
        if (ModelState.IsValid)
        {
            try
            {
                db.Entry(phase).Property(p => p.Version).OriginalValue = Version;
                action(assessment);
                await db.SaveChangesAsync(ct);
                TempData["Message"] = done;
                return Redirect($"/Assessments/{year}/Phases");
            }
            catch (ReopenRefusedException ex)
            {
                ReopenRefused = (Kind, ex.Message);
                Response.StatusCode = StatusCodes.Status400BadRequest;
            }
            catch (DbUpdateConcurrencyException)
            {
                return await ConflictAsync(year, ct);
            }
        }
        db.ChangeTracker.Clear();
        await LoadAsync(year, ct);
        return Page();
    }

    /// <summary>A stale form: nothing saved, the page read again with the current dates and the reason said above the table.</summary>
    private async Task<IActionResult> ConflictAsync(int year, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        await LoadAsync(year, ct);
        ModelState.Clear();
        ModelState.AddModelError(string.Empty, ConflictMessage(Kind));
        Response.StatusCode = StatusCodes.Status409Conflict;
        return Page();
    }

    /// <summary>A refusal of the domain (DomainErrorFilter): what the handler changed in memory is dropped, the page read again.</summary>
    public async Task ReloadAsync(CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        await LoadAsync(Year, ct);
    }

    /// <summary>The errors of the posted row's field, shown beside it (the field names are the same on every row).</summary>
    public IEnumerable<string> ErrorsOf(PhaseKind kind, string field) =>
        Request.HasFormContentType && kind == Kind && ModelState.TryGetValue(field, out var entry)
            ? entry.Errors.Select(e => e.ErrorMessage)
            : [];

    private async Task<bool> LoadAsync(int year, CancellationToken ct)
    {
        Year = year;
        Today = clock.Today;
        var id = await db.Assessments.Where(a => a.Year == year).Select(a => (int?)a.Id).SingleOrDefaultAsync(ct);
        if (id is null) return false;
        // In the order they run. The kind is stored as text, so the database would sort it alphabetically.
        var assessment = await db.Assessments.AsNoTracking().Include(a => a.Phases).SingleAsync(a => a.Id == id, ct);
        Phases = assessment.Phases.OrderBy(p => p.Kind).ToList();
        Unlocks = Enum.GetValues<PhaseKind>().Select(k => (k, Text: Phases.Any(p => p.Kind == k) ? assessment.ReopenUnlocks(k, Today) : null))
            .Where(x => x.Text is not null).ToDictionary(x => x.k, x => x.Text!);
        Changes = await db.Set<PhaseChange>().AsNoTracking().Where(p => p.AssessmentId == id).OrderByDescending(p => p.AtUtc).ToListAsync(ct);
        return true;
    }

    public string StatusOf(AssessmentPhase p) =>
        p.IsOpen(Today) ? "Đang mở"
        : p.ClosedAt is not null ? "Đã khóa"
        : Today < p.StartsOn ? "Chưa bắt đầu"
        : "Đã kết thúc";

    /// <summary>A field's errors beside it, for the row that was posted.</summary>
    public static Microsoft.AspNetCore.Html.IHtmlContent FieldErrors(IEnumerable<string> errors, string testId)
    {
        var list = errors.ToList();
        if (list.Count == 0) return Microsoft.AspNetCore.Html.HtmlString.Empty;
        var html = new Microsoft.AspNetCore.Html.HtmlContentBuilder();
        html.AppendHtml($"<div class=\"text-danger small\" role=\"alert\" data-testid=\"{testId}\">");
        html.Append(string.Join(" ", list));
        html.AppendHtml("</div>");
        return html;
    }

    /// <summary>A phase's name as a table heading: "Tự đánh giá", "Thẩm định vòng 1".</summary>
    public static string Heading(PhaseKind kind)
    {
        var name = kind.ToVietnamese();
        return string.Concat(name[..1].ToUpper(ParIndex.Domain.Formatting.Vn.Culture), name.AsSpan(1));
    }
}
