using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace ParIndex.Web.Infrastructure;

/// <summary>
/// Every setting of the application, each read once into a typed class and checked when the application starts:
/// a bad value stops the start-up with a message that names the setting, instead of surfacing later in a request.
/// (The database write bound, the reverse proxy and the reminder e-mail are registered beside their features.)
/// </summary>
public static class Settings
{
    public static IServiceCollection AddParIndexSettings(this IServiceCollection services)
    {
        Add<ReadCacheOptions>(services, ReadCacheOptions.Section);
        Add<StorageOptions>(services, StorageOptions.Section);
        Add<LoggingOptions>(services, LoggingOptions.Section)
            .Validate(o => LoggingOptions.ConsoleModes.Contains(o.Console, StringComparer.OrdinalIgnoreCase),
                $"Logging:Console must be one of {string.Join(", ", LoggingOptions.ConsoleModes)}.");
        Add<DemoOptions>(services, DemoOptions.Section);
        Add<SecurityOptions>(services, SecurityOptions.Section);
        Add<ThreadPoolOptions>(services, ThreadPoolOptions.Section);
        return services;
    }

    private static OptionsBuilder<T> Add<T>(IServiceCollection services, string section) where T : class =>
        services.AddOptions<T>().BindConfiguration(section).ValidateDataAnnotations().ValidateOnStart();
}

/// <summary><c>ReadCache:Seconds</c> (5 by default; 0 turns sharing off): how long a read model is shared between requests.</summary>
public sealed class ReadCacheOptions
{
    public const string Section = "ReadCache";

    [Range(0, 3600, ErrorMessage = "ReadCache:Seconds must be between {1} and {2}.")]
    public int Seconds { get; set; } = 5;
}

/// <summary><c>Storage:Folder</c>: where uploaded files are kept (App_Data/files under the content root unless set).</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    public string? Folder { get; set; }
}

/// <summary>
/// <c>Logging:Folder</c> (logs under the content root unless set) and <c>Logging:Console</c>: <c>Async</c> (default),
/// <c>Sync</c> or <c>Off</c> (<c>false</c> also means off). The section also holds the platform's log levels.
/// </summary>
public sealed class LoggingOptions
{
    public const string Section = "Logging";
    public static readonly string[] ConsoleModes = ["Async", "Sync", "Off", "false"];

    public string? Folder { get; set; }
    public string Console { get; set; } = "Async";

    public bool ConsoleOff => Console.Equals("Off", StringComparison.OrdinalIgnoreCase) || Console.Equals("false", StringComparison.OrdinalIgnoreCase);
    public bool ConsoleSync => Console.Equals("Sync", StringComparison.OrdinalIgnoreCase);
}

/// <summary><c>Demo:Enabled</c> (Development only): loads the reference department and the demo accounts, whose password is <c>Demo:Password</c>.</summary>
public sealed class DemoOptions
{
    public const string Section = "Demo";

    public bool Enabled { get; set; }

    [MinLength(12, ErrorMessage = "Demo:Password must be at least 12 characters long (the password rule of every account).")]
    public string? Password { get; set; }
}

/// <summary>
/// <c>Security:RequireTwoFactorForAdmin</c> (false unless set): Admins must sign in with a second factor;
/// <c>Security:SignInAttemptsPerMinute</c> (30): sign-in attempts allowed per client address and minute.
/// </summary>
public sealed class SecurityOptions
{
    public const string Section = "Security";

    public bool RequireTwoFactorForAdmin { get; set; }

    [Range(1, 10_000, ErrorMessage = "Security:SignInAttemptsPerMinute must be between {1} and {2}.")]
    public int SignInAttemptsPerMinute { get; set; } = 30;
}

/// <summary>
/// <c>ThreadPool:MinThreads</c> (0: the runtime's minimum, one thread per core, is kept). A fixed 64 was tried and made
/// every page slower on a 2-core server (docs/performance.md, "Web").
/// </summary>
public sealed class ThreadPoolOptions
{
    public const string Section = "ThreadPool";

    [Range(0, 4096, ErrorMessage = "ThreadPool:MinThreads must be between {1} and {2}.")]
    public int MinThreads { get; set; }

    /// <summary>Raises the thread pool's minimum to <see cref="MinThreads"/> when it is set, once, at start-up.</summary>
    public sealed class Apply(IOptions<ThreadPoolOptions> options) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            if (options.Value.MinThreads is > 0 and var minThreads)
            {
                ThreadPool.GetMinThreads(out var workers, out var io);
                ThreadPool.SetMinThreads(Math.Max(workers, minThreads), Math.Max(io, minThreads));
            }
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
