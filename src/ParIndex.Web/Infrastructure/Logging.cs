using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace ParIndex.Web.Infrastructure;

public static class Logging
{
    // Timestamps in UTC whatever the server's zone, so logs of several servers line up.
    private const string Template =
        "{UtcTimestamp:yyyy-MM-dd HH:mm:ss.fff}Z [{Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}";

    /// <summary>
    /// A console logger for start-up failures. Not Serilog's reloadable bootstrap logger: that one can be
    /// frozen only once per process, and test hosts build several applications in one process.
    /// </summary>
    public static Serilog.ILogger CreateBootstrapLogger() =>
        new LoggerConfiguration()
            .Enrich.With<UtcTimestampEnricher>()
            .WriteTo.Console(outputTemplate: Template)
            .CreateLogger();

    public static void Configure(HostBuilderContext context, IServiceProvider services, LoggerConfiguration logger)
    {
        var folder = context.Configuration["Logging:Folder"] ?? Path.Combine(context.HostingEnvironment.ContentRootPath, "logs");
        logger.ReadFrom.Configuration(context.Configuration)
            .MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.EntityFrameworkCore", LogEventLevel.Warning)
            .Enrich.FromLogContext()
            .Enrich.With<UtcTimestampEnricher>()
            .WriteTo.Console(outputTemplate: Template)
            .WriteTo.File(Path.Combine(folder, "parindex-.log"), rollingInterval: RollingInterval.Day,
                retainedFileCountLimit: 31, outputTemplate: Template, shared: true);
    }

    private sealed class UtcTimestampEnricher : ILogEventEnricher
    {
        public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory) =>
            logEvent.AddOrUpdateProperty(propertyFactory.CreateProperty("UtcTimestamp", logEvent.Timestamp.UtcDateTime));
    }
}
