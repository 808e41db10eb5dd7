using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using ParIndex.Domain.Assessments;
using ParIndex.Web.Features.Frameworks;
using ParIndex.Web.Tests.Infrastructure;

namespace ParIndex.Web.Tests.Features.Frameworks;

/// <summary>What the framework tests share: the framework workbook's download and import through the real form, and the year page's forms for the index parts.</summary>
internal static class FrameworkTestSupport
{
    public static async Task<byte[]> DownloadAsync(TestClient client, string url)
    {
        var response = await client.Http.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(FrameworkWorkbook.ContentType, response.Content.Headers.ContentType!.MediaType);
        return await response.Content.ReadAsByteArrayAsync();
    }

    public static Task<byte[]> ExportAsync(TestClient client, int year) => DownloadAsync(client, $"/Frameworks?handler=Export&year={year}");

    /// <summary>
    /// GETs /Frameworks, takes the import form's action and token, and returns a function that posts the year, the name, the
    /// replace confirmation (when asked) and the file as multipart, as the browser does.
    /// </summary>
    public static async Task<Func<Task<HttpResponseMessage>>> PrepareImportAsync(TestClient client, byte[] content, int year, string name = "", bool replace = false)
    {
        var page = await client.GetDocumentAsync("/Frameworks");
        var form = page.QuerySelector<IHtmlFormElement>("#import-form")!;
        Assert.Equal("multipart/form-data", form.GetAttribute("enctype"));
        Assert.NotNull(form.QuerySelector("input[name=ImportReplace][type=checkbox]"));
        var token = form.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        var action = form.GetAttribute("action");
        return async () =>
        {
            using var body = new MultipartFormDataContent
            {
                { new StringContent(token), "__RequestVerificationToken" },
                { new StringContent(year.ToString(CultureInfo.InvariantCulture)), "ImportYear" },
                { new StringContent(name), "ImportName" },
            };
            if (replace) body.Add(new StringContent("true"), "ImportReplace");
            var file = new ByteArrayContent(content);
            file.Headers.ContentType = new MediaTypeHeaderValue(FrameworkWorkbook.ContentType);
            body.Add(file, "file", "bo-tieu-chi.xlsx");
            return await client.Http.PostAsync(action, body);
        };
    }

    public static async Task<HttpResponseMessage> ImportAsync(TestClient client, byte[] content, int year, string name = "", bool replace = false) =>
        await (await PrepareImportAsync(client, content, year, name, replace))();

    /// <summary>The import page's list of reasons (or the page's text, to say why there is none).</summary>
    public static async Task<string> ImportErrorsAsync(HttpResponseMessage response)
    {
        var page = await TestClient.ParseAsync(response);
        return page.QuerySelector("#import-errors")?.TextContent ?? "(no error list) " + page.QuerySelector("main")?.TextContent;
    }

    /// <summary>The workbook with one change applied, saved again.</summary>
    public static byte[] Edit(byte[] workbook, Action<XLWorkbook> edit)
    {
        using var book = new XLWorkbook(new MemoryStream(workbook));
        edit(book);
        using var output = new MemoryStream();
        book.SaveAs(output);
        return output.ToArray();
    }

    /// <summary>Every used cell of every sheet, "sheet!A1=text", to compare two workbooks cell by cell.</summary>
    public static List<string> Cells(byte[] workbook)
    {
        using var book = new XLWorkbook(new MemoryStream(workbook));
        return book.Worksheets.SelectMany(w => w.CellsUsed().Select(c => $"{w.Name}!{c.Address}={c.GetString()}")).ToList();
    }

    /// <summary>Posts the year page's bands form (rule, caps, bands and scale) over what it rendered.</summary>
    public static async Task SetBandsAsync(TestClient client, int year, Dictionary<string, string> fields) =>
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync($"/Frameworks/{year}", "#bands-form", fields)).StatusCode);

    /// <summary>Adds a survey group on the year page, with its published points when given.</summary>
    public static async Task AddSurveyAsync(TestClient client, int year, string name, string maxPoints, string points = "", string source = "", string publishedOn = "") =>
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync($"/Frameworks/{year}", "#survey-add", new()
        {
            ["Survey.Name"] = name,
            ["Survey.MaxPoints"] = maxPoints,
            ["Survey.Points"] = points,
            ["Survey.Source"] = source,
            ["Survey.PublishedOn"] = publishedOn,
        })).StatusCode);

    /// <summary>Adds a bonus ("Bonus") or a deduction ("Deduction") on the year page.</summary>
    public static async Task AddAdjustmentAsync(TestClient client, int year, string kind, string points, string reason, string evidence = "") =>
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync($"/Frameworks/{year}", "#adjustment-add", new()
        {
            ["Adjustment.Kind"] = kind,
            ["Adjustment.Points"] = points,
            ["Adjustment.Reason"] = reason,
            ["Adjustment.Evidence"] = evidence,
        })).StatusCode);

    /// <summary>
    /// Opens the year's self-assessment, from yesterday, as the demo seed does (no page opens a year's assessment: copying or
    /// importing a framework opens none); the later phases follow a month apart.
    /// </summary>
    public static Task<int> OpenAssessmentAsync(ParIndexFactory factory, int year) => factory.WithDbAsync(async db =>
    {
        var frameworkId = await db.Frameworks.Where(f => f.Year == year).Select(f => f.Id).SingleAsync();
        var today = factory.Clock.Today;
        var assessment = new Assessment(frameworkId, year);
        assessment.PlanPhases(today.AddDays(-1), today.AddDays(30), today.AddDays(60), today.AddDays(70), today.AddDays(90), today.AddDays(100));
        db.Assessments.Add(assessment);
        await db.SaveChangesAsync();
        return assessment.Id;
    });
}
