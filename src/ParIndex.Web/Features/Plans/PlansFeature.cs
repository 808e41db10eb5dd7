namespace ParIndex.Web.Features.Plans;

public static class PlansFeature
{
    /// <summary>The improvement plan: its pages, the unit heads' tasks, the plan's export reader.</summary>
    public static IServiceCollection AddPlans(this IServiceCollection services)
    {
        services.AddScoped<PlanExportReader>();
        return services;
    }
}
