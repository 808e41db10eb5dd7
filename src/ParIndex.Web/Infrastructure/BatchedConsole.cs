using Serilog;
using Serilog.Configuration;
using Serilog.Core;
using Serilog.Events;

namespace ParIndex.Web.Infrastructure;

/// <summary>
/// The console, written by a background task in batches (Serilog's own batching sink: a bounded channel read by one
/// task, at most <see cref="Interval"/> between batches), so no request waits for the terminal, docker or journald pipe.
/// <para>Serilog.Sinks.Async, used before, hands each event to a dedicated thread that blocks on a
/// <c>BlockingCollection</c> between events: at a few thousand requests a second that thread spun in
/// <c>SemaphoreSlim.Wait</c> after almost every event, 17% of the process's CPU on the sign-in page
/// (docs/performance.md, issue 17). The batching sink's reader is a thread-pool continuation that waits without
/// spinning. Events reach the console in the order they were queued. Past <see cref="QueueLimit"/> queued events
/// console lines are dropped rather than slow the requests; the log file (<see cref="LogFile"/>, written
/// synchronously) still has every event. Disposing the logger (the host's shutdown, <c>Log.CloseAndFlush</c>) writes
/// every event still queued before it returns.</para>
/// </summary>
public sealed class BatchedConsole(ILogEventSink console) : IBatchedLogEventSink, IDisposable
{
    /// <summary>How long a console line may wait for its batch.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    public const int QueueLimit = 10_000;

    public Task EmitBatchAsync(IReadOnlyCollection<LogEvent> batch)
    {
        foreach (var logEvent in batch) console.Emit(logEvent);
        return Task.CompletedTask;
    }

    public void Dispose() => (console as IDisposable)?.Dispose();

    /// <summary>Writes <paramref name="console"/>'s events in batches; <paramref name="console"/> configures the real console sink.</summary>
    public static LoggerConfiguration Write(LoggerSinkConfiguration to, Action<LoggerSinkConfiguration> console) =>
        to.Sink(new BatchedConsole(Inner(console)), Options);

    internal static BatchingOptions Options => new()
    {
        BatchSizeLimit = 1_000,
        BufferingTimeLimit = Interval,
        EagerlyEmitFirstEvent = true,
        QueueLimit = QueueLimit,
    };

    /// <summary>A logger is a sink: this one passes every event it is given (the outer logger has filtered them).</summary>
    private static Logger Inner(Action<LoggerSinkConfiguration> console)
    {
        var inner = new LoggerConfiguration().MinimumLevel.Verbose();
        console(inner.WriteTo);
        return inner.CreateLogger();
    }
}
