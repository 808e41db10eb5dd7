using System.Net;
using System.Net.Http.Headers;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using ParIndex.Web.Data.Seed;
using ParIndex.Web.Features.Frameworks;
using ParIndex.Web.Tests.Infrastructure;

namespace ParIndex.Web.Tests.Features.Frameworks;

/// <summary>
/// Importing onto a year that has a framework but nothing scored, evidenced or planned against it replaces that framework
/// whole, in one transaction, after an explicit confirmation; otherwise it is refused with the reason.
/// </summary>
public class FrameworkReplaceTests(ParIndexFactory factory) : IClassFixture<ParIndexFactory>
{
    private async Task<TestClient> OfficeAsync() => await factory.CreateTestClient().SignInAsync(DemoAccounts.Office);

    private static async Task<byte[]> Export2022Async(TestClient client, Action<IXLWorksheet>? edit = null)
    {
        var response = await client.Http.GetAsync("/Frameworks?handler=Export&year=2022");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        if (edit is null) return bytes;
        using var book = new XLWorkbook(new MemoryStream(bytes));
        edit(book.Worksheet(FrameworkWorkbook.SheetName));
        using var output = new MemoryStream();
        book.SaveAs(output);
        return output.ToArray();
    }

    private static int RowOf(IXLWorksheet sheet, string code) =>
        sheet.RowsUsed().First(r => r.Cell(2).GetString() == code).RowNumber();

    private static Action<IXLWorksheet> Rename(string code, string name) => sheet => sheet.Cell(RowOf(sheet, code), 3).SetValue(name);

    /// <summary>The import form's action and token, read from /Frameworks, and a function that posts a file with them.</summary>
    private static async Task<Func<Task<HttpResponseMessage>>> PrepareAsync(TestClient client, byte[] content, int year, bool replace)
    {
        var page = await client.GetDocumentAsync("/Frameworks");
        var form = page.QuerySelector("#import-form")!;
        Assert.NotNull(form.QuerySelector("input[name=ImportReplace][type=checkbox]"));
        Assert.Contains("Thay thế bộ tiêu chí hiện có", form.TextContent);
        var token = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var action = form.GetAttribute("action");
        return async () =>
        {
            using var body = new MultipartFormDataContent
            {
                { new StringContent(token), "__RequestVerificationToken" },
                { new StringContent(year.ToString(System.Globalization.CultureInfo.InvariantCulture)), "ImportYear" },
                { new StringContent(""), "ImportName" },
            };
            if (replace) body.Add(new StringContent("true"), "ImportReplace");
            var file = new ByteArrayContent(content);
            file.Headers.ContentType = new MediaTypeHeaderValue(FrameworkWorkbook.ContentType);
            body.Add(file, "file", "bo-tieu-chi.xlsx");
            return await client.Http.PostAsync(action, body);
        };
    }

    private static async Task<HttpResponseMessage> ImportAsync(TestClient client, byte[] content, int year, bool replace) =>
        await (await PrepareAsync(client, content, year, replace))();

    private static async Task<string> ErrorsAsync(HttpResponseMessage response) =>
        (await TestClient.ParseAsync(response)).QuerySelector("#import-errors")?.TextContent ?? "(no error list)";

    /// <summary>The year's framework id and its sub-criteria (id, code, name), and the database's sub-criteria count.</summary>
    private Task<(int? FrameworkId, List<(int Id, string Code, string Name)> Subs, int AllSubs, int Areas)> StateAsync(int year) => factory.WithDbAsync(async db =>
    {
        var id = await db.Frameworks.Where(f => f.Year == year).Select(f => (int?)f.Id).SingleOrDefaultAsync();
        var subs = (await db.SubCriteria.AsNoTracking()
                .Where(s => db.Criteria.Any(c => c.Id == s.CriterionId && db.Areas.Any(a => a.Id == c.AreaId && a.FrameworkId == id)))
                .Select(s => new { s.Id, s.Code, s.Name }).ToListAsync())
            .Select(s => (s.Id, s.Code, s.Name)).OrderBy(s => s.Code, StringComparer.Ordinal).ToList();
        return (id, subs, await db.SubCriteria.CountAsync(), await db.Areas.CountAsync(a => a.FrameworkId == id));
    });

    private static void Unchanged((int? FrameworkId, List<(int Id, string Code, string Name)> Subs, int AllSubs, int Areas) before,
        (int? FrameworkId, List<(int Id, string Code, string Name)> Subs, int AllSubs, int Areas) after)
    {
        Assert.Equal(before.FrameworkId, after.FrameworkId);
        Assert.Equal(before.Subs, after.Subs);
        Assert.Equal(before.AllSubs, after.AllSubs);
        Assert.Equal(before.Areas, after.Areas);
    }

