using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using ParIndex.Domain.Plans;
using ParIndex.Web.Data.Seed;
using ParIndex.Web.Tests.Exports;
using ParIndex.Web.Tests.Infrastructure;

namespace ParIndex.Web.Tests.Features.Plans;

/// <summary>
/// Starting a plan (year N's framework offered when missing, an incomplete base confirmed), then trình ký by the Office and
/// ban hành by Leadership (number, date, confirmation, Vietnam's calendar day), collisions and denials, the audit trail, and
/// the names an issued plan keeps. Each test owns its database.
/// </summary>
public class PlanIssueTests
{
    private sealed record PlanState(PlanStatus Status, string? Number, DateOnly? PlanDate, Guid Version, string? IssuedBy);

    private static Task<PlanState> StateAsync(ParIndexFactory factory, int year = 2023) =>
        factory.WithDbAsync(db => db.Plans.AsNoTracking().Where(p => p.TargetYear == year)
            .Select(p => new PlanState(p.Status, p.Number, p.PlanDate, p.Version, p.IssuedBy)).SingleAsync());

    /// <summary>The 2023 plan drafted again from the demo's 2022 results, with tasks from the lost points.</summary>
    private static async Task<(ParIndexFactory Factory, TestClient Office)> DraftAsync()
    {
        var factory = new ParIndexFactory();
        factory.Clock.SetToday(new DateOnly(2023, 3, 1));
        await factory.WithDbAsync(db => db.Plans.Where(p => p.TargetYear == 2023).ExecuteDeleteAsync());
        var office = await factory.CreateTestClient().SignInAsync(DemoAccounts.Office);
        Assert.Equal(HttpStatusCode.Redirect,
            (await office.SubmitAsync("/Plans", "[data-testid=plan-create-form]", new() { ["Input.Year"] = "2023" })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await office.SubmitAsync("/Plans/2023", "[data-testid=tasks-from-lost-form]", new())).StatusCode);
        return (factory, office);
    }

    private static Dictionary<string, string> Issue(string number = "45", string date = "01/03/2023", bool confirm = true) =>
        new() { ["IssueInput.Number"] = number, ["IssueInput.Date"] = date, ["IssueInput.Confirm"] = confirm ? "true" : "false" };

    [Fact]
    public async Task Starting_a_year_without_framework_offers_the_copy_on_the_same_page_and_opens_no_self_assessment()
    {
        using var factory = new ParIndexFactory();
        factory.Clock.SetToday(new DateOnly(2024, 2, 1));
        using var office = await factory.CreateTestClient().SignInAsync(DemoAccounts.Office);

        var first = await office.SubmitAsync("/Plans", "[data-testid=plan-create-form]", new() { ["Input.Year"] = "2024" });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var page = await TestClient.ParseAsync(first);
        Assert.Contains("Chưa có bộ tiêu chí năm 2024", page.Text("plan-create-error"));
        Assert.NotNull(page.QuerySelector("[data-testid=plan-copy-framework]"));
        Assert.Equal("2024", page.QuerySelector<IHtmlInputElement>("[data-testid=plan-create-year]")!.Value);
        Assert.False(await factory.WithDbAsync(db => db.Frameworks.AnyAsync(f => f.Year == 2024)));

        // The copy, from the same form: the framework only. The 2023 results are incomplete, so the Office must confirm.
        var form = page.QuerySelector<IHtmlFormElement>("[data-testid=plan-create-form]")!;
        var copied = await office.PostFormAsync(form, new() { ["Input.CopyFramework"] = "true" }, "/Plans");
        Assert.Equal(HttpStatusCode.OK, copied.StatusCode);
        var warned = await TestClient.ParseAsync(copied);
        var (frameworks, subs2023, assessments2024, plans2024) = await factory.WithDbAsync(async db => (
            await db.Frameworks.CountAsync(f => f.Year == 2024),
            await db.SubCriteria.CountAsync(s => db.Criteria.Any(c => c.Id == s.CriterionId && db.Areas.Any(a => a.Id == c.AreaId && db.Frameworks.Any(f => f.Id == a.FrameworkId && f.Year == 2023)))),
            await db.Assessments.CountAsync(a => a.Year == 2024), await db.Plans.CountAsync(p => p.TargetYear == 2024)));
        Assert.Equal(1, frameworks);
        Assert.Equal(0, assessments2024);
        Assert.Equal(0, plans2024);
        Assert.Matches($@"Kết quả năm 2023 chưa đầy đủ: \d+/{subs2023} tiêu chí thành phần đã có điểm thẩm định", warned.Text("plan-create-error"));
        Assert.NotNull(warned.QuerySelector("[data-testid=plan-confirm-incomplete-check]"));

        var confirmed = await office.PostFormAsync(warned.QuerySelector<IHtmlFormElement>("[data-testid=plan-create-form]")!,
            new() { ["Input.ConfirmIncomplete"] = "true" }, "/Plans");
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        var plan = await factory.WithDbAsync(db => db.Plans.AsNoTracking().SingleAsync(p => p.TargetYear == 2024));
        Assert.Equal(1, await factory.WithDbAsync(db => db.Frameworks.CountAsync(f => f.Year == 2024)));
        Assert.Equal(0, await factory.WithDbAsync(db => db.Assessments.CountAsync(a => a.Year == 2024)));
        // Nothing that was not scored is said to be at full marks.
        Assert.DoesNotContain("tất cả", plan.Evaluation);
        Assert.Contains("chưa có điểm", plan.Evaluation);

        // The task form now lists year 2024's sub-criteria.
        var taskForm = await office.GetDocumentAsync("/Plans/2024/Tasks/Edit");
        Assert.True(taskForm.QuerySelectorAll("[name='Input.TargetIds'] option, input[name='Input.TargetIds']").Length >= 74);
    }

