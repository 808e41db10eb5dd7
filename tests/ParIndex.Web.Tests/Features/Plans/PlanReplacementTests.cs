using System.Net;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.EntityFrameworkCore;
using ParIndex.Domain.Plans;
using ParIndex.Web.Data.Seed;
using ParIndex.Web.Features.Plans;
using ParIndex.Web.Tests.Exports;
using ParIndex.Web.Tests.Infrastructure;

namespace ParIndex.Web.Tests.Features.Plans;

/// <summary>
/// Ban hành thay thế: the Office starts a replacement of the issued 2023 plan (with a reason), edits and submits it,
/// Leadership issues it; the old version is superseded, frozen, readable at its own address and exportable as issued,
/// and everything that reads "the year's plan" (page, API, dashboard, unit heads' tasks) reads the new one. One open
/// replacement per year, also when two tabs start it at once. Each test owns its database.
/// </summary>
public class PlanReplacementTests
{
    private const string Reason = "Điều chỉnh nhiệm vụ theo chỉ đạo của UBND tỉnh";

    private sealed record VersionState(int Id, int Revision, PlanStatus Status, string? Number, int? ReplacesPlanId, string? Reason, string Purpose,
        int Tasks, int Targets, int Coordinators, int Progress, int Done);

    private static Task<List<VersionState>> VersionsAsync(ParIndexFactory factory) =>
        factory.WithDbAsync(db => db.Plans.AsNoTracking().Where(p => p.TargetYear == 2023).OrderBy(p => p.Revision)
            .Select(p => new VersionState(p.Id, p.Revision, p.Status, p.Number, p.ReplacesPlanId, p.ReplacementReason, p.Purpose,
                p.Tasks.Count, p.Tasks.SelectMany(t => t.Targets).Count(), p.Tasks.SelectMany(t => t.Coordinators).Count(),
                p.Tasks.SelectMany(t => t.Progress).Count(), p.Tasks.Count(t => t.Status == PlanTaskStatus.Done)))
            .ToListAsync());

    private static string PdfText(byte[] pdf)
    {
        using var document = UglyToad.PdfPig.PdfDocument.Open(pdf);
        return ExportTestSupport.Squash(string.Concat(document.GetPages().Select(p => p.Text)));
    }

