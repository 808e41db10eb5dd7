using Microsoft.EntityFrameworkCore;
using ParIndex.Domain.Assessments;
using ParIndex.Domain.Operations;
using ParIndex.Web.Data.Seed;
using ParIndex.Web.Features.Reminders;
using ParIndex.Web.Tests.Features.Operations;
using ParIndex.Web.Tests.Infrastructure;

namespace ParIndex.Web.Tests.Reminders;

/// <summary>Who sees which reminder, on a fixed day, on /Reminders and in the banner of the landing page.</summary>
public class ReminderTests : IClassFixture<ParIndexFactory>, IAsyncLifetime
{
    private static readonly DateOnly June20 = new(2023, 6, 20);
    private readonly ParIndexFactory _factory;
    private int _khtcReport;

    public ReminderTests(ParIndexFactory factory) => _factory = factory;

    public async Task InitializeAsync()
    {
        _khtcReport = await _factory.WithDbAsync(async db =>
        {
            if (await db.PeriodicReports.FirstOrDefaultAsync(r => r.Name == "Báo cáo giải ngân quý II/2023") is { } existing) return existing.Id;
            var khtc = await db.Units.Where(u => u.Code == "KHTC").Select(u => u.Id).SingleAsync();
            var report = new PeriodicReport(2023, "Báo cáo giải ngân quý II/2023", "Q2", new DateOnly(2023, 6, 28), khtc);
            db.PeriodicReports.Add(report);
            await db.SaveChangesAsync();
            return report.Id;
        });
    }

    public Task DisposeAsync()
    {
        _factory.Clock.Reset();
        return Task.CompletedTask;
    }

    private Task<IReadOnlyList<ReminderItem>> ForAsync(string unitCode, bool editor, DateOnly today) =>
        _factory.WithDbAsync(async db =>
        {
            var unit = unitCode.Length == 0 ? (int?)null : await db.Units.Where(u => u.Code == unitCode).Select(u => u.Id).SingleAsync();
            return await new ReminderService(db).ForAsync(new ReminderAudience(unit, editor), today);
        });

    [Fact]
    public async Task A_unit_sees_its_own_tasks_and_reports_due_within_14_days()
    {
        var items = await ForAsync("KHTC", editor: false, June20);
        // Task 21 (KHTC, due 30/06/2023, not started) and the KHTC report due 28/06; task 22 (31/12) is too far.
        Assert.Equal(["report:" + _khtcReport, "task"], items.Select(i => i.Key.Split(':') is var k && k[0] == "task" ? "task" : i.Key));
        var task = items.Single(i => i.Kind == ReminderKind.Task);
        Assert.Equal(new DateOnly(2023, 6, 30), task.DueOn);
        Assert.Equal("Còn 10 ngày (hạn 30/06/2023)", task.When(June20));
        Assert.Contains("kết luận thanh tra", task.Title);

        // Another unit does not see them; a done task is never shown (QBVMT's task 24 was done).
        var ttdd = await ForAsync("TTDD", editor: false, June20);
        Assert.DoesNotContain(ttdd, i => i.Key == "report:" + _khtcReport);
        Assert.Single(ttdd, i => i.Kind == ReminderKind.Task && i.DueOn == new DateOnly(2023, 6, 30));
        Assert.Empty(await ForAsync("QBVMT", editor: false, June20));
    }

    [Fact]
    public async Task Overdue_items_stay_until_done_and_the_window_is_14_days()
    {
        var july5 = new DateOnly(2023, 7, 5);
        var items = await ForAsync("KHTC", editor: false, july5);
        var task = items.Single(i => i.Kind == ReminderKind.Task && i.DueOn == new DateOnly(2023, 6, 30));
        Assert.True(task.IsOverdue(july5));
        Assert.Equal("Quá hạn 5 ngày (hạn 30/06/2023)", task.When(july5));
        Assert.Contains(items, i => i.Key == "report:" + _khtcReport);

        // 15 days before: outside the window; 14 days before: inside.
        Assert.DoesNotContain(await ForAsync("KHTC", false, new DateOnly(2023, 6, 13)), i => i.Key == "report:" + _khtcReport);
        Assert.Contains(await ForAsync("KHTC", false, new DateOnly(2023, 6, 14)), i => i.Key == "report:" + _khtcReport);
    }

    [Fact]
    public async Task Editors_see_every_report_and_the_open_phase_deadline_and_no_other_units_tasks()
    {
        var selfEnd = await _factory.WithDbAsync(db => db.AssessmentPhases
            .Where(p => p.Kind == PhaseKind.SelfAssessment && db.Assessments.Any(a => a.Id == p.AssessmentId && a.Year == 2023))
            .Select(p => p.EndsOn).SingleAsync());
        var office = await ForAsync("", editor: true, selfEnd.AddDays(-3));
        var phase = Assert.Single(office, i => i.Kind == ReminderKind.Phase);
        Assert.Equal(("phase:2023:SelfAssessment", selfEnd), (phase.Key, phase.DueOn));
        Assert.Contains(office, i => i.Key == "report:" + _khtcReport);
        // An editor who is not the Office (the administrator) gets no unit's tasks.
        Assert.DoesNotContain(office, i => i.Kind == ReminderKind.Task);

        // A unit head does not get the phase. The Office has it from the phase's first day, not only in its last 14
        // days (issue 19).
        Assert.DoesNotContain(await ForAsync("KHTC", false, selfEnd.AddDays(-3)), i => i.Kind == ReminderKind.Phase);
        Assert.Contains(await ForAsync("", true, selfEnd.AddDays(-15)), i => i.Key == "phase:2023:SelfAssessment");
    }

