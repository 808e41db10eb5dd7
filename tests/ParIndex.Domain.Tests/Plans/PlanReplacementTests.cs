using ParIndex.Domain;
using ParIndex.Domain.Plans;

namespace ParIndex.Domain.Tests.Plans;

/// <summary>Ban hành thay thế in the aggregate: what a replacement copies, how issuing it supersedes the old version, and
/// that neither a superseded version nor a replacement being written takes progress.</summary>
public class PlanReplacementTests
{
    private static readonly DateTime Now = new(2023, 6, 1, 2, 0, 0, DateTimeKind.Utc);
    private static readonly DateOnly Today = new(2023, 6, 1);

    private static ImprovementPlan Issued()
    {
        var plan = new ImprovementPlan(2023, 2022);
        plan.SetHeader(null, "Đắk Nông", null, "Sở Tài nguyên và Môi trường", "UBND tỉnh Đắk Nông", "GIÁM ĐỐC", "Nguyễn Văn Hiệp", "Lưu: VT.");
        plan.SetSections("Đánh giá.", "Mục đích.", "Yêu cầu.", "Tổ chức.", 1, 85m);
        var task = new PlanTask("Báo cáo hằng quý", 3, "04 báo cáo", null, Recurrence.Quarterly, [new(2023, 3, 15), new(2023, 6, 15)]);
        task.SetTargets([11, 12]);
        task.SetCoordinators([4, 5]);
        plan.AddTask(task);
        plan.AddTask(new PlanTask("Nhiệm vụ một lần", 4, null, new DateOnly(2023, 9, 30)));
        task.AddProgress("Quý I đã gửi", 30, null, "u", "Trưởng phòng", 3, new DateOnly(2023, 3, 10), Now);
        task.ChangeStatus(PlanTaskStatus.InProgress, null, "u", "Trưởng phòng", 3, new DateOnly(2023, 3, 10), Now);
        plan.Submit("Văn phòng", Now);
        plan.Issue("45/KH-STNMT", new DateOnly(2023, 3, 15), "Lãnh đạo", Now, Today);
        return plan;
    }

    [Fact]
    public void A_replacement_copies_content_and_tasks_with_targets_coordinators_due_dates_status_and_progress()
    {
        var plan = Issued();
        var version = plan.Version;

        var copy = plan.StartReplacement("  Điều chỉnh theo chỉ đạo  ");

        Assert.NotEqual(version, plan.Version);
        Assert.Equal((2, PlanStatus.Draft, (string?)null, (DateOnly?)null, "Điều chỉnh theo chỉ đạo"),
            (copy.Revision, copy.Status, copy.Number, copy.PlanDate, copy.ReplacementReason));
        Assert.Equal((plan.Evaluation, plan.Purpose, plan.Organisation, plan.TargetTotal, plan.Agency),
            (copy.Evaluation, copy.Purpose, copy.Organisation, copy.TargetTotal, copy.Agency));
        Assert.True(copy.IsOpenReplacement);
        Assert.False(copy.IsCurrent);
        Assert.True(plan.IsCurrent);
        var (from, to) = (plan.Tasks[0], copy.Tasks[0]);
        Assert.Equal(2, copy.Tasks.Count);
        Assert.Equal((from.Content, from.LeadUnitId, from.Status, from.PercentComplete, from.Recurrence),
            (to.Content, to.LeadUnitId, to.Status, to.PercentComplete, to.Recurrence));
        Assert.Equal(from.Targets.Select(t => t.SubCriterionId), to.Targets.Select(t => t.SubCriterionId));
        Assert.Equal(from.Coordinators.Select(c => c.UnitId), to.Coordinators.Select(c => c.UnitId));
        Assert.Equal(from.DueDates.Select(d => (d.DueOn, d.MetOn)), to.DueDates.Select(d => (d.DueOn, d.MetOn)));
        Assert.Equal(from.Progress.Select(p => (p.Note, p.Percent, p.StatusTo)), to.Progress.Select(p => (p.Note, p.Percent, p.StatusTo)));
        Assert.Same(copy, to.Plan);
    }

