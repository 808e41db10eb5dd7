using Microsoft.AspNetCore.Mvc;

namespace ParIndex.Web.Features.Audit;

/// <summary>
/// The change history of one record, for any page that shows that record:
/// <c>@await Component.InvokeAsync("AuditHistory", new { entityType = "PlanTask", entityId = task.Id.ToString() })</c>.
/// Entity types: SubCriterionScore (with its evidence), PlanTask (with its progress, due dates, targets, coordinators),
/// ImprovementPlan, PublishedResult, Assessment (phases), Unit, ApplicationUser (with role changes).
/// One query, at most <see cref="AuditQuery.MaxHistoryRows"/> entries, newest first.
/// </summary>
public sealed class AuditHistoryViewComponent(AuditQuery audit) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(string entityType, string entityId)
    {
        var rows = await audit.HistoryAsync(entityType, entityId, HttpContext.RequestAborted);
        return View("/Features/Audit/_AuditHistory.cshtml", rows);
    }
}
