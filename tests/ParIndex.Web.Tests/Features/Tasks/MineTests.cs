using AngleSharp.Dom;
using ParIndex.Domain.Plans;
using ParIndex.Web.Data.Seed;
using ParIndex.Web.Tests.Features.Plans;
using ParIndex.Web.Tests.Infrastructure;

namespace ParIndex.Web.Tests.Features.Tasks;

public class MineTests(ParIndexFactory factory) : IClassFixture<ParIndexFactory>
{
    [Fact]
    public async Task A_unit_head_sees_overdue_due_soon_and_other_tasks_of_their_unit_and_notes_only_where_they_coordinate()
    {
        // 20/06/2023: VP's tasks due 30/06 are due soon; 31/03 reports already delivered; those due in 2022 none.
        factory.Clock.SetToday(new DateOnly(2023, 6, 20));
        try
        {
            using var head = await factory.CreateTestClient().SignInAsync(DemoAccounts.UnitHead("KHTC"));
            factory.Commands.Reset();
            factory.Commands.Recording = true;
            var page = await head.GetDocumentAsync("/Tasks/Mine");
            factory.Commands.Recording = false;
            // The page's own 1-4 queries, plus the reminder banner's shared snapshot (6 queries, read once for everyone).
            Assert.InRange(factory.Commands.Count, 1, 10);

            // KHTC leads two tasks: "6.4" due 30/06/2023 (not started) and "6.1" due 31/12/2023.
            var soon = await factory.DemoTaskAsync("KHTC", PlanTaskStatus.NotStarted);
            var later = await factory.DemoTaskAsync("KHTC", PlanTaskStatus.InProgress);
            Assert.NotNull(page.QuerySelector($"[data-testid=mine-soon] [data-testid=mine-task-{soon}]"));
            Assert.NotNull(page.QuerySelector($"[data-testid=mine-others] [data-testid=mine-task-{later}]"));
            Assert.NotNull(page.QuerySelector("[data-testid=mine-overdue-empty]"));

            // It coordinates VP's task on 7.2.1: a note form, no status buttons.
            var coordinated = page.QuerySelectorAll("[data-testid=mine-coordinated] [data-testid^=mine-coord-task-]");
            Assert.NotEmpty(coordinated);
            Assert.All(coordinated, c => Assert.Null(c.QuerySelector("[data-testid^=mine-to-]")));

            factory.Clock.SetToday(new DateOnly(2023, 7, 15));
            var laterPage = await head.GetDocumentAsync("/Tasks/Mine");
            Assert.NotNull(laterPage.QuerySelector($"[data-testid=mine-overdue] [data-testid=mine-task-{soon}]"));
        }
        finally
        {
            factory.Clock.Reset();
        }
    }

    [Fact]
    public async Task Office_without_a_unit_is_pointed_to_the_plans()
    {
        using var office = await factory.CreateTestClient().SignInAsync(DemoAccounts.Office);
        var page = await office.GetDocumentAsync("/Tasks/Mine");
        Assert.NotNull(page.QuerySelector("[data-testid=mine-no-unit]"));
    }
}
