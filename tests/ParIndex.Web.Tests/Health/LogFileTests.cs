using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Serilog;

namespace ParIndex.Web.Tests.Health;

/// <summary>
/// The rolling log file loses nothing when the process dies: every event is in the operating system's hands (readable
/// by another reader of the file) as soon as the call that logged it returns, before the logger is flushed or disposed.
/// A process killed with SIGKILL keeps what the OS already has; only what sits in the process's own buffers is lost.
/// </summary>
public class LogFileTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "parindex-tests", "logs-" + Guid.NewGuid().ToString("N"));

    private Serilog.Core.Logger CreateLogger(string console = "Off")
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Logging:Folder"] = _folder,
            ["Logging:Console"] = console,
        }).Build();
        var context = new HostBuilderContext(new Dictionary<object, object>())
        {
            Configuration = configuration,
            HostingEnvironment = new TestEnvironment(),
        };
        var logger = new LoggerConfiguration();
        var services = new ServiceCollection();
        services.AddOptions<ParIndex.Web.Infrastructure.LoggingOptions>().Bind(configuration.GetSection(ParIndex.Web.Infrastructure.LoggingOptions.Section));
        ParIndex.Web.Infrastructure.Logging.Configure(context, services.BuildServiceProvider(), logger);
        return logger.CreateLogger();
    }

    /// <summary>Everything in the folder's log files, read by an independent reader while the writers may still hold them.</summary>
    private string ReadAll() => string.Concat(Directory.GetFiles(_folder, "parindex-*.log").Order().Select(path =>
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }));

    [Fact]
    public void Each_event_reaches_the_file_before_the_logging_call_returns()
    {
        var logger = CreateLogger();
        try
        {
            for (var i = 0; i < 50; i++) logger.Information("Sự kiện số {Number} đã ghi", i);
            // No flush, no dispose: what a SIGKILL right now would leave.
            var text = ReadAll();
            for (var i = 0; i < 50; i++) Assert.Contains($"Sự kiện số {i} đã ghi", text);
        }
        finally
        {
            logger.Dispose();
        }
    }

    [Fact]
    public void With_the_console_written_in_batches_an_error_is_in_the_file_before_the_logging_call_returns()
    {
        // The console (the default, batched) may hold an event for a batch interval or drop it when its queue is full:
        // the file, the log of record, does not wait for it.
        var logger = CreateLogger(console: "Async");
        try
        {
            logger.Error(new InvalidOperationException("Lỗi thử nghiệm"), "Yêu cầu {Number} thất bại", 17);
            var text = ReadAll();
            Assert.Contains("[ERR]", text);
            Assert.Contains("Yêu cầu 17 thất bại", text);
            Assert.Contains("System.InvalidOperationException: Lỗi thử nghiệm", text);
        }
        finally
        {
            logger.Dispose();
        }
    }

    [Fact]
    public void Two_writers_on_one_folder_both_keep_every_event()
    {
        // .NET appends at the position a stream remembers, so two unshared writers of one file would overwrite each
        // other's lines. The second writer (another process, another app in a test host) gets a file of its own.
        var first = CreateLogger();
        var second = CreateLogger();
        try
        {
            for (var i = 0; i < 100; i++)
            {
                first.Information("Tiến trình thứ nhất, dòng {Number}.", i);
                second.Information("Tiến trình thứ hai, dòng {Number}.", i);
            }
            var text = ReadAll();
            for (var i = 0; i < 100; i++)
            {
                Assert.Contains($"Tiến trình thứ nhất, dòng {i}.", text);
                Assert.Contains($"Tiến trình thứ hai, dòng {i}.", text);
            }
            Assert.Equal(200, text.Split('\n').Count(l => l.Contains("Tiến trình thứ")));
            Assert.Equal(2, Directory.GetFiles(_folder, "parindex-*.log").Length);
        }
        finally
        {
            first.Dispose();
            second.Dispose();
        }
    }

    [Fact]
    public void Many_threads_at_once_each_line_whole_and_none_lost()
    {
        // The lines are formatted outside the file's lock; only the position and the write are inside it.
        var logger = CreateLogger();
        try
        {
            Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, thread =>
            {
                for (var i = 0; i < 500; i++) logger.Information("Luồng {Thread} ghi dòng {Number} – kiểm tra đồng thời.", thread, i);
            });
            var lines = ReadAll().Split('\n').Where(l => l.Contains("kiểm tra đồng thời")).ToList();
            Assert.Equal(4000, lines.Count);
            Assert.All(lines, l => Assert.Matches(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}Z \[INF\] : Luồng \d ghi dòng \d+ – kiểm tra đồng thời\.\r?$", l));
            Assert.Equal(4000, lines.Select(l => l[l.IndexOf("Luồng", StringComparison.Ordinal)..]).Distinct().Count());
        }
        finally
        {
            logger.Dispose();
        }
    }

    [Fact]
    public void An_event_of_the_next_UTC_day_opens_the_next_file_and_only_the_newest_are_kept()
    {
        Directory.CreateDirectory(_folder);
        for (var day = 1; day <= 5; day++) File.WriteAllText(Path.Combine(_folder, $"parindex-202611{day:00}.log"), "cũ\n");
        File.WriteAllText(Path.Combine(_folder, "parindex-p7.1-20261101.log"), "tiến trình khác\n");
        using var file = new ParIndex.Web.Infrastructure.LogFile(_folder, "parindex-",
            new Serilog.Formatting.Display.MessageTemplateTextFormatter("{Message:lj}{NewLine}"), retain: 3);
        file.Emit(Event(new DateTimeOffset(2026, 12, 1, 23, 59, 59, TimeSpan.Zero), "Trước nửa đêm"));
        // 07:30 in Hà Nội on 2 December is still 1 December in UTC: the file goes by the UTC day.
        file.Emit(Event(new DateTimeOffset(2026, 12, 2, 6, 30, 0, TimeSpan.FromHours(7)), "Vẫn ngày 1 theo UTC"));
        file.Emit(Event(new DateTimeOffset(2026, 12, 2, 0, 0, 1, TimeSpan.Zero), "Sau nửa đêm"));

        Assert.Equal("Trước nửa đêm\nVẫn ngày 1 theo UTC\n".ReplaceLineEndings(), File.ReadAllText(Path.Combine(_folder, "parindex-20261201.log")));
        Assert.Equal("Sau nửa đêm\n".ReplaceLineEndings(), File.ReadAllText(Path.Combine(_folder, "parindex-20261202.log")));
        Assert.Equal(["parindex-20261105.log", "parindex-20261201.log", "parindex-20261202.log", "parindex-p7.1-20261101.log"],
            Directory.GetFiles(_folder, "*.log").Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_folder_that_cannot_be_written_drops_the_event_instead_of_failing_the_caller()
    {
        Directory.CreateDirectory(_folder);
        var blocked = Path.Combine(_folder, "not-a-folder");
        File.WriteAllText(blocked, "");
        using var file = new ParIndex.Web.Infrastructure.LogFile(blocked, "parindex-",
            new Serilog.Formatting.Display.MessageTemplateTextFormatter("{Message:lj}{NewLine}"), retain: 3);
        var reported = new List<string>();
        Serilog.Debugging.SelfLog.Enable(m => { lock (reported) reported.Add(m); });
        try
        {
            file.Emit(Event(DateTimeOffset.UtcNow, "Không ghi được"));
        }
        finally
        {
            Serilog.Debugging.SelfLog.Disable();
        }
        Assert.Contains(reported, m => m.Contains("not-a-folder", StringComparison.Ordinal));
    }

    private static Serilog.Events.LogEvent Event(DateTimeOffset at, string text) =>
        new(at, Serilog.Events.LogEventLevel.Information, null, new Serilog.Parsing.MessageTemplateParser().Parse(text), []);

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private sealed class TestEnvironment : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Development";
        public string ApplicationName { get; set; } = "ParIndex.Web";
        public string ContentRootPath { get; set; } = Path.GetTempPath();
        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } =
            new Microsoft.Extensions.FileProviders.NullFileProvider();
    }
}
