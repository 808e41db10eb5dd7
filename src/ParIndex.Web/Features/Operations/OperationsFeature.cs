namespace ParIndex.Web.Features.Operations;

public static class OperationsFeature
{
    /// <summary>The year's operations: dossiers, periodic reports, recorded facts and their sources, the projection.</summary>
    public static IServiceCollection AddOperations(this IServiceCollection services)
    {
        services.AddScoped<DossierImporter>();
        services.AddScoped<DossierReader>();
        services.AddScoped<ReportService>();
        services.AddScoped<ProjectionReader>();
        services.AddScoped<WorkingYear>();
        services.AddScoped<FactRecorder>();
        services.AddScoped<FactSourceService>();
        services.AddScoped<CalendarService>();
        services.AddScoped<DossierService>();
        return services;
    }
}