    [Fact]
    public async Task The_office_starts_a_replacement_leadership_issues_it_and_the_old_version_stays_readable_and_exportable_as_issued()
    {
        using var factory = new ParIndexFactory();
        factory.Clock.SetToday(new DateOnly(2023, 6, 1));
        using var office = await factory.CreateTestClient().SignInAsync(DemoAccounts.Office);
        var oldPdf = await office.Http.GetByteArrayAsync("/exports/plans/2023.pdf");

        // A reason is required: the message beside the field, nothing created.
        var noReason = await office.SubmitAsync("/Plans/2023", "[data-testid=plan-replace-form]", new() { ["ReplaceInput.Reason"] = " " });
        Assert.Equal(HttpStatusCode.OK, noReason.StatusCode);
        Assert.Equal("Vui lòng nêu lý do soạn bản thay thế.", (await TestClient.ParseAsync(noReason)).Text("replace-reason-error"));
        Assert.Single(await VersionsAsync(factory));

        var started = await office.SubmitAsync("/Plans/2023", "[data-testid=plan-replace-form]", new() { ["ReplaceInput.Reason"] = Reason });
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        Assert.Equal("/Plans/2023/ban/2", started.Headers.Location?.OriginalString);
        var versions = await VersionsAsync(factory);
        Assert.Equal(2, versions.Count);
        var (old, draft) = (versions[0], versions[1]);
        Assert.Equal((2, PlanStatus.Draft, (string?)null, (int?)old.Id, (string?)Reason), (draft.Revision, draft.Status, draft.Number, draft.ReplacesPlanId, draft.Reason));
        // Sections and tasks copied, with their targets, coordinators, status and progress.
        Assert.Equal((old.Purpose, old.Tasks, old.Targets, old.Coordinators, old.Progress, old.Done),
            (draft.Purpose, draft.Tasks, draft.Targets, draft.Coordinators, draft.Progress, draft.Done));
        Assert.True(old.Tasks > 0 && old.Progress > 0 && old.Done > 0);

        // Until the replacement is issued the year's plan is still the old one.
        var year = await office.GetDocumentAsync("/Plans/2023");
        Assert.Equal("Số: 45/KH-STNMT", year.Text("plan-number"));
        Assert.Contains("bản 2", year.Text("plan-replacement-open"));
        var draftPage = await office.GetDocumentAsync("/Plans/2023/ban/2");
        Assert.Equal("Dự thảo bản thay thế", draftPage.Text("plan-status"));
        Assert.Contains("Kế hoạch số 45/KH-STNMT ngày 15/03/2023", draftPage.Text("plan-replacing"));

        // The Office edits the replacement (the working version of the year) and submits it.
        Assert.Equal(HttpStatusCode.Redirect, (await office.SubmitAsync("/Plans/2023/Edit", "[data-testid=plan-edit-form]",
            new() { ["Input.Purpose"] = "Mục đích của bản thay thế.", ["Input.TargetTotal"] = "88,5" })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await office.SubmitAsync("/Plans/2023/ban/2", "[data-testid=plan-submit-form]", new())).StatusCode);

        // The Office cannot issue it.
        var submitted = await factory.WithDbAsync(db => db.Plans.AsNoTracking().SingleAsync(p => p.TargetYear == 2023 && p.Revision == 2));
        var issueFields = new Dictionary<string, string>
        {
            ["PlanVersion"] = submitted.Version.ToString(),
            ["IssueInput.Number"] = "60",
            ["IssueInput.Date"] = "01/06/2023",
            ["IssueInput.Confirm"] = "true",
        };
        Assert.Equal(HttpStatusCode.Forbidden, (await office.PostAsync("/Plans/2023/ban/2?handler=Issue", issueFields)).StatusCode);
        Assert.Equal(PlanStatus.Submitted, (await VersionsAsync(factory))[1].Status);
        Assert.Equal(PlanStatus.Issued, (await VersionsAsync(factory))[0].Status);

        // Leadership issues it: number, date and confirmation, as for the first version.
        using var leadership = await factory.CreateTestClient().SignInAsync(DemoAccounts.Leadership);
        var issued = await leadership.SubmitAsync("/Plans/2023/ban/2", "[data-testid=plan-issue-form]",
            new() { ["IssueInput.Number"] = "60", ["IssueInput.Date"] = "01/06/2023", ["IssueInput.Confirm"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, issued.StatusCode);
        Assert.Equal("/Plans/2023", issued.Headers.Location?.OriginalString);
        versions = await VersionsAsync(factory);
        Assert.Equal((PlanStatus.Superseded, "45/KH-STNMT"), (versions[0].Status, versions[0].Number));
        Assert.Equal((PlanStatus.Issued, "60/KH-STNMT"), (versions[1].Status, versions[1].Number));
        var audit = await factory.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == "ImprovementPlan" && a.Field == "Status")
            .OrderBy(a => a.Id).Select(a => new { a.EntityId, a.OldValue, a.NewValue }).ToListAsync());
        Assert.Contains(audit, a => a.EntityId == old.Id.ToString() && (a.OldValue, a.NewValue) == ("Issued", "Superseded"));
        Assert.Contains(audit, a => a.EntityId == draft.Id.ToString() && (a.OldValue, a.NewValue) == ("Submitted", "Issued"));

        // The year's page is the new version, listing both.
        var current = await leadership.GetDocumentAsync("/Plans/2023");
        Assert.Equal("Số: 60/KH-STNMT", current.Text("plan-number"));
        Assert.Equal("Đã ban hành", current.Text("plan-status"));
        Assert.Contains("Kế hoạch số 45/KH-STNMT ngày 15/03/2023", current.Text("plan-version-1"));
        Assert.Contains("đã được thay thế", current.Text("plan-version-1"));
        // The old version at its own address: frozen, marked, its own content and number.
        var superseded = await leadership.GetDocumentAsync("/Plans/2023/ban/1");
        Assert.Equal("Đã được thay thế", superseded.Text("plan-status"));
        Assert.Contains("Đã được thay thế bởi Kế hoạch số 60/KH-STNMT ngày 01/06/2023", superseded.Text("plan-superseded"));
        Assert.Equal("Số: 45/KH-STNMT", superseded.Text("plan-number"));
        Assert.DoesNotContain("Mục đích của bản thay thế", superseded.Text("plan-purpose"));
        Assert.Null(superseded.QuerySelector("[data-testid=plan-edit]"));
        Assert.Null(superseded.QuerySelector("[data-testid=plan-replace-form]"));

        // Its exports exactly as issued: the same PDF text as before the replacement, without the new content.
        var oldAgain = PdfText(await leadership.Http.GetByteArrayAsync("/exports/plans/2023/ban/1.pdf"));
        Assert.Equal(PdfText(oldPdf), oldAgain);
        Assert.Contains(ExportTestSupport.Squash("Số: 45/KH-STNMT"), oldAgain);
        Assert.DoesNotContain(ExportTestSupport.Squash("Mục đích của bản thay thế"), oldAgain);
        using (var docx = WordprocessingDocument.Open(new MemoryStream(await leadership.Http.GetByteArrayAsync("/exports/plans/2023/ban/1.docx")), false))
        {
            var text = ExportTestSupport.Squash(docx.MainDocumentPart!.Document.Body!.InnerText);
            Assert.Contains(ExportTestSupport.Squash("45/KH-STNMT"), text);
            Assert.DoesNotContain(ExportTestSupport.Squash("Mục đích của bản thay thế"), text);
        }
        using (var workbook = ExportTestSupport.OpenWorkbook(await leadership.Http.GetByteArrayAsync("/exports/plans/2023/ban/1/appendix.xlsx")))
            Assert.Contains(workbook.Worksheets.SelectMany(s => s.CellsUsed()), c => c.GetString().Contains("Chi cục Bảo vệ môi trường", StringComparison.Ordinal));

        // The replacement's document says what it replaces, at its opening.
        var newPdf = PdfText(await leadership.Http.GetByteArrayAsync("/exports/plans/2023.pdf"));
        Assert.Contains(ExportTestSupport.Squash("Số: 60/KH-STNMT"), newPdf);
        Assert.Contains(ExportTestSupport.Squash("Kế hoạch này thay thế Kế hoạch số 45/KH-STNMT ngày 15/3/2023 của Sở Tài nguyên và Môi trường."), newPdf);
        Assert.True(newPdf.IndexOf(ExportTestSupport.Squash("Kế hoạch này thay thế"), StringComparison.Ordinal)
                    < newPdf.IndexOf(ExportTestSupport.Squash("I. ĐÁNH GIÁ KẾT QUẢ"), StringComparison.Ordinal));
        Assert.Contains(ExportTestSupport.Squash("Mục đích của bản thay thế."), newPdf);

        // The API and the dashboard read the new version.
        var api = await leadership.Http.GetAsync("/api/v1/plans/2023");
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        using (var json = JsonDocument.Parse(await api.Content.ReadAsStringAsync()))
        {
            Assert.Equal("60/KH-STNMT", json.RootElement.GetProperty("number").GetString());
            var ids = json.RootElement.GetProperty("tasks").EnumerateArray().Select(t => t.GetProperty("id").GetInt32()).ToList();
            var newIds = await factory.WithDbAsync(db => db.PlanTasks.Where(t => t.PlanId == draft.Id).Select(t => t.Id).ToListAsync());
            Assert.Equal(draft.Tasks, ids.Count);
            Assert.All(ids, id => Assert.Contains(id, newIds));
        }
        var dashboard = await leadership.GetDocumentAsync("/Dashboard");
        Assert.Equal("88,5", dashboard.Text("target-total"));
    }

