using ParIndex.Domain;
using ParIndex.Domain.Plans;

namespace ParIndex.Domain.Tests.Plans;

public class PlanTaskTests
{
    private static readonly DateOnly Today = new(2023, 6, 1);
    private static readonly DateTime Now = new(2023, 6, 1, 3, 0, 0, DateTimeKind.Utc);

    private static PlanTask NewTask(PlanTaskStatus status = PlanTaskStatus.NotStarted)
    {
        var task = new PlanTask("Nâng cao chất lượng báo cáo", 1, "Báo cáo", new DateOnly(2023, 12, 31));
        // Walk the legal path to the wanted status.
        if (status is PlanTaskStatus.InProgress or PlanTaskStatus.Done) Move(task, PlanTaskStatus.InProgress);
        if (status == PlanTaskStatus.Done) Move(task, PlanTaskStatus.Done);
        if (status == PlanTaskStatus.Cancelled) Move(task, PlanTaskStatus.Cancelled, "Không còn phù hợp");
        return task;
    }

    private static TaskProgress Move(PlanTask task, PlanTaskStatus to, string? reason = null) =>
        task.ChangeStatus(to, "ghi chú", "u1", "Trưởng phòng", 1, Today, Now, reason);

    public static TheoryData<PlanTaskStatus, PlanTaskStatus, bool> Transitions()
    {
        var legal = new HashSet<(PlanTaskStatus, PlanTaskStatus)>
        {
            (PlanTaskStatus.NotStarted, PlanTaskStatus.InProgress),
            (PlanTaskStatus.NotStarted, PlanTaskStatus.Done),
            (PlanTaskStatus.NotStarted, PlanTaskStatus.Cancelled),
            (PlanTaskStatus.InProgress, PlanTaskStatus.Done),
            (PlanTaskStatus.InProgress, PlanTaskStatus.Cancelled),
            (PlanTaskStatus.Done, PlanTaskStatus.InProgress),
        };
        var data = new TheoryData<PlanTaskStatus, PlanTaskStatus, bool>();
        foreach (var from in Enum.GetValues<PlanTaskStatus>())
            foreach (var to in Enum.GetValues<PlanTaskStatus>())
                data.Add(from, to, legal.Contains((from, to)));
        return data;
    }

    [Theory]
    [MemberData(nameof(Transitions))]
    public void Every_transition_is_either_made_and_recorded_or_refused_without_a_trace(PlanTaskStatus from, PlanTaskStatus to, bool legal)
    {
        var task = NewTask(from);
        var history = task.Progress.Count;
        var version = task.Version;

        if (legal)
        {
            var entry = Move(task, to, to == PlanTaskStatus.Cancelled ? "Lý do" : null);
            Assert.Equal(to, task.Status);
            Assert.Equal(from, entry.StatusFrom);
            Assert.Equal(to, entry.StatusTo);
            Assert.Equal(history + 1, task.Progress.Count);
            Assert.NotEqual(version, task.Version);
        }
        else
        {
            var e = Assert.Throws<DomainException>(() => Move(task, to, "Lý do"));
            Assert.Contains("Không thể chuyển trạng thái", e.Message);
            Assert.Equal(from, task.Status);
            Assert.Equal(history, task.Progress.Count);
            Assert.Equal(version, task.Version);
        }
    }

    [Fact]
    public void Cancelling_requires_a_reason_and_keeps_it()
    {
        var task = NewTask();
        Assert.Throws<DomainException>(() => Move(task, PlanTaskStatus.Cancelled, "  "));
        Assert.Equal(PlanTaskStatus.NotStarted, task.Status);

        Move(task, PlanTaskStatus.Cancelled, " Không còn phù hợp ");
        Assert.Equal("Không còn phù hợp", task.CancelReason);
    }

    [Fact]
    public void Done_sets_100_percent_and_the_completion_date_and_reopening_clears_the_date()
    {
        var task = NewTask(PlanTaskStatus.Done);
        Assert.Equal(100, task.PercentComplete);
        Assert.Equal(Today, task.CompletedOn);

        Move(task, PlanTaskStatus.InProgress);
        Assert.Null(task.CompletedOn);
    }

    [Fact]
    public void Overdue_is_computed_from_the_deadline_and_never_for_closed_tasks()
    {
        var task = NewTask();
        Assert.False(task.IsOverdue(new DateOnly(2023, 12, 31)));
        Assert.True(task.IsOverdue(new DateOnly(2024, 1, 1)));
        Move(task, PlanTaskStatus.Done);
        Assert.False(task.IsOverdue(new DateOnly(2024, 1, 1)));
    }

    [Fact]
    public void A_recurring_task_is_overdue_when_a_period_passed_unreported_and_a_progress_report_delivers_it()
    {
        var task = new PlanTask("Báo cáo quý", 1, null, null, Recurrence.Quarterly,
            [new DateOnly(2023, 3, 31), new DateOnly(2023, 6, 30), new DateOnly(2023, 9, 30)]);
        Assert.Equal(new DateOnly(2023, 9, 30), task.DueDate);
        Assert.True(task.IsOverdue(new DateOnly(2023, 4, 5)));

        task.AddProgress("Đã gửi báo cáo quý I", 25, null, "u1", "A", 1, new DateOnly(2023, 4, 5), Now);

        Assert.False(task.IsOverdue(new DateOnly(2023, 4, 5)));
        Assert.Equal(new DateOnly(2023, 6, 30), task.NextDueDate());
    }

