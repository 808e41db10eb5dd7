using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using ParIndex.Domain.Plans;
using ParIndex.Web.Data.Seed;
using ParIndex.Web.Tests.Infrastructure;

namespace ParIndex.Web.Tests.Features.Plans;

/// <summary>
/// The task page on the issued 2023 demo plan: who may do what, transitions, concurrency, evidence.
/// Tests that change a task use one no other test in the class touches.
/// </summary>
public class TaskTests(ParIndexFactory factory) : IClassFixture<ParIndexFactory>
{
    // KHTC leads the task "6.1.1/6.1.2" with VP and TTDD coordinating: QHGD is neither lead nor coordinator.
    private Task<int> KhtcTaskAsync() =>
        factory.DemoTaskAsync("KHTC", PlanTaskStatus.InProgress, c => c.Count == 2 && c.Contains("VP") && c.Contains("TTDD"));

    [Fact]
    public async Task A_unit_head_is_refused_on_every_handler_of_another_units_task_and_nothing_changes()
    {
        var id = await KhtcTaskAsync();
        var before = await factory.SnapshotAsync(id);
        using var qhgd = await factory.CreateTestClient().SignInAsync(DemoAccounts.UnitHead("QHGD"));
        var planBefore = await factory.WithDbAsync(db => db.Plans.AsNoTracking().Where(p => p.TargetYear == 2023).Select(p => p.Version).SingleAsync());

        var attempts = new (string Url, Dictionary<string, string> Fields)[]
        {
            ($"/Plans/2023/Tasks/{id}?handler=Status", new() { ["StatusInput.Version"] = before.Version.ToString(), ["StatusInput.To"] = "Done" }),
            ($"/Plans/2023/Tasks/{id}?handler=Progress", new() { ["ProgressInput.Version"] = before.Version.ToString(), ["ProgressInput.Note"] = "x", ["ProgressInput.Percent"] = "90" }),
            ($"/Plans/2023/Tasks/Edit/{id}?handler=Save", new() { ["Input.Version"] = before.Version.ToString(), ["Input.Content"] = "Đổi nội dung" }),
            ($"/Plans/2023/Tasks/Edit/{id}?handler=Delete", new() { ["Input.Version"] = before.Version.ToString() }),
            ("/Plans/2023?handler=Issue", new()),
            ("/Plans/2023?handler=FromLostPoints", new()),
            ("/Plans/2023/Edit?handler=Save", new() { ["Input.Evaluation"] = "x" }),
            ("/Plans/2023/Edit?handler=Regenerate", new() { ["Overwrite"] = "true" }),
        };
        foreach (var (url, fields) in attempts)
        {
            var response = await qhgd.PostAsync(url, fields);
            Assert.True(PlanTestSupport.IsDenied(response), $"{url} answered {(int)response.StatusCode}");
        }
        Assert.True(PlanTestSupport.IsDenied(await qhgd.Http.GetAsync($"/Plans/2023/Tasks/Edit/{id}")));

        // Reading is allowed (the plan is the department's), but the page offers no form.
        var page = await qhgd.GetDocumentAsync($"/Plans/2023/Tasks/{id}");
        Assert.Null(page.QuerySelector("[data-testid=task-status-form]"));
        Assert.Null(page.QuerySelector("[data-testid=task-progress-form]"));

        Assert.Equal(before, await factory.SnapshotAsync(id));
        Assert.Equal(planBefore, await factory.WithDbAsync(db => db.Plans.AsNoTracking().Where(p => p.TargetYear == 2023).Select(p => p.Version).SingleAsync()));
    }

    [Fact]
    public async Task Leadership_reads_but_cannot_change_a_tasks_status_or_progress()
    {
        var id = await factory.DemoTaskAsync("KHTC", PlanTaskStatus.NotStarted);
        var before = await factory.SnapshotAsync(id);
        using var leadership = await factory.CreateTestClient().SignInAsync(DemoAccounts.Leadership);

        Assert.True(PlanTestSupport.IsDenied(await leadership.PostAsync($"/Plans/2023/Tasks/{id}?handler=Status",
            new() { ["StatusInput.Version"] = before.Version.ToString(), ["StatusInput.To"] = "InProgress" })));
        Assert.True(PlanTestSupport.IsDenied(await leadership.PostAsync($"/Plans/2023/Tasks/{id}?handler=Progress",
            new() { ["ProgressInput.Version"] = before.Version.ToString(), ["ProgressInput.Note"] = "x" })));
        Assert.Equal(before, await factory.SnapshotAsync(id));
        Assert.Contains("Chưa thực hiện", (await leadership.GetDocumentAsync($"/Plans/2023/Tasks/{id}")).Text("task-status"));
    }

