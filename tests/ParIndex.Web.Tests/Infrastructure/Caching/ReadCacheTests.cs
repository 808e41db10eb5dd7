using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ParIndex.Web.Infrastructure.Caching;

namespace ParIndex.Web.Tests.Infrastructure.Caching;

/// <summary>
/// The shared read cache of the running application (its DI container, its DataVersion, its settings): one computation
/// per key however many ask at once, nothing kept that a write made stale, bounded memory.
/// </summary>
public class ReadCacheTests(ParIndexFactory factory) : IClassFixture<ParIndexFactory>
{
    private ReadCache Cache => factory.Services.GetRequiredService<ReadCache>();
    private DataVersion Version => factory.Services.GetRequiredService<DataVersion>();

    private sealed class Value;

    [Fact]
    public async Task Many_requests_for_one_key_at_once_wait_for_one_computation()
    {
        var key = $"test:{Guid.NewGuid()}";
        var started = 0;
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        async Task<Value> ReadAsync(IServiceProvider _)
        {
            Interlocked.Increment(ref started);
            await release.Task;
            return new Value();
        }

        var callers = Enumerable.Range(0, 32).Select(_ => Task.Run(() => Cache.GetAsync(key, ReadAsync))).ToList();
        await Task.Delay(200); // let every caller reach the cache while the one read is still running
        release.SetResult();
        var values = await Task.WhenAll(callers);

        Assert.Equal(1, started);
        Assert.All(values, v => Assert.Same(values[0], v));
        Assert.Same(values[0], await Cache.GetAsync(key, ReadAsync));
        Assert.Equal(1, started);
    }

    [Fact]
    public async Task A_write_drops_the_entry_and_a_read_that_was_running_during_the_write_is_not_kept()
    {
        var key = $"test:{Guid.NewGuid()}";
        var reads = 0;
        var first = await Cache.GetAsync(key, _ => Task.FromResult(new Value()));
        Assert.Same(first, await Cache.GetAsync(key, _ => Task.FromResult(new Value())));

        Version.Bump(); // what the interceptor does after any write
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = Cache.GetAsync(key, async _ =>
        {
            Interlocked.Increment(ref reads);
            await release.Task;
            return new Value();
        });
        Version.Bump(); // a write while that read runs: what it read may predate it
        release.SetResult();
        var during = await running;

        var after = await Cache.GetAsync(key, _ =>
        {
            Interlocked.Increment(ref reads);
            return Task.FromResult(new Value());
        });
        Assert.NotSame(first, during);
        Assert.NotSame(during, after);
        Assert.Equal(2, reads);
    }

    [Fact]
    public async Task Nothing_found_and_failed_reads_are_not_kept()
    {
        var key = $"test:{Guid.NewGuid()}";
        Assert.Null(await Cache.GetAsync<Value?>(key, _ => Task.FromResult<Value?>(null)));
        await Assert.ThrowsAsync<InvalidOperationException>(() => Cache.GetAsync<Value>(key, _ => throw new InvalidOperationException("x")));
        var found = new Value();
        Assert.Same(found, await Cache.GetAsync(key, _ => Task.FromResult(found)));
    }

    [Fact]
    public void Settings_are_read_once_into_typed_options_with_their_defaults()
    {
        var options = factory.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ReadCacheOptions>>().Value;
        Assert.Equal(5, options.Seconds);
        Assert.Equal(256, options.SizeLimit);
        Assert.True(Cache.Enabled);
    }

    [Theory]
    [InlineData("SizeLimit", "0", "ReadCache:SizeLimit")]
    [InlineData("Seconds", "-1", "ReadCache:Seconds")]
    public void A_setting_out_of_range_is_refused_with_its_name(string key, string value, string named)
    {
        var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [$"ReadCache:{key}"] = value }).Build();
        using var provider = new ServiceCollection().AddSingleton<Microsoft.Extensions.Configuration.IConfiguration>(configuration)
            .AddReadCache().BuildServiceProvider();
        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(
            () => provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<ReadCacheOptions>>().Value);
        Assert.Contains(named, error.Message);
    }

    private sealed class SmallFactory : ParIndexFactory
    {
        protected override void ConfigureSettings(IDictionary<string, string?> settings) => settings["ReadCache:SizeLimit"] = "8";
    }

    [Fact]
    public async Task Past_the_size_limit_old_entries_make_room_and_the_cache_never_holds_more()
    {
        using var small = new SmallFactory();
        var cache = small.Services.GetRequiredService<ReadCache>();
        for (var i = 0; i < 40; i++)
        {
            var value = new Value();
            Assert.Same(value, await cache.GetAsync($"test:{i}", _ => Task.FromResult(value)));
            Assert.InRange(cache.Count, 0, 8);
            await Task.Delay(20); // the platform makes room on a background thread
        }
        // Room is made: a new key is held again soon, not refused forever because the first eight filled the cache.
        Value? held = null;
        for (var attempt = 0; attempt < 50 && held is null; attempt++)
        {
            var fresh = new Value();
            var got = await cache.GetAsync("test:last", _ => Task.FromResult(fresh));
            if (ReferenceEquals(got, await cache.GetAsync("test:last", _ => Task.FromResult(new Value())))) held = got;
            else await Task.Delay(50);
        }
        Assert.NotNull(held);
        Assert.InRange(cache.Count, 1, 8);
    }
}
