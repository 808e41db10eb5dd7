namespace ParIndex.Web.Features.Reminders;

public static class RemindersFeature
{
    /// <summary>The reminders page and banner, and the reminder e-mail job.</summary>
    public static IServiceCollection AddReminders(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<ReminderService>();
        services.AddScoped<ReminderMailer>();
        services.AddScoped<MailSender>();
        services.Configure<ReminderEmailOptions>(configuration.GetSection(ReminderEmailOptions.Section));
        services.AddHostedService<ReminderEmailJob>();
        return services;
    }
}