    [Fact]
    public async Task A_coordinating_unit_adds_a_note_but_cannot_change_the_status_or_the_percentage()
    {
        // TTR leads "2.1.1" (quarterly) with QHGD coordinating.
        var id = await factory.DemoTaskAsync("TTR", PlanTaskStatus.InProgress, c => c.Contains("QHGD"));
        var before = await factory.SnapshotAsync(id);
        using var qhgd = await factory.CreateTestClient().SignInAsync(DemoAccounts.UnitHead("QHGD"));
        var page = await qhgd.GetDocumentAsync($"/Plans/2023/Tasks/{id}");
        Assert.Null(page.QuerySelector("[data-testid=task-status-form]"));
        Assert.Null(page.QuerySelector("[data-testid=progress-percent]"));

        var status = await qhgd.PostAsync($"/Plans/2023/Tasks/{id}?handler=Status",
            new() { ["StatusInput.Version"] = before.Version.ToString(), ["StatusInput.To"] = "Done" });
        Assert.True(PlanTestSupport.IsDenied(status));
        var percent = await qhgd.SubmitAsync($"/Plans/2023/Tasks/{id}", "[data-testid=task-progress-form]",
            new() { ["ProgressInput.Note"] = "x", ["ProgressInput.Percent"] = "100" });
        Assert.Contains("không cập nhật tỷ lệ", (await TestClient.ParseAsync(percent)).Text("task-error"));
        Assert.Equal(before, await factory.SnapshotAsync(id));

        var note = await qhgd.SubmitAsync($"/Plans/2023/Tasks/{id}", "[data-testid=task-progress-form]",
            new() { ["ProgressInput.Note"] = "Phòng QHGD đã gửi số liệu rà soát văn bản." });
        Assert.Equal(HttpStatusCode.Redirect, note.StatusCode);
        var after = await factory.SnapshotAsync(id);
        Assert.Equal(before.Status, after.Status);
        Assert.Equal(before.Percent, after.Percent);
        Assert.Equal(before.History + 1, after.History);
        var qhgdId = await factory.UnitIdAsync("QHGD");
        Assert.True(await factory.WithDbAsync(db => db.TaskProgress.AnyAsync(p => p.PlanTaskId == id && p.AuthorUnitId == qhgdId
            && p.Note == "Phòng QHGD đã gửi số liệu rà soát văn bản." && p.AuthorName == "Trưởng Phòng Quy hoạch - Giao đất")));
        Assert.Contains("Phòng QHGD đã gửi số liệu", (await qhgd.GetDocumentAsync($"/Plans/2023/Tasks/{id}")).Text("task-history"));
    }

    [Fact]
    public async Task The_lead_unit_marks_its_task_done_in_one_click_from_its_task_list()
    {
        var id = await factory.DemoTaskAsync("KSTNN", PlanTaskStatus.InProgress);
        using var head = await factory.CreateTestClient().SignInAsync(DemoAccounts.UnitHead("KSTNN"));
        var mine = await head.GetDocumentAsync("/Tasks/Mine");
        var form = mine.QuerySelector<IHtmlFormElement>($"[data-testid=mine-status-form-{id}]")!;
        Assert.NotNull(mine.QuerySelector($"[data-testid=mine-to-Done-{id}]"));

        var response = await head.PostFormAsync(form, new() { ["StatusInput.To"] = "Done", ["StatusInput.Note"] = "Đã giải quyết đúng hạn toàn bộ hồ sơ." }, "/Tasks/Mine");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Tasks/Mine", response.Headers.Location?.OriginalString);
        var after = await factory.SnapshotAsync(id);
        Assert.Equal(PlanTaskStatus.Done, after.Status);
        Assert.Equal(100, after.Percent);
        var entry = await factory.WithDbAsync(db => db.TaskProgress.AsNoTracking().Where(p => p.PlanTaskId == id).OrderByDescending(p => p.Id).FirstAsync());
        Assert.Equal(PlanTaskStatus.InProgress, entry.StatusFrom);
        Assert.Equal(PlanTaskStatus.Done, entry.StatusTo);
        Assert.Equal("Trưởng Phòng Khoáng sản Tài nguyên nước", entry.AuthorName);
    }

