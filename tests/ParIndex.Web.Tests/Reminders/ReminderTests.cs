using Microsoft.EntityFrameworkCore;
using ParIndex.Domain.Assessments;
using ParIndex.Domain.Operations;
using ParIndex.Web.Data.Seed;
using ParIndex.Web.Features.Reminders;
using ParIndex.Web.Tests.Infrastructure;
using ParIndex.Web.Tests.Features.Operations;

namespace ParIndex.Web.Tests.Reminders;

/// <summary>Who sees which reminder, on a fixed day, on /Reminders and in the banner of the landing page.</summary>
[Collection(OperationsCollection.Name)]
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
    public async Task Office_sees_every_report_and_the_open_phase_deadline_but_no_unit_tasks()
    {
        var selfEnd = await _factory.WithDbAsync(db => db.AssessmentPhases
            .Where(p => p.Kind == PhaseKind.SelfAssessment && db.Assessments.Any(a => a.Id == p.AssessmentId && a.Year == 2023))
            .Select(p => p.EndsOn).SingleAsync());
        var office = await ForAsync("", editor: true, selfEnd.AddDays(-3));
        var phase = Assert.Single(office, i => i.Kind == ReminderKind.Phase);
        Assert.Equal(("phase:2023:SelfAssessment", selfEnd), (phase.Key, phase.DueOn));
        Assert.Contains(office, i => i.Key == "report:" + _khtcReport);
        Assert.DoesNotContain(office, i => i.Kind == ReminderKind.Task);

        // A unit head does not get the phase; 15 days before the end nobody does.
        Assert.DoesNotContain(await ForAsync("KHTC", false, selfEnd.AddDays(-3)), i => i.Kind == ReminderKind.Phase);
        Assert.DoesNotContain(await ForAsync("", true, selfEnd.AddDays(-15)), i => i.Kind == ReminderKind.Phase);
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

        var home = await khtc.GetDocumentAsync("/");
        var banner = home.QuerySelector("#reminder-banner")!;
        Assert.Contains("Bạn có 2 việc đến hạn trong 14 ngày tới", banner.TextContent);
        Assert.Equal("/Reminders", banner.QuerySelector("a")!.GetAttribute("href"));

        using var qbvmt = await _factory.CreateTestClient().SignInAsync(DemoAccounts.UnitHead("QBVMT"));
        Assert.NotNull((await qbvmt.GetDocumentAsync("/Reminders")).QuerySelector("#no-reminders"));
        Assert.Null((await qbvmt.GetDocumentAsync("/")).QuerySelector("#reminder-banner"));
    }
}
