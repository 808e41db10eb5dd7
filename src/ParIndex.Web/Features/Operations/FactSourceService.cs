using Microsoft.EntityFrameworkCore;
using ParIndex.Domain.Projection;
using ParIndex.Web.Data;

namespace ParIndex.Web.Features.Operations;

/// <summary>Stores the office's choice of fact source for the sub-criteria of one year's framework.</summary>
public sealed class FactSourceService(ParIndexDbContext db)
{
    /// <summary>
    /// Saves one choice. A choice equal to the naming convention's suggestion is stored too, so later renames of
    /// the sub-criterion do not change it. Returns an error when the sub-criterion is not in that year's framework.
    /// </summary>
    public async Task<string?> SetAsync(int year, int subCriterionId, FactSource source, CancellationToken ct = default)
    {
        if (!Enum.IsDefined(source)) return "Nguồn số liệu không hợp lệ.";
        var belongs = await db.SubCriteria.AnyAsync(s => s.Id == subCriterionId && db.Criteria.Any(c => c.Id == s.CriterionId &&
            db.Areas.Any(a => a.Id == c.AreaId && db.Frameworks.Any(f => f.Id == a.FrameworkId && f.Year == year))), ct);
        if (!belongs) return "Tiêu chí thành phần không thuộc bộ tiêu chí của năm này.";
        var link = await db.Set<FactSourceLink>().SingleOrDefaultAsync(l => l.SubCriterionId == subCriterionId, ct);
        if (link is null) db.Add(new FactSourceLink(subCriterionId, source));
        else link.Change(source);
        await db.SaveChangesAsync(ct);
        return null;
    }
}
