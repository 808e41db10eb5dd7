using ParIndex.Domain.Assessments;
using ParIndex.Domain.Plans;

namespace ParIndex.Domain.Tests.Assessments;

/// <summary>Rules that once lived in pages: the reschedule entry, the evidence round, the lost-points reason, the editable task.</summary>
public class AssessmentRulesTests
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
    public void Rescheduling_a_phase_moves_its_dates_and_records_who_when_and_the_new_window()
    {
        var a = Planned();
        a.Reschedule(PhaseKind.Explanation, new DateOnly(2023, 11, 18), new DateOnly(2023, 11, 24), "vp", Now);

        var phase = a.Phase(PhaseKind.Explanation);
        Assert.Equal((new DateOnly(2023, 11, 18), new DateOnly(2023, 11, 24)), (phase.StartsOn, phase.EndsOn));
        var entry = Assert.Single(a.PhaseChanges);
        Assert.Equal((PhaseKind.Explanation, PhaseAction.Reschedule, "18/11/2023 – 24/11/2023", "vp", Now),
            (entry.Kind, entry.Action, entry.Reason, entry.By, entry.AtUtc));
    }

    [Fact]
    public void A_refused_reschedule_changes_nothing_and_records_nothing()
    {
        var a = Planned();
        Assert.Throws<DomainException>(() => a.Reschedule(PhaseKind.Explanation, new DateOnly(2023, 11, 30), new DateOnly(2023, 11, 20), "vp", Now));
        Assert.Equal(new DateOnly(2023, 11, 16), a.Phase(PhaseKind.Explanation).StartsOn);
        Assert.Empty(a.PhaseChanges);
    }

    [Theory]
    [InlineData("2023-10-15", EvidenceRound.Self)]
    [InlineData("2023-11-10", null)] // appraisal round 1: the appraisers' turn, no evidence
    [InlineData("2023-11-20", EvidenceRound.Explanation)]
    [InlineData("2023-12-01", null)]
    public void Evidence_goes_to_the_self_assessment_or_the_explanation_while_open(string day, EvidenceRound? expected) =>
        Assert.Equal(expected, Assessment.EvidenceRoundOpen(Planned().Phases, DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void A_closed_self_assessment_takes_no_evidence()
    {
        var a = Planned();
        a.Close(PhaseKind.SelfAssessment, "vp", Now);
        Assert.Null(Assessment.EvidenceRoundOpen(a.Phases, new DateOnly(2023, 10, 15)));
    }

    [Theory]
    [InlineData("0.5", "1", null, true)]
    [InlineData("0.5", "1", "  ", true)]
    [InlineData("0.5", "1", "Thiếu tài liệu", false)]
    [InlineData("1", "1", null, false)]
    [InlineData(null, "1", null, false)]
    public void A_self_score_below_the_maximum_needs_a_reason(string? score, string max, string? reason, bool refused)
    {
        decimal? value = score is null ? null : decimal.Parse(score, System.Globalization.CultureInfo.InvariantCulture);
        var message = SubCriterionScore.LostReasonMissing(value, decimal.Parse(max, System.Globalization.CultureInfo.InvariantCulture), reason);
        Assert.Equal(refused, message is not null);
        if (refused) Assert.Equal("Vui lòng nêu lý do không đạt điểm tối đa.", message);
    }

    [Fact]
    public void A_stored_task_whose_plan_was_not_loaded_refuses_a_content_change_instead_of_passing()
    {
        var task = new PlanTask("Nội dung", 1, null, new DateOnly(2023, 12, 31));
        typeof(PlanTask).GetProperty(nameof(PlanTask.Id))!.SetValue(task, 7); // read from the database, Plan not included

        Assert.Throws<InvalidOperationException>(() => task.EditContent("Khác", 1, null, null, Recurrence.None, null));
        Assert.Throws<InvalidOperationException>(() => task.SetTargets([5]));
        Assert.Throws<InvalidOperationException>(() => task.SetCoordinators([2]));
        Assert.Equal("Nội dung", task.Content);
    }

    [Fact]
    public void A_new_task_not_yet_in_a_plan_takes_its_targets_and_coordinators()
    {
        var task = new PlanTask("Nội dung", 1, null, new DateOnly(2023, 12, 31));
        task.SetTargets([5]);
        task.SetCoordinators([2]);
        Assert.Single(task.Targets);
        Assert.Single(task.Coordinators);
    }
}
