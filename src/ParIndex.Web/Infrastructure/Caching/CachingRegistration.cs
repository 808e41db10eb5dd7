namespace ParIndex.Web.Infrastructure.Caching;

public static class CachingRegistration
{
    /// <summary>
    /// The shared read cache, its settings (validated at start) and the write counter that invalidates it; the
    /// counter's interceptor is added to each provider's context by <c>DatabaseSetup</c>.
    /// </summary>
    public static IServiceCollection AddReadCache(this IServiceCollection services)
    {
        services.AddOptions<ReadCacheOptions>().BindConfiguration(ReadCacheOptions.Section)
            .Validate(o => o.Seconds is >= 0 and <= 3600, "ReadCache:Seconds must be between 0 and 3600.")
            .Validate(o => o.SizeLimit is >= 1 and <= 100_000, "ReadCache:SizeLimit must be between 1 and 100000 entries.")
            .ValidateOnStart();
        services.AddSingleton<DataVersion>();
        services.AddSingleton<DataVersionInterceptor>();
        services.AddSingleton<ReadCache>();
        return services;
    }
}