    [Fact]
    public void Only_an_issued_plan_in_force_is_replaced_and_a_reason_is_required()
    {
        var draft = new ImprovementPlan(2024, 2023);
        Assert.Contains("Chỉ kế hoạch đã ban hành", Assert.Throws<DomainException>(() => draft.StartReplacement("x")).Message);
        var plan = Issued();
        Assert.Equal("Vui lòng nêu lý do soạn bản thay thế.", Assert.Throws<DomainException>(() => plan.StartReplacement("  ")).Message);
    }

    [Fact]
    public void Issuing_the_replacement_supersedes_the_old_version_which_stays_frozen_and_takes_no_progress()
    {
        var plan = Issued();
        var copy = plan.StartReplacement("Điều chỉnh");
        // Not in force while it is written.
        Assert.Contains("dự thảo bản thay thế", Assert.Throws<DomainException>(() =>
            copy.Tasks[0].AddProgress("x", 40, null, "u", "Trưởng phòng", 3, Today, Now)).Message);
        copy.SetSections("Đánh giá.", "Mục đích mới.", "Yêu cầu.", "Tổ chức.", 1, 85m);
        copy.Submit("Văn phòng", Now);
        // Issued with the plan it replaces, under another number, not dated before it.
        Assert.Throws<InvalidOperationException>(() => copy.Issue("60/KH-STNMT", Today, "Lãnh đạo", Now, Today));
        Assert.Contains("số văn bản khác", Assert.Throws<DomainException>(() => copy.Issue("45/KH-STNMT", Today, "Lãnh đạo", Now, Today, plan)).Message);
        Assert.Contains("không được trước ngày 15/03/2023", Assert.Throws<DomainException>(() =>
            copy.Issue("60/KH-STNMT", new DateOnly(2023, 3, 1), "Lãnh đạo", Now, Today, plan)).Message);
        Assert.Equal(PlanStatus.Issued, plan.Status);

        copy.Issue("60/KH-STNMT", Today, "Lãnh đạo", Now, Today, plan);

        Assert.Equal((PlanStatus.Superseded, (DateTime?)Now), (plan.Status, plan.SupersededAt));
        Assert.True(plan.IsIssued);
        Assert.False(plan.IsCurrent);
        Assert.True(copy.IsCurrent);
        Assert.Contains("đã được thay thế", Assert.Throws<DomainException>(() => plan.SetSections("a", "b", "c", "d", 1, null)).Message);
        Assert.Contains("Kế hoạch số 45/KH-STNMT đã được thay thế", Assert.Throws<DomainException>(() =>
            plan.Tasks[0].ChangeStatus(PlanTaskStatus.Done, null, "u", "Trưởng phòng", 3, Today, Now)).Message);
        Assert.Contains("đã được thay thế", Assert.Throws<DomainException>(() => plan.StartReplacement("lại")).Message);
        copy.Tasks[0].AddProgress("Quý II đã gửi", 60, null, "u", "Trưởng phòng", 3, Today, Now);
        Assert.Equal(60, copy.Tasks[0].PercentComplete);
    }

    [Theory]
    [InlineData(PlanStatus.Draft, null, true)]
    [InlineData(PlanStatus.Submitted, null, true)]
    [InlineData(PlanStatus.Issued, null, true)]
    [InlineData(PlanStatus.Superseded, null, false)]
    [InlineData(PlanStatus.Draft, 7, false)]
    [InlineData(PlanStatus.Submitted, 7, false)]
    [InlineData(PlanStatus.Issued, 7, true)]
    [InlineData(PlanStatus.Superseded, 7, false)]
    public void The_current_version_rule_is_the_same_in_queries_in_memory_and_for_a_task(PlanStatus status, int? replaces, bool current)
    {
        Assert.Equal(current, ImprovementPlan.IsCurrentState(status, replaces));
        var plan = Issued();
        typeof(ImprovementPlan).GetProperty(nameof(ImprovementPlan.Status))!.SetValue(plan, status);
        typeof(ImprovementPlan).GetProperty(nameof(ImprovementPlan.ReplacesPlanId))!.SetValue(plan, replaces);
        Assert.Equal(current, plan.IsCurrent);
        Assert.Equal(current, ImprovementPlan.IsCurrentVersion.Compile()(plan));
        typeof(PlanTask).GetProperty(nameof(PlanTask.Plan))!.SetValue(plan.Tasks[0], plan);
        Assert.Equal(current, PlanTask.InCurrentPlan.Compile()(plan.Tasks[0]));
    }
}
