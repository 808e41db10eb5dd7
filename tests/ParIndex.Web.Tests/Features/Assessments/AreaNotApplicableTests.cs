using System.Net;
using Microsoft.EntityFrameworkCore;
using ParIndex.Web.Data.Seed;
using ParIndex.Web.Tests.Infrastructure;

namespace ParIndex.Web.Tests.Features.Assessments;

/// <summary>An area whose every sub-criterion is "không áp dụng" still has its page, which says why it is out of the total.</summary>
public sealed class AreaNotApplicableTests : IDisposable
{
    private readonly ParIndexFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task An_area_whose_every_sub_criterion_is_not_applicable_renders_with_the_reasons_and_the_year_page_too()
    {
        var subs = await _factory.WithDbAsync(db => db.SubCriteria.AsNoTracking()
            .Where(s => db.Criteria.Any(c => c.Id == s.CriterionId && db.Areas.Any(a => a.Id == c.AreaId && a.Code == "6"
                && db.Frameworks.Any(f => f.Id == a.FrameworkId && f.Year == 2022))))
            .Select(s => new { s.Id, s.Code, s.MaxPoints }).ToListAsync());
        Assert.NotEmpty(subs);
        using var client = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Office);
        foreach (var s in subs)
        {
            var marked = await client.SubmitAsync("/Frameworks/2022", $"#na-{s.Id}", new() { ["NotApplicable.Reason"] = $"Không phát sinh ({s.Code})" });
            Assert.Equal(HttpStatusCode.Redirect, marked.StatusCode);
        }

        var response = await client.Http.GetAsync("/Assessments/2022/Area/6");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await TestClient.ParseAsync(response);
        var note = page.QuerySelector("[data-testid=area-not-applicable]")!.TextContent;
        Assert.Contains($"Toàn bộ {subs.Count} tiêu chí thành phần của lĩnh vực 6 không áp dụng năm 2022", note);
        Assert.Contains("không tính vào tổng điểm và điểm tối đa của năm", note);
        foreach (var s in subs)
        {
            Assert.Contains($"Không phát sinh ({s.Code})", page.QuerySelector($"[data-testid=area-not-applicable] li[data-code='{s.Code}']")!.TextContent);
            Assert.NotNull(page.QuerySelector($"[data-testid=subcriteria] tr.not-applicable[data-code='{s.Code}']"));
        }
        Assert.Null(page.QuerySelector("[data-testid=save-area]"));

        var year = await client.Http.GetAsync("/Assessments/2022");
        Assert.Equal(HttpStatusCode.OK, year.StatusCode);
        var yearPage = await TestClient.ParseAsync(year);
        Assert.NotNull(yearPage.QuerySelector($"[data-testid=not-applicable] li[data-code='{subs[0].Code}']"));
    }
}
