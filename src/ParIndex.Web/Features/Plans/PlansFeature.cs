using Microsoft.AspNetCore.Authorization;

namespace ParIndex.Web.Features.Plans;

public static class PlansFeature
{
    /// <summary>The improvement plan: its pages, the unit heads' tasks, the plan's export reader.</summary>
    public static IServiceCollection AddPlans(this IServiceCollection services)
    {
        services.AddScoped<PlanExportReader>();
        // Who may change a task's status or report on it: the record-level rule (TaskRightRequirement).
        services.AddScoped<IAuthorizationHandler, TaskRightHandler>();
        return services;
    }
}
