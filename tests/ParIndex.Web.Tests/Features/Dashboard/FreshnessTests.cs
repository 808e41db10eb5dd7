using System.Net;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using ParIndex.Domain.Plans;
using ParIndex.Web.Data.Seed;
using ParIndex.Web.Tests.Features.Plans;
using ParIndex.Web.Tests.Infrastructure;

namespace ParIndex.Web.Tests.Features.Dashboard;

/// <summary>
/// The dashboard is shared between viewers, and a save is on it at once: the writer's next request sees the new
/// figure (it once waited out a 5-second window).
/// </summary>
public class FreshnessTests(ParIndexFactory factory) : IClassFixture<ParIndexFactory>
{
    private static int Cell(IDocument page, string unit, string testId) =>
        int.Parse(page.QuerySelector($"[data-testid='accountability'] tbody tr[data-unit='{unit}'] [data-testid='{testId}']")!.TextContent,
            System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_task_status_saved_through_the_form_shows_on_the_dashboard_at_the_next_request()
    {
        var id = await factory.DemoTaskAsync("TTDD", PlanTaskStatus.NotStarted);
        using var office = await factory.CreateTestClient().SignInAsync(DemoAccounts.Office);
        using var leadership = await factory.CreateTestClient().SignInAsync(DemoAccounts.Leadership);
        var before = await office.GetDocumentAsync("/Dashboard");
        var seenByOther = await leadership.GetDocumentAsync("/Dashboard"); // the shared snapshot is in use
        Assert.Equal(Cell(before, "TTDD", "unit-progress"), Cell(seenByOther, "TTDD", "unit-progress"));

        var saved = await office.SubmitAsync($"/Plans/2023/Tasks/{id}", "[data-testid=task-status-form]",
            new() { ["StatusInput.To"] = "InProgress" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(PlanTaskStatus.InProgress, (await factory.SnapshotAsync(id)).Status);

        var after = await office.GetDocumentAsync("/Dashboard");
        Assert.Equal(Cell(before, "TTDD", "unit-progress") + 1, Cell(after, "TTDD", "unit-progress"));
        Assert.Equal(Cell(before, "TTDD", "unit-notstarted") - 1, Cell(after, "TTDD", "unit-notstarted"));
        var other = await leadership.GetDocumentAsync("/Dashboard");
        Assert.Equal(Cell(after, "TTDD", "unit-progress"), Cell(other, "TTDD", "unit-progress"));
        Assert.True(await factory.WithDbAsync(db => db.PlanTasks.AnyAsync(t => t.Id == id && t.Status == PlanTaskStatus.InProgress)));
    }
}
