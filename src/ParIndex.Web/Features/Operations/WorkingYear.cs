using Microsoft.EntityFrameworkCore;
using ParIndex.Web.Data;
using ParIndex.Web.Infrastructure;

namespace ParIndex.Web.Features.Operations;

/// <summary>
/// The year every operations page (overview, dossiers, reports, projection, fact sources) opens on when the address
/// names none: the year being worked on. Defined here only, so the pages cannot drift apart again.
/// <para>
/// How: the latest year that has an assessment. A year's assessment cycle runs past its calendar year (the
/// self-assessment early the next year, then the appraisal rounds and the publication), so neither today's year
/// (no assessment yet, nothing to project) nor the latest year with dossiers (an earlier, closed year) is the one the
/// Office is working on. With no assessment at all, today's year in Vietnam.
/// </para>
/// </summary>
public sealed class WorkingYear(ParIndexDbContext db, Clock clock)
{
    /// <summary>The year asked for when it is a plausible year (2000–2100), otherwise <see cref="CurrentAsync"/>.</summary>
    public async Task<int> ResolveAsync(int? requested, CancellationToken ct = default) =>
        requested is >= 2000 and <= 2100 ? requested.Value : await CurrentAsync(ct);

    public async Task<int> CurrentAsync(CancellationToken ct = default) =>
        await db.Assessments.AsNoTracking().MaxAsync(a => (int?)a.Year, ct) ?? clock.Today.Year;
}
