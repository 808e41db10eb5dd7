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
            .Enrich.With<UtcTimestampEnricher>();
        switch (ConsoleMode(context.Configuration))
        {
            case "Off":
                break;
            case "Sync":
                logger.WriteTo.Console(outputTemplate: Template);
                break;
            default:
                // The console (a terminal, docker or journald pipe) is slow and blocks its writer under load: every
                // request waited for it. A background worker writes it instead; past 10,000 queued events it drops
                // console lines rather than slow the requests (the file below still has every event).
                logger.WriteTo.Async(a => a.Console(outputTemplate: Template), bufferSize: 10_000, blockWhenFull: false);
                break;
        }
        // The rolling file stays synchronous: it is the log of record, cheap to append to, and complete when a request ends.
        logger.WriteTo.File(Path.Combine(folder, "parindex-.log"), rollingInterval: RollingInterval.Day,
                retainedFileCountLimit: 31, outputTemplate: Template, shared: true);
    }

    /// <summary><c>Logging:Console</c>: <c>Async</c> (default), <c>Sync</c> or <c>Off</c>.</summary>
    private static string ConsoleMode(IConfiguration configuration) =>
        (configuration["Logging:Console"] ?? "Async") switch
        {
            var v when v.Equals("Off", StringComparison.OrdinalIgnoreCase) || v.Equals("false", StringComparison.OrdinalIgnoreCase) => "Off",
            var v when v.Equals("Sync", StringComparison.OrdinalIgnoreCase) => "Sync",
            _ => "Async",
        };

    private sealed class UtcTimestampEnricher : ILogEventEnricher
    {
        public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory) =>
            logEvent.AddOrUpdateProperty(propertyFactory.CreateProperty("UtcTimestamp", logEvent.Timestamp.UtcDateTime));
    }
}
