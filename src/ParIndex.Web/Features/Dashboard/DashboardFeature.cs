namespace ParIndex.Web.Features.Dashboard;

public static class DashboardFeature
{
    /// <summary>The leadership dashboard: its reader and the snapshot shared between viewers.</summary>
    public static IServiceCollection AddDashboard(this IServiceCollection services)
    {
        services.AddScoped<DashboardReader>();
        services.AddSingleton<DashboardCache>();
        return services;
    }
}
