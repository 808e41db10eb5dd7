namespace ParIndex.Web.Features.Api;

public static class ApiFeature
{
    /// <summary>The read-only JSON API under /api/v1 and its OpenAPI document.</summary>
    public static IServiceCollection AddApi(this IServiceCollection services)
    {
        services.AddOpenApi("v1");
        return services;
    }

    public static IEndpointRouteBuilder MapApi(this IEndpointRouteBuilder app) => ApiEndpoints.MapParIndexApi(app);
}
