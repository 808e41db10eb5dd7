using ParIndex.Domain.Assessments;

namespace ParIndex.Domain.Tests.Assessments;

/// <summary>Issue 19: overlapping phases, reopening after a later phase has run, and "Mở ngay".</summary>
public class PhaseGuardTests
{
    private static readonly DateTime Now = new(2023, 10, 2, 3, 0, 0, DateTimeKind.Utc);

    private static Assessment Planned()
    {
        var a = new Assessment(1, 2023);
        // Self-assessment 01/10–31/10, appraisal 1 to 15/11, explanation to 25/11, appraisal 2 to 05/12, published 15/12.
        a.PlanPhases(new DateOnly(2023, 10, 1), new DateOnly(2023, 10, 31), new DateOnly(2023, 11, 15), new DateOnly(2023, 11, 25),
            new DateOnly(2023, 12, 5), new DateOnly(2023, 12, 15));
        return a;
    }

    [Fact]
    public void A_reschedule_that_overlaps_another_phase_is_refused_naming_both_and_changes_nothing()
    {
        var a = Planned();

        var refused = Assert.Throws<DomainException>(() =>
            a.Reschedule(PhaseKind.Appraisal1, new DateOnly(2023, 10, 25), new DateOnly(2023, 11, 15), "vp", Now));

        Assert.Contains("giai đoạn thẩm định vòng 1 (25/10/2023 – 15/11/2023)", refused.Message);
        Assert.Contains("giai đoạn tự đánh giá (01/10/2023 – 31/10/2023)", refused.Message);
        Assert.Equal(new DateOnly(2023, 11, 1), a.Phase(PhaseKind.Appraisal1).StartsOn);
        Assert.Empty(a.PhaseChanges);
    }

    [Theory]
    [InlineData("2023-11-02", "Mở lại sẽ cho phép sửa điểm tự đánh giá sau khi đã có kết quả thẩm định vòng 1")]
    [InlineData("2023-12-20", "Mở lại sẽ cho phép sửa điểm tự đánh giá sau khi đã có kết quả công bố")]
    public void Reopening_self_assessment_after_a_later_phase_ran_needs_the_confirmation_and_records_it(string day, string unlocks)
    {
        var a = Planned();
        var today = DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(unlocks, a.ReopenUnlocks(PhaseKind.SelfAssessment, today));

        var refused = Assert.Throws<DomainException>(() =>
            a.Reopen(PhaseKind.SelfAssessment, "Bổ sung", today.AddDays(3), today, false, "vp", Now));
        Assert.Contains(unlocks, refused.Message);
        Assert.Empty(a.PhaseChanges);
        Assert.False(a.IsOpen(PhaseKind.SelfAssessment, today));

        a.Reopen(PhaseKind.SelfAssessment, "Bổ sung", today.AddDays(3), today, true, "vp", Now);

        Assert.True(a.IsOpen(PhaseKind.SelfAssessment, today));
        var entry = Assert.Single(a.PhaseChanges);
        Assert.Equal((PhaseAction.Reopen, "Bổ sung", unlocks), (entry.Action, entry.Reason, entry.Unlocks));
    }

    [Fact]
    public void Before_any_later_phase_starts_reopening_needs_no_confirmation()
    {
        var a = Planned();
        a.Close(PhaseKind.SelfAssessment, "vp", Now);
        var today = new DateOnly(2023, 10, 10);

        Assert.Null(a.ReopenUnlocks(PhaseKind.SelfAssessment, today));
        a.Reopen(PhaseKind.SelfAssessment, "Bổ sung", today.AddDays(3), today, false, "vp", Now);
        Assert.Null(a.PhaseChanges.Last().Unlocks);
    }

    [Fact]
    public void Open_now_starts_the_phase_today_ends_the_running_one_yesterday_and_records_both()
    {
        var a = Planned();
        var today = new DateOnly(2023, 10, 20);

        a.OpenNow(PhaseKind.Appraisal1, today, "vp", Now);

        Assert.Equal(PhaseKind.Appraisal1, a.CurrentPhase(today)!.Kind);
        Assert.Equal(today, a.Phase(PhaseKind.Appraisal1).StartsOn);
        Assert.Equal(today.AddDays(-1), a.Phase(PhaseKind.SelfAssessment).EndsOn);
        Assert.Equal([PhaseAction.Reschedule, PhaseAction.OpenNow], a.PhaseChanges.Select(c => c.Action));
        Assert.Contains("Mở ngay từ 20/10/2023 (dự kiến bắt đầu 01/11/2023)", a.PhaseChanges.Last().Reason);
    }

    [Fact]
    public void Open_now_is_refused_for_a_started_phase_or_when_an_earlier_one_has_not_started()
    {
        var a = Planned();
        var today = new DateOnly(2023, 10, 20);

        Assert.Throws<DomainException>(() => a.OpenNow(PhaseKind.SelfAssessment, today, "vp", Now));
        var refused = Assert.Throws<DomainException>(() => a.OpenNow(PhaseKind.Explanation, today, "vp", Now));
        Assert.Contains("thẩm định vòng 1", refused.Message);
        Assert.Empty(a.PhaseChanges);
        Assert.Equal(new DateOnly(2023, 10, 31), a.Phase(PhaseKind.SelfAssessment).EndsOn);
    }
}
