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

    private Serilog.Core.Logger CreateLogger()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Logging:Folder"] = _folder,
            ["Logging:Console"] = "Off",
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
