namespace ParIndex.Web.Features.Audit;

public static class AuditFeature
{
    /// <summary>
    /// The audit trail: the interceptor that records every change to the audited entities (the database setup attaches
    /// it to each context), the guard that refuses SQL changing audit rows, and the history query of the pages.
    /// </summary>
    public static IServiceCollection AddAudit(this IServiceCollection services)
    {
        services.AddSingleton<AuditInterceptor>();
        services.AddSingleton<AuditGuard>();
        services.AddScoped<AuditQuery>();
        return services;
    }
}
