using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ParIndex.Domain;
using ParIndex.Domain.Plans;
using ParIndex.Web.Data;
using ParIndex.Web.Features.Assessments;
using ParIndex.Web.Features.Plans;
using ParIndex.Web.Identity;
using ParIndex.Web.Infrastructure;
using ParIndex.Web.Infrastructure.Authorization;
using ParIndex.Web.Infrastructure.Caching;

namespace ParIndex.Web.Features.Plans;

public sealed record PlanHeader(int Id, int TargetYear, int BaseYear, string? Number, string Place, DateOnly? PlanDate,
    string Agency, string ParentAgency, string SignerTitle, string SignerName, string Recipients, string Evaluation,
    string Purpose, string Requirements, int? TargetRankImprovement, decimal? TargetTotal, string Organisation,
    PlanStatus Status, DateTime? IssuedAt, string? IssuedBy, Guid Version, int Revision, int? ReplacesPlanId, string? ReplacementReason)
{
    /// <summary>Issued, in force or superseded since: frozen either way.</summary>
    public bool IsIssued => Status is PlanStatus.Issued or PlanStatus.Superseded;
    public bool IsSuperseded => Status == PlanStatus.Superseded;
    public bool IsCurrent => ImprovementPlan.IsCurrentState(Status, ReplacesPlanId);
    public bool IsSubmitted => Status == PlanStatus.Submitted;
    public bool IsDraft => Status == PlanStatus.Draft;
}

