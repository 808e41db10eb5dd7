using Microsoft.EntityFrameworkCore;
using ParIndex.Domain.Assessments;

namespace ParIndex.Web.Tests.Infrastructure;

/// <summary>Lookups tests need to address demo records by their natural keys.</summary>
public static class TestData
{
    public static Task<int> SubCriterionIdAsync(this ParIndexFactory factory, int year, string code) =>
        factory.WithDbAsync(db => db.SubCriteria.Where(s => s.Code == code &&
                db.Criteria.Any(c => c.Id == s.CriterionId && db.Areas.Any(a => a.Id == c.AreaId &&
                    db.Frameworks.Any(f => f.Id == a.FrameworkId && f.Year == year))))
            .Select(s => s.Id).SingleAsync());

    public static Task<SubCriterionScore?> ScoreAsync(this ParIndexFactory factory, int year, int subCriterionId) =>
        factory.WithDbAsync(db => db.Scores.AsNoTracking()
            .SingleOrDefaultAsync(s => s.SubCriterionId == subCriterionId && db.Assessments.Any(a => a.Id == s.AssessmentId && a.Year == year)));
}
