using System.Net;
using Microsoft.EntityFrameworkCore;
using ParIndex.Web.Data.Seed;
using ParIndex.Web.Tests.Infrastructure;

namespace ParIndex.Web.Tests.Features.Frameworks;

/// <summary>Issue 15: "Sao chép sang năm mới" on /Frameworks creates the new year's framework and nothing else.</summary>
public class CopyTests(ParIndexFactory factory) : IClassFixture<ParIndexFactory>
{
    [Fact]
    public async Task Copying_a_year_creates_its_framework_only_and_opens_no_self_assessment()
    {
        using var client = await factory.CreateTestClient().SignInAsync(DemoAccounts.Office);

        var response = await client.SubmitAsync("/Frameworks", "#copy-2023", new() { ["NewYear"] = "2027" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Frameworks/2027", response.Headers.Location!.ToString());
        var (subCriteria, max) = await factory.WithDbAsync(async db =>
        {
            var maxima = await db.SubCriteria.Where(s => db.Criteria.Any(c => c.Id == s.CriterionId && db.Areas.Any(a => a.Id == c.AreaId
                && db.Frameworks.Any(f => f.Id == a.FrameworkId && f.Year == 2027)))).Select(s => s.MaxPoints).ToListAsync();
            return (maxima.Count, maxima.Sum());
        });
        Assert.Equal((74, 99m), (subCriteria, max));
        Assert.False(await factory.WithDbAsync(db => db.Assessments.AnyAsync(a => a.Year == 2027)));
        var page = await client.GetDocumentAsync("/Frameworks/2027");
        Assert.Contains("chưa được mở", page.QuerySelector("main")!.TextContent);
    }

    [Fact]
    public async Task Copying_onto_a_year_that_exists_is_refused_beside_the_field_and_writes_nothing()
    {
        using var client = await factory.CreateTestClient().SignInAsync(DemoAccounts.Office);
        var frameworks = await factory.WithDbAsync(db => db.Frameworks.CountAsync());

        // 2023 exists (the demo's copy): the stale choice of a year someone already created.
        var response = await client.SubmitAsync("/Frameworks", "#copy-2022", new() { ["NewYear"] = "2023" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await TestClient.ParseAsync(response);
        Assert.Contains("Bộ tiêu chí năm 2023 đã có.", page.QuerySelector("[data-valmsg-for=NewYear], .validation-summary-errors")!.TextContent);
        Assert.Equal(frameworks, await factory.WithDbAsync(db => db.Frameworks.CountAsync()));
    }

    [Fact]
    public async Task Copying_a_year_carries_the_Offices_loss_shares_to_the_same_sub_criteria_of_the_new_year()
    {
        using var client = await factory.CreateTestClient().SignInAsync(DemoAccounts.Office);

        var response = await client.SubmitAsync("/Frameworks", "#copy-2022", new() { ["NewYear"] = "2026" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        // The Office's loss shares go with their sub-criteria, by code, saying where they came from.
        async Task<List<string>> SharesOf(int year) => await factory.WithDbAsync(db => (
            from s in db.Set<ParIndex.Domain.Accountability.LossShare>()
            join sub in db.SubCriteria on s.SubCriterionId equals sub.Id
            where db.Criteria.Any(c => c.Id == sub.CriterionId && db.Areas.Any(a => a.Id == c.AreaId && db.Frameworks.Any(f => f.Id == a.FrameworkId && f.Year == year)))
            orderby sub.Code, s.UnitId
            select sub.Code + "|" + s.UnitId + "|" + s.Weight + "|" + s.SetBy).ToListAsync());
        var sourceShares = await SharesOf(2022);
        Assert.NotEmpty(sourceShares);
        Assert.Equal(sourceShares, await SharesOf(2026));
        Assert.All(await factory.WithDbAsync(db => db.Set<ParIndex.Domain.Accountability.LossShare>()
                .Where(s => db.SubCriteria.Any(x => x.Id == s.SubCriterionId && db.Criteria.Any(c => c.Id == x.CriterionId && db.Areas.Any(a => a.Id == c.AreaId
                    && db.Frameworks.Any(f => f.Id == a.FrameworkId && f.Year == 2026))))).Select(s => s.Source).ToListAsync()),
            source => Assert.StartsWith("Sao chép từ năm 2022", source));
    }
}
