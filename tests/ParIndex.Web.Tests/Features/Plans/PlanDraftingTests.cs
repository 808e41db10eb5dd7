using AngleSharp.Dom;
using System.Net;
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
[Collection(PlansCollection.Name)]
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
        Assert.Equal(DemoSeeder.Agency, plan.Agency);
        Assert.Equal(DemoSeeder.ParentAgency, plan.ParentAgency);
        Assert.Contains("80,567/99", plan.Evaluation);
        Assert.Contains("giảm 10,933 điểm", plan.Evaluation);
        Assert.Contains("giảm 6 bậc", plan.Evaluation);
        Assert.Contains("18/22", plan.Evaluation);
        Assert.NotEmpty(lost);
        foreach (var line in lost) Assert.Contains($"* {line.Code} ", plan.Evaluation);
        Assert.Contains("Giao Văn phòng Sở", plan.Organisation);
        Assert.Equal(1, plan.TargetRankImprovement);

        var page = await office.GetDocumentAsync("/Plans/2023");
        Assert.Equal("Dự thảo", page.Text("plan-status"));
        Assert.Contains("80,567/99", page.Text("plan-evaluation"));
        Assert.NotNull(page.QuerySelector("[data-testid=plan-issue]"));
    }

    [Fact]
    public async Task Each_lost_item_of_section_I_names_the_units_that_lost_its_points()
    {
        var (factory, _) = await DraftPlan2023Async();
        using var _f = factory;
        var plan = await PlanAsync(factory);
        var lines = plan.Evaluation.Split('\n');

        var tthc = Assert.Single(lines, l => l.StartsWith("* 3.5.1 ", StringComparison.Ordinal));
        Assert.Contains("đơn vị làm mất điểm: Phòng Quy hoạch - Giao đất 0,714 điểm, " +
                        "Phòng Đăng ký Thống kê Đo đạc Viễn thám - Chính sách đất đai 0,143 điểm, Phòng Khoáng sản Tài nguyên nước 0,25 điểm, " +
                        "Chi cục Bảo vệ môi trường 0,679 điểm, Văn phòng Đăng ký đất đai 1,214 điểm; Văn phòng Sở chủ trì", tthc);
        var edocs = Assert.Single(lines, l => l.StartsWith("* 7.1.2 ", StringComparison.Ordinal));
        Assert.Contains("Văn phòng Đăng ký đất đai 0,5 điểm, Quỹ Bảo vệ môi trường 0,5 điểm, " +
                        "Trung tâm Đo đạc và Tư vấn tài nguyên môi trường 0,5 điểm", edocs);
        var drafting = Assert.Single(lines, l => l.StartsWith("* 2.1.2 ", StringComparison.Ordinal));
        Assert.Contains("Thanh tra Sở 0,1 điểm", drafting);
        Assert.Contains("Chi cục Bảo vệ môi trường 0,1 điểm", drafting);
        // Where nothing but the lead unit is known, the department's own wording.
        var initiatives = Assert.Single(lines, l => l.StartsWith("* 1.6.1 ", StringComparison.Ordinal));
        Assert.EndsWith("(Văn phòng Sở chủ trì).", initiatives);
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
    public async Task A_bad_target_total_is_shown_next_to_the_field_and_nothing_is_saved()
    {
        var (factory, office) = await DraftPlan2023Async();
        using var _ = factory;
        var before = await PlanAsync(factory);

        var response = await office.SubmitAsync("/Plans/2023/Edit", "[data-testid=plan-edit-form]", new()
        {
            ["Input.TargetTotal"] = "1.000,5", ["Input.Number"] = "99/KH",
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
            return lost.Select(l => subs2023.Single(s => s.Code == l.Code)).Where(s => s.LeadUnitId != null).ToList();
        });
        Assert.NotEmpty(expected);

        // One sub-criterion is already aimed at by a task typed by hand: it is skipped.
        var handTyped = expected[0];
        var created = await office.SubmitAsync("/Plans/2023/Tasks/Edit", "[data-testid=task-edit-form]", new()
        {
            ["Input.Content"] = "Nhiệm vụ nhập tay", ["Input.TargetIds"] = handTyped.Id.ToString(),
            ["Input.LeadUnitId"] = handTyped.LeadUnitId!.Value.ToString(), ["Input.DueDate"] = "2023-09-30",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);

        var response = await office.SubmitAsync("/Plans/2023", "[data-testid=tasks-from-lost-form]", new());
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var plan = await PlanAsync(factory);
        Assert.Equal(expected.Count, plan.Tasks.Count);
        foreach (var sub in expected)
        {
            var task = Assert.Single(plan.Tasks, t => t.Targets.Any(x => x.SubCriterionId == sub.Id));
            Assert.Equal(sub.LeadUnitId, task.LeadUnitId);
            if (sub != handTyped) Assert.Contains(sub.Code, task.Content);
        }

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

        using var leadership = await factory.CreateTestClient().SignInAsync(DemoAccounts.Leadership);
        var issued = await leadership.SubmitAsync("/Plans/2023", "[data-testid=plan-issue-form]", new());
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
