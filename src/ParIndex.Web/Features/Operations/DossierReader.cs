using Microsoft.EntityFrameworkCore;
using ParIndex.Domain.Operations;
using ParIndex.Web.Data;

namespace ParIndex.Web.Features.Operations;

public sealed record DossierRow(int Id, string Code, string Procedure, int UnitId, string UnitName, DateOnly ReceivedOn, DateOnly DueOn,
    DateOnly? ReturnedOn, string? Note, int DaysLate, DateOnly CountedTo);

/// <summary>Dossiers recorded and late among them. No rate: the records may hold only the late dossiers.</summary>
public sealed record DossierTally(string Label, int Total, int Late);

/// <summary>A dossier late in working days: its unit and the day it was received.</summary>
public sealed record LateDossier(int UnitId, DateOnly ReceivedOn);

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
    IReadOnlyList<DossierTally> ByMonth)
{
    /// <summary>The year's total dossiers received as the Office entered it (with its source), if it did.</summary>
    public DossierYearTotal? YearTotal { get; init; }

    /// <summary>"Tỷ lệ đúng hạn" = (total − late) / total, or null with no total: no rate is shown then.</summary>
    public decimal? OnTimeRate => DossierYearTotal.OnTimeRate(YearTotal?.Total, Total.Late);
}

/// <summary>
/// The dossiers of one year, filtered, with counts by unit and month and the on-time rate from the year's total. Five
/// queries whatever the number of dossiers (units, years, the calendar, the year's dossiers, its total); lateness is computed here in working days
/// (<see cref="Dossier.WorkingDaysLate(DateOnly, DateOnly, DateOnly?, DateOnly, WorkingCalendar)"/>): to the return,
/// or for an unreturned dossier to 31/12 of the year or today if earlier.
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
        var calendar = await CalendarService.ReadAsync(db, ct);
        var rows = all.Select(d =>
        {
            var late = Dossier.WorkingDaysLate(d.ReceivedOn, d.DueOn, d.ReturnedOn, today, calendar);
            return new DossierRow(d.Id, d.Code, d.Procedure, d.UnitId, names.GetValueOrDefault(d.UnitId, ""), d.ReceivedOn, d.DueOn,
                d.ReturnedOn, d.Note, late, Dossier.CountedTo(d.ReceivedOn, d.ReturnedOn, today));
        }).ToList();

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
        var total = await db.Set<DossierYearTotal>().AsNoTracking().SingleOrDefaultAsync(t => t.Year == year, ct);
        return new DossierView(year, filter, units.Select(u => (u.Id, u.Name)).ToList(), years.OrderDescending().ToList(),
            matching.Take(PageSize).ToList(), matching.Count, Tally("Tổng cộng", rows), byUnit, byMonth)
        {
            YearTotal = total,
        };
    }

    /// <summary>
    /// The dossiers received from <paramref name="from"/> to <paramref name="to"/> (inclusive) that are late in working
    /// days (<see cref="Dossier.WorkingDaysLate(DateOnly, DateOnly, DateOnly?, DateOnly, WorkingCalendar)"/>), as unit
    /// and day received: the one count of "late dossiers" that the points lost per unit, the dashboard and the
    /// projection share with this list. Two queries: the calendar, and the dossiers past their due date in calendar
    /// days (a superset: a dossier late in working days is late in calendar days), narrowed here.
    /// </summary>
    public static async Task<IReadOnlyList<LateDossier>> LateAsync(ParIndexDbContext db, DateOnly from, DateOnly to, DateOnly today,
        CancellationToken ct = default)
    {
        var calendar = await CalendarService.ReadAsync(db, ct);
        var candidates = await db.Dossiers.AsNoTracking()
            .Where(d => d.ReceivedOn >= from && d.ReceivedOn <= to && (d.ReturnedOn ?? today) > d.DueOn)
            .Select(d => new { d.UnitId, d.ReceivedOn, d.DueOn, d.ReturnedOn }).ToListAsync(ct);
        return candidates.Where(d => Dossier.WorkingDaysLate(d.ReceivedOn, d.DueOn, d.ReturnedOn, today, calendar) > 0)
            .Select(d => new LateDossier(d.UnitId, d.ReceivedOn)).ToList();
    }

    private static DossierTally Tally(string label, IEnumerable<DossierRow> rows)
    {
        var list = rows.ToList();
        return new DossierTally(label, list.Count, list.Count(r => r.DaysLate > 0));
    }
}