    [Fact]
    public async Task The_office_submits_leadership_issues_with_a_number_and_a_vietnamese_date_and_every_step_is_audited()
    {
        var (factory, office) = await DraftAsync();
        using var _ = factory;
        using var __ = office;
        var planId = await factory.WithDbAsync(db => db.Plans.Where(p => p.TargetYear == 2023).Select(p => p.Id).SingleAsync());

        Assert.Equal(HttpStatusCode.Redirect, (await office.SubmitAsync("/Plans/2023", "[data-testid=plan-submit-form]", new())).StatusCode);
        Assert.Equal(PlanStatus.Submitted, (await StateAsync(factory)).Status);
        var submittedPage = await office.GetDocumentAsync("/Plans/2023");
        Assert.Equal("Đang trình ký", submittedPage.Text("plan-status"));
        Assert.Null(submittedPage.QuerySelector("[data-testid=plan-issue-form]"));
        Assert.Null(submittedPage.QuerySelector("[data-testid=plan-edit]"));

        // 01:26 on 02/12/2023 in Vietnam is 18:26 on 01/12 in UTC: the form proposes, and the plan takes, Vietnam's day.
        factory.Clock.SetUtcNow(new DateTime(2023, 12, 1, 18, 26, 0, DateTimeKind.Utc));
        using var leadership = await factory.CreateTestClient().SignInAsync(DemoAccounts.Leadership);
        var page = await leadership.GetDocumentAsync("/Plans/2023");
        Assert.Equal("02/12/2023", page.QuerySelector<IHtmlInputElement>("[data-testid=issue-date]")!.Value);
        var issued = await leadership.SubmitAsync("/Plans/2023", "[data-testid=plan-issue-form]",
            new() { ["IssueInput.Number"] = "45", ["IssueInput.Confirm"] = "true" });

        Assert.Equal(HttpStatusCode.Redirect, issued.StatusCode);
        var state = await StateAsync(factory);
        Assert.Equal(PlanStatus.Issued, state.Status);
        Assert.Equal("45/KH-STNMT", state.Number);
        Assert.Equal(new DateOnly(2023, 12, 2), state.PlanDate);
        var shown = await leadership.GetDocumentAsync("/Plans/2023");
        Assert.Equal("Số: 45/KH-STNMT", shown.Text("plan-number"));
        Assert.Equal("Đã ban hành", shown.Text("plan-status"));

        var audit = await factory.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == "ImprovementPlan" && a.EntityId == planId.ToString() && a.Field == "Status")
            .OrderBy(a => a.Id).Select(a => new { a.UserName, a.OldValue, a.NewValue }).ToListAsync());
        Assert.Equal(2, audit.Count);
        Assert.Equal(("Draft", "Submitted"), (audit[0].OldValue, audit[0].NewValue));
        Assert.Equal(("Submitted", "Issued"), (audit[1].OldValue, audit[1].NewValue));
        Assert.NotEqual(audit[0].UserName, audit[1].UserName);
    }

    [Fact]
    public async Task The_office_cannot_issue_and_leadership_cannot_issue_a_draft_or_without_number_date_and_confirmation()
    {
        var (factory, office) = await DraftAsync();
        using var _ = factory;
        using var __ = office;
        using var leadership = await factory.CreateTestClient().SignInAsync(DemoAccounts.Leadership);
        var version = (await StateAsync(factory)).Version;
        var fields = Issue();
        fields["PlanVersion"] = version.ToString();

        // A draft: Leadership is shown no issue form, and a hand-made post is refused by the entity.
        Assert.Null((await leadership.GetDocumentAsync("/Plans/2023")).QuerySelector("[data-testid=plan-issue-form]"));
        var early = await leadership.PostAsync("/Plans/2023?handler=Issue", fields);
        Assert.Equal(HttpStatusCode.OK, early.StatusCode);
        Assert.Equal("Kế hoạch phải được trình ký trước khi ban hành.", (await TestClient.ParseAsync(early)).Text("plan-error"));

        Assert.Equal(HttpStatusCode.Redirect, (await office.SubmitAsync("/Plans/2023", "[data-testid=plan-submit-form]", new())).StatusCode);
        var submitted = await StateAsync(factory);
        fields["PlanVersion"] = submitted.Version.ToString();

        // The Office: refused, nothing changed.
        var denied = await office.PostAsync("/Plans/2023?handler=Issue", fields);
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Null((await office.GetDocumentAsync("/Plans/2023")).QuerySelector("[data-testid=plan-issue-form]"));
        // A unit head may neither issue nor submit.
        using var head = await factory.CreateTestClient().SignInAsync(DemoAccounts.UnitHead("QHGD"));
        Assert.Equal(HttpStatusCode.Forbidden, (await head.PostAsync("/Plans/2023?handler=Issue", fields)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await head.PostAsync("/Plans/2023?handler=Submit", fields)).StatusCode);
        Assert.Equal(submitted, await StateAsync(factory));

        // Bad input: the message beside each field, the typed values kept, nothing changed.
        var bad = await leadership.SubmitAsync("/Plans/2023", "[data-testid=plan-issue-form]", Issue(number: " ", date: "31/02/2023", confirm: false));
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        var page = await TestClient.ParseAsync(bad);
        Assert.Equal("Vui lòng nhập số văn bản, ví dụ 45.", page.Text("issue-number-error"));
        Assert.Equal("Ngày \"31/02/2023\" không hợp lệ; nhập theo dạng dd/MM/yyyy.", page.Text("issue-date-error"));
        Assert.Contains("Vui lòng xác nhận ban hành", page.Text("issue-confirm-error"));
        Assert.Equal("31/02/2023", page.QuerySelector<IHtmlInputElement>("[data-testid=issue-date]")!.Value);
        var future = await leadership.SubmitAsync("/Plans/2023", "[data-testid=plan-issue-form]", Issue(number: "45", date: "02/03/2023"));
        Assert.Equal("Ngày ban hành không được sau ngày hôm nay.", (await TestClient.ParseAsync(future)).Text("issue-date-error"));
        Assert.Equal("45", (await TestClient.ParseAsync(future)).QuerySelector<IHtmlInputElement>("[data-testid=issue-number]")!.Value);
        Assert.Equal(submitted, await StateAsync(factory));
    }

    [Fact]
    public async Task Submitting_or_issuing_from_a_stale_page_is_told_and_changes_nothing()
    {
        var (factory, office) = await DraftAsync();
        using var _ = factory;
        using var __ = office;
        var stale = await office.GetDocumentAsync("/Plans/2023");
        var submitForm = stale.QuerySelector<IHtmlFormElement>("[data-testid=plan-submit-form]")!;
        // Someone edits the plan in between.
        Assert.Equal(HttpStatusCode.Redirect, (await office.SubmitAsync("/Plans/2023/Edit", "[data-testid=plan-edit-form]",
            new() { ["Input.Purpose"] = "Mục đích đã sửa" })).StatusCode);
        var edited = await StateAsync(factory);

        var late = await office.PostFormAsync(submitForm, new(), "/Plans/2023");
        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        Assert.Equal(ParIndex.Web.Features.Plans.DetailsModel.Conflict, (await TestClient.ParseAsync(late)).Text("plan-error"));
        Assert.Equal(edited, await StateAsync(factory));

        Assert.Equal(HttpStatusCode.Redirect, (await office.SubmitAsync("/Plans/2023", "[data-testid=plan-submit-form]", new())).StatusCode);
        using var leadership = await factory.CreateTestClient().SignInAsync(DemoAccounts.Leadership);
        using var other = await factory.CreateTestClient().SignInAsync(DemoAccounts.Leadership);
        var page = await leadership.GetDocumentAsync("/Plans/2023");
        var issueForm = page.QuerySelector<IHtmlFormElement>("[data-testid=plan-issue-form]")!;
        Assert.Equal(HttpStatusCode.Redirect, (await other.SubmitAsync("/Plans/2023", "[data-testid=plan-issue-form]", Issue("45"))).StatusCode);
        var issued = await StateAsync(factory);

        var second = await leadership.PostFormAsync(issueForm, Issue("46"), "/Plans/2023");
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(ParIndex.Web.Features.Plans.DetailsModel.Conflict, (await TestClient.ParseAsync(second)).Text("plan-error"));
        Assert.Equal(issued, await StateAsync(factory));
        Assert.Equal("45/KH-STNMT", issued.Number);
    }

    [Fact]
    public async Task An_issued_plan_keeps_the_names_of_its_issue_date_on_screen_and_in_its_exports_while_a_draft_shows_todays()
    {
        using var factory = new ParIndexFactory();
        factory.Clock.SetToday(new DateOnly(2024, 1, 10));
        var unitId = await factory.UnitIdAsync("CCBVMT");
        using var admin = await factory.CreateTestClient().SignInAsync(DemoAccounts.Admin);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync($"/Admin/Units/Edit/{unitId}", "#rename-unit",
            new() { ["Input.Name"] = "Chi cục Môi trường" })).StatusCode);

        // The demo's 2023 plan was issued on 15/03/2023, before the rename.
        using var leadership = await factory.CreateTestClient().SignInAsync(DemoAccounts.Leadership);
        var page = await leadership.GetDocumentAsync("/Plans/2023");
        var table = page.QuerySelector("[data-testid=tasks-table]")!.TextContent;
        Assert.Contains("Chi cục Bảo vệ môi trường", table);
        Assert.DoesNotContain("Chi cục Môi trường", table);

        using var pdf = UglyToad.PdfPig.PdfDocument.Open(await leadership.Http.GetByteArrayAsync("/exports/plans/2023.pdf"));
        var text = ExportTestSupport.Squash(string.Concat(pdf.GetPages().Select(p => p.Text)));
        Assert.Contains(ExportTestSupport.Squash("Chi cục Bảo vệ môi trường"), text);
        Assert.DoesNotContain(ExportTestSupport.Squash("Chi cục Môi trường"), text);
        Assert.Contains(ExportTestSupport.Squash("Số: 45/KH-STNMT"), text);
        using var workbook = ExportTestSupport.OpenWorkbook(await leadership.Http.GetByteArrayAsync("/exports/plans/2023/appendix.xlsx"));
        var cells = string.Join("\n", workbook.Worksheets.SelectMany(s => s.CellsUsed()).Select(c => c.GetString()));
        Assert.Contains("Chi cục Bảo vệ môi trường", cells);
        Assert.DoesNotContain("Chi cục Môi trường", cells);

        // Once the plan is a draft again (drafted anew), today's names.
        await factory.WithDbAsync(db => db.Plans.Where(p => p.TargetYear == 2023).ExecuteDeleteAsync());
        using var office = await factory.CreateTestClient().SignInAsync(DemoAccounts.Office);
        await office.SubmitAsync("/Plans", "[data-testid=plan-create-form]", new() { ["Input.Year"] = "2023" });
        await office.SubmitAsync("/Plans/2023", "[data-testid=tasks-from-lost-form]", new());
        var draft = (await office.GetDocumentAsync("/Plans/2023")).QuerySelector("[data-testid=tasks-table]")!.TextContent;
        Assert.Contains("Chi cục Môi trường", draft);
        using var draftPdf = UglyToad.PdfPig.PdfDocument.Open(await office.Http.GetByteArrayAsync("/exports/plans/2023.pdf"));
        var draftText = ExportTestSupport.Squash(string.Concat(draftPdf.GetPages().Select(p => p.Text)));
        Assert.Contains(ExportTestSupport.Squash("Chi cục Môi trường"), draftText);
        Assert.Contains(ExportTestSupport.Squash("Số: /KH-STNMT"), draftText);
    }
}
