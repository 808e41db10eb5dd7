using ParIndex.Web.Features.Reminders;

namespace ParIndex.Web.Features.Operations;

public static class OperationsRegistration
{
    /// <summary>Dossiers, periodic reports, the projection, reminders and the reminder e-mail job.</summary>
    public static IServiceCollection AddParIndexOperations(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<DossierImporter>();
        services.AddScoped<DossierReader>();
        services.AddScoped<ReportService>();
        services.AddScoped<ProjectionReader>();
        services.AddScoped<WorkingYear>();
        services.AddScoped<FactRecorder>();
        services.AddScoped<FactSourceService>();
        services.AddScoped<ReminderService>();
        services.AddScoped<ReminderMailer>();
        services.Configure<ReminderEmailOptions>(configuration.GetSection(ReminderEmailOptions.Section));
        services.AddHostedService<ReminderEmailJob>();
        return services;
    }
}
