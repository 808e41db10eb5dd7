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

    /// <summary>
    /// The area grid's rows of one year (<see cref="AreaModel.ReadRowsAsync"/>: notes, versions, evidence counts, scales),
    /// shared the same way (key <c>area-rows:{year}:{assessment}</c>).
    /// </summary>
    public Task<AreaModel.YearRows> AreaRowsAsync(int year, int assessmentId, int frameworkId, CancellationToken ct = default) =>
        cache.GetAsync($"area-rows:{year}:{assessmentId}",
            services => AreaModel.ReadRowsAsync(services.GetRequiredService<Data.ParIndexDbContext>(), assessmentId, frameworkId, CancellationToken.None), ct);

    /// <summary>What the score page shows of one sub-criterion in one year (<see cref="ScoreModel.ReadPageAsync"/>), key <c>score-page:{year}:{id}</c>.</summary>
    public Task<ScoreModel.PageData?> ScorePageAsync(int year, int assessmentId, int frameworkId, int id, CancellationToken ct = default) =>
        cache.GetAsync($"score-page:{year}:{assessmentId}:{id}",
            services => ScoreModel.ReadPageAsync(services.GetRequiredService<Data.ParIndexDbContext>(), assessmentId, frameworkId, id, CancellationToken.None), ct);

    /// <summary>Every unit with today's name (<see cref="AssessmentReader.ReadUnitsAsync"/>), shared the same way (key <c>units</c>).</summary>
    public Task<IReadOnlyDictionary<int, UnitRef>> UnitsAsync(CancellationToken ct = default) =>
        cache.GetAsync("units",
            services => services.GetRequiredService<AssessmentReader>().ReadUnitsAsync(CancellationToken.None), ct);
}
