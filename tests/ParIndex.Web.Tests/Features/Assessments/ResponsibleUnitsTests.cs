using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using ParIndex.Domain.Accountability;
using ParIndex.Web.Data.Seed;
using ParIndex.Web.Features.Assessments;
using ParIndex.Web.Features.Plans;
using ParIndex.Web.Tests.Infrastructure;

namespace ParIndex.Web.Tests.Features.Assessments;

/// <summary>
/// A year's shares of a sub-criterion carry the Office's note on who answers for its loss, in the plan's words (6.4.1:
/// "phòng Kế hoạch – Tài chính và các phòng, đơn vị liên quan đến kết luận thanh tra, kiểm toán"): shown where the
/// responsible units are named, while the points stay with the units charged.
/// </summary>
public sealed class ResponsibleUnitsTests : IDisposable
{
    private const string SeedWording = "phòng Kế hoạch – Tài chính và các phòng, đơn vị liên quan đến kết luận thanh tra, kiểm toán";
    private readonly ParIndexFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private static string Area(string evaluation, string code) =>
        evaluation.Split("\n- Lĩnh vực ").Single(p => p.StartsWith(code + ":", StringComparison.Ordinal));

    [Fact]
    public async Task The_2023_plan_names_the_seeds_responsible_units_for_6_4_1_and_its_points_stay_with_KHTC()
    {
        var evaluation = await _factory.WithDbAsync(db => db.Plans.AsNoTracking().Where(p => p.TargetYear == 2023).Select(p => p.Evaluation).FirstAsync());
        var area6 = Area(evaluation!, "6");
        Assert.Contains("6.4.1 Thực hiện các kiến nghị của thanh tra, kiểm toán liên quan đến tài chính, ngân sách đạt 0/2 điểm (mất 2 điểm), " +
            "trong năm 2022, Sở chưa thực hiện các kiến nghị thanh tra, kiểm toán liên quan đến tài chính, ngân sách do đó chưa đạt điểm tối đa " +
            $"đối với tiêu chí này (trách nhiệm thuộc về {SeedWording})", area6, StringComparison.Ordinal);
        Assert.DoesNotContain("Phòng Kế hoạch - Tài chính chủ trì", area6, StringComparison.Ordinal);
        // Drafted again from the year's figures, the same words.
        var view = (await _factory.WithDbAsync(db => new AssessmentReader(db).ReadAsync(2022)))!;
        Assert.Contains($"(trách nhiệm thuộc về {SeedWording})", Area(PlanDrafter.Evaluation(view, null), "6"), StringComparison.Ordinal);

        var id = await _factory.SubCriterionIdAsync(2022, "6.4.1");
        var khtc = await _factory.WithDbAsync(db => db.Units.Where(u => u.Code == "KHTC").Select(u => u.Id).SingleAsync());
        var loss = view.Losses.Account.For(id)!;
        Assert.Equal((LossBasis.OfficeShares, 2m, SeedWording), (loss.Basis, loss.Lost, loss.Responsible));
        Assert.Equal([(khtc, 2m)], loss.Units.Select(u => (u.UnitId!.Value, u.Points)));
        Assert.Equal(loss.Lost, loss.Units.Sum(u => u.Points));
        Assert.Equal(18.433m, view.Losses.Account.Units.Sum(u => u.Points));

        using var client = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Leadership);
        var dashboard = await client.GetDocumentAsync("/Dashboard");
        var row = dashboard.QuerySelector("[data-testid=accountability] tr[data-unit='KHTC']")!;
        Assert.Equal("2", row.QuerySelector("[data-testid=unit-lost]")!.TextContent.Trim());
        Assert.Equal($"6.4.1: trách nhiệm thuộc về {SeedWording}", row.QuerySelector("[data-testid=unit-responsible]")!.TextContent.Trim());
        var year = await client.GetDocumentAsync("/Assessments/2022");
        Assert.Equal($"Phòng Kế hoạch - Tài chính 2 điểm (trách nhiệm thuộc về {SeedWording})",
            year.QuerySelectorAll("[data-testid=loss-sources] tbody tr[data-code='6.4.1'] td")[3].TextContent.Trim());
    }

    [Fact]
    public async Task The_Office_sets_the_note_with_the_shares_and_it_is_audited_and_shown()
    {
        var id = await _factory.SubCriterionIdAsync(2022, "1.6.1");
        var url = $"/Assessments/2022/Score/{id}";
        using var office = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Office);
        var ttr = await _factory.WithDbAsync(db => db.Units.Where(u => u.Code == "TTR").Select(u => u.Id).SingleAsync());
        var form = (await office.GetDocumentAsync(url)).QuerySelector<IHtmlFormElement>("#shares-form")!;
        var weight = form.QuerySelector($"#share-{ttr}")!.GetAttribute("name")!;
        Assert.Equal(HttpStatusCode.Redirect, (await office.PostFormAsync(form, new()
        {
            [weight] = "1",
            ["ShareInput.Source"] = "Biên bản họp ngày 10/3/2023",
        }, url)).StatusCode);

        form = (await office.GetDocumentAsync(url)).QuerySelector<IHtmlFormElement>("#shares-form")!;
        var response = await office.PostFormAsync(form, new() { ["ShareInput.Responsible"] = " Thanh tra Sở và các phòng có sáng kiến " }, url);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var share = await _factory.WithDbAsync(db => db.Set<LossShare>().AsNoTracking().SingleAsync(s => s.SubCriterionId == id));
        Assert.Equal((ttr, 1m, "Thanh tra Sở và các phòng có sáng kiến"), (share.UnitId, share.Weight, share.Responsible));
        var audit = await _factory.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == "SubCriterion" && a.EntityId == id.ToString(CultureInfo.InvariantCulture) && a.Field == $"LossShare[{ttr}].Responsible")
            .ToListAsync());
        var entry = Assert.Single(audit);
        Assert.Equal(("Trần Thị Văn Phòng", (string?)null, (string?)"Thanh tra Sở và các phòng có sáng kiến"), (entry.UserName, entry.OldValue, entry.NewValue));

        var page = await office.GetDocumentAsync(url);
        Assert.Equal("trách nhiệm thuộc về Thanh tra Sở và các phòng có sáng kiến", page.QuerySelector("[data-testid=loss-responsible]")!.TextContent.Trim());
        Assert.Equal("Thanh tra Sở và các phòng có sáng kiến", page.QuerySelector<IHtmlInputElement>("#ShareInput_Responsible")!.Value);
        var view = (await _factory.WithDbAsync(db => new AssessmentReader(db).ReadAsync(2022)))!;
        Assert.Contains("(trách nhiệm thuộc về Thanh tra Sở và các phòng có sáng kiến)", PlanDrafter.Evaluation(view, null), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_note_longer_than_allowed_is_refused_and_nothing_is_written()
    {
        var id = await _factory.SubCriterionIdAsync(2022, "6.4.1");
        var url = $"/Assessments/2022/Score/{id}";
        using var office = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Office);
        var before = await _factory.WithDbAsync(db => db.Set<LossShare>().AsNoTracking().SingleAsync(s => s.SubCriterionId == id));

        var response = await office.SubmitAsync(url, "#shares-form", new() { ["ShareInput.Responsible"] = new string('x', LossShare.ResponsibleMaxLength + 1) });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"tối đa {LossShare.ResponsibleMaxLength} ký tự", (await TestClient.ParseAsync(response)).QuerySelector("[data-testid=shares-error]")!.TextContent,
            StringComparison.Ordinal);
        var after = await _factory.WithDbAsync(db => db.Set<LossShare>().AsNoTracking().SingleAsync(s => s.SubCriterionId == id));
        Assert.Equal((before.Responsible, before.SetAt), (after.Responsible, after.SetAt));
    }
}