    [Fact]
    public async Task An_illegal_transition_and_a_cancel_without_reason_are_refused_over_http_and_change_nothing()
    {
        var done = await factory.DemoTaskAsync("QBVMT", PlanTaskStatus.Done);
        var before = await factory.SnapshotAsync(done);
        using var office = await factory.CreateTestClient().SignInAsync(DemoAccounts.Office);

        var illegal = await office.PostAsync($"/Plans/2023/Tasks/{done}?handler=Status",
            new() { ["StatusInput.Version"] = before.Version.ToString(), ["StatusInput.To"] = "Cancelled", ["StatusInput.CancelReason"] = "Thử" });
        Assert.Equal(HttpStatusCode.OK, illegal.StatusCode);
        Assert.Contains("Không thể chuyển trạng thái từ \"Hoàn thành\" sang \"Đã hủy\"", (await TestClient.ParseAsync(illegal)).Text("task-error"));
        Assert.Equal(before, await factory.SnapshotAsync(done));

        var open = await factory.DemoTaskAsync("TTDD", PlanTaskStatus.NotStarted);
        var openBefore = await factory.SnapshotAsync(open);
        var noReason = await office.SubmitAsync($"/Plans/2023/Tasks/{open}", "[data-testid=task-status-form]",
            new() { ["StatusInput.To"] = "Cancelled", ["StatusInput.CancelReason"] = " " });
        Assert.Contains("lý do hủy", (await TestClient.ParseAsync(noReason)).Text("task-cancel-reason-error"));
        Assert.Equal(openBefore, await factory.SnapshotAsync(open));
    }

    [Fact]
    public async Task Two_updates_from_the_same_version_the_second_is_told_and_overwrites_nothing()
    {
        var id = await factory.DemoTaskAsync("VPDKDD", PlanTaskStatus.InProgress, c => c.Count == 1 && c.Contains("VP"));
        using var head = await factory.CreateTestClient().SignInAsync(DemoAccounts.UnitHead("VPDKDD"));
        var page = await head.GetDocumentAsync($"/Plans/2023/Tasks/{id}");
        var progress = page.QuerySelector<IHtmlFormElement>("[data-testid=task-progress-form]")!;
        var status = page.QuerySelector<IHtmlFormElement>("[data-testid=task-status-form]")!;
        var before = await factory.SnapshotAsync(id);

        var first = await head.PostFormAsync(progress, new() { ["ProgressInput.Note"] = "Người thứ nhất", ["ProgressInput.Percent"] = "60" }, page.Url);
        var second = await head.PostFormAsync(progress, new() { ["ProgressInput.Note"] = "Người thứ hai", ["ProgressInput.Percent"] = "20" }, page.Url);
        var third = await head.PostFormAsync(status, new() { ["StatusInput.To"] = "Done" }, page.Url);

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Contains("Nhiệm vụ vừa được người khác cập nhật", (await TestClient.ParseAsync(second)).Text("task-error"));
        Assert.Contains("Nhiệm vụ vừa được người khác cập nhật", (await TestClient.ParseAsync(third)).Text("task-error"));
        var after = await factory.SnapshotAsync(id);
        Assert.Equal(60, after.Percent);
        Assert.Equal(PlanTaskStatus.InProgress, after.Status);
        Assert.Equal(before.History + 1, after.History);
    }

