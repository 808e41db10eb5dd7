using System.Net;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using ParIndex.Domain.Assessments;
using ParIndex.Web.Data.Seed;
using ParIndex.Web.Features.Frameworks;
using ParIndex.Web.Tests.Infrastructure;
using static ParIndex.Web.Tests.Features.Frameworks.FrameworkTestSupport;

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
        Assert.Contains("Năm 2041 đã có bộ tiêu chí", await ImportErrorsAsync(unconfirmed));
        Assert.Contains("chọn \"Thay thế bộ tiêu chí hiện có\"", await ImportErrorsAsync(unconfirmed));
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
        Assert.Contains("điểm tối đa \"một\" không phải là số.", await ImportErrorsAsync(response));
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
        var errors = await ImportErrorsAsync(response);
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
        var first = await PrepareImportAsync(client, await Export2022Async(client, Rename("1.1.1", "Bản A")), 2043, replace: true);
        var second = await PrepareImportAsync(other, await Export2022Async(other, Rename("1.1.1", "Bản B")), 2043, replace: true);

        var responses = await Task.WhenAll(first(), second());

        Assert.Contains(responses, r => r.StatusCode == HttpStatusCode.Redirect);
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.Redirect))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("vừa được người khác thay đổi", await ImportErrorsAsync(refused));
        }
        var after = await StateAsync(2043);
        Assert.Equal(before.FrameworkId, after.FrameworkId);
        Assert.Equal(74, after.Subs.Count);
        Assert.Equal(74, after.Subs.Select(s => s.Code).Distinct().Count());
        Assert.Equal(7, after.Areas);
        Assert.Equal(before.AllSubs, after.AllSubs);
        Assert.Contains(after.Subs.Single(s => s.Code == "1.1.1").Name, new[] { "Bản A", "Bản B" });
    }

    [Fact]
    public async Task Empty_score_rows_do_not_block_a_replacement_a_bad_part_row_changes_nothing_and_a_value_in_any_round_blocks()
    {
        using var client = await OfficeAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await ImportAsync(client, await Export2022Async(client), 2044, replace: false)).StatusCode);
        var assessmentId = await OpenAssessmentAsync(client, 2044);
        var before = await StateAsync(2044);
        // Rows with no value in any round, as an evidence form or a score page opened and left leave them.
        await factory.WithDbAsync(async db =>
        {
            db.Scores.AddRange(before.Subs.Take(3).Select(s => new SubCriterionScore(assessmentId, s.Id)));
            await db.SaveChangesAsync();
        });
        var withSurvey = Edit(await Export2022Async(client, Rename("1.1.1", "Bản có điều tra")), book =>
        {
            book.Worksheet(FrameworkWorkbook.SurveySheetName).Cell(2, 1).SetValue("SIPAS");
            book.Worksheet(FrameworkWorkbook.SurveySheetName).Cell(2, 2).SetValue(10);
        });

        // A bad part row: refused whole, the old framework, its empty score rows and its parts as they were.
        var bad = Edit(withSurvey, book => book.Worksheet(FrameworkWorkbook.SurveySheetName).Cell(3, 2).SetValue(5));
        var refused = await ImportAsync(client, bad, 2044, replace: true);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Trang \"Điều tra xã hội học\", dòng 3: thiếu tên nhóm câu hỏi.", await ImportErrorsAsync(refused));
        Unchanged(before, await StateAsync(2044));
        Assert.Equal(3, await factory.WithDbAsync(db => db.Scores.CountAsync(s => s.AssessmentId == assessmentId)));
        Assert.Equal(0, await factory.WithDbAsync(db => db.SurveyGroups.CountAsync(g => g.FrameworkId == before.FrameworkId)));

        var replaced = await ImportAsync(client, withSurvey, 2044, replace: true);

        Assert.Equal(HttpStatusCode.Redirect, replaced.StatusCode);
        var after = await StateAsync(2044);
        Assert.Equal(before.FrameworkId, after.FrameworkId);
        Assert.Equal("Bản có điều tra", after.Subs.Single(s => s.Code == "1.1.1").Name);
        Assert.Equal(0, await factory.WithDbAsync(db => db.Scores.CountAsync(s => s.AssessmentId == assessmentId)));
        Assert.Equal(["SIPAS"], await factory.WithDbAsync(db => db.SurveyGroups.Where(g => g.FrameworkId == before.FrameworkId).Select(g => g.Name).ToListAsync()));

        // A value in one round (round 1 alone, no self score) is a score: refused even when confirmed.
        await factory.WithDbAsync(async db =>
        {
            var score = new SubCriterionScore(assessmentId, after.Subs[0].Id);
            db.Scores.Add(score);
            await db.SaveChangesAsync();
            await db.Scores.Where(s => s.Id == score.Id).ExecuteUpdateAsync(u => u.SetProperty(s => s.Round1Score, 0.5m));
        });
        var blocked = await ImportAsync(client, withSurvey, 2044, replace: true);
        Assert.Equal(HttpStatusCode.BadRequest, blocked.StatusCode);
        Assert.Contains("Năm 2044 đã có bộ tiêu chí và đã có điểm chấm", await ImportErrorsAsync(blocked));
        Unchanged(after, await StateAsync(2044));
    }
}
