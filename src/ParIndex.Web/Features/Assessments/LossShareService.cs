using Microsoft.EntityFrameworkCore;
using ParIndex.Domain;
using ParIndex.Domain.Accountability;
using ParIndex.Domain.Formatting;
using ParIndex.Web.Data;

namespace ParIndex.Web.Features.Assessments;

/// <summary>A weight typed for one unit ("" or blank: the unit has no share).</summary>
public sealed record LossShareInput(int UnitId, string? Weight);

/// <summary>The outcome of saving shares: errors per unit id (0: the whole form), none on success.</summary>
public sealed record LossShareResult(IReadOnlyDictionary<int, string> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>
/// Sets the Office's shares of one sub-criterion's lost points for a year, all or nothing: every weight is checked
/// first (a number above 0, "1,5" or "1.5"), then the stored set is replaced by the new one (rows added, changed or
/// removed, each change recorded by the audit). Blank weights everywhere clear the shares, so the split falls back to
/// the facts or the lead unit. <paramref name="responsible"/> (optional) names who answers for the loss in the plan's
/// words when that is more than the units charged; it is kept on every share row, like the source.
/// </summary>
public sealed class LossShareService(ParIndexDbContext db)
{
    public async Task<LossShareResult> SetAsync(int year, int subCriterionId, IReadOnlyList<LossShareInput> inputs, string? source,
        string? responsible, string by, DateTime atUtc, CancellationToken ct = default)
    {
        var errors = new Dictionary<int, string>();
        var belongs = await db.SubCriteria.AnyAsync(s => s.Id == subCriterionId && db.Criteria.Any(c => c.Id == s.CriterionId &&
            db.Areas.Any(a => a.Id == c.AreaId && db.Frameworks.Any(f => f.Id == a.FrameworkId && f.Year == year))), ct);
        if (!belongs) return Fail("Tiêu chí thành phần không thuộc bộ tiêu chí của năm này.");
        var unitIds = inputs.Select(i => i.UnitId).Distinct().ToList();
        if (unitIds.Count != inputs.Count) return Fail("Mỗi đơn vị chỉ có một tỷ trọng.");
        var known = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).Select(u => u.Id).ToListAsync(ct);
        if (known.Count != unitIds.Count) return Fail("Đơn vị không tồn tại.");
        if (source is { Length: > LossShare.SourceMaxLength }) return Fail($"Nguồn phân bổ tối đa {LossShare.SourceMaxLength} ký tự.");

        var weights = new Dictionary<int, decimal>();
        foreach (var input in inputs.Where(i => !string.IsNullOrWhiteSpace(i.Weight)))
        {
            if (!ScoreParser.TryParse(input.Weight, out var weight, out _) || weight <= 0 || weight > 100000)
                errors[input.UnitId] = "Tỷ trọng phải là một số lớn hơn 0, ví dụ 1 hoặc 1,5.";
            else weights[input.UnitId] = weight;
        }
        if (errors.Count > 0) return new LossShareResult(errors);
        if (weights.Count > 0 && string.IsNullOrWhiteSpace(source))
            return Fail("Vui lòng ghi nguồn của phân bổ (ví dụ: biên bản thẩm định, kế hoạch cải thiện).");

        var stored = await db.Set<LossShare>().Where(s => s.SubCriterionId == subCriterionId).ToListAsync(ct);
        try
        {
            foreach (var share in stored.Where(s => !weights.ContainsKey(s.UnitId))) db.Remove(share);
            foreach (var (unitId, weight) in weights)
            {
                var share = stored.FirstOrDefault(s => s.UnitId == unitId);
                if (share is null) db.Add(new LossShare(subCriterionId, unitId, weight, source, by, atUtc, responsible));
                else if (share.Weight != weight || share.Source != Vn.Clean(source) || share.Responsible != Vn.Clean(responsible))
                    share.Change(weight, source, by, atUtc, responsible);
            }
        }
        catch (DomainException ex)
        {
            return Fail(ex.Message);
        }
        await db.SaveChangesAsync(ct);
        return new LossShareResult(errors);

        static LossShareResult Fail(string message) => new(new Dictionary<int, string> { [0] = message });
    }
}
