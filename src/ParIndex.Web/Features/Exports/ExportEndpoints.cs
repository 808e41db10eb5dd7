using ParIndex.Web.Features.Assessments;
using ParIndex.Web.Features.Plans;
using ParIndex.Web.Infrastructure;

namespace ParIndex.Web.Features.Exports;

/// <summary>
/// Downloads for signed-in users of any role: the plan as PDF and as Word, its appendix, its progress report for a
/// period (PDF, Word, Excel), a year's scores and late dossiers as
/// workbooks, the self-assessment file for Sở Nội vụ (Excel, PDF, Word) and the explanation letter (PDF, Word). The /api/v1 aliases answer the same bytes; an unknown year is 404 (problem+json under /api).
/// </summary>
public static class ExportEndpoints
{
    public const string PdfType = "application/pdf";
    public const string DocxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static IEndpointRouteBuilder MapExports(this IEndpointRouteBuilder app)
    {
        var exports = app.MapGroup("").RequireAuthorization();
        exports.MapGet("/exports/plans/{year:int}.pdf", PlanPdf);
        exports.MapGet("/api/v1/plans/{year:int}/export.pdf", PlanPdf);
        exports.MapGet("/exports/plans/{year:int}.docx", PlanDocx);
        exports.MapGet("/api/v1/plans/{year:int}/export.docx", PlanDocx);
        exports.MapGet("/exports/plans/{year:int}/appendix.xlsx", PlanAppendix);
        exports.MapGet("/api/v1/plans/{year:int}/export.xlsx", PlanAppendix);
        // A version of the year's plan by its number (a superseded one exactly as it was issued).
        exports.MapGet("/exports/plans/{year:int}/ban/{revision:int}.pdf", PlanPdf);
        exports.MapGet("/exports/plans/{year:int}/ban/{revision:int}.docx", PlanDocx);
        exports.MapGet("/exports/plans/{year:int}/ban/{revision:int}/appendix.xlsx", PlanAppendix);
        foreach (var format in new[] { "pdf", "docx", "xlsx" })
        {
            exports.MapGet($"/exports/plans/{{year:int}}/progress/{{period}}.{format}", ProgressReport(format));
            exports.MapGet($"/api/v1/plans/{{year:int}}/progress/{{period}}/export.{format}", ProgressReport(format));
        }
        exports.MapGet("/exports/assessments/{year:int}/scores.xlsx", Scores);
        exports.MapGet("/api/v1/assessments/{year:int}/export.xlsx", Scores);
        exports.MapGet("/exports/dossiers/{year:int}.xlsx", Dossiers);
        // The self-assessment file sent to Sở Nội vụ, and the explanation letter (văn bản giải trình).
        foreach (var format in new[] { "xlsx", "pdf", "docx" })
            exports.MapGet($"/exports/assessments/{{year:int}}/self-assessment.{format}", SelfAssessment(format));
        foreach (var format in new[] { "pdf", "docx" })
            exports.MapGet($"/exports/assessments/{{year:int}}/explanation.{format}", ExplanationLetter(format));
        return app;
    }

    public static string PlanPdfName(int year, int? revision = null) => $"ke-hoach-cai-thien-cchc-{year}{Ban(revision)}.pdf";
    public static string PlanDocxName(int year, int? revision = null) => $"ke-hoach-cai-thien-cchc-{year}{Ban(revision)}.docx";
    public static string PlanAppendixName(int year, int? revision = null) => $"phu-luc-nhiem-vu-{year}{Ban(revision)}.xlsx";

    private static string Ban(int? revision) =>
        revision is { } n ? "-ban-" + n.ToString(System.Globalization.CultureInfo.InvariantCulture) : "";

    /// <summary>The year's current plan, or the version asked for by its number (a route value only).</summary>
    private static async Task<PlanExport?> ReadPlanAsync(int year, PlanExportReader reader, Clock clock, HttpContext http, CancellationToken ct)
    {
        if (!ValidYear(year)) return null;
        return await reader.ReadAsync(year, RevisionOf(http), clock.Today, ct);
    }

