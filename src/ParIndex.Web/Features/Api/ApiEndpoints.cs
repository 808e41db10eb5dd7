using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ParIndex.Domain.Assessments;
using ParIndex.Domain.Formatting;
using ParIndex.Domain.Plans;
using ParIndex.Web.Data;
using ParIndex.Web.Features.Assessments;
using ParIndex.Web.Features.Dashboard;
using ParIndex.Web.Features.Plans;
using ParIndex.Web.Infrastructure;
using ParIndex.Web.Infrastructure.Caching;

namespace ParIndex.Web.Features.Api;

/// <summary>
/// The read-only JSON API, version 1, under /api/v1. Authentication is the application's cookie only (the same
/// sign-in as the pages; no tokens): without it the cookie handler answers 401 for /api paths instead of redirecting.
/// The OpenAPI document (/openapi/v1.json) is anonymous: it describes the shapes and holds no data.
/// </summary>
public static class ApiEndpoints
{
    public static IEndpointRouteBuilder MapParIndexApi(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();

        var api = app.MapGroup("/api/v1").RequireAuthorization().WithTags("ParIndex v1");

        api.MapGet("/years", YearsAsync)
            .WithName("GetYears").WithSummary("Các năm có kết quả: tổng điểm tính toán, công bố và thứ hạng")
            .Produces<IReadOnlyList<YearDto>>();

        api.MapGet("/assessments/{year:int}", AssessmentAsync)
            .WithName("GetAssessment").WithSummary("Kết quả một năm: lĩnh vực, tiêu chí, tiêu chí thành phần")
            .Produces<AssessmentDto>().ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/plans/{year:int}", PlanAsync)
            .WithName("GetPlan").WithSummary("Kế hoạch cải thiện của một năm với nhiệm vụ, trạng thái, đơn vị chủ trì")
            .WithDescription($"Nhiệm vụ theo thứ tự của kế hoạch, từng trang: page (từ 1) và pageSize (1 đến {MaxPageSize}, mặc định {DefaultPageSize}).")
            .Produces<PlanDto>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);

