using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
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
    /// Opens the year's assessment as the Office does: the years list's button "Mở đợt đánh giá năm N", then its form with the
    /// self-assessment from yesterday to 30 days on and the later phases following (the prefilled usual calendar would put the
    /// self-assessment in December of year N, not open today). Returns the new assessment's id.
    /// </summary>
    public static async Task<int> OpenAssessmentAsync(TestClient office, int year)
    {
        var list = await office.GetDocumentAsync("/Assessments");
        var button = list.QuerySelector($"[data-testid=open-{year}]") ?? throw new InvalidOperationException($"No button to open {year} on /Assessments");
        var form = button.GetAttribute("href")!;
        var today = office.Factory.Clock.Today;
        string Day(int days) => today.AddDays(days).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
        var response = await office.SubmitAsync(form, "#open-form", new()
        {
            ["Input.SelfStart"] = Day(-1),
            ["Input.SelfEnd"] = Day(30),
            ["Input.Round1End"] = Day(60),
            ["Input.ExplanationEnd"] = Day(70),
            ["Input.Round2End"] = Day(90),
            ["Input.PublishedOn"] = Day(100),
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/Assessments/{year}", response.Headers.Location!.OriginalString);
        return await office.Factory.WithDbAsync(db => db.Assessments.Where(a => a.Year == year).Select(a => a.Id).SingleAsync());
    }
}
