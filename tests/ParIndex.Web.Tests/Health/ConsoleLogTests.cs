using System.Globalization;
using ParIndex.Web.Infrastructure;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace ParIndex.Web.Tests.Health;

/// <summary>
/// The console is written in batches by a background task (<see cref="BatchedConsole"/>): its lines come in the order
/// they were logged, and disposing the logger (the host's shutdown, <c>Log.CloseAndFlush</c>) writes every event still
/// queued before it returns.
/// </summary>
public class ConsoleLogTests
{
    private static (Serilog.Core.Logger Logger, Lines Console) CreateLogger()
    {
        var console = new Lines();
        var configuration = new LoggerConfiguration().MinimumLevel.Verbose();
        BatchedConsole.Write(configuration.WriteTo, c => c.Sink(console));
        return (configuration.CreateLogger(), console);
    }

    /// <summary>Stands for the console: the lines written to it, read while the background task may still write.</summary>
    private sealed class Lines : ILogEventSink
    {
        private readonly List<string> _lines = [];

        public void Emit(LogEvent logEvent)
        {
            lock (_lines) _lines.Add(logEvent.RenderMessage(CultureInfo.InvariantCulture));
        }

        public string[] Written
        {
            get { lock (_lines) return [.. _lines]; }
        }
    }

    [Fact]
    public void Disposing_the_logger_writes_every_queued_event_in_order()
    {
        var (logger, console) = CreateLogger();
        // Far more than one batch, logged faster than the batch interval: most are still queued when the logger is disposed.
        for (var i = 0; i < 5_000; i++) logger.Information("Dòng {Number} của bảng điều khiển", i);
        logger.Dispose();

        var lines = console.Written;
        Assert.Equal(Enumerable.Range(0, 5_000).Select(i => $"Dòng {i} của bảng điều khiển"), lines);
    }

    [Fact]
    public void Events_logged_from_several_threads_each_reach_the_console_once_and_each_thread_s_in_order()
    {
        var (logger, console) = CreateLogger();
        Parallel.For(0, 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, thread =>
        {
            for (var i = 0; i < 1_000; i++) logger.Information("Luồng {Thread} dòng {Number}", thread, i);
        });
        logger.Dispose();

        var lines = console.Written;
        Assert.Equal(4_000, lines.Length);
        for (var thread = 0; thread < 4; thread++)
        {
            var prefix = $"Luồng {thread} dòng ";
            Assert.Equal(Enumerable.Range(0, 1_000).Select(i => prefix + i), lines.Where(l => l.StartsWith(prefix, StringComparison.Ordinal)));
        }
    }

    [Fact]
    public void A_line_reaches_the_console_within_a_batch_interval_without_a_flush()
    {
        var (logger, console) = CreateLogger();
        try
        {
            logger.Information("Dòng đầu tiên");
            logger.Information("Dòng thứ hai");
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
            while (console.Written.Length < 2 && DateTime.UtcNow < deadline) Thread.Sleep(20);
            Assert.Equal(["Dòng đầu tiên", "Dòng thứ hai"], console.Written);
        }
        finally
        {
            logger.Dispose();
        }
    }

}
