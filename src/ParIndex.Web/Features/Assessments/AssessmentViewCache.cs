using ParIndex.Web.Data;

namespace ParIndex.Web.Features.Assessments;

/// <summary>
/// Shares one computed <see cref="AssessmentView"/> per year between requests (<see cref="SharedReads"/>: until the
/// next write in this process, at most <c>ReadCache:Seconds</c>), for the pages and endpoints that only read it: year
/// page, area page, published comparison, API, scores workbook. Years that do not exist are not kept.
/// </summary>
public sealed class AssessmentViewCache(IServiceScopeFactory scopes, SharedReads shared)
{
    /// <summary>How many shared reads are held, all kinds together (for tests).</summary>
    internal int Count => shared.Count;

    public Task<AssessmentView?> ReadAsync(int year, CancellationToken ct = default) =>
        shared.GetAsync($"assessment:{year}", async () =>
        {
            await using var scope = scopes.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<AssessmentReader>().ReadAsync(year, CancellationToken.None);
        }, ct);
}
