namespace ParIndex.Web;

/// <summary>
/// Services and endpoints of the feature folders. Each feature adds its own line here, so Startup stays short.
/// </summary>
public static class FeatureRegistration
{
    public static IServiceCollection AddParIndexFeatures(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<ParIndex.Web.Features.Assessments.AssessmentReader>();
        services.AddSingleton<ParIndex.Web.Features.Assessments.AssessmentViewCache>();
        services.AddScoped<ParIndex.Web.Features.Assessments.ScoreService>();
        services.AddScoped<ParIndex.Web.Features.Assessments.EvidenceService>();
        ParIndex.Web.Features.Plans.FormsRegistration.AddParIndexForms(services);
        services.AddSingleton<Infrastructure.FileStore>();
        ParIndex.Web.Features.Api.ApiEndpoints.AddDashboardAndApi(services, configuration);
        services.AddScoped<ParIndex.Web.Features.Exports.PlanExportReader>();
        ParIndex.Web.Features.Operations.OperationsRegistration.AddParIndexOperations(services, configuration);
        services.AddScoped<ParIndex.Web.Features.Audit.AuditQuery>();
        services.Configure<Microsoft.AspNetCore.Mvc.MvcOptions>(o => o.Filters.Add<Identity.RequireTwoFactorFilter>());
        services.Configure<Microsoft.AspNetCore.Mvc.MvcOptions>(o => o.Filters.Add<Infrastructure.MethodNotAllowedFilter>());
        return services;
    }

    public static IEndpointRouteBuilder MapParIndexEndpoints(this IEndpointRouteBuilder app)
    {
        ParIndex.Web.Features.Api.ApiEndpoints.MapParIndexApi(app);
        ParIndex.Web.Features.Exports.ExportEndpoints.MapExports(app);
        return app;
    }
}