/// <summary>
/// What the plan page shows whatever its filters, in six queries whatever the plan's size: header, the tasks counted
/// per unit and status and the overdue ones per unit (grouped by the database), units, the year's sub-criteria,
/// versions. Shared between requests by <see cref="ReadCache"/> (key <c>plan-page:{year}:{version}:{day}</c>, until the
/// next write in this process, at most <c>ReadCache:Seconds</c>); the rows of a page are read apart
/// (<see cref="PlanTaskReader.ReadPageAsync"/>, key <c>plan-rows:…</c>), so no request reads or walks every task.
/// </summary>
public sealed record PlanPageData(PlanHeader Plan, TaskTally Tally, IReadOnlyDictionary<int, UnitRef> Units,
    IReadOnlyDictionary<int, SubCriterionOption> SubCriteria, IReadOnlyList<(string Code, string Name)> Areas,
    IReadOnlyList<PlanVersionRow> Versions)
{
    /// <summary>The counts per unit as HTML, rendered by the first request that shows them.</summary>
    public RenderedOnce ByUnitHtml { get; } = new();

    /// <summary>Sections I–III (the plan's long texts) as HTML, rendered by the first request that shows them.</summary>
    public RenderedOnce SectionsHtml { get; } = new();

    /// <summary>The tasks per status, counted once per shared entry.</summary>
    public IReadOnlyDictionary<PlanTaskStatus, int> StatusCounts { get; } =
        Tally.ByStatus.GroupBy(c => c.Status).ToDictionary(g => g.Key, g => g.Sum(c => c.Count));

    /// <summary>The counts per lead unit in the units' order, once per shared entry.</summary>
    public IReadOnlyList<DetailsModel.UnitCounts> ByUnit { get; } = CountByUnit(Tally, Units);

    private static List<DetailsModel.UnitCounts> CountByUnit(TaskTally tally, IReadOnlyDictionary<int, UnitRef> units)
    {
        var order = units.Keys.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);
        return tally.ByStatus.GroupBy(c => c.LeadUnitId)
            .Select(g => new DetailsModel.UnitCounts(units.TryGetValue(g.Key, out var u) ? u : new UnitRef(g.Key, "?", "?", false),
                g.Sum(c => c.Count), Of(g, PlanTaskStatus.Done), Of(g, PlanTaskStatus.InProgress), Of(g, PlanTaskStatus.NotStarted),
                tally.OverdueByUnit.GetValueOrDefault(g.Key)))
            .OrderBy(c => order.GetValueOrDefault(c.Unit.Id, int.MaxValue)).ToList();
    }

    private static int Of(IEnumerable<(int LeadUnitId, PlanTaskStatus Status, int Count)> counts, PlanTaskStatus status) =>
        counts.Where(c => c.Status == status).Sum(c => c.Count);

    /// <summary>The version this one replaces, if any.</summary>
    public PlanVersionRow? Replaces => Versions.FirstOrDefault(v => v.Id == Plan.ReplacesPlanId);
    /// <summary>The version that replaces this one: issued (this one is superseded) or still being written.</summary>
    public PlanVersionRow? ReplacedBy => Versions.FirstOrDefault(v => v.ReplacesPlanId == Plan.Id);

    /// <summary>The year's current version (<paramref name="revision"/> null) or the given revision.</summary>
    public static Task<PlanPageData?> ReadSharedAsync(ReadCache shared, int year, int? revision, DateOnly today, CancellationToken ct) =>
        shared.GetAsync(FormattableString.Invariant($"plan-page:{year}:{revision?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "current"}:{today:yyyy-MM-dd}"),
            services => ReadAsync(services.GetRequiredService<ParIndexDbContext>(), year, revision, today, CancellationToken.None), ct);

    public static async Task<PlanPageData?> ReadAsync(ParIndexDbContext db, int year, int? revision, DateOnly today, CancellationToken ct)
    {
        var reader = new PlanTaskReader(db);
        var plan = await db.Plans.AsNoTracking().Version(year, revision)
            .Select(p => new PlanHeader(p.Id, p.TargetYear, p.BaseYear, p.Number, p.Place, p.PlanDate, p.Agency, p.ParentAgency,
                p.SignerTitle, p.SignerName, p.Recipients, p.Evaluation, p.Purpose, p.Requirements, p.TargetRankImprovement,
                p.TargetTotal, p.Organisation, p.Status, p.IssuedAt, p.IssuedBy, p.Version, p.Revision, p.ReplacesPlanId,
                p.ReplacementReason))
            .SingleOrDefaultAsync(ct);
        if (plan is null) return null;
        var tally = await reader.TallyAsync(plan.Id, today, ct);
        // An issued plan names its units as they were on its issue date; a draft today's names.
        var units = await reader.UnitsAsync(PlanTaskReader.NamesAsOf(plan.Status, plan.PlanDate), ct);
        var subs = await PlanService.SubCriteriaAsync(db, plan.TargetYear, ct);
        return new PlanPageData(plan, tally, units, subs.ToDictionary(s => s.Id),
            subs.Select(s => (s.AreaCode, s.AreaName)).Distinct().ToList(), await PlanVersions.ListAsync(db, year, ct));
    }
}

/// <summary>A page of the task table shared through the <see cref="ReadCache"/>, with its rows rendered once.</summary>
public sealed record SharedTaskPage(TaskPage Page)
{
    public RenderedOnce Html { get; } = new();
}

/// <summary>
/// A fragment of a shared read, rendered once by the first request that shows it and then written by every request as
/// one literal string (as the dashboard's body: <see cref="Dashboard.DashboardSnapshot"/>). Only for HTML that holds
/// nothing of the viewer: it goes with the shared entry, so the next write drops it too.
/// </summary>
public sealed class RenderedOnce
{
    private string? _html;

    public string? Html => Volatile.Read(ref _html);

    public string Keep(Microsoft.AspNetCore.Html.IHtmlContent rendered)
    {
        using var writer = new StringWriter();
        rendered.WriteTo(writer, System.Text.Encodings.Web.HtmlEncoder.Default);
        var html = writer.ToString();
        return Interlocked.CompareExchange(ref _html, html, null) ?? html;
    }
}