    [Fact]
    public async Task The_page_and_the_landing_banner_show_the_users_own_list()
    {
        _factory.Clock.SetToday(June20);
        using var khtc = await _factory.CreateTestClient().SignInAsync(DemoAccounts.UnitHead("KHTC"));
        var page = await khtc.GetDocumentAsync("/Reminders");
        var rows = page.QuerySelectorAll("#reminders tbody tr");
        Assert.Equal(2, rows.Length);
        Assert.Contains("Còn 8 ngày (hạn 28/06/2023)", rows[0].TextContent);
        Assert.Contains("Còn 10 ngày (hạn 30/06/2023)", rows[1].TextContent);

        // A unit head lands on the unit's tasks (issue 16): the banner is there.
        var home = await khtc.GetDocumentAsync("/Tasks/Mine");
        var banner = home.QuerySelector("#reminder-banner")!;
        Assert.Contains("Bạn có 2 việc đến hạn trong 14 ngày tới", banner.TextContent);
        Assert.Equal("/Reminders", banner.QuerySelector("a")!.GetAttribute("href"));

        using var qbvmt = await _factory.CreateTestClient().SignInAsync(DemoAccounts.UnitHead("QBVMT"));
        Assert.NotNull((await qbvmt.GetDocumentAsync("/Reminders")).QuerySelector("#no-reminders"));
        Assert.Null((await qbvmt.GetDocumentAsync("/Tasks/Mine")).QuerySelector("#reminder-banner"));
    }

    [Fact]
    public async Task The_Office_is_reminded_of_the_tasks_led_by_Van_phong_So()
    {
        var (vpTask, due) = await _factory.WithDbAsync(async db =>
        {
            var vp = await db.Units.Where(u => u.Code == "VP").Select(u => u.Id).SingleAsync();
            var tasks = await db.PlanTasks.AsNoTracking().Where(t => t.LeadUnitId == vp && t.Plan!.Status == ParIndex.Domain.Plans.PlanStatus.Issued
                    && t.Status != ParIndex.Domain.Plans.PlanTaskStatus.Done && t.Status != ParIndex.Domain.Plans.PlanTaskStatus.Cancelled)
                .Select(t => new { t.Id, t.DueDate, Dates = t.DueDates.Select(d => new { d.DueOn, d.MetOn }).ToList() }).ToListAsync();
            return tasks.Select(t => (t.Id, Due: ParIndex.Domain.Plans.PlanTask.NextDue(t.DueDate, t.Dates.Select(d => (d.DueOn, d.MetOn)))))
                .First(t => t.Due is not null);
        });
        var today = due!.Value.AddDays(5); // overdue by 5 days
        _factory.Clock.SetToday(today);

        using var office = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Office);
        var page = await office.GetDocumentAsync("/Reminders");

        Assert.Null(page.QuerySelector("#no-reminders"));
        var row = page.QuerySelector($"#reminders tr[data-key^='task:{vpTask}:']");
        Assert.NotNull(row);
        Assert.Contains("Quá hạn 5 ngày", row!.TextContent);
        // The sentence says what it means: overdue items are not "due within the next 14 days".
        var home = await office.GetDocumentAsync("/");
        var sentence = home.QuerySelector("#reminder-banner [data-testid=reminder-sentence]")!.TextContent;
        Assert.Contains("việc đã quá hạn", sentence);
        Assert.DoesNotContain("trong đó", sentence);
        // A unit head of another unit is not reminded of them.
        Assert.DoesNotContain(await ForAsync("KHTC", false, today), i => i.Key.StartsWith($"task:{vpTask}:", StringComparison.Ordinal));
    }

    [Fact]
    public void The_reminder_sentence_counts_overdue_and_upcoming_items_apart()
    {
        var today = new DateOnly(2023, 9, 15);
        ReminderItem Item(int days) => new(ReminderKind.Task, $"task:{days}", "x", today.AddDays(days), "/", null);

        Assert.Equal("2 việc đã quá hạn", ReminderSentence.Of([Item(-1), Item(-20)], today));
        Assert.Equal("1 việc đã quá hạn và 2 việc đến hạn trong 14 ngày tới", ReminderSentence.Of([Item(-1), Item(0), Item(14)], today));
        Assert.Equal("1 việc đến hạn trong 14 ngày tới", ReminderSentence.Of([Item(3)], today));
    }
}
