using Microsoft.EntityFrameworkCore;
using ParIndex.Domain.Assessments;
using ParIndex.Domain.Plans;
using ParIndex.Web.Data.Seed;
using ParIndex.Web.Features.Reminders;
using ParIndex.Web.Tests.Infrastructure;

namespace ParIndex.Web.Tests.Reminders;

/// <summary>
/// Issue 19, "Reminders and documents": Leadership is reminded of the department's overdue tasks by unit, of plans
/// waiting for it, of phases and of explanations owed; unit heads of the explanations their unit owes; phases from
/// the day they open; never of the end of the publication phase.
/// </summary>
public class LeadershipReminderTests : IClassFixture<ParIndexFactory>, IAsyncLifetime
{
    private static readonly ReminderAudience Leadership = new(null, IsEditor: false, IsLeadership: true);
    private static readonly ReminderAudience Office = new(null, IsEditor: true, IsOffice: true);
    private readonly ParIndexFactory _factory;

    public LeadershipReminderTests(ParIndexFactory factory) => _factory = factory;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        _factory.Clock.Reset();
        return Task.CompletedTask;
    }

    private Task<IReadOnlyList<ReminderItem>> ForAsync(ReminderAudience audience, DateOnly today) =>
        _factory.WithDbAsync(db => new ReminderService(db).ForAsync(audience, today));

    private Task<int> UnitAsync(string code) => _factory.WithDbAsync(db => db.Units.Where(u => u.Code == code).Select(u => u.Id).SingleAsync());

    private Task<AssessmentPhase> PhaseAsync(int year, PhaseKind kind) => _factory.WithDbAsync(db => db.AssessmentPhases.AsNoTracking()
        .SingleAsync(p => p.Kind == kind && db.Assessments.Any(a => a.Id == p.AssessmentId && a.Year == year)));

    [Fact]
    public async Task Leadership_sees_each_units_overdue_tasks_counted_and_no_single_task()
    {
        var today = new DateOnly(2023, 12, 5);
        var expected = await _factory.WithDbAsync(async db =>
        {
            var tasks = await db.PlanTasks.AsNoTracking()
                .Where(t => t.Plan!.Status == PlanStatus.Issued && t.Status != PlanTaskStatus.Done && t.Status != PlanTaskStatus.Cancelled)
                .Select(t => new { t.LeadUnitId, t.DueDate, Dates = t.DueDates.Select(d => new { d.DueOn, d.MetOn }).ToList() }).ToListAsync();
            return tasks.Where(t => PlanTask.NextDue(t.DueDate, t.Dates.Select(d => (d.DueOn, d.MetOn))) < today)
                .GroupBy(t => t.LeadUnitId).ToDictionary(g => g.Key, g => g.Count());
        });
        Assert.NotEmpty(expected); // the demo has overdue tasks on its working day

        var items = await ForAsync(Leadership, today);
        var byUnit = items.Where(i => i.Kind == ReminderKind.OverdueTasks).ToList();
        Assert.Equal(expected.Count, byUnit.Count);
        foreach (var (unit, count) in expected)
        {
            var item = Assert.Single(byUnit, i => i.Key == $"overdue:2023:{unit}");
            Assert.StartsWith($"{count} nhiệm vụ quá hạn", item.Title, StringComparison.Ordinal);
            Assert.Equal($"/Plans/2023?Unit={unit}&Status=Overdue", item.Url);
            Assert.True(item.IsOverdue(today));
        }
        Assert.DoesNotContain(items, i => i.Kind == ReminderKind.Task);
        // Unit heads and the Office do not get the department's summary.
        Assert.DoesNotContain(await ForAsync(Office, today), i => i.Kind == ReminderKind.OverdueTasks);

        // The page, as Leadership signs in: no more "Không có việc nào…".
        _factory.Clock.SetToday(today);
        using var leader = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Leadership);
        var page = await leader.GetDocumentAsync("/Reminders");
        Assert.Null(page.QuerySelector("#no-reminders"));
        Assert.Equal(expected.Count, page.QuerySelectorAll("#reminders tr[data-key^='overdue:']").Length);
        Assert.Contains("việc đã quá hạn", page.QuerySelector("[data-testid=reminder-sentence]")!.TextContent);
    }

    [Fact]
    public async Task A_plan_submitted_for_signature_waits_for_Leadership_only()
    {
        var today = new DateOnly(2023, 12, 5);
        var plan = await _factory.WithDbAsync(db => db.Plans.AsNoTracking().SingleAsync(p => p.TargetYear == 2023));
        await _factory.WithDbAsync(db => db.Plans.Where(p => p.Id == plan.Id).ExecuteUpdateAsync(u => u
            .SetProperty(p => p.Status, PlanStatus.Submitted).SetProperty(p => p.SubmittedAt, new DateTime(2023, 12, 1, 20, 0, 0, DateTimeKind.Utc))));
        try
        {
            var item = Assert.Single(await ForAsync(Leadership, today), i => i.Kind == ReminderKind.Approval);
            // 20:00 UTC on 01/12 is 02/12 in Vietnam.
            Assert.Equal("Trình ký ngày 02/12/2023", item.When(today));
            Assert.False(item.IsOverdue(today));
            Assert.Equal("/Plans/2023", item.Url);
            Assert.DoesNotContain(await ForAsync(Office, today), i => i.Kind == ReminderKind.Approval);
        }
        finally
        {
            await _factory.WithDbAsync(db => db.Plans.Where(p => p.Id == plan.Id).ExecuteUpdateAsync(u => u
                .SetProperty(p => p.Status, plan.Status).SetProperty(p => p.SubmittedAt, plan.SubmittedAt)));
        }
    }

    [Fact]
    public async Task Explanations_owed_remind_the_lead_unit_the_Office_and_Leadership_while_the_phase_is_near_or_open()
    {
        var explanation = await PhaseAsync(2023, PhaseKind.Explanation);
        var (subId, code, lead) = await _factory.WithDbAsync(async db =>
        {
            var assessment = await db.Assessments.SingleAsync(a => a.Year == 2023);
            var sub = await db.SubCriteria.AsNoTracking()
                .Where(s => s.LeadUnitId != null && db.Areas.Any(a => a.FrameworkId == assessment.FrameworkId && a.Criteria.Any(c => c.Id == s.CriterionId)))
                .OrderBy(s => s.Id).FirstAsync();
            var score = await db.Scores.SingleOrDefaultAsync(s => s.AssessmentId == assessment.Id && s.SubCriterionId == sub.Id);
            if (score is null) db.Scores.Add(score = new SubCriterionScore(assessment.Id, sub.Id));
            score.SetSelf(sub.MaxPoints, null, null, "test", DateTime.UtcNow);
            score.SetRound1(0, "thiếu tài liệu", "test", DateTime.UtcNow);
            await db.SaveChangesAsync();
            return (sub.Id, sub.Code, sub.LeadUnitId!.Value);
        });
        var other = await _factory.WithDbAsync(db => db.Units.Where(u => u.Id != lead).Select(u => u.Id).FirstAsync());

        // 3 days before the explanation phase opens, and on its first day.
        foreach (var today in new[] { explanation.StartsOn.AddDays(-3), explanation.StartsOn })
        {
            var unitItems = await ForAsync(new ReminderAudience(lead, false), today);
            var owed = Assert.Single(unitItems, i => i.Key == $"explain:2023:{subId}");
            Assert.Contains($"Giải trình tiêu chí thành phần {code}", owed.Title, StringComparison.Ordinal);
            Assert.Equal(explanation.EndsOn, owed.DueOn);
            Assert.Equal("/Assessments/2023/Explanations", owed.Url);
            Assert.DoesNotContain(await ForAsync(new ReminderAudience(other, false), today), i => i.Key == owed.Key);
            Assert.Contains(await ForAsync(Office, today), i => i.Key == owed.Key);
            var summary = Assert.Single(await ForAsync(Leadership, today), i => i.Key == "explain:2023");
            Assert.Contains("chưa có giải trình", summary.Title, StringComparison.Ordinal);
        }

        // Written: nobody is reminded any more.
        await _factory.WithDbAsync(async db =>
        {
            var score = await db.Scores.SingleAsync(s => s.SubCriterionId == subId && db.Assessments.Any(a => a.Id == s.AssessmentId && a.Year == 2023));
            score.SetExplanation("Đã bổ sung tài liệu.", "test", DateTime.UtcNow);
            await db.SaveChangesAsync();
        });
        Assert.DoesNotContain(await ForAsync(new ReminderAudience(lead, false), explanation.StartsOn), i => i.Key == $"explain:2023:{subId}");
        Assert.DoesNotContain(await ForAsync(Leadership, explanation.StartsOn), i => i.Key == "explain:2023");
    }

    [Fact]
    public async Task A_phase_is_announced_before_it_opens_and_shown_while_it_runs_and_publication_is_never_a_reminder()
    {
        var round1 = await PhaseAsync(2023, PhaseKind.Appraisal1);
        var published = await PhaseAsync(2023, PhaseKind.Published);
        var before = round1.StartsOn.AddDays(-5);
        var coming = Assert.Single(await ForAsync(Leadership, before), i => i.Key == "phase-start:2023:Appraisal1");
        Assert.Equal($"Bắt đầu ngày {round1.StartsOn:dd/MM/yyyy}, kết thúc ngày {round1.EndsOn:dd/MM/yyyy}", coming.When(before));
        Assert.False(coming.IsOverdue(before));
        Assert.Contains(await ForAsync(Office, before), i => i.Key == "phase-start:2023:Appraisal1");

        // From its first day, not only in its last 14 days.
        if (round1.EndsOn.DayNumber - round1.StartsOn.DayNumber > ReminderService.WindowDays)
            Assert.Contains(await ForAsync(Leadership, round1.StartsOn), i => i.Key == "phase:2023:Appraisal1");
        Assert.Contains(await ForAsync(Office, round1.StartsOn), i => i.Key == "phase:2023:Appraisal1");
        Assert.DoesNotContain(await ForAsync(new ReminderAudience(await UnitAsync("KHTC"), false), round1.StartsOn), i => i.Kind is ReminderKind.Phase or ReminderKind.PhaseStart);

        foreach (var day in new[] { published.StartsOn.AddDays(-3), published.StartsOn, published.EndsOn.AddDays(-1) })
        {
            Assert.DoesNotContain(await ForAsync(Leadership, day), i => i.Key.Contains("Published", StringComparison.Ordinal));
            Assert.DoesNotContain(await ForAsync(Office, day), i => i.Key.Contains("Published", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void The_sentence_does_not_call_a_long_running_phase_or_a_waiting_plan_due_within_14_days()
    {
        var today = new DateOnly(2023, 12, 5);
        var phase = new ReminderItem(ReminderKind.Phase, "phase", "x", today.AddDays(40), "/", null);
        var plan = new ReminderItem(ReminderKind.Approval, "approve", "x", today.AddDays(-3), "/", null, "Trình ký ngày 02/12/2023");
        var task = new ReminderItem(ReminderKind.Task, "task", "x", today.AddDays(2), "/", null);
        Assert.Equal("1 việc đến hạn trong 14 ngày tới và 2 việc khác cần theo dõi", ReminderSentence.Of([phase, plan, task], today));
    }
}
