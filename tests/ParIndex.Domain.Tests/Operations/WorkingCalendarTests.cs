using ParIndex.Domain;
using ParIndex.Domain.Operations;

namespace ParIndex.Domain.Tests.Operations;

public class WorkingCalendarTests
{
    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    /// <summary>Tết 2022 (31/01–04/02), Giỗ Tổ on a Sunday with its compensatory Monday, and a Saturday worked in exchange.</summary>
    private static readonly WorkingCalendar Calendar = new(
    [
        (D(2022, 1, 31), CalendarDayKind.DayOff), (D(2022, 2, 1), CalendarDayKind.DayOff), (D(2022, 2, 2), CalendarDayKind.DayOff),
        (D(2022, 2, 3), CalendarDayKind.DayOff), (D(2022, 2, 4), CalendarDayKind.DayOff),
        (D(2022, 4, 10), CalendarDayKind.DayOff), (D(2022, 4, 11), CalendarDayKind.DayOff),
        (D(2022, 4, 16), CalendarDayKind.WorkingDay),
    ]);

    [Fact]
    public void Weekends_are_not_working_days()
    {
        // Due Friday 07/01/2022, returned Monday 10/01: one working day late, not three calendar days.
        Assert.Equal(1, WorkingCalendar.Weekdays.DaysLate(D(2022, 1, 7), D(2022, 1, 10)));
        // Due Wednesday 09/02, returned Monday 14/02: Thursday, Friday, Monday.
        Assert.Equal(3, WorkingCalendar.Weekdays.DaysLate(D(2022, 2, 9), D(2022, 2, 14)));
    }

    [Fact]
    public void Holidays_are_not_counted()
    {
        // Due Friday 28/01/2022, returned Monday 07/02 after Tết: only 07/02 is a working day late.
        Assert.Equal(1, Calendar.DaysLate(D(2022, 1, 28), D(2022, 2, 7)));
        Assert.Equal(6, WorkingCalendar.Weekdays.DaysLate(D(2022, 1, 28), D(2022, 2, 7)));
        // Due Friday 08/04, returned Tuesday 12/04: Monday 11/04 is Giỗ Tổ's compensatory day.
        Assert.Equal(1, Calendar.DaysLate(D(2022, 4, 8), D(2022, 4, 12)));
        Assert.False(Calendar.IsWorkingDay(D(2022, 4, 11)));
    }

    [Fact]
    public void A_swapped_Saturday_is_a_working_day()
    {
        Assert.True(Calendar.IsWorkingDay(D(2022, 4, 16)));
        Assert.False(Calendar.IsWorkingDay(D(2022, 4, 23)));
        // Due Friday 15/04, returned Monday 18/04: the Saturday worked and the Monday.
        Assert.Equal(2, Calendar.DaysLate(D(2022, 4, 15), D(2022, 4, 18)));
    }

    [Fact]
    public void A_dossier_returned_on_a_holiday_after_its_due_date_is_one_day_late()
    {
        // Due Friday 28/01/2022, returned on mùng 2 Tết: no working day between, still late.
        Assert.Equal(1, Calendar.DaysLate(D(2022, 1, 28), D(2022, 2, 2)));
        Assert.Equal(1, Calendar.DaysLate(D(2022, 1, 28), D(2022, 1, 29)));
        Assert.Equal(0, Calendar.DaysLate(D(2022, 1, 28), D(2022, 1, 28)));
        Assert.Equal(0, Calendar.DaysLate(D(2022, 1, 28), D(2022, 1, 20)));
    }

    [Fact]
    public void An_unreturned_dossier_counts_to_the_end_of_its_year_or_today_if_earlier()
    {
        var received = D(2023, 12, 1);
        var due = D(2023, 12, 15);
        Assert.Equal(D(2023, 12, 31), Dossier.CountedTo(received, null, D(2026, 12, 2)));
        // 18–22 and 25–29/12/2023: ten working days, not the three years to 2026.
        Assert.Equal(10, Dossier.WorkingDaysLate(received, due, null, D(2026, 12, 2), WorkingCalendar.Weekdays));
        Assert.Equal(3, Dossier.WorkingDaysLate(received, due, null, D(2023, 12, 20), WorkingCalendar.Weekdays));
        Assert.Equal(1, Dossier.WorkingDaysLate(received, due, D(2023, 12, 18), D(2026, 1, 1), WorkingCalendar.Weekdays));
        // Returned after the year ended: counted to the return.
        Assert.Equal(12, Dossier.WorkingDaysLate(received, due, D(2024, 1, 2), D(2026, 1, 1), WorkingCalendar.Weekdays));
    }

    [Fact]
    public void A_swapped_working_day_must_be_a_weekend_day_and_every_day_needs_a_name()
    {
        Assert.Equal("Ngày 15/04/2022 là ngày làm việc bình thường; ngày làm bù phải là thứ Bảy hoặc Chủ nhật.",
            Assert.Throws<DomainException>(() => new CalendarDay(D(2022, 4, 15), CalendarDayKind.WorkingDay, "Làm bù")).Message);
        Assert.Throws<DomainException>(() => new CalendarDay(D(2022, 4, 30), CalendarDayKind.DayOff, "  "));
        Assert.Equal("Ngày Chiến thắng", new CalendarDay(D(2022, 4, 30), CalendarDayKind.DayOff, " Ngày Chiến thắng ").Name);
    }
}