public class DetailsModel(ParIndexDbContext db, CurrentUser me, Clock clock, IAuthorizationService authorization,
    ReadCache shared, AgencyOptions agency) : PageModel, IReloadOnDomainError
{
    /// <summary>Rows per page: the demo plan's 29 tasks fit on one; a plan of thousands is read a page at a time.</summary>
    public const int PageSize = 100;

    public sealed record UnitCounts(UnitRef Unit, int Total, int Done, int InProgress, int NotStarted, int Overdue);

    [FromRoute] public int Year { get; set; }
    /// <summary>A version read at its own address (/Plans/{year}/ban/{revision}); none: the year's current version.</summary>
    [FromRoute] public int? Revision { get; set; }
    [BindProperty(SupportsGet = true)] public int? Unit { get; set; }
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? Area { get; set; }
    /// <summary>Deadline range (dd/MM/yyyy): a task matches when one of its deadlines falls in it.</summary>
    [BindProperty(SupportsGet = true)] public string? DueFrom { get; set; }
    [BindProperty(SupportsGet = true)] public string? DueTo { get; set; }
    /// <summary>The task table's order: "" (the plan's order), "due", "unit", "status" or "area".</summary>
    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }
    [BindProperty(Name = "p", SupportsGet = true)] public int PageNumber { get; set; } = 1;

    public static readonly IReadOnlyList<(string Value, string Label)> SortOptions =
        [("", "Thứ tự trong kế hoạch"), ("due", "Thời hạn"), ("unit", "Đơn vị chủ trì"), ("status", "Trạng thái"), ("area", "Lĩnh vực")];
    [BindProperty] public Guid PlanVersion { get; set; }
    [BindProperty] public IssueForm IssueInput { get; set; } = new();
    [BindProperty] public ReplaceForm ReplaceInput { get; set; } = new();

    [BindProperty] public bool AbandonConfirm { get; set; }

    /// <summary>The Office may abandon this version: a replacement still in draft.</summary>
    public bool CanAbandon { get; private set; }

    /// <summary>Why the Office starts a replacement of the issued plan (ban hành thay thế).</summary>
    public sealed class ReplaceForm
    {
        public string? Reason { get; set; }
    }

    /// <summary>What Leadership confirms when issuing: the number, the date (dd/MM/yyyy, a Vietnamese calendar day) and the confirmation.</summary>
    public sealed class IssueForm
    {
        public string? Number { get; set; }
        public string? Date { get; set; }
        public bool Confirm { get; set; }
    }

    public const string Conflict = "Kế hoạch vừa được người khác cập nhật; vui lòng xem lại trước khi thực hiện.";

    /// <summary>The agency's document symbol ("KH-STNMT"), for the number line of a plan not yet numbered.</summary>
    public string Symbol => agency.DocumentSymbol;
    public bool CanSubmit { get; private set; }
    public bool CanReturn { get; private set; }
    public bool ShowIssueForm { get; private set; }
    /// <summary>The Office may start a replacement: this is the issued current version and no replacement is open.</summary>
    public bool CanReplace { get; private set; }
    public IReadOnlyList<PlanVersionRow> Versions { get; private set; } = [];
    public PlanVersionRow? Replaces { get; private set; }
    public PlanVersionRow? ReplacedBy { get; private set; }
    /// <summary>This page's own address: /Plans/{year}, or /Plans/{year}/ban/{revision} for a version read by number.</summary>
    public string SelfPath => Revision is { } n ? VersionPath(Year, n) : $"/Plans/{Year}";
    public static string VersionPath(int year, int revision) => $"/Plans/{year}/ban/{revision}";
    /// <summary>The downloads of this version: the year's current ones, or those of the revision read by number.</summary>
    public string ExportStem => Revision is { } n ? $"/exports/plans/{Year}/ban/{n}" : $"/exports/plans/{Year}";

    public PlanHeader Plan { get; private set; } = null!;
    /// <summary>The plan's tasks, all of them.</summary>
    public int TotalCount { get; private set; }
    /// <summary>The tasks the filters select, all pages.</summary>
    public int MatchCount { get; private set; }
    public int PageCount { get; private set; } = 1;
    /// <summary>The selected tasks on this page (at most <see cref="PageSize"/>).</summary>
    public IReadOnlyList<TaskRow> Tasks { get; private set; } = [];
    public IReadOnlyDictionary<int, UnitRef> Units { get; private set; } = new Dictionary<int, UnitRef>();
    public IReadOnlyDictionary<int, SubCriterionOption> SubCriteria { get; private set; } = new Dictionary<int, SubCriterionOption>();
    public IReadOnlyList<(string Code, string Name)> Areas { get; private set; } = [];
    public IReadOnlyList<UnitCounts> ByUnit { get; private set; } = [];
    public IReadOnlyDictionary<PlanTaskStatus, int> StatusCounts { get; private set; } = new Dictionary<PlanTaskStatus, int>();
    public int OverdueCount { get; private set; }
    private DateOnly? _today;
    /// <summary>Today in Vietnam, read once per request.</summary>
    public DateOnly Today => _today ??= clock.Today;
    /// <summary>The shared HTML of the counts per unit and of this page's rows.</summary>
    public RenderedOnce ByUnitHtml { get; private set; } = new();
    public RenderedOnce RowsHtml { get; private set; } = new();
    public RenderedOnce SectionsHtml { get; private set; } = new();
    public bool CanIssue { get; private set; }
    public string? ErrorMessage { get; private set; }
    public string? FilterError { get; private set; }

    public int Count(PlanTaskStatus status) => StatusCounts.GetValueOrDefault(status);

    /// <summary>The link to a page of the list with the same filters ("p": "page" is the route value Razor Pages
    /// reserves for the page's own name).</summary>
    public string PageLink(int page)
    {
        var values = new List<KeyValuePair<string, string?>>();
        if (Unit is { } u) values.Add(new("unit", u.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        if (!string.IsNullOrEmpty(Status)) values.Add(new("status", Status));
        if (!string.IsNullOrEmpty(Area)) values.Add(new("area", Area));
        if (!string.IsNullOrEmpty(DueFrom)) values.Add(new("dueFrom", DueFrom));
        if (!string.IsNullOrEmpty(DueTo)) values.Add(new("dueTo", DueTo));
        if (!string.IsNullOrEmpty(Sort)) values.Add(new("sort", Sort));
        if (page > 1) values.Add(new("p", page.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return SelfPath + QueryString.Create(values);
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) =>
        await LoadAsync(ct) ? Page() : NotFound();

    /// <summary>The Office submits the draft for signature (trình ký).</summary>
    [HandlerPolicy(Policies.Editor)]
    public async Task<IActionResult> OnPostSubmitAsync(CancellationToken ct)
    {
        return await ChangeAsync((plan, _) => plan.Submit(me.Name, clock.UtcNow), $"Đã trình ký kế hoạch năm {Year}.", ct);
    }

    /// <summary>A submitted plan goes back to the Office: returned by Leadership or withdrawn by the Office.</summary>
    [HandlerPolicy(Policies.PlanReviewer)]
    public async Task<IActionResult> OnPostReturnAsync(CancellationToken ct)
    {
        return await ChangeAsync((plan, _) => plan.ReturnToDraft(),
            me.IsLeadership ? $"Đã trả lại dự thảo kế hoạch năm {Year} cho Văn phòng." : $"Đã rút lại kế hoạch năm {Year} để chỉnh sửa.", ct);
    }

    /// <summary>Leadership issues a submitted plan: number, date and confirmation required; the Office may not.</summary>
    [HandlerPolicy(Policies.CanIssuePlan)]
    public async Task<IActionResult> OnPostIssueAsync(CancellationToken ct)
    {
        var number = AgencyOptions.FullNumber(IssueInput.Number, agency.DocumentSymbol);
        if (number is null) ModelState.AddModelError("IssueInput.Number", "Vui lòng nhập số văn bản, ví dụ 45.");
        DateOnly date = default;
        if (string.IsNullOrWhiteSpace(IssueInput.Date)) ModelState.AddModelError("IssueInput.Date", "Vui lòng nhập ngày ban hành (dd/MM/yyyy).");
        else if (!DateInput.TryParse(IssueInput.Date, out date))
            ModelState.AddModelError("IssueInput.Date", $"Ngày \"{IssueInput.Date}\" không hợp lệ; nhập theo dạng dd/MM/yyyy.");
        else if (date > clock.Today) ModelState.AddModelError("IssueInput.Date", "Ngày ban hành không được sau ngày hôm nay.");
        if (!IssueInput.Confirm) ModelState.AddModelError("IssueInput.Confirm", "Vui lòng xác nhận ban hành: sau khi ban hành, kế hoạch không thể sửa.");
        if (!ModelState.IsValid) return await ErrorAsync(null, ct, keepInput: true);
        return await ChangeAsync((plan, replaced) => plan.Issue(number!, date, me.Name, clock.UtcNow, clock.Today, replaced),
            $"Đã ban hành kế hoạch năm {Year}.", ct, keepInput: true);
    }

    /// <summary>
    /// The Office starts "Soạn bản thay thế" on the issued current plan, with a reason: a new draft version copying the
    /// plan's content and tasks (with their progress), which goes through trình ký and ban hành like the first. One open
    /// replacement per year: a second start is refused, and of two tabs starting at once one wins (the other meets the
    /// changed version of the plan, or the database's one replacement per plan).
    /// </summary>
    [HandlerPolicy(Policies.Editor)]
    [DomainErrorField("ReplaceInput.Reason")]
    public async Task<IActionResult> OnPostReplaceAsync(CancellationToken ct)
    {
        if (!await db.Plans.AnyAsync(p => p.TargetYear == Year, ct)) return NotFound();
        var (current, replacement) = await PlanVersions.StartReplacementAsync(db, Year, ReplaceInput.Reason, ct);
        if (Revision is { } shown && shown != current.Revision)
            throw new DomainException("Chỉ có thể soạn bản thay thế từ kế hoạch đang có hiệu lực.");
        db.Entry(current).Property(p => p.Version).OriginalValue = PlanVersion;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return await ErrorAsync(Conflict, ct, keepInput: true);
        }
        catch (DbUpdateException)
        {
            // The database's one replacement per plan: another request started it between the check and this save.
            if (await OpenReplacementAsync(ct) is not { } open) throw;
            return await ErrorAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, PlanVersions.OpenReplacementExists, Year, open),
                ct, keepInput: true);
        }
        TempData["Message"] = $"Đã tạo dự thảo bản thay thế (bản {replacement.Revision}) của Kế hoạch số {current.Number}; " +
                              "bản đang có hiệu lực vẫn giữ nguyên đến khi bản thay thế được ban hành.";
        return Redirect(VersionPath(Year, replacement.Revision));
    }

    /// <summary>
    /// The Office abandons a replacement still in draft (with a confirmation): the draft and its tasks are deleted
    /// (audited), the version in force stays as it was, and a new replacement can be started. From a stale page (the
    /// draft changed, was submitted, or is already gone) nothing is deleted.
    /// </summary>
    [HandlerPolicy(Policies.Editor)]
    public async Task<IActionResult> OnPostAbandonAsync(CancellationToken ct)
    {
        var plan = await db.Plans.Include(p => p.Tasks).Version(Year, Revision).SingleOrDefaultAsync(ct);
        if (plan is null)
        {
            // A second tab after the draft was abandoned: the year's plan, told why.
            if (!await db.Plans.AnyAsync(p => p.TargetYear == Year, ct)) return NotFound();
            TempData["Message"] = $"Bản {Revision} của kế hoạch năm {Year} không còn (đã được hủy); đây là kế hoạch đang có hiệu lực.";
            return Redirect($"/Plans/{Year}");
        }
        if (plan.Version != PlanVersion) return await ErrorAsync(Conflict, ct);
        plan.EnsureAbandonable();
        if (!AbandonConfirm)
        {
            ModelState.AddModelError(nameof(AbandonConfirm), "Vui lòng xác nhận hủy dự thảo bản thay thế.");
            return await ErrorAsync(null, ct);
        }
        var replaced = await db.Plans.AsNoTracking().Where(p => p.Id == plan.ReplacesPlanId).Select(p => p.Number).SingleAsync(ct);
        db.Plans.Remove(plan);
        db.Entry(plan).Property(p => p.Version).OriginalValue = PlanVersion;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return await ErrorAsync(Conflict, ct);
        }
        TempData["Message"] = $"Đã hủy dự thảo bản thay thế (bản {plan.Revision}); Kế hoạch số {replaced} vẫn có hiệu lực.";
        return Redirect($"/Plans/{Year}");
    }

    private async Task<int?> OpenReplacementAsync(CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        return await db.Plans.AsNoTracking().Where(p => p.TargetYear == Year && p.ReplacesPlanId != null
                                                        && (p.Status == PlanStatus.Draft || p.Status == PlanStatus.Submitted))
            .Select(p => (int?)p.Revision).FirstOrDefaultAsync(ct);
    }

    /// <summary>
    /// A step on the version shown (the current one, or the revision at its own address). A replacement is issued with
    /// the version it replaces, which becomes superseded in the same save. A refusal of the domain is shown by
    /// <see cref="DomainErrorFilter"/> (nothing was saved).
    /// </summary>
    private async Task<IActionResult> ChangeAsync(Action<ImprovementPlan, ImprovementPlan?> change, string done, CancellationToken ct,
        bool keepInput = false)
    {
        var plan = await db.Plans.Include(p => p.Tasks).Version(Year, Revision).SingleOrDefaultAsync(ct);
        if (plan is null) return NotFound();
        if (plan.Version != PlanVersion) return await ErrorAsync(Conflict, ct, keepInput);
        var replaced = plan.ReplacesPlanId is { } replacedId ? await db.Plans.SingleAsync(p => p.Id == replacedId, ct) : null;
        change(plan, replaced);
        db.Entry(plan).Property(p => p.Version).OriginalValue = PlanVersion;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return await ErrorAsync(Conflict, ct, keepInput);
        }
        TempData["Message"] = done;
        // Once issued, a replacement is the year's current plan: its page is the year's.
        return Redirect(plan.IsCurrent ? $"/Plans/{Year}" : VersionPath(Year, plan.Revision));
    }

    [HandlerPolicy(Policies.Editor)]
    public async Task<IActionResult> OnPostFromLostPointsAsync(CancellationToken ct)
    {
        var plan = await db.Plans.Include(p => p.Tasks).ThenInclude(t => t.Targets).Version(Year, Revision).SingleOrDefaultAsync(ct);
        if (plan is null) return NotFound();
        var result = await PlanService.TasksFromLostPointsAsync(db, plan, ct);
        await db.SaveChangesAsync(ct);
        var skipped = result.AlreadyTargeted + result.NotInFramework + result.WithoutLead;
        TempData["Message"] = $"Đã tạo {result.Created} nhiệm vụ từ các tiêu chí mất điểm năm {plan.BaseYear}" +
                              (skipped > 0 ? $"; bỏ qua {skipped} tiêu chí (đã có nhiệm vụ: {result.AlreadyTargeted}, không có trong bộ tiêu chí năm {Year}: {result.NotInFramework}, chưa có đơn vị chủ trì: {result.WithoutLead})." : ".");
        return Redirect(SelfPath);
    }

    /// <summary>A refusal shown by <see cref="DomainErrorFilter"/>: the page read again, what was typed kept.</summary>
    async Task IReloadOnDomainError.ReloadAsync(CancellationToken ct) => await ErrorAsync(null, ct, keepInput: true);

    private async Task<IActionResult> ErrorAsync(string? message, CancellationToken ct, bool keepInput = false)
    {
        db.ChangeTracker.Clear();
        ErrorMessage = message;
        var typed = IssueInput;
        var loaded = await LoadAsync(ct);
        if (keepInput)
        {
            IssueInput = typed;
            ShowIssueForm = CanIssue;
        }
        return loaded ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var today = Today;
        var data = await PlanPageData.ReadSharedAsync(shared, Year, Revision, today, ct);
        if (data is null) return false;
        var plan = data.Plan;
        Plan = plan;
        Versions = data.Versions;
        Replaces = data.Replaces;
        ReplacedBy = data.ReplacedBy;
        CanReplace = plan.Status == PlanStatus.Issued && me.IsEditor && ReplacedBy is null;
        PlanVersion = plan.Version;
        Units = data.Units;
        SubCriteria = data.SubCriteria;
        Areas = data.Areas;
        CanIssue = plan.IsSubmitted && (await authorization.AuthorizeAsync(User, Policies.CanIssuePlan)).Succeeded;
        CanSubmit = plan.IsDraft && me.IsEditor;
        CanAbandon = plan.IsDraft && plan.ReplacesPlanId is not null && me.IsEditor;
        CanReturn = plan.IsSubmitted && (me.IsEditor || me.IsLeadership);
        IssueInput = new IssueForm
        {
            Number = plan.Number is { Length: > 0 } n ? n.Split('/')[0] : null,
            Date = ParIndex.Domain.Formatting.Vn.Date(clock.Today),
        };

        var tally = data.Tally;
        TotalCount = tally.Total;
        OverdueCount = tally.Overdue;
        StatusCounts = data.StatusCounts;
        ByUnit = data.ByUnit;

        DateOnly? from = null, to = null;
        if (!string.IsNullOrWhiteSpace(DueFrom))
        {
            if (DateInput.TryParse(DueFrom, out var f)) from = f;
            else FilterError = $"Ngày \"{DueFrom}\" không hợp lệ; nhập theo dạng dd/MM/yyyy.";
        }
        if (!string.IsNullOrWhiteSpace(DueTo))
        {
            if (DateInput.TryParse(DueTo, out var t)) to = t;
            else FilterError = $"Ngày \"{DueTo}\" không hợp lệ; nhập theo dạng dd/MM/yyyy.";
        }
        IReadOnlyCollection<int>? areaSubs = string.IsNullOrEmpty(Area) ? null
            : SubCriteria.Values.Where(s => s.AreaCode == Area).Select(s => s.Id).Order().ToList();
        var filter = new TaskFilter(Unit, Status, areaSubs, from, to, Sort);
        var requested = PageNumber;
        // The page's rows, read by the database (filtered, counted, sorted, one page) and shared like the page's data:
        // the key holds every input of the answer.
        var shown = await shared.GetAsync(FormattableString.Invariant(
                $"plan-rows:{plan.Id}:{Unit}:{Status}:{Area}:{from:yyyy-MM-dd}:{to:yyyy-MM-dd}:{Sort}:{requested}:{today:yyyy-MM-dd}"),
            async services => new SharedTaskPage(await new PlanTaskReader(services.GetRequiredService<ParIndexDbContext>())
                .ReadPageAsync(plan.Id, filter, today, requested, PageSize, CancellationToken.None)), ct);
        var page = shown.Page;
        RowsHtml = shown.Html;
        ByUnitHtml = data.ByUnitHtml;
        SectionsHtml = data.SectionsHtml;
        MatchCount = page.Matches;
        PageCount = page.PageCount;
        PageNumber = page.PageNumber;
        Tasks = page.Rows;
        return true;
    }
}
