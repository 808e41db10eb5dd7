using System.Net;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using ParIndex.Domain.Plans;
using ParIndex.Web.Data.Seed;
using ParIndex.Web.Features.Assessments;
using ParIndex.Web.Tests.Infrastructure;

namespace ParIndex.Web.Tests.Features.Plans;

/// <summary>
/// Office drafts the 2023 plan again from the 2022 demo results (the demo's own 2023 plan is removed first),
/// edits it, regenerates it, fills the appendix from the lost points and issues it. Each test owns its database.
/// </summary>
public class PlanDraftingTests
{
    private static async Task<(ParIndexFactory Factory, TestClient Office)> DraftPlan2023Async()
    {
        var factory = new ParIndexFactory();
        factory.Clock.SetToday(new DateOnly(2023, 3, 1));
        await factory.WithDbAsync(db => db.Plans.Where(p => p.TargetYear == 2023).ExecuteDeleteAsync());
        var office = await factory.CreateTestClient().SignInAsync(DemoAccounts.Office);

        var response = await office.SubmitAsync("/Plans", "[data-testid=plan-create-form]", new() { ["Input.Year"] = "2023" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Plans/2023/Edit", response.Headers.Location?.OriginalString);
        return (factory, office);
    }

    private static readonly string[] UnitOrder = ["VP", "TTR", "KHTC", "QHGD", "DKTK", "KSTNN", "CCBVMT", "VPDKDD", "QBVMT", "TTDD"];

    private static Task<ImprovementPlan> PlanAsync(ParIndexFactory factory) =>
        factory.WithDbAsync(db => db.Plans.AsNoTracking().Include(p => p.Tasks).ThenInclude(t => t.Targets).SingleAsync(p => p.TargetYear == 2023));

    [Fact]
    public async Task Drafting_from_the_2022_results_writes_the_totals_the_rank_change_and_every_lost_sub_criterion()
    {
        var (factory, office) = await DraftPlan2023Async();
        using var _ = factory;
        var plan = await PlanAsync(factory);
        var lost = await factory.WithDbAsync(async db => (await new AssessmentReader(db).ReadAsync(2022))!.Sheet.LostPoints);

        Assert.Equal(PlanStatus.Draft, plan.Status);
        Assert.Equal(2022, plan.BaseYear);
        // The header from the agency settings (appsettings.json, section Agency).
        Assert.Equal("Sở Tài nguyên và Môi trường", plan.Agency);
        Assert.Equal("GIÁM ĐỐC", plan.SignerTitle);
        Assert.Equal("Nguyễn Văn Hiệp", plan.SignerName);
        Assert.Equal("UBND tỉnh Đắk Nông", plan.ParentAgency);
        Assert.Contains("80,567/99", plan.Evaluation);
        Assert.Contains("giảm 10,933 điểm", plan.Evaluation);
        Assert.Contains("giảm 6 bậc", plan.Evaluation);
        Assert.Contains("18/22", plan.Evaluation);
        Assert.NotEmpty(lost);
        foreach (var line in lost) Assert.Contains($"* Tiêu chí thành phần {line.Code} ", plan.Evaluation);
        Assert.DoesNotContain("(Chi cục Bảo vệ môi trường chủ trì) (Chi cục Bảo vệ môi trường chủ trì)", plan.Evaluation);
        Assert.Contains("Giao Văn phòng Sở", plan.Organisation);
        Assert.Equal(1, plan.TargetRankImprovement);

        var page = await office.GetDocumentAsync("/Plans/2023");
        Assert.Equal("Dự thảo", page.Text("plan-status"));
        Assert.Contains("80,567/99", page.Text("plan-evaluation"));
        Assert.Equal("Số: …/KH-STNMT", page.Text("plan-number"));
        // A draft is submitted by the Office first; only a submitted plan offers Leadership the issue form.
        Assert.NotNull(page.QuerySelector("[data-testid=plan-submit]"));
        Assert.Null(page.QuerySelector("[data-testid=plan-issue]"));
    }

    [Fact]
    public async Task Each_lost_item_of_section_I_names_the_units_that_lost_its_points()
    {
        var (factory, _) = await DraftPlan2023Async();
        using var _f = factory;
        var plan = await PlanAsync(factory);
        var lines = plan.Evaluation.Split('\n');

        string Item(string code) => Assert.Single(lines, l => l.StartsWith($"* Tiêu chí thành phần {code} ", StringComparison.Ordinal));

        // The reason names the five units with their late dossiers: each is named once, and the lead unit after them.
        var tthc = Item("3.5.1");
        foreach (var unit in new[] { "Phòng Quy hoạch - Giao đất", "Phòng Khoáng sản Tài nguyên nước", "Chi cục Bảo vệ môi trường", "Văn phòng Đăng ký đất đai" })
            Assert.Single(System.Text.RegularExpressions.Regex.Matches(tthc, System.Text.RegularExpressions.Regex.Escape(unit)));
        Assert.EndsWith("(Văn phòng Sở chủ trì).", tthc);
        // Named in the reason too, so only the Office's part of the sentence is added.
        Assert.EndsWith("(Văn phòng Sở chủ trì);", Item("7.1.2"));
        // Charged by its late report, the Office is the lead unit: named once.
        Assert.EndsWith("báo cáo CCHC quý III/2022 (Văn phòng Sở chủ trì);", Item("1.2.3"));
        var drafting = Item("2.1.2");
        Assert.Contains("; Thanh tra Sở chủ trì, 0,1 điểm)", drafting);
        Assert.Contains("Chi cục Bảo vệ môi trường 0,1 điểm", drafting);
        // The reason of 2.2.3 names its unit already ("(Chi cục Bảo vệ môi trường chủ trì)"): not a second time.
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(Item("2.2.3"), "Chi cục Bảo vệ môi trường"));
        // Where nothing but the lead unit is known, the department's own wording.
        Assert.EndsWith("(Văn phòng Sở chủ trì).", Item("1.6.1"));
        // The full-mark items of area 1 and the area that lost the most, as the seed lists them.
        Assert.Contains("+ Các tiêu chí thành phần đạt điểm tối đa gồm: ban hành Kế hoạch CCHC năm đúng thời gian quy định;", plan.Evaluation);
        Assert.Contains("Xây dựng và phát triển chính quyền điện tử, chính quyền số với 04 tiêu chí, 11 tiêu chí thành phần", plan.Evaluation);
        Assert.Single(lines, l => l.Contains("(lĩnh vực bị trừ điểm nhiều nhất)", StringComparison.Ordinal) && l.StartsWith("- Lĩnh vực 7:", StringComparison.Ordinal));
    }

    /// <summary>Section III of the seed (kept verbatim in the demo's plan-2023.json): who leads and who shares which areas.</summary>
    [Fact]
    public async Task Section_III_of_the_demo_draft_gives_every_unit_of_the_seeds_section_III_its_areas_and_the_offices_duties()
    {
        var (factory, _) = await DraftPlan2023Async();
        using var _f = factory;
        var organisation = (await PlanAsync(factory)).Organisation;
        var blocks = System.Text.RegularExpressions.Regex.Split(organisation, @"\n(?=\d+\. Giao )");

        string Block(string unit) => Assert.Single(blocks, b => b.Split('\n')[0].EndsWith("Giao " + unit, StringComparison.Ordinal));
        Assert.Contains("cải cách thể chế", Block("Thanh tra Sở"));
        Assert.Contains("cải cách tài chính công", Block("Phòng Kế hoạch - Tài chính"));
        // The seed's third item: the six units that carry out the TTHC area beside the Office.
        var tthc = Assert.Single(blocks, b => b.Contains("Phòng Quy hoạch - Giao đất", StringComparison.Ordinal));
        foreach (var unit in new[] { "Phòng Quy hoạch - Giao đất", "Phòng Đăng ký Thống kê Đo đạc Viễn thám - Chính sách đất đai",
                     "Phòng Khoáng sản Tài nguyên nước", "Thanh tra Sở", "Chi cục Bảo vệ môi trường", "Văn phòng Đăng ký đất đai" })
            Assert.Contains(unit, tthc.Split('\n')[0]);
        Assert.Contains("thuộc lĩnh vực cải cách thủ tục hành chính; phối hợp với Văn phòng Sở", tthc);
        // The Office last, with the areas it leads and its two duties.
        var office = blocks[^1];
        Assert.StartsWith($"{blocks.Length}. Giao Văn phòng Sở", office);
        foreach (var area in new[] { "chỉ đạo, điều hành", "cải cách tổ chức bộ máy hành chính nhà nước", "cải cách chế độ công vụ",
                     "cải cách thủ tục hành chính", "xây dựng và phát triển chính quyền điện tử, chính quyền số" })
            Assert.Contains(area, office);
        Assert.Contains("Đôn đốc, hướng dẫn, kiểm tra việc tổ chức thực hiện Kế hoạch này.", office);
        Assert.Contains("- Chủ trì, tham mưu Lãnh đạo Sở tự đánh giá, chấm điểm chỉ số CCHC năm 2023, bảo đảm theo đúng quy định.", office);
        Assert.EndsWith("đúng thời gian quy định./.", organisation);
        Assert.True(4 == blocks.Length, organisation);
        Assert.DoesNotContain("Quỹ Bảo vệ môi trường", organisation);
    }

    [Fact]
    public async Task Drafting_a_year_twice_or_without_results_is_refused_with_a_message()
    {
        var (factory, office) = await DraftPlan2023Async();
        using var _ = factory;

        foreach (var (year, message) in new[] { ("2023", "Kế hoạch năm 2023 đã có."), ("2030", "Chưa có kết quả đánh giá năm 2029") })
        {
            var response = await office.SubmitAsync("/Plans", "[data-testid=plan-create-form]", new() { ["Input.Year"] = year });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await TestClient.ParseAsync(response);
            Assert.Contains(message, page.Text("plan-create-error"));
        }
        Assert.Equal(1, await factory.WithDbAsync(db => db.Plans.CountAsync(p => p.TargetYear == 2023)));
        Assert.False(await factory.WithDbAsync(db => db.Plans.AnyAsync(p => p.TargetYear == 2030)));
    }

    [Fact]
    public async Task Regenerating_keeps_the_offices_edits_and_overwrites_them_only_when_asked()
    {
        var (factory, office) = await DraftPlan2023Async();
        using var _ = factory;

        var saved = await office.SubmitAsync("/Plans/2023/Edit", "[data-testid=plan-edit-form]", new()
        {
            ["Input.Evaluation"] = "Đánh giá do Văn phòng viết lại.",
            ["Input.Number"] = "12/KH-STNMT",
            ["Input.TargetTotal"] = "85,5",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var plan = await PlanAsync(factory);
        Assert.Equal("Đánh giá do Văn phòng viết lại.", plan.Evaluation);
        Assert.Equal(85.5m, plan.TargetTotal);
        Assert.Equal("12/KH-STNMT", plan.Number);

        var kept = await office.SubmitAsync("/Plans/2023/Edit", "[data-testid=plan-regenerate-form]", new());
        Assert.Equal(HttpStatusCode.Redirect, kept.StatusCode);
        plan = await PlanAsync(factory);
        Assert.Equal("Đánh giá do Văn phòng viết lại.", plan.Evaluation);
        Assert.Contains("80,567/99", plan.EvaluationDraft);
        Assert.Equal("12/KH-STNMT", plan.Number);

        var overwritten = await office.SubmitAsync("/Plans/2023/Edit", "[data-testid=plan-regenerate-form]", new() { ["Overwrite"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, overwritten.StatusCode);
        plan = await PlanAsync(factory);
        Assert.Contains("80,567/99", plan.Evaluation);
        Assert.Equal(plan.EvaluationDraft, plan.Evaluation);
    }

    [Fact]
    public async Task The_sections_rendered_once_for_every_viewer_show_an_edit_on_the_next_read_and_stay_encoded()
    {
        var (factory, office) = await DraftPlan2023Async();
        using var _ = factory;
        var leader = await factory.CreateTestClient().SignInAsync(DemoAccounts.Leadership);
        // Both viewers read the page: the sections are rendered by the first and shared with the second.
        var first = await office.GetDocumentAsync("/Plans/2023");
        Assert.Contains("80,567/99", first.Text("plan-evaluation"));
        Assert.Equal(first.Text("plan-evaluation"), (await leader.GetDocumentAsync("/Plans/2023")).Text("plan-evaluation"));

        var saved = await office.SubmitAsync("/Plans/2023/Edit", "[data-testid=plan-edit-form]", new()
        {
            ["Input.Evaluation"] = "Đánh giá <b>mới</b> & \"đầy đủ\"",
            ["Input.Organisation"] = "Tổ chức thực hiện, viết lại.",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        foreach (var viewer in new[] { office, leader })
        {
            var page = await viewer.GetDocumentAsync("/Plans/2023");
            var evaluation = page.QuerySelector("[data-testid=plan-evaluation]")!;
            Assert.Equal("Đánh giá <b>mới</b> & \"đầy đủ\"", evaluation.TextContent);
            Assert.Null(evaluation.QuerySelector("b"));
            Assert.Equal("Tổ chức thực hiện, viết lại.", page.Text("plan-organisation"));
        }
    }

    [Fact]
    public async Task A_bad_target_total_is_shown_next_to_the_field_and_nothing_is_saved()
    {
        var (factory, office) = await DraftPlan2023Async();
        using var _ = factory;
        var before = await PlanAsync(factory);

        var response = await office.SubmitAsync("/Plans/2023/Edit", "[data-testid=plan-edit-form]", new()
        {
            ["Input.TargetTotal"] = "1.000,5",
            ["Input.Number"] = "99/KH",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await TestClient.ParseAsync(response);
        Assert.Contains("một dấu thập phân", page.Text("plan-target-total-error"));
        var after = await PlanAsync(factory);
        Assert.Equal(before.Version, after.Version);
        Assert.Null(after.Number);
    }

    [Fact]
    public async Task Two_saves_from_the_same_version_the_second_is_told_and_overwrites_nothing()
    {
        var (factory, office) = await DraftPlan2023Async();
        using var _ = factory;
        var page = await office.GetDocumentAsync("/Plans/2023/Edit");
        var form = page.QuerySelector<AngleSharp.Html.Dom.IHtmlFormElement>("[data-testid=plan-edit-form]")!;

        var first = await office.PostFormAsync(form, new() { ["Input.Purpose"] = "Mục đích của người thứ nhất" }, "/Plans/2023/Edit");
        var second = await office.PostFormAsync(form, new() { ["Input.Purpose"] = "Mục đích của người thứ hai" }, "/Plans/2023/Edit");

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Contains("vừa được người khác cập nhật", (await TestClient.ParseAsync(second)).Text("plan-edit-errors"));
        Assert.Equal("Mục đích của người thứ nhất", (await PlanAsync(factory)).Purpose);
    }

    [Fact]
    public async Task Tasks_are_created_from_the_lost_points_one_per_sub_criterion_of_the_target_year_and_never_twice()
    {
        var (factory, office) = await DraftPlan2023Async();
        using var _ = factory;
        var expected = await factory.WithDbAsync(async db =>
        {
            var lost = (await new AssessmentReader(db).ReadAsync(2022))!.Sheet.LostPoints;
            var subs2023 = await db.SubCriteria.AsNoTracking()
                .Where(s => db.Criteria.Any(c => c.Id == s.CriterionId && db.Areas.Any(a => a.Id == c.AreaId && db.Frameworks.Any(f => f.Id == a.FrameworkId && f.Year == 2023))))
                .Select(s => new { s.Id, s.Code, s.LeadUnitId }).ToListAsync();
            return lost.Select(l => subs2023.Single(s => s.Code == l.Code)).ToList();
        });
        Assert.NotEmpty(expected);

        // One sub-criterion is already aimed at by a task typed by hand: it is skipped.
        var handTyped = expected.Single(s => s.Code == "1.6.1");
        var created = await office.SubmitAsync("/Plans/2023/Tasks/Edit", "[data-testid=task-edit-form]", new()
        {
            ["Input.Content"] = "Nhiệm vụ nhập tay",
            ["Input.TargetIds"] = handTyped.Id.ToString(),
            ["Input.LeadUnitId"] = handTyped.LeadUnitId!.Value.ToString(),
            ["Input.DueDate"] = "2023-09-30",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);

        var response = await office.SubmitAsync("/Plans/2023", "[data-testid=tasks-from-lost-form]", new());
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var plan = await PlanAsync(factory);
        Assert.Equal(expected.Count, plan.Tasks.Count);
        foreach (var sub in expected)
        {
            var task = Assert.Single(plan.Tasks, t => t.Targets.Any(x => x.SubCriterionId == sub.Id));
            if (sub == handTyped) continue;
            Assert.False(string.IsNullOrWhiteSpace(task.ExpectedOutput));
            Assert.NotEqual(task.Content, task.ExpectedOutput);
            Assert.DoesNotContain("Khắc phục hạn chế tại tiêu chí thành phần", task.Content);
        }

        // Who lost the points leads and the others coordinate: the five units of the late dossiers on 3.5.1, the three units
        // that do not issue electronic documents on 7.1.2; the periodic reports recur with the quarters.
        var units = await factory.WithDbAsync(db => db.Units.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Code));
        var full = await factory.WithDbAsync(db => db.PlanTasks.AsNoTracking().Include(t => t.Targets).Include(t => t.Coordinators).Include(t => t.DueDates)
            .Where(t => t.Plan!.TargetYear == 2023).ToListAsync());
        PlanTask For(string code) => Assert.Single(full, t => t.Targets.Any(x => x.SubCriterionId == expected.Single(s => s.Code == code).Id));
        var tthc = For("3.5.1");
        Assert.Equal("VPDKDD", units[tthc.LeadUnitId]);
        Assert.Equal(["VP", "QHGD", "DKTK", "KSTNN", "CCBVMT"], tthc.Coordinators.Select(c => units[c.UnitId]).OrderBy(c => Array.IndexOf(UnitOrder, c)));
        Assert.Equal(Recurrence.Quarterly, tthc.Recurrence);
        var edocs = For("7.1.2");
        Assert.Equal(["VP", "VPDKDD", "QBVMT", "TTDD"], new[] { units[edocs.LeadUnitId] }.Concat(edocs.Coordinators.Select(c => units[c.UnitId])).OrderBy(c => Array.IndexOf(UnitOrder, c)));
        Assert.NotEqual("VP", units[edocs.LeadUnitId]);
        var reports = For("1.2.3");
        Assert.Equal(Recurrence.Quarterly, reports.Recurrence);
        Assert.Equal([new DateOnly(2023, 3, 15), new DateOnly(2023, 6, 15), new DateOnly(2023, 9, 15), new DateOnly(2023, 12, 15)],
            reports.DueDates.Select(d => d.DueOn).Order());
        Assert.Contains(full, t => t.DueDate != new DateOnly(2023, 11, 30));

        var again = await office.SubmitAsync("/Plans/2023", "[data-testid=tasks-from-lost-form]", new());
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal(expected.Count, (await PlanAsync(factory)).Tasks.Count);
    }

    [Fact]
    public async Task Once_issued_the_plans_text_and_its_tasks_content_are_frozen_but_status_still_moves()
    {
        var (factory, office) = await DraftPlan2023Async();
        using var _ = factory;
        await office.SubmitAsync("/Plans/2023", "[data-testid=tasks-from-lost-form]", new());
        var taskId = (await PlanAsync(factory)).Tasks.OrderBy(t => t.SortOrder).First().Id;
        var editPage = await office.GetDocumentAsync("/Plans/2023/Edit");
        var taskEditPage = await office.GetDocumentAsync($"/Plans/2023/Tasks/Edit/{taskId}");

        Assert.Equal(HttpStatusCode.Redirect, (await office.SubmitAsync("/Plans/2023", "[data-testid=plan-submit-form]", new())).StatusCode);
        using var leadership = await factory.CreateTestClient().SignInAsync(DemoAccounts.Leadership);
        var issued = await leadership.SubmitAsync("/Plans/2023", "[data-testid=plan-issue-form]",
            new() { ["IssueInput.Number"] = "45", ["IssueInput.Date"] = "01/03/2023", ["IssueInput.Confirm"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, issued.StatusCode);
        var plan = await PlanAsync(factory);
        Assert.Equal(PlanStatus.Issued, plan.Status);
        Assert.Equal("Nguyễn Văn Hiệp", plan.IssuedBy);

        // The forms the office had open are refused with the entity's own message.
        var planPost = await office.PostFormAsync(editPage.QuerySelector<AngleSharp.Html.Dom.IHtmlFormElement>("[data-testid=plan-edit-form]")!,
            new() { ["Input.Evaluation"] = "Sửa sau khi ban hành" }, "/Plans/2023/Edit");
        Assert.Contains("Kế hoạch đã ban hành; nội dung không thể thay đổi.", (await TestClient.ParseAsync(planPost)).Text("plan-edit-errors"));
        var taskBefore = await factory.SnapshotAsync(taskId);
        var taskPost = await office.PostFormAsync(taskEditPage.QuerySelector<AngleSharp.Html.Dom.IHtmlFormElement>("[data-testid=task-edit-form]")!,
            new() { ["Input.Content"] = "Sửa sau khi ban hành" }, $"/Plans/2023/Tasks/Edit/{taskId}");
        Assert.Contains("nội dung nhiệm vụ không thể thay đổi", (await TestClient.ParseAsync(taskPost)).Text("task-edit-errors"));
        var regenerate = await office.PostFormAsync(editPage.QuerySelector<AngleSharp.Html.Dom.IHtmlFormElement>("[data-testid=plan-regenerate-form]")!,
            new() { ["Overwrite"] = "true" }, "/Plans/2023/Edit");
        Assert.Contains("Kế hoạch đã ban hành", (await TestClient.ParseAsync(regenerate)).Text("plan-edit-errors"));

        var after = await PlanAsync(factory);
        Assert.Equal(plan.Evaluation, after.Evaluation);
        Assert.Equal(plan.Version, after.Version);
        Assert.Equal(taskBefore, await factory.SnapshotAsync(taskId));

        // Status and progress keep moving on an issued plan.
        var moved = await office.SubmitAsync($"/Plans/2023/Tasks/{taskId}", "[data-testid=task-status-form]",
            new() { ["StatusInput.To"] = "InProgress" });
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        Assert.Equal(PlanTaskStatus.InProgress, (await factory.SnapshotAsync(taskId)).Status);
        Assert.Null((await office.GetDocumentAsync("/Plans/2023")).QuerySelector("[data-testid=plan-issue]"));
    }
}
