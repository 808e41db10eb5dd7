using System.Net;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using ParIndex.Domain.Plans;
using ParIndex.Web.Tests.Infrastructure;

namespace ParIndex.Web.Tests.Features.Plans;

/// <summary>A task of the demo plan and the state a test compares before and after a refused request.</summary>
public sealed record TaskSnapshot(int Id, PlanTaskStatus Status, int Percent, Guid Version, int History, string Content, int Targets);

public static class PlanTestSupport
{
    public static Task<int> UnitIdAsync(this ParIndexFactory factory, string code) =>
        factory.WithDbAsync(db => db.Units.Where(u => u.Code == code).Select(u => u.Id).SingleAsync());

    /// <summary>The first task of the 2023 demo plan led by <paramref name="lead"/> whose coordinators are exactly as given.</summary>
    public static async Task<int> DemoTaskAsync(this ParIndexFactory factory, string lead, PlanTaskStatus? status = null,
        Func<IReadOnlyCollection<string>, bool>? coordinators = null)
    {
        var tasks = await factory.WithDbAsync(db => db.PlanTasks.AsNoTracking()
            .Where(t => t.Plan!.TargetYear == 2023 && db.Units.Any(u => u.Id == t.LeadUnitId && u.Code == lead))
            .OrderBy(t => t.SortOrder)
            .Select(t => new { t.Id, t.Status, Coordinators = t.Coordinators.Select(c => db.Units.Where(u => u.Id == c.UnitId).Select(u => u.Code).First()).ToList() })
            .ToListAsync());
        return tasks.First(t => (status is null || t.Status == status) && (coordinators is null || coordinators(t.Coordinators))).Id;
    }

    public static Task<TaskSnapshot> SnapshotAsync(this ParIndexFactory factory, int id) =>
        factory.WithDbAsync(db => db.PlanTasks.AsNoTracking().Where(t => t.Id == id)
            .Select(t => new TaskSnapshot(t.Id, t.Status, t.PercentComplete, t.Version, t.Progress.Count, t.Content, t.Targets.Count))
            .SingleAsync());

    /// <summary>Refused: 403 (the application answers a refusal itself, never with a redirect) or 404.</summary>
    public static bool IsDenied(HttpResponseMessage response) =>
        response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound;

    /// <summary>A post built by hand (for handlers whose form the user is never shown), with the user's antiforgery token.</summary>
    public static async Task<HttpResponseMessage> PostAsync(this TestClient client, string url, Dictionary<string, string> fields)
    {
        var token = await client.AntiforgeryTokenAsync("/Plans");
        var values = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token };
        return await client.Http.PostAsync(url, new FormUrlEncodedContent(values));
    }

    public static string Text(this IDocument page, string testId) =>
        page.QuerySelector($"[data-testid='{testId}']")?.TextContent.Trim()
        ?? throw new InvalidOperationException($"No element data-testid={testId}");
}

/// <summary>
/// The plan and task test classes run one after another: application hosts started in parallel race on Serilog's
/// static bootstrap logger ("The entry point exited without ever building an IHost"), see the report to the lead.
/// </summary>
[CollectionDefinition(Name)]
public sealed class PlansCollection
{
    public const string Name = "Plans";
}