    private static int? RevisionOf(HttpContext http) =>
        http.Request.RouteValues.TryGetValue("revision", out var value)
        && int.TryParse(value as string, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;
    public static string ScoresName(int year) => $"diem-chi-so-cchc-{year}.xlsx";
    public static string DossiersName(int year) => $"ho-so-tre-han-{year}.xlsx";

    private static async Task<IResult> PlanPdf(int year, PlanExportReader reader, Clock clock, HttpContext http, CancellationToken ct)
    {
        var plan = await ReadPlanAsync(year, reader, clock, http, ct);
        return plan is null
            ? NotFound(http, $"Không có kế hoạch cải thiện Chỉ số CCHC năm {year}.")
            : Results.File(PlanPdfExporter.Render(plan), PdfType, PlanPdfName(year, RevisionOf(http)));
    }

    private static async Task<IResult> PlanDocx(int year, PlanExportReader reader, Clock clock, HttpContext http, CancellationToken ct)
    {
        var plan = await ReadPlanAsync(year, reader, clock, http, ct);
        return plan is null
            ? NotFound(http, $"Không có kế hoạch cải thiện Chỉ số CCHC năm {year}.")
            : Results.File(PlanDocxExporter.Render(plan), DocxType, PlanDocxName(year, RevisionOf(http)));
    }

    /// <summary>The report on the plan's progress for a period (Q1, H1, Q3, Annual) as PDF, Word or Excel.</summary>
    private static Func<int, string, PlanExportReader, Data.ParIndexDbContext, Clock, HttpContext, CancellationToken, Task<IResult>> ProgressReport(
        string format) =>
        async (year, period, reader, db, clock, http, ct) =>
        {
            var report = ValidYear(year) ? await ProgressReportReader.ReadAsync(db, reader, year, period, clock.Today, ct) : null;
            if (report is null)
            {
                return ReportPeriod.Parse(period, year) is null
                    ? NotFound(http, $"Không có kỳ báo cáo \"{period}\" (quý I: Q1, 6 tháng: H1, quý III: Q3, năm: Annual).")
                    : NotFound(http, $"Không có kế hoạch cải thiện Chỉ số CCHC năm {year}.");
            }
            var name = $"{ProgressReportExporter.FileStem(report)}.{format}";
            return format switch
            {
                "pdf" => Results.File(ProgressReportExporter.Pdf(report), PdfType, name),
                "docx" => Results.File(ProgressReportExporter.Docx(report), DocxType, name),
                _ => Results.File(ProgressReportExporter.Workbook(report), XlsxType, name),
            };
        };

    private static async Task<IResult> PlanAppendix(int year, PlanExportReader reader, Clock clock, HttpContext http, CancellationToken ct)
    {
        var plan = await ReadPlanAsync(year, reader, clock, http, ct);
        return plan is null
            ? NotFound(http, $"Không có kế hoạch cải thiện Chỉ số CCHC năm {year}.")
            : Results.File(WorkbookExporter.PlanAppendix(plan), XlsxType, PlanAppendixName(year, RevisionOf(http)));
    }

    private static async Task<IResult> Scores(int year, AssessmentViewCache reader, HttpContext http, CancellationToken ct)
    {
        var view = ValidYear(year) ? await reader.ReadAsync(year, ct) : null;
        return view is null
            ? NotFound(http, $"Không có kết quả đánh giá Chỉ số CCHC năm {year}.")
            : Results.File(WorkbookExporter.Scores(view), XlsxType, ScoresName(year));
    }

    private static async Task<IResult> Dossiers(int year, PlanExportReader reader, Clock clock, HttpContext http, CancellationToken ct)
    {
        if (!ValidYear(year) || !await reader.HasDossiersAsync(year, ct))
            return NotFound(http, $"Không có dữ liệu hồ sơ thủ tục hành chính năm {year}.");
        var dossiers = await reader.LateDossiersAsync(year, clock.Today, ct);
        return Results.File(WorkbookExporter.LateDossiers(year, dossiers), XlsxType, DossiersName(year));
    }

    private static Task<AssessmentDocument?> ReadDocumentAsync(int year, AssessmentViewCache cache, Data.ParIndexDbContext db, AgencyOptions agency,
        Clock clock, CancellationToken ct) =>
        ValidYear(year) ? AssessmentDocumentReader.ReadAsync(cache, db, agency, clock.Today, year, ct) : Task.FromResult<AssessmentDocument?>(null);

    /// <summary>The self-assessment file: every sub-criterion's score, reason and evidence (Excel), or the report in Decree 30 form.</summary>
    private static Func<int, AssessmentViewCache, Data.ParIndexDbContext, AgencyOptions, Clock, HttpContext, CancellationToken, Task<IResult>> SelfAssessment(
        string format) =>
        async (year, cache, db, agency, clock, http, ct) =>
        {
            var document = await ReadDocumentAsync(year, cache, db, agency, clock, ct);
            if (document is null) return NotFound(http, $"Không có kết quả đánh giá Chỉ số CCHC năm {year}.");
            if (!document.HasSelfScores)
                return NotFound(http, $"Năm {year} chưa có điểm tự đánh giá nào: hãy chấm điểm tự đánh giá trước khi lập hồ sơ gửi Sở Nội vụ.");
            return format switch
            {
                "xlsx" => Results.File(SelfAssessmentExporter.Workbook(document), XlsxType, SelfAssessmentExporter.WorkbookName(year)),
                "pdf" => Results.File(SelfAssessmentExporter.Pdf(document), PdfType, SelfAssessmentExporter.ReportName(year, format)),
                _ => Results.File(SelfAssessmentExporter.Docx(document), DocxType, SelfAssessmentExporter.ReportName(year, format)),
            };
        };

    /// <summary>The explanation letter, once the explanation phase has begun and while the list holds a sub-criterion.</summary>
    private static Func<int, AssessmentViewCache, Data.ParIndexDbContext, AgencyOptions, Clock, HttpContext, CancellationToken, Task<IResult>> ExplanationLetter(
        string format) =>
        async (year, cache, db, agency, clock, http, ct) =>
        {
            var document = await ReadDocumentAsync(year, cache, db, agency, clock, ct);
            if (document is null) return NotFound(http, $"Không có kết quả đánh giá Chỉ số CCHC năm {year}.");
            if (ExplanationLetterExporter.Refusal(document) is { } refusal) return NotFound(http, refusal);
            return format == "pdf"
                ? Results.File(ExplanationLetterExporter.Pdf(document), PdfType, ExplanationLetterExporter.FileName(year, format))
                : Results.File(ExplanationLetterExporter.Docx(document), DocxType, ExplanationLetterExporter.FileName(year, format));
        };

    private static bool ValidYear(int year) => year is >= 1900 and <= 9998;

    /// <summary>
    /// A missing document: a problem document for the API; for a person who followed a link, the site's status page
    /// (its layout, menu and way back) saying what is missing, through the status-code pages (an empty 404 body).
    /// </summary>
    private static IResult NotFound(HttpContext http, string detail)
    {
        if (http.Request.Path.StartsWithSegments("/api"))
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Không tìm thấy", detail: detail);
        http.Items[StatusDetailKey] = detail;
        return Results.StatusCode(StatusCodes.Status404NotFound);
    }

    /// <summary>Where a handler leaves the sentence the status page shows under its title.</summary>
    public const string StatusDetailKey = "ParIndex.StatusDetail";
}
