using System.Globalization;
using System.Net;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using ParIndex.Web.Data.Seed;
using ParIndex.Web.Features.Assessments;
using ParIndex.Web.Features.Plans;
using ParIndex.Web.Tests.Infrastructure;
using YearModel = ParIndex.Web.Features.Frameworks.YearModel;

namespace ParIndex.Web.Tests.Features.Frameworks;

/// <summary>Issue 14: sub-criteria "không áp dụng / không phát sinh", left out of the total and the maximum, the total rescaled.</summary>
public sealed class NotApplicableTests : IDisposable
{
    private readonly ParIndexFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private Task<string?> ReasonAsync(int id) => _factory.WithDbAsync(db => db.SubCriteria.Where(s => s.Id == id).Select(s => s.NotApplicableReason).SingleAsync());

    [Fact]
    public async Task A_sub_criterion_marked_not_applicable_leaves_the_total_and_the_maximum_and_every_output_shows_the_rescaled_result()
    {
        var id = await _factory.SubCriterionIdAsync(2022, "3.5.1");
        using var client = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Office);

        var response = await client.SubmitAsync("/Frameworks/2022", $"#na-{id}", new() { ["NotApplicable.Reason"] = "Năm 2022 không phát sinh hồ sơ" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("Năm 2022 không phát sinh hồ sơ", await ReasonAsync(id));
        var audit = await _factory.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == "SubCriterion" && a.EntityId == id.ToString(CultureInfo.InvariantCulture) && a.Field == "NotApplicableReason").ToListAsync());
        Assert.Equal("Năm 2022 không phát sinh hồ sơ", Assert.Single(audit).NewValue);

        // 3.5.1 had 3/6: left out, 77,567 of the 93 applicable points, rescaled to 99: 77,567 ÷ 93 × 99 = 82,571.
        var framework = await client.GetDocumentAsync("/Frameworks/2022");
        Assert.Contains("Năm 2022 không phát sinh hồ sơ", framework.QuerySelector($"tr[data-code='3.5.1'] [data-testid=not-applicable-reason]")!.TextContent);
        Assert.Contains("1 không áp dụng (6 điểm", framework.QuerySelector("[data-testid=framework-not-applicable]")!.TextContent);
        var year = await client.GetDocumentAsync("/Assessments/2022");
        Assert.Equal("77,567/93", year.QuerySelector("[data-testid=total-final]")!.TextContent.Trim());
        Assert.Equal("Kết quả sau khi loại tiêu chí không áp dụng: 82,571/99", year.QuerySelector("[data-testid=total-rescaled]")!.TextContent.Trim());
        Assert.StartsWith("83,41% · xếp loại Tốt", year.QuerySelector("[data-testid=total-classification]")!.TextContent.Trim());
        Assert.Equal("Không tính 1 tiêu chí thành phần không áp dụng (6 điểm): 77,567 ÷ 93 × 99 = 82,571 điểm. Các tiêu chí này không tính vào tổng điểm và điểm tối đa, không bị mất điểm.",
            year.QuerySelector("[data-testid=rescale-text]")!.TextContent.Trim());
        Assert.Contains("Năm 2022 không phát sinh hồ sơ", year.QuerySelector("[data-testid=not-applicable] li[data-code='3.5.1']")!.TextContent);
        // It loses no points: no unit carries the 3 points 3.5.1 lost.
        Assert.Equal("15,433", year.QuerySelector("[data-testid=unit-lost-total]")!.TextContent.Trim());
        Assert.Null(year.QuerySelector("[data-testid=loss-sources] tr[data-code='3.5.1']"));
        var area = await client.GetDocumentAsync("/Assessments/2022/Area/3");
        var row = area.QuerySelector("[data-testid=subcriteria] tr.not-applicable[data-code='3.5.1']")!;
        Assert.Contains("Không áp dụng", row.TextContent);
        Assert.Contains("Năm 2022 không phát sinh hồ sơ", row.TextContent);