    [Fact]
    public async Task A_unit_head_cannot_update_a_task_of_the_superseded_plan_and_updates_its_copy_in_the_new_version()
    {
        using var factory = new ParIndexFactory();
        factory.Clock.SetToday(new DateOnly(2023, 6, 1));
        using var office = await factory.CreateTestClient().SignInAsync(DemoAccounts.Office);
        Assert.Equal(HttpStatusCode.Redirect, (await office.SubmitAsync("/Plans/2023", "[data-testid=plan-replace-form]",
            new() { ["ReplaceInput.Reason"] = Reason })).StatusCode);
        var (oldId, newId) = await factory.WithDbAsync(async db =>
        {
            var plans = await db.Plans.AsNoTracking().Where(p => p.TargetYear == 2023).OrderBy(p => p.Revision).Select(p => p.Id).ToListAsync();
            return (plans[0], plans[1]);
        });
        var (oldTask, newTask, lead) = await factory.WithDbAsync(async db =>
        {
            var old = await db.PlanTasks.AsNoTracking().Where(t => t.PlanId == oldId && t.Status == PlanTaskStatus.InProgress)
                .OrderBy(t => t.SortOrder).Select(t => new { t.Id, t.SortOrder, Lead = db.Units.Where(u => u.Id == t.LeadUnitId).Select(u => u.Code).First() })
                .FirstAsync();
            var copy = await db.PlanTasks.AsNoTracking().Where(t => t.PlanId == newId && t.SortOrder == old.SortOrder).Select(t => t.Id).SingleAsync();
            return (old.Id, copy, old.Lead);
        });

        // While the replacement is a draft, its copy takes no progress (not in force yet): the head works on the old one.
        using var head = await factory.CreateTestClient().SignInAsync(DemoAccounts.UnitHead(lead));
        var draftCopy = await factory.SnapshotAsync(newTask);
        Assert.Equal(HttpStatusCode.Forbidden, (await head.PostAsync($"/Plans/2023/Tasks/{newTask}?handler=Progress",
            new() { ["ProgressInput.Version"] = draftCopy.Version.ToString(), ["ProgressInput.Note"] = "Sớm quá" })).StatusCode);
        Assert.Equal(draftCopy, await factory.SnapshotAsync(newTask));

        // Issue the replacement.
        Assert.Equal(HttpStatusCode.Redirect, (await office.SubmitAsync("/Plans/2023/ban/2", "[data-testid=plan-submit-form]", new())).StatusCode);
        using var leadership = await factory.CreateTestClient().SignInAsync(DemoAccounts.Leadership);
        Assert.Equal(HttpStatusCode.Redirect, (await leadership.SubmitAsync("/Plans/2023/ban/2", "[data-testid=plan-issue-form]",
            new() { ["IssueInput.Number"] = "60", ["IssueInput.Date"] = "01/06/2023", ["IssueInput.Confirm"] = "true" })).StatusCode);

        // The superseded task: no forms, and a hand-made post is refused with nothing written.
        var oldPage = await head.GetDocumentAsync($"/Plans/2023/Tasks/{oldTask}");
        Assert.Contains("đã được thay thế", oldPage.Text("task-not-in-force"));
        Assert.Null(oldPage.QuerySelector("[data-testid=task-status-form]"));
        Assert.Null(oldPage.QuerySelector("[data-testid=task-progress-form]"));
        var before = await factory.SnapshotAsync(oldTask);
        Assert.Equal(HttpStatusCode.Forbidden, (await head.PostAsync($"/Plans/2023/Tasks/{oldTask}?handler=Status",
            new() { ["StatusInput.Version"] = before.Version.ToString(), ["StatusInput.To"] = "Done" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await head.PostAsync($"/Plans/2023/Tasks/{oldTask}?handler=Progress",
            new() { ["ProgressInput.Version"] = before.Version.ToString(), ["ProgressInput.Note"] = "Cập nhật nhầm bản cũ" })).StatusCode);
        Assert.Equal(before, await factory.SnapshotAsync(oldTask));

        // The unit head's list is the new version's tasks; the copy takes the update.
        var mine = await head.GetDocumentAsync("/Tasks/Mine");
        Assert.NotNull(mine.QuerySelector($"[data-testid=mine-link-{newTask}]"));
        Assert.Null(mine.QuerySelector($"[data-testid=mine-link-{oldTask}]"));
        var copy = await factory.SnapshotAsync(newTask);
        Assert.Equal(HttpStatusCode.Redirect, (await head.PostAsync($"/Plans/2023/Tasks/{newTask}?handler=Status",
            new() { ["StatusInput.Version"] = copy.Version.ToString(), ["StatusInput.To"] = "Done" })).StatusCode);
        Assert.Equal(PlanTaskStatus.Done, (await factory.SnapshotAsync(newTask)).Status);
    }

    [Fact]
    public async Task A_second_replacement_is_refused_and_two_tabs_starting_one_at_once_make_exactly_one()
    {
        using var factory = new ParIndexFactory();
        factory.Clock.SetToday(new DateOnly(2023, 6, 1));
        using var office = await factory.CreateTestClient().SignInAsync(DemoAccounts.Office);
        var tabA = (await office.GetDocumentAsync("/Plans/2023")).QuerySelector<IHtmlFormElement>("[data-testid=plan-replace-form]")!;
        var tabB = (await office.GetDocumentAsync("/Plans/2023")).QuerySelector<IHtmlFormElement>("[data-testid=plan-replace-form]")!;

        var answers = await Task.WhenAll(
            office.PostFormAsync(tabA, new() { ["ReplaceInput.Reason"] = "Lý do A" }, "/Plans/2023"),
            office.PostFormAsync(tabB, new() { ["ReplaceInput.Reason"] = "Lý do B" }, "/Plans/2023"));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Redirect);
        var refused = Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
        var message = (await TestClient.ParseAsync(refused)).Text("plan-error");
        Assert.True(message == DetailsModel.Conflict || message.Contains("đang có bản thay thế (bản 2) chưa ban hành", StringComparison.Ordinal), message);
        var versions = await VersionsAsync(factory);
        Assert.Equal(2, versions.Count);
        Assert.Equal(PlanStatus.Issued, versions[0].Status);

        // Later, from a page showing the current version: refused in Vietnamese, nothing written.
        var current = await factory.WithDbAsync(db => db.Plans.AsNoTracking().SingleAsync(p => p.TargetYear == 2023 && p.Revision == 1));
        Assert.Null((await office.GetDocumentAsync("/Plans/2023")).QuerySelector("[data-testid=plan-replace-form]"));
        var again = await office.PostAsync("/Plans/2023?handler=Replace",
            new() { ["PlanVersion"] = current.Version.ToString(), ["ReplaceInput.Reason"] = "Lý do C" });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("Kế hoạch năm 2023 đang có bản thay thế (bản 2) chưa ban hành; không thể soạn thêm bản thay thế khác.",
            (await TestClient.ParseAsync(again)).Text("plan-error"));
        Assert.Equal(versions, await VersionsAsync(factory));

        // Leadership may not start one, and a draft cannot be replaced (it is edited).
        using var leadership = await factory.CreateTestClient().SignInAsync(DemoAccounts.Leadership);
        Assert.Equal(HttpStatusCode.Forbidden, (await leadership.PostAsync("/Plans/2023?handler=Replace",
            new() { ["PlanVersion"] = current.Version.ToString(), ["ReplaceInput.Reason"] = "Lý do D" })).StatusCode);
        Assert.Equal(versions, await VersionsAsync(factory));
    }

    [Fact]
    public async Task Starting_a_replacement_from_a_stale_page_is_told_and_writes_nothing()
    {
        using var factory = new ParIndexFactory();
        factory.Clock.SetToday(new DateOnly(2023, 6, 1));
        using var office = await factory.CreateTestClient().SignInAsync(DemoAccounts.Office);
        var form = (await office.GetDocumentAsync("/Plans/2023")).QuerySelector<IHtmlFormElement>("[data-testid=plan-replace-form]")!;
        // The plan's version moves on in between (as a replacement started and withdrawn would leave it).
        await factory.WithDbAsync(db => db.Plans.Where(p => p.TargetYear == 2023)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Version, Guid.NewGuid())));
        var before = await VersionsAsync(factory);

