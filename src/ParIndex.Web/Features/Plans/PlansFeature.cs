using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace ParIndex.Web.Features.Plans;

public static class PlansFeature
{
    /// <summary>
    /// The improvement plan: its pages, the unit heads' tasks, the one reader of a plan's tasks, the plan's export reader,
    /// and the agency settings (section "Agency", validated at start and read once).
    /// </summary>
    public static IServiceCollection AddPlans(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AgencyOptions>().Bind(configuration.GetSection(AgencyOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<AgencyOptions>>().Value);
        // A version of a year's plan read at its own address (a superseded one stays readable as issued).
        services.Configure<Microsoft.AspNetCore.Mvc.RazorPages.RazorPagesOptions>(options =>
            options.Conventions.AddPageRoute("/Plans/Details", "Plans/{year:int}/ban/{revision:int}"));
        services.AddScoped<PlanTaskReader>();
        services.AddScoped<PlanExportReader>();
        // Who may change a task's status or report on it: the record-level rule (TaskRightRequirement).
        services.AddScoped<IAuthorizationHandler, TaskRightHandler>();
        return services;
    }
}