        using var api = JsonDocument.Parse(await client.Http.GetStringAsync("/api/v1/assessments/2022"));
        var root = api.RootElement;
        Assert.Equal((82.571m, 99m), (root.GetProperty("total").GetDecimal(), root.GetProperty("maxPoints").GetDecimal()));
        var index = root.GetProperty("index");
        Assert.Equal((93m, 77.567m, 99m), (index.GetProperty("applicableMaxPoints").GetDecimal(), index.GetProperty("criteriaPoints").GetDecimal(),
            index.GetProperty("criteriaMaxPoints").GetDecimal()));
        var na = Assert.Single(index.GetProperty("notApplicable").EnumerateArray());
        Assert.Equal(("3.5.1", "Năm 2022 không phát sinh hồ sơ"), (na.GetProperty("code").GetString(), na.GetProperty("reason").GetString()));
        Assert.Equal(15.433m, root.GetProperty("lostPoints").GetDecimal());
        Assert.DoesNotContain(root.GetProperty("unitLosses").EnumerateArray().SelectMany(u => u.GetProperty("subCriteria").EnumerateArray()),
            s => s.GetProperty("code").GetString() == "3.5.1");

        using var workbook = new XLWorkbook(new MemoryStream(await client.Http.GetByteArrayAsync("/exports/assessments/2022/scores.xlsx")));
        var rows = workbook.Worksheet(1).RowsUsed().ToList();
        var marked = rows.Single(r => r.Cell(1).GetString() == "Không áp dụng");
        Assert.Equal(("3.5.1", 6m, "Không áp dụng: Năm 2022 không phát sinh hồ sơ"), (marked.Cell(2).GetString(), marked.Cell(4).GetValue<decimal>(), marked.Cell(10).GetString()));
        Assert.DoesNotContain(rows, r => r.Cell(1).GetString() == "Tiêu chí thành phần" && r.Cell(2).GetString() == "3.5.1");
        Assert.Equal(77.567m, rows.Single(r => r.Cell(1).GetString() == "Tổng").Cell(8).GetValue<decimal>());
        var result = rows.Single(r => r.Cell(1).GetString() == "Kết quả");
        Assert.Equal((99m, 82.571m), (result.Cell(4).GetValue<decimal>(), result.Cell(8).GetValue<decimal>()));

        // The plan's section I names no loss on 3.5.1.
        var view = (await _factory.WithDbAsync(db => new AssessmentReader(db).ReadAsync(2022)))!;
        Assert.DoesNotContain("3.5.1", PlanDrafter.Evaluation(view, null));

        // Applicable again: the seed's picture.
        response = await client.SubmitAsync("/Frameworks/2022", $"#na-{id}", []);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Null(await ReasonAsync(id));
        year = await client.GetDocumentAsync("/Assessments/2022");
        Assert.Equal("80,567/99", year.QuerySelector("[data-testid=total-final]")!.TextContent.Trim());
        Assert.Null(year.QuerySelector("[data-testid=total-rescaled]"));
    }

    [Fact]
    public async Task A_mark_without_a_reason_is_refused_beside_the_field_and_nothing_is_saved()
    {
        var id = await _factory.SubCriterionIdAsync(2022, "3.5.1");
        using var client = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Office);

        var response = await client.SubmitAsync("/Frameworks/2022", $"#na-{id}", new() { ["NotApplicable.Reason"] = "   " });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await TestClient.ParseAsync(response);
        Assert.Equal("Nhập lý do không áp dụng.", page.QuerySelector($"[data-valmsg-for='{YearModel.ReasonKey(id)}']")!.TextContent.Trim());
        Assert.Null(await ReasonAsync(id));
    }

    [Fact]
    public async Task A_stale_mark_is_a_conflict_and_writes_nothing()
    {
        var id = await _factory.SubCriterionIdAsync(2022, "3.5.1");
        using var first = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Office);
        using var second = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Office);
        var stale = (await second.GetDocumentAsync("/Frameworks/2022")).QuerySelector<IHtmlFormElement>($"#na-{id}")!;

        Assert.Equal(HttpStatusCode.Redirect,
            (await first.SubmitAsync("/Frameworks/2022", "#bands-form", new() { ["Bands.Excellent"] = "91" })).StatusCode);
        var response = await second.PostFormAsync(stale, new() { ["NotApplicable.Reason"] = "Không phát sinh" }, "/Frameworks/2022");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(YearModel.NotApplicableConflict, (await TestClient.ParseAsync(response)).QuerySelector("[data-testid=form-errors]")!.TextContent);
        Assert.Null(await ReasonAsync(id));
    }
}