    [Fact]
    public async Task An_evidence_file_is_checked_stored_and_served_only_to_signed_in_users_as_an_attachment()
    {
        var id = await factory.DemoTaskAsync("TTDD", PlanTaskStatus.NotStarted);
        using var head = await factory.CreateTestClient().SignInAsync(DemoAccounts.UnitHead("TTDD"));
        var page = await head.GetDocumentAsync($"/Plans/2023/Tasks/{id}");
        var version = page.QuerySelector<IHtmlInputElement>("[data-testid=task-progress-form] input[name='ProgressInput.Version']")!.Value;
        var token = page.QuerySelector<IHtmlInputElement>("[data-testid=task-progress-form] input[name=__RequestVerificationToken]")!.Value;

        async Task<HttpResponseMessage> UploadAsync(byte[] bytes, string name)
        {
            using var content = new MultipartFormDataContent
            {
                { new StringContent(token), "__RequestVerificationToken" },
                { new StringContent(version), "ProgressInput.Version" },
                { new StringContent("Biên bản nghiệm thu"), "ProgressInput.Note" },
                { new StringContent("30"), "ProgressInput.Percent" },
            };
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            content.Add(file, "ProgressInput.File", name);
            return await head.Http.PostAsync($"/Plans/2023/Tasks/{id}?handler=Progress", content);
        }

        var fake = await UploadAsync("MZ not a pdf"u8.ToArray(), "bien-ban.pdf");
        Assert.Contains("không đúng với phần mở rộng", (await TestClient.ParseAsync(fake)).Text("progress-file-error"));
        var before = await factory.SnapshotAsync(id);
        Assert.Equal(version, before.Version.ToString());

        var pdf = TestFiles.Pdf();
        Assert.Equal(HttpStatusCode.Redirect, (await UploadAsync(pdf, "Biên bản.pdf")).StatusCode);
        var entry = await factory.WithDbAsync(db => db.TaskProgress.AsNoTracking().Where(p => p.PlanTaskId == id).OrderByDescending(p => p.Id).FirstAsync());
        Assert.Equal("Biên bản.pdf", entry.EvidenceFileName);

        var link = (await head.GetDocumentAsync($"/Plans/2023/Tasks/{id}")).QuerySelector($"[data-testid=history-file-{entry.Id}]")!.GetAttribute("href")!;
        var download = await head.Http.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync());

        using var anonymous = factory.CreateTestClient();
        var refused = await anonymous.Http.GetAsync(link);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("/Account/Login", refused.Headers.Location?.OriginalString);

        // The file of one task is not reachable through another task's address.
        var other = await KhtcTaskAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await head.Http.GetAsync($"/Plans/2023/Tasks/{other}?handler=Evidence&progressId={entry.Id}")).StatusCode);
    }

    [Fact]
    public async Task The_plan_page_filters_by_unit_status_and_area_and_counts_overdue_tasks_in_a_fixed_number_of_queries()
    {
        factory.Clock.SetToday(new DateOnly(2023, 7, 15));
        try
        {
            using var office = await factory.CreateTestClient().SignInAsync(DemoAccounts.Office);
            factory.Commands.Reset();
            factory.Commands.Recording = true;
            var all = await office.GetDocumentAsync("/Plans/2023");
            factory.Commands.Recording = false;
            Assert.InRange(factory.Commands.Count, 1, 9); // session, header, 2 grouped counts, units, sub-criteria, versions, count, page
            var total = all.QuerySelectorAll("[data-testid^=task-row-]").Length;
            Assert.Equal(29, total);
            Assert.Equal(total.ToString(), all.Text("count-total"));

            var khtc = await factory.UnitIdAsync("KHTC");
            var byUnit = await office.GetDocumentAsync($"/Plans/2023?unit={khtc}");
            Assert.InRange(byUnit.QuerySelectorAll("[data-testid^=task-row-]").Length, 2, total - 1);

            var overdue = await office.GetDocumentAsync("/Plans/2023?status=Overdue");
            var overdueRows = overdue.QuerySelectorAll("[data-testid^=task-row-]");
            Assert.NotEmpty(overdueRows);
            Assert.Equal(overdueRows.Length.ToString(), overdue.Text("count-overdue"));
            Assert.All(overdueRows, r => Assert.NotNull(r.QuerySelector("[data-testid^=task-overdue-]")));

            var area7 = await office.GetDocumentAsync("/Plans/2023?area=7");
            var rows = area7.QuerySelectorAll("[data-testid^=task-row-]");
            Assert.NotEmpty(rows);
            Assert.All(rows, r => Assert.StartsWith("7.", r.Children[2].TextContent.Trim()));
        }
        finally
        {
            factory.Clock.Reset();
        }
    }
}
