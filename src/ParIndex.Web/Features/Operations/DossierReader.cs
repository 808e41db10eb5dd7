using Microsoft.EntityFrameworkCore;
using ParIndex.Domain.Operations;
using ParIndex.Web.Data;

namespace ParIndex.Web.Features.Operations;

public sealed record DossierRow(int Id, string Code, string Procedure, int UnitId, string UnitName, DateOnly ReceivedOn, DateOnly DueOn,
    DateOnly? ReturnedOn, string? Note, int DaysLate);

public sealed record DossierTally(string Label, int Total, int Late)
{
    public int OnTime => Total - Late;
    public decimal OnTimeRate => Total == 0 ? 100m : Math.Round(OnTime * 100m / Total, 2);
}

public sealed record DossierFilter(int? Year, int? UnitId, int? Month, bool LateOnly);

public sealed record DossierView(
    int Year,
    DossierFilter Filter,
    IReadOnlyList<(int Id, string Name)> Units,
    IReadOnlyList<int> Years,
    IReadOnlyList<DossierRow> Rows,
    int Matching,
    DossierTally Total,
    IReadOnlyList<DossierTally> ByUnit,
    IReadOnlyList<DossierTally> ByMonth);

/// <summary>
/// The dossiers of one year, filtered, with counts and on-time rates by unit and month. Three queries whatever the
/// number of dossiers (units, years, the year's dossiers); lateness is computed here from the dates and today.
/// </summary>
public sealed class DossierReader(ParIndexDbContext db)
{
    public const int PageSize = 200;

    public async Task<DossierView> ReadAsync(DossierFilter filter, DateOnly today, CancellationToken ct = default)
    {
        var units = await db.Units.AsNoTracking().OrderBy(u => u.SortOrder).Select(u => new { u.Id, u.Name }).ToListAsync(ct);
        var years = await db.Dossiers.AsNoTracking().Select(d => d.ReceivedOn.Year).Distinct().ToListAsync(ct);
        var year = filter.Year is { } y && y is >= 2000 and <= 2100 ? y : years.Count > 0 ? years.Max() : today.Year;
        var from = new DateOnly(year, 1, 1);
        var to = new DateOnly(year, 12, 31);
        var all = await db.Dossiers.AsNoTracking()
            .Where(d => d.ReceivedOn >= from && d.ReceivedOn <= to)
            .OrderBy(d => d.ReceivedOn).ThenBy(d => d.Code)
            .Select(d => new { d.Id, d.Code, d.Procedure, d.UnitId, d.ReceivedOn, d.DueOn, d.ReturnedOn, d.Note })
            .ToListAsync(ct);
        var names = units.ToDictionary(u => u.Id, u => u.Name);
        var rows = all.Select(d => new DossierRow(d.Id, d.Code, d.Procedure, d.UnitId, names.GetValueOrDefault(d.UnitId, ""), d.ReceivedOn,
            d.DueOn, d.ReturnedOn, d.Note, Dossier.DaysLate(d.DueOn, d.ReturnedOn, today))).ToList();

        var byUnit = units
            .Select(u => Tally(u.Name, rows.Where(r => r.UnitId == u.Id)))
            .Where(t => t.Total > 0).ToList();
        var byMonth = Enumerable.Range(1, 12)
            .Select(m => Tally($"Tháng {m:00}/{year}", rows.Where(r => r.ReceivedOn.Month == m)))
            .Where(t => t.Total > 0).ToList();

        var matching = rows
            .Where(r => filter.UnitId is not { } u || r.UnitId == u)
            .Where(r => filter.Month is not { } m || r.ReceivedOn.Month == m)
            .Where(r => !filter.LateOnly || r.DaysLate > 0)
            .ToList();
        if (!years.Contains(year)) years.Add(year);
        return new DossierView(year, filter, units.Select(u => (u.Id, u.Name)).ToList(), years.OrderDescending().ToList(),
            matching.Take(PageSize).ToList(), matching.Count, Tally("Tổng cộng", rows), byUnit, byMonth);
    }

    private static DossierTally Tally(string label, IEnumerable<DossierRow> rows)
    {
        var list = rows.ToList();
        return new DossierTally(label, list.Count, list.Count(r => r.DaysLate > 0));
    }
}
