using System.Data;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using ParIndex.Domain;
using ParIndex.Domain.Accountability;
using ParIndex.Domain.Formatting;
using ParIndex.Web.Data;

namespace ParIndex.Web.Features.Assessments;

/// <summary>A weight typed for one unit ("" or blank: the unit has no share).</summary>
public sealed record LossShareInput(int UnitId, string? Weight);

/// <summary>
/// The outcome of saving shares: errors per unit id (0: the whole form), none on success. <see cref="Conflict"/>: the
/// stored shares changed since the form was rendered (another tab, another user), nothing was written.
/// </summary>
public sealed record LossShareResult(IReadOnlyDictionary<int, string> Errors, bool Conflict = false)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>
/// Sets the Office's shares of one sub-criterion's lost points for a year, all or nothing: every weight is checked
/// first (a number above 0, "1,5" or "1.5"), then the stored set is replaced by the new one (rows added, changed or
/// removed, each change recorded by the audit). Blank weights everywhere clear the shares, so the split falls back to
/// the facts or the lead unit. <paramref name="responsible"/> (optional) names who answers for the loss in the plan's
/// words when that is more than the units charged; it is kept on every share row, like the source.
/// <paramref name="stamp"/> is <see cref="StampOf"/> of the shares the form was rendered with: a form rendered before
/// another save is refused as a conflict, and so is the loser of two saves at once (the unique index on
/// (sub-criterion, unit) or a row removed meanwhile), with nothing written.
/// </summary>
public sealed class LossShareService(ParIndexDbContext db)
{
    public const string ConflictMessage =
        "Phân bổ điểm bị mất của tiêu chí này vừa được người khác thay đổi. Phân bổ mới đang hiển thị; hãy kiểm tra rồi lưu lại nếu cần.";

    /// <summary>
    /// A fingerprint of a sub-criterion's stored shares (unit, weight, source, responsible, when set); "" when there are
    /// none. Any save that changes a row changes its time, so two different stored sets never share a stamp.
    /// </summary>
    public static string StampOf(IEnumerable<(int UnitId, decimal Weight, string? Source, string? Responsible, DateTime SetAt)> shares)
    {
        var text = string.Join("\n", shares.OrderBy(s => s.UnitId).Select(s => string.Join("\t", s.UnitId.ToString(CultureInfo.InvariantCulture),
            s.Weight.ToString(CultureInfo.InvariantCulture), s.Source, s.Responsible, s.SetAt.Ticks.ToString(CultureInfo.InvariantCulture))));
        return text.Length == 0 ? "" : Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];
    }

    public async Task<LossShareResult> SetAsync(int year, int subCriterionId, IReadOnlyList<LossShareInput> inputs, string? source,
        string? responsible, string? stamp, string by, DateTime atUtc, CancellationToken ct = default)
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

        // The stamp is checked and the set replaced in one serializable transaction: SQLite begins it IMMEDIATE, so a
        // second save waits and then reads the first one's rows; on SQL Server two saves that both read the same set
        // cannot both write it (one is chosen as the deadlock victim and refused below).
        await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.Serializable, ct);
        var stored = await db.Set<LossShare>().Where(s => s.SubCriterionId == subCriterionId).ToListAsync(ct);
        if (StampOf(stored.Select(s => (s.UnitId, s.Weight, s.Source, s.Responsible, s.SetAt))) != (stamp ?? ""))
            return Conflicted();
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
            db.ChangeTracker.Clear();
            return Fail(ex.Message);
        }
        try
        {
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two saves at once: the other one added a unit's row first (unique index) or removed or changed a row
            // this one read (no row affected). Nothing of this save was written; forget its tracked changes.
            db.ChangeTracker.Clear();
            return Conflicted();
        }
        return new LossShareResult(errors);

        static LossShareResult Fail(string message) => new(new Dictionary<int, string> { [0] = message });
        static LossShareResult Conflicted() => new(new Dictionary<int, string> { [0] = ConflictMessage }, Conflict: true);
    }
}
