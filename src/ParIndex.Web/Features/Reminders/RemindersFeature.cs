using MailKit.Security;

namespace ParIndex.Web.Features.Reminders;

public static class RemindersFeature
{
    /// <summary>The reminders page and banner, and the reminder e-mail job.</summary>
    public static IServiceCollection AddReminders(this IServiceCollection services)
    {
        services.AddScoped<ReminderService>();
        services.AddScoped<ReminderMailer>();
        services.AddScoped<MailSender>();
        services.AddOptions<ReminderEmailOptions>().BindConfiguration(ReminderEmailOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => Enum.TryParse<SecureSocketOptions>(o.Security, ignoreCase: true, out _),
                "Reminders:Email:Security must be None, StartTls, SslOnConnect or Auto.")
            .Validate(o => o.BaseUrl is null || ParIndex.Domain.Formatting.WebAddress.IsValid(o.BaseUrl),
                "Reminders:Email:BaseUrl must be an absolute http or https address (e.g. https://cchc.example.gov.vn).")
            .ValidateOnStart();
        services.AddHostedService<ReminderEmailJob>();
        return services;
    }
}
