using ParIndex.Web.Infrastructure.Caching;

namespace ParIndex.Web.Features.Assessments;

/// <summary>
/// One computed <see cref="AssessmentView"/> per year, shared between requests through <see cref="ReadCache"/> (until
/// the next write in this process, at most <c>ReadCache:Seconds</c>), for the pages and endpoints that only read it:
/// year page, area page, published comparison, API, scores workbook. Years that do not exist are not kept.
/// </summary>
public sealed class AssessmentViewCache(ReadCache cache)
{
    /// <summary>How many shared reads are held, all kinds together (for tests).</summary>
    internal int Count => cache.Count;

    public Task<AssessmentView?> ReadAsync(int year, CancellationToken ct = default) =>
        cache.GetAsync($"assessment:{year}",
            services => services.GetRequiredService<AssessmentReader>().ReadAsync(year, CancellationToken.None), ct);

    /// <summary>Every unit with today's name (<see cref="AssessmentReader.ReadUnitsAsync"/>), shared the same way (key <c>units</c>).</summary>
    public Task<IReadOnlyDictionary<int, UnitRef>> UnitsAsync(CancellationToken ct = default) =>
        cache.GetAsync("units",
            services => services.GetRequiredService<AssessmentReader>().ReadUnitsAsync(CancellationToken.None), ct);
}
