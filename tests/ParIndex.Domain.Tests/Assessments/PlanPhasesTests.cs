using ParIndex.Domain.Assessments;

namespace ParIndex.Domain.Tests.Assessments;

/// <summary>Opening a year: the five phases planned from six dates that must follow one another, refused with the field at fault.</summary>
public class PlanPhasesTests
{
    [Fact]
    public void The_usual_calendar_is_the_2022_cycle_moved_to_the_year_and_plans_five_phases_end_to_end()
    {
        var calendar = PhaseCalendar.UsualFor(2030);
        Assert.Equal(new PhaseCalendar(new DateOnly(2030, 12, 1), new DateOnly(2031, 1, 15), new DateOnly(2031, 2, 10),
            new DateOnly(2031, 2, 20), new DateOnly(2031, 3, 1), new DateOnly(2031, 3, 10)), calendar);

        var a = new Assessment(1, 2030);
        a.PlanPhases(calendar);

        Assert.Equal(
            [
                (PhaseKind.SelfAssessment, new DateOnly(2030, 12, 1), new DateOnly(2031, 1, 15)),
                (PhaseKind.Appraisal1, new DateOnly(2031, 1, 16), new DateOnly(2031, 2, 10)),
                (PhaseKind.Explanation, new DateOnly(2031, 2, 11), new DateOnly(2031, 2, 20)),
                (PhaseKind.Appraisal2, new DateOnly(2031, 2, 21), new DateOnly(2031, 3, 1)),
                (PhaseKind.Published, new DateOnly(2031, 3, 10), new DateOnly(2032, 3, 10)),
            ],
            a.Phases.OrderBy(p => p.Kind).Select(p => (p.Kind, p.StartsOn, p.EndsOn)));
    }

    [Fact]
    public void A_one_day_self_assessment_and_one_day_phases_are_accepted()
    {
        var a = new Assessment(1, 2030);
        var d = new DateOnly(2030, 12, 1);
        a.PlanPhases(d, d, d.AddDays(1), d.AddDays(2), d.AddDays(3), d.AddDays(4));
        Assert.All(a.Phases.Where(p => p.Kind != PhaseKind.Published), p => Assert.Equal(p.StartsOn, p.EndsOn));
    }

    public static TheoryData<PhaseCalendar, string, string> OutOfOrder()
    {
        var u = PhaseCalendar.UsualFor(2030);
        return new()
        {
            { u with { SelfEnd = u.SelfStart.AddDays(-1) }, nameof(PhaseCalendar.SelfEnd), "Ngày kết thúc tự đánh giá, chấm điểm không được trước ngày bắt đầu (01/12/2030)." },
            { u with { Round1End = u.SelfEnd }, nameof(PhaseCalendar.Round1End), "Ngày kết thúc thẩm định vòng 1 phải sau ngày kết thúc tự đánh giá, chấm điểm (15/01/2031)." },
            { u with { ExplanationEnd = u.Round1End.AddDays(-3) }, nameof(PhaseCalendar.ExplanationEnd), "Ngày kết thúc giải trình phải sau ngày kết thúc thẩm định vòng 1 (10/02/2031)." },
            { u with { Round2End = u.ExplanationEnd }, nameof(PhaseCalendar.Round2End), "Ngày kết thúc thẩm định vòng 2 phải sau ngày kết thúc giải trình (20/02/2031)." },
            { u with { PublishedOn = u.Round2End }, nameof(PhaseCalendar.PublishedOn), "Ngày công bố kết quả phải sau ngày kết thúc thẩm định vòng 2 (01/03/2031)." },
        };
    }

    [Theory]
    [MemberData(nameof(OutOfOrder))]
    public void Dates_out_of_order_are_refused_with_the_field_at_fault_and_plan_nothing(PhaseCalendar calendar, string field, string message)
    {
        var a = new Assessment(1, 2030);
        var refused = Assert.Throws<DomainException>(() => a.PlanPhases(calendar));
        Assert.Equal((field, message), (refused.Field, refused.Message));
        Assert.Empty(a.Phases);
    }

    [Fact]
    public void Phases_are_planned_once()
    {
        var a = new Assessment(1, 2030);
        a.PlanPhases(PhaseCalendar.UsualFor(2030));
        Assert.Equal("Các giai đoạn đã được thiết lập.", Assert.Throws<DomainException>(() => a.PlanPhases(PhaseCalendar.UsualFor(2030))).Message);
        Assert.Equal(5, a.Phases.Count);
    }
}
