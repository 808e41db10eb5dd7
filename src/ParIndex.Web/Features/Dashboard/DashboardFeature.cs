namespace ParIndex.Web.Features.Dashboard;

public static class DashboardFeature
{
    /// <summary>The leadership dashboard: its reader and the snapshot shared between viewers.</summary>
    public static IServiceCollection AddDashboard(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<DashboardReader>();
        services.AddSingleton<DashboardCache>();
        if (configuration.GetValue("Bench:SyntheticLoad", false)) services.AddHostedService<SyntheticLoadStartup>();
        return services;
    }
}
