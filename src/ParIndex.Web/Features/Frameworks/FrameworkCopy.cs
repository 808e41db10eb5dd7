using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ParIndex.Domain;
using ParIndex.Domain.Accountability;
using ParIndex.Domain.Frameworks;
using ParIndex.Web.Data;

namespace ParIndex.Web.Features.Frameworks;

/// <summary>
/// Starting a year's criteria set from an earlier year's: a deep copy (the two years never share a row), and nothing
/// else. No self-assessment is opened: that is the assessment pages' business. Used by /Frameworks ("Sao chép sang năm
/// mới") and by the plan page when year N has no framework yet.
/// </summary>
public static class FrameworkCopy
{
    /// <summary>How far ahead of the source year a copy may go.</summary>
    public const int MaxYearsAhead = 5;

    public static async Task<Framework> CopyAsync(ParIndexDbContext db, int fromYear, int toYear, CancellationToken ct = default)
    {
        if (toYear <= fromYear || toYear > fromYear + MaxYearsAhead)
            throw new DomainException($"Năm mới phải sau năm được sao chép (tối đa {MaxYearsAhead} năm).");
        if (await db.Frameworks.AnyAsync(f => f.Year == toYear, ct))
            throw new DomainException($"Bộ tiêu chí năm {toYear} đã có.");
        var source = await db.Frameworks.AsNoTracking()
                         .Include(f => f.Areas).ThenInclude(a => a.Criteria).ThenInclude(c => c.SubCriteria).ThenInclude(s => s.Coordinators)
                         .Include(f => f.Surveys)
                         .AsSplitQuery().SingleOrDefaultAsync(f => f.Year == fromYear, ct)
                     ?? throw new DomainException($"Chưa có bộ tiêu chí năm {fromYear} để sao chép sang năm {toYear}.");
        var copy = source.CopyTo(toYear, NameFor(source.Name, fromYear, toYear));
        var sourceIds = source.Areas.SelectMany(a => a.Criteria).SelectMany(c => c.SubCriteria).ToDictionary(s => s.Id, s => s.Code);
        var shares = await db.Set<LossShare>().AsNoTracking().Where(s => sourceIds.Keys.Contains(s.SubCriterionId)).ToListAsync(ct);
        db.Frameworks.Add(copy);
        try
        {
            // The framework and the Office's loss shares of its sub-criteria (carried over by code, with who set them) in one transaction.
            // A caller's transaction is joined; otherwise one of its own.
            await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
            await db.SaveChangesAsync(ct);
            if (shares.Count > 0)
            {
                var newIds = copy.Areas.SelectMany(a => a.Criteria).SelectMany(c => c.SubCriteria).ToDictionary(s => s.Code, s => s.Id);
                foreach (var share in shares)
                {
                    var note = $"Sao chép từ năm {fromYear}" + (share.Source is null ? "" : $": {share.Source}");
                    db.Add(new LossShare(newIds[sourceIds[share.SubCriterionId]], share.UnitId, share.Weight,
                        note.Length > LossShare.SourceMaxLength ? note[..LossShare.SourceMaxLength] : note, share.SetBy, share.SetAt, share.Responsible));
                }
                await db.SaveChangesAsync(ct);
            }
            if (transaction is not null) await transaction.CommitAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another person created the year between the check and the save (the year is unique): nothing was written.
            db.ChangeTracker.Clear();
            throw new DomainException($"Bộ tiêu chí năm {toYear} vừa được người khác tạo; không sao chép nữa.");
        }
        return copy;
    }

    /// <summary>The source's name with its year replaced, or the year added when the name does not carry it.</summary>
    public static string NameFor(string sourceName, int fromYear, int toYear)
    {
        var from = fromYear.ToString(CultureInfo.InvariantCulture);
        var to = toYear.ToString(CultureInfo.InvariantCulture);
        return sourceName.Contains(from, StringComparison.Ordinal)
            ? sourceName.Replace(from, to, StringComparison.Ordinal)
            : $"{sourceName} (năm {to})";
    }
}
