using Microsoft.Extensions.Options;

namespace ParIndex.Web.Features.Plans;

/// <summary>The plan feature's services: the agency settings (validated at start), the one reader of a plan's tasks.</summary>
public static class PlansRegistration
{
    public static IServiceCollection AddPlans(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AgencyOptions>().Bind(configuration.GetSection(AgencyOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        // Read once: the settings are bound at start and handed out as the one instance.
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<AgencyOptions>>().Value);
        services.AddScoped<PlanTaskReader>();
        return services;
    }
}
