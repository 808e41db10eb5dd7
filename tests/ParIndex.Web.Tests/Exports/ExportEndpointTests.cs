using System.Net;
using ParIndex.Web.Data.Seed;
using ParIndex.Web.Tests.Infrastructure;

namespace ParIndex.Web.Tests.Exports;

/// <summary>The download URLs: names, types, any signed-in role, API aliases, unknown years.</summary>
[Trait("Requires", "LibreOffice")]
[Collection(ExportCollection.Name)]
public sealed class ExportEndpointTests(ExportFixture fixture)
{
    public static TheoryData<string, string, string> Downloads => new()
    {
        { "/exports/plans/2023.pdf", "application/pdf", "ke-hoach-cai-thien-cchc-2023.pdf" },
        { "/api/v1/plans/2023/export.pdf", "application/pdf", "ke-hoach-cai-thien-cchc-2023.pdf" },
        { "/exports/plans/2023.docx", Docx, "ke-hoach-cai-thien-cchc-2023.docx" },
        { "/api/v1/plans/2023/export.docx", Docx, "ke-hoach-cai-thien-cchc-2023.docx" },
        { "/exports/plans/2023/appendix.xlsx", Xlsx, "phu-luc-nhiem-vu-2023.xlsx" },
        { "/api/v1/plans/2023/export.xlsx", Xlsx, "phu-luc-nhiem-vu-2023.xlsx" },
        { "/exports/assessments/2022/scores.xlsx", Xlsx, "diem-chi-so-cchc-2022.xlsx" },
        { "/api/v1/assessments/2022/export.xlsx", Xlsx, "diem-chi-so-cchc-2022.xlsx" },
        { "/exports/dossiers/2022.xlsx", Xlsx, "ho-so-tre-han-2022.xlsx" },
    };

    private const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    [Theory]
    [MemberData(nameof(Downloads))]
    public async Task Each_download_is_an_attachment_named_by_kind_and_year(string url, string type, string name)
    {
        using var client = await fixture.Factory.CreateTestClient().SignInAsync(DemoAccounts.Office);
        var response = await client.Http.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal(name, response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.True(bytes.Length > 1000);
        Assert.Equal(type == "application/pdf" ? "%PDF"u8.ToArray() : "PK"u8.ToArray(), bytes[..(type == "application/pdf" ? 4 : 2)]);
    }

    [Fact]
    public async Task The_api_aliases_answer_the_same_content()
    {
        using var client = await fixture.Factory.CreateTestClient().SignInAsync(DemoAccounts.Office);
        // PDF and workbooks carry their creation time, so compare what they contain.
        Assert.Equal(await PdfTextAsync(client, "/exports/plans/2023.pdf"), await PdfTextAsync(client, "/api/v1/plans/2023/export.pdf"));
        Assert.Equal(await CellsAsync(client, "/exports/plans/2023/appendix.xlsx"), await CellsAsync(client, "/api/v1/plans/2023/export.xlsx"));
        Assert.Equal(await CellsAsync(client, "/exports/assessments/2022/scores.xlsx"), await CellsAsync(client, "/api/v1/assessments/2022/export.xlsx"));
    }

    [Theory]
    [InlineData(DemoAccounts.Leadership)]
    [InlineData("qhgd@parindex.local")]
    [InlineData(DemoAccounts.Admin)]
    public async Task Any_signed_in_role_may_download(string account)
    {
        using var client = await fixture.Factory.CreateTestClient().SignInAsync(account);
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/exports/plans/2023/appendix.xlsx")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/exports/assessments/2022/scores.xlsx")).StatusCode);
    }

    [Fact]
    public async Task Anonymous_users_are_sent_to_sign_in_or_refused_on_the_api()
    {
        using var client = fixture.Factory.CreateTestClient();
        var page = await client.Http.GetAsync("/exports/plans/2023.pdf");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("/Account/Login", page.Headers.Location?.ToString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.Http.GetAsync("/api/v1/plans/2023/export.pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.Http.GetAsync("/api/v1/plans/2023/export.docx")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.Http.GetAsync("/exports/plans/2023.docx")).StatusCode);
    }

    [Theory]
    [InlineData("/exports/plans/1999.pdf")]
    [InlineData("/exports/plans/1999.docx")]
    [InlineData("/exports/plans/1999/appendix.xlsx")]
    [InlineData("/exports/assessments/1999/scores.xlsx")]
    [InlineData("/exports/dossiers/1999.xlsx")]
    [InlineData("/exports/plans/0.pdf")]
    public async Task An_unknown_year_is_not_found(string url)
    {
        using var client = await fixture.Factory.CreateTestClient().SignInAsync(DemoAccounts.Office);
        var response = await client.Http.GetAsync(url);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("năm", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/api/v1/plans/1999/export.pdf")]
    [InlineData("/api/v1/plans/1999/export.docx")]
    [InlineData("/api/v1/plans/1999/export.xlsx")]
    [InlineData("/api/v1/assessments/1999/export.xlsx")]
    public async Task An_unknown_year_on_the_api_is_a_problem_document(string url)
    {
        using var client = await fixture.Factory.CreateTestClient().SignInAsync(DemoAccounts.Office);
        var response = await client.Http.GetAsync(url);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(404, json.RootElement.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task The_plan_pdf_reads_the_database_in_a_fixed_number_of_queries()
    {
        using var client = await fixture.Factory.CreateTestClient().SignInAsync(DemoAccounts.Office);
        await client.Http.GetAsync("/exports/plans/2023.pdf");
        fixture.Factory.Commands.Reset();
        fixture.Factory.Commands.Recording = true;
        try
        {
            (await client.Http.GetAsync("/exports/plans/2023.pdf")).EnsureSuccessStatusCode();
        }
        finally
        {
            fixture.Factory.Commands.Recording = false;
        }
        // Plan, tasks, targets, coordinators, due dates, units, late dossiers; the base year's view for the points lost per
        // unit (assessment, lines, units, published, phases, shares, rules, dossiers and reports per unit); the year's
        // index parts (bands, survey groups, bonus and deductions: one query) (+ at most a sign-in check).
        Assert.InRange(fixture.Factory.Commands.Count, 17, 19);
    }

    private static async Task<string> PdfTextAsync(TestClient client, string url)
    {
        using var pdf = UglyToad.PdfPig.PdfDocument.Open(await client.Http.GetByteArrayAsync(url));
        return string.Join("\f", pdf.GetPages().Select(p => p.Text));
    }

    private static async Task<string> CellsAsync(TestClient client, string url)
    {
        using var workbook = ExportTestSupport.OpenWorkbook(await client.Http.GetByteArrayAsync(url));
        return string.Join("\n", workbook.Worksheets.SelectMany(s => s.CellsUsed()).Select(c => $"{c.Address}={c.GetString()}"));
    }
}