        return app;
    }

    public const int DefaultPageSize = 100;
    public const int MaxPageSize = 500;

    /// <summary>A refused API request (401, 403) answers problem+json like every other API error, never an HTML page.</summary>
    public static Task ProblemAsync(HttpContext context, int status) =>
        Results.Problem(statusCode: status,
            title: status == StatusCodes.Status401Unauthorized ? "Chưa đăng nhập" : "Không có quyền",
            detail: status == StatusCodes.Status401Unauthorized
                ? "Cần đăng nhập (cookie phiên làm việc) để dùng API."
                : "Tài khoản không có quyền truy cập tài nguyên này.").ExecuteAsync(context);

    private static IResult BadRequest(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Yêu cầu không hợp lệ", detail: detail);

    private static IResult NotFound(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Không tìm thấy", detail: detail);

    /// <summary>Every year's sheet is read for this list: it is shared until the next write (<see cref="ReadCache"/>).</summary>
    internal static async Task<IResult> YearsAsync(ReadCache shared, CancellationToken ct) =>
        Results.Ok(await shared.GetAsync("years",
            services => ReadYearsAsync(services.GetRequiredService<ParIndexDbContext>(), CancellationToken.None), ct));

    internal static async Task<IReadOnlyList<YearDto>> ReadYearsAsync(ParIndexDbContext db, CancellationToken ct)
    {
        var published = await db.PublishedResults.AsNoTracking()
            .Select(p => new { p.Year, p.Total, p.Rank, p.RankOf, p.Classification }).ToListAsync(ct);
        var reader = new AssessmentReader(db);
        var sheets = await reader.ReadAllYearsAsync(ct);
        var parts = await reader.ReadAllPartsAsync(ct);
        var years = sheets.Keys.Union(published.Select(p => p.Year)).OrderBy(y => y).Select(year =>
        {
            sheets.TryGetValue(year, out var sheet);
            var pub = published.FirstOrDefault(p => p.Year == year);
            var hasScores = sheet is not null && sheet.Lines.Any(l => l.Final is not null);
            decimal? total = hasScores ? sheet!.Total.Final : null;
            string? classification = pub?.Classification
                ?? (total is { } t && sheet is not null ? IndexResult.Of(t, sheet.Total.Max, parts.GetValueOrDefault(year, IndexParts.Default)).ClassificationText : null);
            return new YearDto(year, Num(sheet?.Total.Max), Num(total), sheet is { Total.HasAppraisal: true } ? Num(sheet.Total.Appraised) : null,
                Num(pub?.Total), pub?.Rank, pub?.RankOf, classification);
        }).ToList();
        return years;
    }

    /// <summary>
    /// The year's answer is the same for every caller until the next write: shared as serialized JSON (key
    /// <c>assessment-json:{year}</c>), like a plan's pages, so a request neither builds the tree nor serializes it.
    /// </summary>
    internal static async Task<IResult> AssessmentAsync(int year, ReadCache shared, IOptions<JsonOptions> json, CancellationToken ct)
    {
        var body = await shared.GetAsync($"assessment-json:{year}", async services =>
        {
            var dto = await ReadAssessmentAsync(year, services.GetRequiredService<AssessmentViewCache>(),
                services.GetRequiredService<AssessmentReader>(), CancellationToken.None);
            return dto is null ? null : JsonSerializer.SerializeToUtf8Bytes(dto, json.Value.SerializerOptions);
        }, ct);
        return body is null
            ? NotFound($"Không có kết quả đánh giá năm {year}.")
            : Results.Bytes(body, "application/json; charset=utf-8");
    }

    private static async Task<AssessmentDto?> ReadAssessmentAsync(int year, AssessmentViewCache reader, AssessmentReader assessments,
        CancellationToken ct)
    {
        var view = await reader.ReadAsync(year, ct);
        if (view is null) return null;
        var sheet = view.Sheet;
        var published = view.Published;
        var result = view.Result;
        var classification = published?.Classification ?? result.ClassificationText;
        var previous = await PreviousAsync(year - 1, reader, assessments, ct);
        var dto = new AssessmentDto(year, Num(result.Max), Num(result.Total),
            sheet.Total.HasAppraisal ? Num(sheet.Total.Appraised) : null, Num(published?.Total), published?.Rank, published?.RankOf,
            classification,
            sheet.Areas.Select(a => new AreaDto(a.Code, a.Name, Num(a.Points.Max), Num(a.Points.Final), Num(a.Points.FinalPercent),
                a.Criteria.Select(c => new CriterionDto(c.Code, c.Name, Num(c.Points.Max), Num(c.Points.Final),
                    c.SubCriteria.Select(s => new SubCriterionDto(s.Line.Code, s.Line.Name, Num(s.Line.MaxPoints), Num(s.Line.Self),
                        Num(s.Line.Appraised), s.Line.LostReason, s.Line.LeadUnitId is null ? null : view.UnitName(s.Line.LeadUnitId),
                        Num(view.Losses.Account.For(s.Line.SubCriterionId)?.Lost ?? 0), view.Losses.Account.For(s.Line.SubCriterionId)?.Basis.ToString(),
                        view.LossOf(s.Line.SubCriterionId).Select(u => new LostByUnitDto(Unit(view, u.UnitId), Num(u.Weight), Num(u.Points))).ToList()))
                        .ToList()))
                    .ToList())).ToList(),
            Num(sheet.Total.Self), sheet.Total.HasAppraisal ? Num(sheet.Total.Round1) : null, sheet.Total.HasRound2 ? Num(sheet.Total.Round2) : null,
            (published?.Areas ?? []).Select(a => new PublishedAreaDto(a.AreaCode, Num(a.Points), Num(a.Percent))).ToList(),
            previous,
            Num(view.Losses.Account.Total),
            view.Losses.Account.Units.OrderBy(u => view.UnitOrder(u.UnitId))
                .Select(u => new UnitLossDto(Unit(view, u.UnitId), Num(u.Points), u.Items
                    .Select(x => new SubCriterionLossDto(sheet.Lines.First(l => l.SubCriterionId == x.SubCriterionId).Code, Num(x.Points)))
                    .ToList())).ToList(),
            Index(result, sheet.NotApplicable.Select(l => new NotApplicableDto(l.Code, l.Name, Num(l.MaxPoints), l.NotApplicableReason!)).ToList()));
        return dto;
    }

    /// <summary>The year before: its published result, or the total computed from its sub-criteria once it has scores.</summary>
    private static async Task<PreviousYearDto?> PreviousAsync(int year, AssessmentViewCache reader, AssessmentReader assessments,
        CancellationToken ct)
    {
        if (await assessments.ReadPublishedAsync(year, ct) is { } p)
            return new PreviousYearDto(year, Num(p.Total), true, p.Rank, p.RankOf, p.Classification);
        if (await reader.ReadAsync(year, ct) is not { } view || !view.Sheet.Lines.Any(l => l.Final is not null)) return null;
        return new PreviousYearDto(year, Num(view.Result.Total), false, null, null, view.Result.ClassificationText);
    }

    private static IndexDto Index(IndexResult r, IReadOnlyList<NotApplicableDto>? notApplicable = null) =>
        new(Num(r.Max), Num(r.Total), Num(r.Percent), r.ClassificationText, r.Scale is { } s ? Num(s) : null, r.OnScale is { } o ? Num(o) : null,
            new BandsDto(r.Bands.Basis.ToString(), Num(r.Bands.Excellent), Num(r.Bands.Good), Num(r.Bands.Fair), Num(r.Bands.Average)),
            Num(r.CriteriaMax), Num(r.ApplicableMax), Num(r.CriteriaPoints), notApplicable)
        {
            NotApplicableRule = r.Rule.ToString(),
            CriteriaResult = Num(r.CriteriaResult),
            SurveyPoints = Num(r.SurveyPoints),
            SurveyMaxPoints = Num(r.SurveyMax),
            Surveys = r.Surveys.Select(g => new SurveyPartDto(g.Name, Num(g.MaxPoints), g.Points is { } p ? Num(p) : null)).ToList(),
            Bonus = Num(r.Bonus),
            BonusCap = r.BonusCap is { } bc ? Num(bc) : null,
            BonusCounted = Num(r.BonusCounted),
            Deduction = Num(r.Deduction),
            DeductionCap = r.DeductionCap is { } dc ? Num(dc) : null,
            DeductionCounted = Num(r.DeductionCounted),
        };

    private static UnitDto? Unit(AssessmentView view, int? unitId) =>
        unitId is { } id && view.Units.TryGetValue(id, out var u) ? new UnitDto(u.Code, u.Name) : null;

    /// <summary>
    /// The plan and one page of its tasks. A plan of a few dozen tasks fits in the first page; a plan of thousands is
    /// read page by page, so no answer grows with the plan (docs/performance.md, "A plan in the API, a page at a time").
    /// Six queries whatever the page: plan, count, the page's tasks, their due dates, their coordinators, units.
    /// </summary>
    internal static async Task<IResult> PlanAsync(int year, ReadCache shared, Clock clock,
        IOptions<JsonOptions> json, CancellationToken ct, string? page = null, string? pageSize = null)
    {
        // Read as text and parsed here: a value that is not a number gets the same problem+json 400 as one out of range
        // (bound as int, "page=abc" threw in Development and answered an empty 400 in Production).
        if (!TryReadWhole(pageSize, DefaultPageSize, out var size) || size is < 1 or > MaxPageSize)
            return BadRequest($"pageSize phải là số nguyên từ 1 đến {MaxPageSize}.");
        if (!TryReadWhole(page, 1, out var number) || number < 1) return BadRequest("page phải là số nguyên từ 1 trở lên.");
        // The offset in 64 bits: (page − 1) × pageSize in int wrapped to a negative skip and answered page 1.
        if (Offset(number, size) > MaxOffset) return BadRequest($"page quá lớn: vị trí bắt đầu (page − 1) × pageSize vượt quá {MaxOffset:N0}.");
        // The page is shared as serialized JSON until the next write (overdue flags depend on the day: part of the key).
        var today = clock.Today;
        var body = await shared.GetAsync($"plan:{year}:{number}:{size}:{today:yyyy-MM-dd}", async services =>
        {
            var dto = await ReadPlanAsync(year, number, size, today, services.GetRequiredService<ParIndexDbContext>(),
                services.GetRequiredService<AssessmentReader>(), CancellationToken.None);
            return dto is null ? null : JsonSerializer.SerializeToUtf8Bytes(dto, json.Value.SerializerOptions);
        }, ct);
        return body is null
            ? NotFound($"Không có kế hoạch cải thiện năm {year}.")
            : Results.Bytes(body, "application/json; charset=utf-8");
    }

    /// <summary>No plan has a billion tasks; beyond this a page can only be empty, and int arithmetic would wrap.</summary>
    public const long MaxOffset = 1_000_000_000;

    internal static long Offset(int page, int size) => ((long)page - 1) * size;

    private static bool TryReadWhole(string? text, int fallback, out int value)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            value = fallback;
            return true;
        }
        return int.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out value);
    }

    private static async Task<PlanDto?> ReadPlanAsync(int year, int number, int size, DateOnly today, ParIndexDbContext db,
        AssessmentReader reader, CancellationToken ct)
    {
        // The year's current version: the latest issued, or the draft when none was issued.
        var plan = await db.Plans.AsNoTracking().Current(year)
            .Select(p => new { p.Id, p.TargetYear, p.BaseYear, p.Number, p.Status, p.PlanDate, p.TargetRankImprovement, p.TargetTotal })
            .SingleOrDefaultAsync(ct);
        if (plan is null) return null;
        // The plan's tasks through the one reader the page and the exports use (a page of them, in plan order).
        var taskReader = new ParIndex.Web.Features.Plans.PlanTaskReader(db);
        var count = await taskReader.CountAsync(plan.Id, ct);
        var tasks = await taskReader.ReadAsync(plan.Id, Offset(number, size), size, ct);
        var units = await reader.ReadUnitsAsync(ct);
        UnitDto? Unit(int id) => units.TryGetValue(id, out var u) ? new UnitDto(u.Code, u.Name) : null;

        var dto = new PlanDto(plan.TargetYear, plan.BaseYear, plan.Number, plan.Status.ToString(), plan.PlanDate, plan.TargetRankImprovement,
            Num(plan.TargetTotal), count, number, size, (int)(((long)count + size - 1) / size),
            tasks.Select(t =>
            {
                var dates = t.DueDates.Select(d => (d.DueOn, d.MetOn)).ToList();
                return new PlanTaskDto(t.Id, t.SortOrder, t.Content, Unit(t.LeadUnitId),
                    t.CoordinatorIds.Select(Unit).OfType<UnitDto>().ToList(), t.ExpectedOutput, t.DueDate,
                    t.Recurrence.ToString(), dates.Select(d => d.DueOn).ToList(), t.Status.ToString(), t.PercentComplete, t.CompletedOn,
                    PlanTask.NextDue(t.DueDate, dates), PlanTask.IsOverdue(t.Status, t.DueDate, dates, today));
            }).ToList());
        return dto;
    }

    /// <summary>Drops trailing zeros (100.00 → 100) so JSON carries the figure as it is read.</summary>
    private static decimal Num(decimal value) => value / 1.0000000000000000000000000000m;

    private static decimal? Num(decimal? value) => value is { } v ? Num(v) : null;
}