        var late = await office.PostFormAsync(form, new() { ["ReplaceInput.Reason"] = Reason }, "/Plans/2023");

        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        var page = await TestClient.ParseAsync(late);
        Assert.Equal(DetailsModel.Conflict, page.Text("plan-error"));
        Assert.Equal(Reason, page.QuerySelector<IHtmlTextAreaElement>("[data-testid=replace-reason]")!.Value);
        Assert.Equal(before, await VersionsAsync(factory));
    }

    [Fact]
    public async Task The_office_abandons_a_replacement_draft_with_a_confirmation_and_the_plan_in_force_is_untouched()
    {
        using var factory = new ParIndexFactory();
        factory.Clock.SetToday(new DateOnly(2023, 6, 1));
        using var office = await factory.CreateTestClient().SignInAsync(DemoAccounts.Office);
        Assert.Equal(HttpStatusCode.Redirect, (await office.SubmitAsync("/Plans/2023", "[data-testid=plan-replace-form]",
            new() { ["ReplaceInput.Reason"] = Reason })).StatusCode);
        var withDraft = await VersionsAsync(factory);
        var tasksBefore = await factory.WithDbAsync(db => db.PlanTasks.CountAsync());

        // Without the confirmation: a message beside the box, nothing deleted.
        var unconfirmed = await office.SubmitAsync("/Plans/2023/ban/2", "[data-testid=plan-abandon-form]", new());
        Assert.Equal(HttpStatusCode.OK, unconfirmed.StatusCode);
        Assert.Equal("Vui lòng xác nhận hủy dự thảo bản thay thế.", (await TestClient.ParseAsync(unconfirmed)).Text("abandon-confirm-error"));
        Assert.Equal(withDraft, await VersionsAsync(factory));

        // Leadership may not; a unit head may not.
        var draft = await factory.WithDbAsync(db => db.Plans.AsNoTracking().SingleAsync(p => p.TargetYear == 2023 && p.Revision == 2));
        var fields = new Dictionary<string, string> { ["PlanVersion"] = draft.Version.ToString(), ["AbandonConfirm"] = "true" };
        using var leadership = await factory.CreateTestClient().SignInAsync(DemoAccounts.Leadership);
        Assert.Equal(HttpStatusCode.Forbidden, (await leadership.PostAsync("/Plans/2023/ban/2?handler=Abandon", fields)).StatusCode);
        // The version in force cannot be abandoned: refused in Vietnamese.
        var inForce = await factory.WithDbAsync(db => db.Plans.AsNoTracking().SingleAsync(p => p.TargetYear == 2023 && p.Revision == 1));
        var refused = await office.PostAsync("/Plans/2023/ban/1?handler=Abandon",
            new() { ["PlanVersion"] = inForce.Version.ToString(), ["AbandonConfirm"] = "true" });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Chỉ dự thảo bản thay thế mới có thể hủy", (await TestClient.ParseAsync(refused)).Text("plan-error"));
        Assert.Equal(withDraft, await VersionsAsync(factory));

        // Two tabs: the first abandons, the second (the same stale page) is told and deletes nothing more.
        var tabA = (await office.GetDocumentAsync("/Plans/2023/ban/2")).QuerySelector<IHtmlFormElement>("[data-testid=plan-abandon-form]")!;
        var tabB = (await office.GetDocumentAsync("/Plans/2023/ban/2")).QuerySelector<IHtmlFormElement>("[data-testid=plan-abandon-form]")!;
        var done = await office.PostFormAsync(tabA, new() { ["AbandonConfirm"] = "true" }, "/Plans/2023/ban/2");
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Equal("/Plans/2023", done.Headers.Location?.OriginalString);
        var second = await office.PostFormAsync(tabB, new() { ["AbandonConfirm"] = "true" }, "/Plans/2023/ban/2");
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.Contains("Bản 2 của kế hoạch năm 2023 không còn (đã được hủy)", (await office.GetDocumentAsync("/Plans/2023")).QuerySelector("main .alert-success")!.TextContent);

        var after = await VersionsAsync(factory);
        Assert.Equal([withDraft[0]], after);
        Assert.Equal(tasksBefore - withDraft[1].Tasks, await factory.WithDbAsync(db => db.PlanTasks.CountAsync()));
        var page = await office.GetDocumentAsync("/Plans/2023");
        Assert.Equal("Số: 45/KH-STNMT", page.Text("plan-number"));
        Assert.Null(page.QuerySelector("[data-testid=plan-replacement-open]"));
        Assert.Contains(await factory.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == "ImprovementPlan" && a.EntityId == draft.Id.ToString()).Select(a => a.Action).ToListAsync()),
            a => a == "Deleted");

        // A new replacement can be started again.
        Assert.Equal(HttpStatusCode.Redirect, (await office.SubmitAsync("/Plans/2023", "[data-testid=plan-replace-form]",
            new() { ["ReplaceInput.Reason"] = "Lý do mới" })).StatusCode);
        Assert.Equal(2, (await VersionsAsync(factory)).Count);
    }

    [Fact]
    public async Task A_submitted_replacement_cannot_be_abandoned_until_it_is_withdrawn()
    {
        using var factory = new ParIndexFactory();
        factory.Clock.SetToday(new DateOnly(2023, 6, 1));
        using var office = await factory.CreateTestClient().SignInAsync(DemoAccounts.Office);
        await office.SubmitAsync("/Plans/2023", "[data-testid=plan-replace-form]", new() { ["ReplaceInput.Reason"] = Reason });
        var draftPage = await office.GetDocumentAsync("/Plans/2023/ban/2");
        Assert.Equal(HttpStatusCode.Redirect, (await office.SubmitAsync("/Plans/2023/ban/2", "[data-testid=plan-submit-form]", new())).StatusCode);
        var submitted = await factory.WithDbAsync(db => db.Plans.AsNoTracking().SingleAsync(p => p.TargetYear == 2023 && p.Revision == 2));
        var before = await VersionsAsync(factory);

        var refused = await office.PostAsync("/Plans/2023/ban/2?handler=Abandon",
            new() { ["PlanVersion"] = submitted.Version.ToString(), ["AbandonConfirm"] = "true" });

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal("Bản thay thế đang trình ký; hãy rút lại trước khi hủy.", (await TestClient.ParseAsync(refused)).Text("plan-error"));
        Assert.Equal(before, await VersionsAsync(factory));
        Assert.Null((await office.GetDocumentAsync("/Plans/2023/ban/2")).QuerySelector("[data-testid=plan-abandon-form]"));
        Assert.NotNull(draftPage.QuerySelector("[data-testid=plan-abandon-form]"));
    }
}
