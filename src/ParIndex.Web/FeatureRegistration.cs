namespace ParIndex.Web;

/// <summary>
/// Services and endpoints of the feature folders. Each feature adds its own line here, so Startup stays short.
/// </summary>
public static class FeatureRegistration
{
    public static IServiceCollection AddParIndexFeatures(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<ParIndex.Web.Features.Assessments.AssessmentReader>();
        services.AddScoped<ParIndex.Web.Features.Assessments.ScoreService>();
        services.AddSingleton<Infrastructure.FileStore>();
        services.AddScoped<ParIndex.Web.Features.Audit.AuditQuery>();
        services.Configure<Microsoft.AspNetCore.Mvc.MvcOptions>(o => o.Filters.Add<Identity.RequireTwoFactorFilter>());
        return services;
    }

    public static IEndpointRouteBuilder MapParIndexEndpoints(this IEndpointRouteBuilder app)
    {
        return app;
    }
}
