using Microsoft.Extensions.Options;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Display;

namespace ParIndex.Web.Infrastructure;

public static class Logging
{
    /// <summary>The status nginx and others log for a request the client gave up on before the answer was sent.</summary>
    public const int ClientClosedRequest = 499;

    /// <summary>
    /// Request logging as Serilog does it, except for requests the client abandoned (a closed tab, a load generator
    /// stopping): their cancellation reaches the request logger as an exception, which it would log as an error with
    /// status 500. They are logged at Information with status 499, so that errors in the log are the server's own.
    /// </summary>
    public static void ConfigureRequests(Serilog.AspNetCore.RequestLoggingOptions options)
    {
        options.GetLevel = (http, _, ex) => ClientClosed(http, ex) ? LogEventLevel.Information
            : ex is not null || http.Response.StatusCode > 499 ? LogEventLevel.Error
            : LogEventLevel.Information;
        options.GetMessageTemplateProperties = (http, path, elapsed, status) =>
        [
            new LogEventProperty("RequestMethod", new ScalarValue(http.Request.Method)),
            new LogEventProperty("RequestPath", new ScalarValue(path)),
            new LogEventProperty("StatusCode", new ScalarValue(status == 500 && http.RequestAborted.IsCancellationRequested ? ClientClosedRequest : status)),
            new LogEventProperty("Elapsed", new ScalarValue(elapsed)),
        ];
    }

    private static bool ClientClosed(HttpContext http, Exception? ex) =>
        http.RequestAborted.IsCancellationRequested && ex is OperationCanceledException or IOException;

    /// <summary>The log files under <c>Logging:Folder</c>: this prefix, the UTC day as yyyyMMdd, ".log".</summary>
    public const string FilePrefix = "parindex-";

    /// <summary>How many days of log files are kept.</summary>
    private const int RetainedFiles = 31;

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
        var settings = services.GetRequiredService<IOptions<LoggingOptions>>().Value;
        var folder = settings.Folder ?? Path.Combine(context.HostingEnvironment.ContentRootPath, "logs");
        logger.ReadFrom.Configuration(context.Configuration)
            .MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.EntityFrameworkCore", LogEventLevel.Warning)
            .Enrich.FromLogContext()
            .Enrich.With<UtcTimestampEnricher>();
        switch (settings)
        {
            case { ConsoleOff: true }:
                break;
            case { ConsoleSync: true }:
                logger.WriteTo.Console(outputTemplate: Template);
                break;
            default:
                // The console (a terminal, docker or journald pipe) is slow and blocks its writer under load: every
                // request waited for it. A background task writes it in batches instead; past 10,000 queued events it
                // drops console lines rather than slow the requests (the file below still has every event).
                BatchedConsole.Write(logger.WriteTo, c => c.Console(outputTemplate: Template));
                break;
        }
        // The day's file is the log of record. It stays synchronous and unbuffered: each event is handed to the
        // operating system (one write call) before the request that logged it goes on, so a crash of the process,
        // even SIGKILL, loses no event that was logged (a power cut can still lose what the OS had not put on disk).
        // Not Serilog's file sink: its `shared` mode takes a system-wide mutex for every event, and even unshared it
        // formats each event inside its lock, where the requests queued under load (LogFile). See OwnedLogFile for two
        // processes on one folder.
        logger.WriteTo.Sink(OwnedLogFile.Open(folder, Template));
    }

    /// <summary>
    /// The day's file, written by one logger alone. .NET's append mode is a write at the position the stream
    /// remembers, so two unshared writers of one file overwrite each other's lines. The first logger on a folder
    /// holds an exclusive lock on <c>.owner/lock</c> there and writes <c>parindex-yyyyMMdd.log</c>; any other (a second
    /// process, or a second app in one test host) writes a file named after its process and its own number instead,
    /// so no line is lost and no writer waits for another.
    /// </summary>
    private sealed class OwnedLogFile(LogFile file, FileStream? ownerLock) : ILogEventSink, IDisposable
    {
        private static int _instances;

        public static OwnedLogFile Open(string folder, string template)
        {
            FileStream? ownerLock = null;
            try
            {
                // In a folder of its own, so that whoever reads every file of the log folder never meets the lock.
                var locks = Directory.CreateDirectory(Path.Combine(folder, ".owner"));
                ownerLock = new FileStream(Path.Combine(locks.FullName, "lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Another writer owns the folder's main file (or the folder cannot be written: the log file reports
                // that to Serilog's SelfLog on each event, rather than stopping the start-up).
            }
            var prefix = ownerLock is not null ? FilePrefix
                : $"parindex-p{Environment.ProcessId}.{Interlocked.Increment(ref _instances)}-";
            return new OwnedLogFile(new LogFile(folder, prefix, new MessageTemplateTextFormatter(template), RetainedFiles), ownerLock);
        }

        public void Emit(LogEvent logEvent) => file.Emit(logEvent);

        public void Dispose()
        {
            file.Dispose();
            ownerLock?.Dispose();
        }
    }

    private sealed class UtcTimestampEnricher : ILogEventEnricher
    {
        public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory) =>
            logEvent.AddOrUpdateProperty(propertyFactory.CreateProperty("UtcTimestamp", logEvent.Timestamp.UtcDateTime));
    }
}