    [Fact]
    public void A_coordinating_units_note_neither_moves_the_percentage_nor_delivers_a_period()
    {
        var task = new PlanTask("Báo cáo quý", 1, null, null, Recurrence.Quarterly, [new DateOnly(2023, 3, 31)]);
        task.AddCoordinatorNote("Đã gửi số liệu cho Văn phòng", null, "u2", "B", 2, new DateOnly(2023, 3, 20), Now);

        Assert.Equal(0, task.PercentComplete);
        Assert.Null(task.DueDates.Single().MetOn);
        Assert.Single(task.Progress);
        Assert.Throws<DomainException>(() => task.AddCoordinatorNote(" ", null, "u2", "B", 2, Today, Now));
    }

    [Theory]
    [InlineData("", 10, null, "nội dung")]
    [InlineData("Tiến độ", 101, null, "Tỷ lệ")]
    [InlineData("Tiến độ", -1, null, "Tỷ lệ")]
    [InlineData("Tiến độ", 50, "ftp://example.org/x", "http")]
    [InlineData("Tiến độ", 50, "javascript:alert(1)", "http")]
    public void Bad_progress_is_refused(string note, int percent, string? url, string message)
    {
        var task = NewTask(PlanTaskStatus.InProgress);
        var count = task.Progress.Count;
        var e = Assert.Throws<DomainException>(() => task.AddProgress(note, percent, url, "u1", "A", 1, Today, Now));
        Assert.Contains(message, e.Message);
        Assert.Equal(count, task.Progress.Count);
        Assert.Equal(0, task.PercentComplete);
    }

    [Fact]
    public void A_cancelled_task_takes_no_more_progress()
    {
        var task = NewTask(PlanTaskStatus.Cancelled);
        Assert.Throws<DomainException>(() => task.AddProgress("x", 10, null, "u1", "A", 1, Today, Now));
    }

    [Fact]
    public void Content_freezes_once_the_plan_is_issued_but_status_and_progress_still_move()
    {
        var plan = new ImprovementPlan(2023, 2022);
        plan.ApplyDraft("Đánh giá", "Tổ chức", overwrite: true);
        var task = new PlanTask("Nội dung", 1, null, new DateOnly(2023, 12, 31));
        plan.AddTask(task);
        SetPlan(task, plan);
        plan.Submit("Văn phòng", Now);
        plan.Issue("45/KH-STNMT", DateOnly.FromDateTime(Now), "Lãnh đạo", Now, DateOnly.FromDateTime(Now));

        var e = Assert.Throws<DomainException>(() => task.EditContent("Khác", 1, null, null, Recurrence.None, null));
        Assert.Equal("Kế hoạch đã ban hành; nội dung nhiệm vụ không thể thay đổi.", e.Message);
        Assert.Throws<DomainException>(() => task.SetTargets([5]));
        Assert.Throws<DomainException>(() => task.SetCoordinators([2]));
        Assert.Throws<DomainException>(() => plan.AddTask(new PlanTask("Mới", 1, null, null)));
        Assert.Throws<DomainException>(() => plan.RemoveTask(task));
        Assert.Equal("Nội dung", task.Content);

        Move(task, PlanTaskStatus.InProgress);
        task.AddProgress("Đang làm", 40, null, "u1", "A", 1, Today, Now);
        Assert.Equal(40, task.PercentComplete);
    }

    [Fact]
    public void A_recurring_task_needs_due_dates_and_content_and_a_lead_unit_are_required()
    {
        Assert.Throws<DomainException>(() => new PlanTask("x", 1, null, null, Recurrence.Monthly, []));
        Assert.Throws<DomainException>(() => new PlanTask(" ", 1, null, null));
        Assert.Throws<DomainException>(() => new PlanTask("x", 0, null, null));
    }

    [Fact]
    public void The_lead_unit_is_never_its_own_coordinator()
    {
        var task = new PlanTask("x", 1, null, null);
        task.SetCoordinators([1, 2, 2, 3]);
        Assert.Equal([2, 3], task.Coordinators.Select(c => c.UnitId).Order());
    }

    /// <summary>EF sets the navigation when it loads a task; outside EF the test does it the same way.</summary>
    [Fact]
    public void A_task_with_progress_is_cancelled_not_deleted_so_its_history_stays()
    {
        var plan = new ImprovementPlan(2023, 2022);
        var kept = new PlanTask("Có tiến độ", 1, null, new DateOnly(2023, 12, 31));
        var empty = new PlanTask("Chưa có gì", 1, null, new DateOnly(2023, 12, 31));
        plan.AddTask(kept);
        plan.AddTask(empty);
        SetPlan(kept, plan);
        SetPlan(empty, plan);
        kept.AddProgress("Đã họp triển khai", 10, null, "u1", "A", 1, Today, Now);

        var e = Assert.Throws<DomainException>(() => plan.RemoveTask(kept));
        Assert.Equal("Nhiệm vụ đã có 1 lần cập nhật tiến độ nên không thể xóa (để giữ lịch sử). "
                     + "Hãy chuyển nhiệm vụ sang trạng thái \"Đã hủy\" và ghi lý do.", e.Message);
        Assert.Contains(kept, plan.Tasks);
        Assert.Single(kept.Progress);
        // Cancelling is the way out, and keeps every entry.
        kept.ChangeStatus(PlanTaskStatus.Cancelled, null, "u1", "A", 1, Today, Now, "Không còn phù hợp");
        Assert.Equal(2, kept.Progress.Count);

        plan.RemoveTask(empty);
        Assert.DoesNotContain(empty, plan.Tasks);
    }

    private static void SetPlan(PlanTask task, ImprovementPlan plan) =>
        typeof(PlanTask).GetProperty(nameof(PlanTask.Plan))!.SetValue(task, plan);
}