    [Fact]
    public async Task A_year_with_a_framework_but_nothing_scored_is_replaced_whole_after_the_confirmation_and_audited()
    {
        using var client = await OfficeAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await ImportAsync(client, await Export2022Async(client), 2041, replace: false)).StatusCode);
        var before = await StateAsync(2041);
        Assert.Equal(74, before.Subs.Count);
        var edited = await Export2022Async(client, Rename("1.1.1", "Tiêu chí thành phần đã thay thế"));

        // Without the confirmation: refused, saying how to confirm, nothing changed.
        var unconfirmed = await ImportAsync(client, edited, 2041, replace: false);
        Assert.Equal(HttpStatusCode.BadRequest, unconfirmed.StatusCode);
        Assert.Contains("Năm 2041 đã có bộ tiêu chí", await ErrorsAsync(unconfirmed));
        Assert.Contains("chọn \"Thay thế bộ tiêu chí hiện có\"", await ErrorsAsync(unconfirmed));
        Unchanged(before, await StateAsync(2041));

        var auditBefore = await factory.WithDbAsync(db => db.AuditEntries.MaxAsync(a => (long?)a.Id)) ?? 0;
        var replaced = await ImportAsync(client, edited, 2041, replace: true);

        Assert.Equal(HttpStatusCode.Redirect, replaced.StatusCode);
        Assert.Equal("/Frameworks/2041", replaced.Headers.Location!.ToString());
        var after = await StateAsync(2041);
        Assert.Equal(before.FrameworkId, after.FrameworkId);
        Assert.Equal(74, after.Subs.Count);
        Assert.Equal(7, after.Areas);
        Assert.Equal(before.AllSubs, after.AllSubs); // the old rows are gone, not kept beside the new ones
        Assert.Empty(after.Subs.Select(s => s.Id).Intersect(before.Subs.Select(s => s.Id)));
        Assert.Equal("Tiêu chí thành phần đã thay thế", after.Subs.Single(s => s.Code == "1.1.1").Name);
        var page = await client.GetDocumentAsync("/Frameworks/2041");
        Assert.Contains("Đã thay thế bộ tiêu chí năm 2041: 74 tiêu chí thành phần", page.Body!.TextContent);
        Assert.Contains("Tiêu chí thành phần đã thay thế", page.Body!.TextContent);

        var audit = await factory.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.Id > auditBefore).ToListAsync());
        Assert.Contains(audit, e => e.EntityType == "Framework" && e.EntityId == before.FrameworkId.ToString() && e.UserName == "Trần Thị Văn Phòng");
        Assert.Equal(74, audit.Count(e => e.EntityType == "SubCriterion" && e.Action == "Deleted"));
    }

    [Fact]
    public async Task A_bad_row_in_a_replacement_leaves_the_old_framework_intact()
    {
        using var client = await OfficeAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await ImportAsync(client, await Export2022Async(client), 2042, replace: false)).StatusCode);
        var before = await StateAsync(2042);
        var bad = await Export2022Async(client, sheet =>
        {
            sheet.Cell(RowOf(sheet, "1.1.1"), 3).SetValue("Không được ghi");
            sheet.Cell(RowOf(sheet, "1.1.2"), 4).SetValue("một");
        });

        var response = await ImportAsync(client, bad, 2042, replace: true);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("điểm tối đa \"một\" không phải là số.", await ErrorsAsync(response));
        Assert.StartsWith("Dòng ", (await TestClient.ParseAsync(response)).QuerySelector("#import-errors li")!.TextContent.Trim());
        Unchanged(before, await StateAsync(2042));
    }

    [Theory]
    [InlineData(2022, "điểm chấm")]
    [InlineData(2023, "nhiệm vụ trong kế hoạch khắc phục")]
    public async Task A_year_with_scores_evidence_or_plan_tasks_is_refused_with_the_reason_even_when_confirmed(int year, string reason)
    {
        using var client = await OfficeAsync();
        var before = await StateAsync(year);

        var response = await ImportAsync(client, await Export2022Async(client, Rename("1.1.1", "Không được ghi")), year, replace: true);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = await ErrorsAsync(response);
        Assert.Contains($"Năm {year} đã có bộ tiêu chí và đã có", errors);
        Assert.Contains(reason, errors);
        Assert.Contains("không nhập bộ tiêu chí khác cho năm này", errors);
        Unchanged(before, await StateAsync(year));
    }

    [Fact]
    public async Task Two_replacements_at_once_one_wins_and_nothing_is_half_written()
    {
        using var client = await OfficeAsync();
        using var other = await OfficeAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await ImportAsync(client, await Export2022Async(client), 2043, replace: false)).StatusCode);
        var before = await StateAsync(2043);
        var first = await PrepareAsync(client, await Export2022Async(client, Rename("1.1.1", "Bản A")), 2043, replace: true);
        var second = await PrepareAsync(other, await Export2022Async(other, Rename("1.1.1", "Bản B")), 2043, replace: true);

        var responses = await Task.WhenAll(first(), second());

        Assert.Contains(responses, r => r.StatusCode == HttpStatusCode.Redirect);
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.Redirect))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("vừa được người khác thay đổi", await ErrorsAsync(refused));
        }
        var after = await StateAsync(2043);
        Assert.Equal(before.FrameworkId, after.FrameworkId);
        Assert.Equal(74, after.Subs.Count);
        Assert.Equal(74, after.Subs.Select(s => s.Code).Distinct().Count());
        Assert.Equal(7, after.Areas);
        Assert.Equal(before.AllSubs, after.AllSubs);
        Assert.Contains(after.Subs.Single(s => s.Code == "1.1.1").Name, new[] { "Bản A", "Bản B" });
    }
}
