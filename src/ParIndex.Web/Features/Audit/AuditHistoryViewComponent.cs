using Microsoft.AspNetCore.Mvc;
using ParIndex.Web.Infrastructure.Caching;

namespace ParIndex.Web.Features.Audit;

/// <summary>
/// The change history of one record, for any page that shows that record:
/// <c>@await Component.InvokeAsync("AuditHistory", new { entityType = "PlanTask", entityId = task.Id.ToString() })</c>.
/// Entity types: SubCriterionScore (with its evidence), PlanTask (with its progress, due dates, targets, coordinators),
/// ImprovementPlan, PublishedResult, Assessment (phases), Unit, ApplicationUser (with role changes).
/// One query, at most <see cref="AuditQuery.MaxHistoryRows"/> entries, newest first, shared between requests through the
/// <see cref="ReadCache"/> (key <c>audit:{type}:{id}</c>): the audit rows are written in the change's own transaction,
/// whose commit drops every shared read, so a change shows in the history of the page its save redirects to.
/// </summary>
public sealed class AuditHistoryViewComponent(ReadCache cache) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(string entityType, string entityId)
    {
        IReadOnlyList<AuditRow> rows = await cache.GetAsync($"audit:{entityType}:{entityId}",
            services => services.GetRequiredService<AuditQuery>().HistoryAsync(entityType, entityId, CancellationToken.None),
            HttpContext.RequestAborted);
        return View("/Features/Audit/_AuditHistory.cshtml", rows);
    }
}
