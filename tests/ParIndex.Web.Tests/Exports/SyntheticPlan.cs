using Microsoft.EntityFrameworkCore;
using ParIndex.Domain.Plans;
using ParIndex.Web.Data;

namespace ParIndex.Web.Tests.Exports;

/// <summary>
/// A large plan built on the demo data (2022 framework and units) for exports at scale. Shared with the
/// benchmark harness under bench/exports, which compiles this file.
/// </summary>
public static class SyntheticPlan
{
    private const string Sentence =
        "Rà soát, cập nhật và hoàn thiện quy trình nội bộ giải quyết thủ tục hành chính lĩnh vực đất đai, môi trường, " +
        "khoáng sản và tài nguyên nước; công khai đầy đủ, kịp thời trên Cổng dịch vụ công; theo dõi, đôn đốc hồ sơ " +
        "đến hạn, không để phát sinh hồ sơ trễ hạn; báo cáo kết quả thực hiện về Văn phòng Sở trước ngày 20 hằng tháng.";

    /// <summary>Creates an issued-looking draft plan for <paramref name="targetYear"/> (base 2022) with <paramref name="taskCount"/> tasks.</summary>
    public static async Task CreateAsync(ParIndexDbContext db, int targetYear, int taskCount, int baseYear = 2022)
    {
        var units = await db.Units.AsNoTracking().OrderBy(u => u.SortOrder).Select(u => u.Id).ToListAsync();
        var subs = await (from sub in db.SubCriteria.AsNoTracking()
                          join c in db.Criteria on sub.CriterionId equals c.Id
                          join a in db.Areas on c.AreaId equals a.Id
                          join f in db.Frameworks on a.FrameworkId equals f.Id
                          where f.Year == baseYear
                          select sub.Id).ToListAsync();
        var plan = new ImprovementPlan(targetYear, baseYear);
        plan.SetHeader($"{targetYear % 1000}/KH-STNMT", "Đắk Nông", new DateOnly(targetYear, 3, 15), "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG",
            "UBND TỈNH ĐẮK NÔNG", "GIÁM ĐỐC", "Nguyễn Văn Hiệp", "Sở Nội vụ (t/d);\nLãnh đạo Sở;\nLưu: VT, VP.");
        plan.SetSections($"Tổng điểm chỉ số CCHC năm {baseYear} đạt 80,567/99 điểm.\n- Lĩnh vực 1: {Sentence}\n+ {Sentence}\n* {Sentence}",
            $"- {Sentence}", $"- {Sentence}", $"1. Giao Văn phòng Sở\n{Sentence}", 1, 85);
        for (var i = 1; i <= taskCount; i++)
        {
            var recurring = i % 7 == 0;
            var content = $"Nhiệm vụ tổng hợp số {i}: " + Sentence[..(60 + i * 37 % (Sentence.Length - 60))];
            var task = new PlanTask(content, units[i % units.Count], $"Báo cáo kết quả nhiệm vụ số {i}",
                recurring ? null : new DateOnly(targetYear, 1 + i % 12, 1 + i % 28),
                recurring ? Recurrence.Quarterly : Recurrence.None,
                recurring ? [new DateOnly(targetYear, 3, 31), new DateOnly(targetYear, 6, 30), new DateOnly(targetYear, 9, 30)] : null)
            { SortOrder = i };
            task.SetTargets([subs[i % subs.Count], subs[(i * 7 + 3) % subs.Count]]);
            task.SetCoordinators([units[(i + 1) % units.Count], units[(i + 3) % units.Count]]);
            plan.AddTask(task);
        }
        db.Plans.Add(plan);
        await db.SaveChangesAsync();
    }
}
