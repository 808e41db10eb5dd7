using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using ParIndex.Domain.Accountability;
using ParIndex.Web.Data.Seed;
using ParIndex.Web.Tests.Infrastructure;

namespace ParIndex.Web.Tests.Features.Assessments;

/// <summary>The year and score pages show who lost each sub-criterion's points, and the Office sets the shares of a year.</summary>
public class LostPointsTests : IDisposable
{
    private readonly ParIndexFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private static decimal Number(string text) => decimal.Parse(text.Trim().Replace(',', '.'), CultureInfo.InvariantCulture);

    private static Dictionary<string, string> UnitLosses(IDocument page) =>
        page.QuerySelectorAll("[data-testid=unit-losses] tbody tr[data-unit]")
            .ToDictionary(r => r.GetAttribute("data-unit")!, r => r.QuerySelector("[data-testid=unit-lost]")!.TextContent.Trim());

    [Fact]
    public async Task The_score_page_of_3_5_1_charges_its_3_points_20_4_7_19_34_to_the_units_with_late_dossiers()
    {
        var id = await _factory.SubCriterionIdAsync(2022, "3.5.1");
        using var client = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Leadership);

        var page = await client.GetDocumentAsync($"/Assessments/2022/Score/{id}");

        var losses = page.QuerySelector("[data-testid=losses]")!;
        Assert.Contains("Theo số hồ sơ TTHC trễ hạn của từng đơn vị", losses.QuerySelector("[data-testid=loss-basis]")!.TextContent);
        var rows = losses.QuerySelectorAll("tbody tr").ToDictionary(r => r.GetAttribute("data-unit")!,
            r => r.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray());
        Assert.Equal(["QHGD", "DKTK", "KSTNN", "CCBVMT", "VPDKDD"], rows.Keys);
        Assert.Equal(["20", "4", "7", "19", "34"], rows.Values.Select(r => r[1]));
        // Văn phòng Đăng ký đất đai: 3 × 34/84 = 1,2142… → 1,214.
        Assert.Equal(Math.Round(3m * 34 / 84, 3), Number(rows["VPDKDD"][2]));
        Assert.Equal(["0,714", "0,143", "0,25", "0,679", "1,214"], rows.Values.Select(r => r[2]));
        Assert.Equal("3", losses.QuerySelector("[data-testid=loss-total]")!.TextContent.Trim());
        Assert.DoesNotContain("VP", rows.Keys); // the lead unit lost none of it
        // Leadership reads; only the Office sets shares.
        Assert.Null(page.QuerySelector("#shares-form"));
    }

    [Fact]
    public async Task The_year_page_lists_points_lost_per_unit_with_where_each_split_came_from()
    {
        using var client = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Leadership);

        var page = await client.GetDocumentAsync("/Assessments/2022");

        var units = UnitLosses(page);
        Assert.Equal("18,433", page.QuerySelector("[data-testid=unit-lost-total]")!.TextContent.Trim());
        Assert.Equal(18.433m, units.Values.Sum(Number));
        Assert.Equal("10,266", units["VP"]);
        Assert.Equal("1,714", units["VPDKDD"]);
        var sources = page.QuerySelectorAll("[data-testid=loss-sources] tbody tr")
            .ToDictionary(r => r.GetAttribute("data-code")!, r => r.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray());
        Assert.StartsWith("Theo số hồ sơ TTHC trễ hạn", sources["3.5.1"][2]);
        Assert.Contains("Văn phòng Đăng ký đất đai 1,214 điểm", sources["3.5.1"][3]);
        Assert.StartsWith("Theo phân bổ của Văn phòng Sở", sources["7.1.2"][2]);
        Assert.Contains("Dữ liệu mẫu", sources["7.1.2"][2]); // who set it
        Assert.Contains("Lĩnh vực 7", sources["7.1.2"][2]);  // and from which source
        Assert.Equal("Văn phòng Đăng ký đất đai 0,5 điểm, Quỹ Bảo vệ môi trường 0,5 điểm, Trung tâm Đo đạc và Tư vấn tài nguyên môi trường 0,5 điểm",
            sources["7.1.2"][3]);
        Assert.Contains("Thanh tra Sở 0,2 điểm", sources["2.1.1"][3]);
        Assert.Equal(5, sources["2.1.1"][3].Split(", ").Length);
        Assert.StartsWith("Theo số báo cáo định kỳ trễ hạn", sources["1.2.3"][2]); // Q3/2022 report, Văn phòng Sở
        Assert.StartsWith("Đơn vị chủ trì", sources["1.6.1"][2]);
    }

    [Fact]
    public async Task The_Office_sets_shares_for_the_year_and_every_figure_follows_them()
    {
        var id = await _factory.SubCriterionIdAsync(2022, "1.6.1"); // initiatives: 0/2, charged to the lead unit by default
        var url = $"/Assessments/2022/Score/{id}";
        using var office = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Office);
        var (ttr, khtc) = await _factory.WithDbAsync(async db => (
            await db.Units.Where(u => u.Code == "TTR").Select(u => u.Id).SingleAsync(),
            await db.Units.Where(u => u.Code == "KHTC").Select(u => u.Id).SingleAsync()));
        var form = (await office.GetDocumentAsync(url)).QuerySelector<IHtmlFormElement>("#shares-form")!;
        string Field(int unitId) => form.QuerySelector($"#share-{unitId}")!.GetAttribute("name")!;

        var response = await office.PostFormAsync(form, new()
        {
            [Field(ttr)] = "1",
            [Field(khtc)] = "1,5",
            ["ShareInput.Source"] = "Biên bản họp giao ban CCHC ngày 10/3/2023",
        }, url);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stored = await _factory.WithDbAsync(db => db.Set<LossShare>().AsNoTracking().Where(s => s.SubCriterionId == id)
            .OrderBy(s => s.UnitId).ToListAsync());
        Assert.Equal([(ttr, 1m), (khtc, 1.5m)], stored.Select(s => (s.UnitId, s.Weight)));
        Assert.All(stored, s => Assert.Equal("Trần Thị Văn Phòng", s.SetBy));
        // Who is held to account is a decision: each new share is in the sub-criterion's audit trail, with who set it.
        var audit = await _factory.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == "SubCriterion" && a.EntityId == id.ToString(CultureInfo.InvariantCulture) && a.Field!.StartsWith("LossShare["))
            .ToListAsync());
        Assert.Equal(new[] { $"LossShare[{khtc}]", $"LossShare[{ttr}]" }.Order(), audit.Select(a => a.Field!).Order());
        Assert.All(audit, a => Assert.Equal(("Created", "Trần Thị Văn Phòng"), (a.Action, a.UserName)));
        Assert.Contains(audit, a => a.NewValue!.Contains("Weight=1,5"));

        var page = await office.GetDocumentAsync(url);
        Assert.StartsWith("Theo phân bổ của Văn phòng Sở cho năm này: Biên bản họp giao ban", page.QuerySelector("[data-testid=loss-basis]")!.TextContent.Trim());
        Assert.Equal(["0,8", "1,2"], page.QuerySelectorAll("[data-testid=losses] [data-testid=unit-loss]").Select(c => c.TextContent.Trim()));
        Assert.Contains("Trần Thị Văn Phòng", page.QuerySelector("[data-testid=shares-set]")!.TextContent);

        // The dashboard reads the same split: Văn phòng Sở no longer carries those 2 points.
        var dashboard = await office.GetDocumentAsync("/Dashboard");
        string Lost(string unit) => dashboard.QuerySelector($"[data-testid=accountability] tr[data-unit='{unit}'] [data-testid=unit-lost]")!.TextContent.Trim();
        Assert.Equal("8,266", Lost("VP"));
        Assert.Equal("3,2", Lost("KHTC"));
        Assert.Equal("1,1", Lost("TTR"));

        // Clearing every weight returns the split to the lead unit.
        form = (await office.GetDocumentAsync(url)).QuerySelector<IHtmlFormElement>("#shares-form")!;
        response = await office.PostFormAsync(form, new() { [Field(ttr)] = "", [Field(khtc)] = "" }, url);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(0, await _factory.WithDbAsync(db => db.Set<LossShare>().CountAsync(s => s.SubCriterionId == id)));
        Assert.Equal(2, await _factory.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.EntityType == "SubCriterion" &&
            a.EntityId == id.ToString(CultureInfo.InvariantCulture) && a.Field!.StartsWith("LossShare[") && a.Action == "Deleted")));
        page = await office.GetDocumentAsync(url);
        Assert.StartsWith("Đơn vị chủ trì", page.QuerySelector("[data-testid=loss-basis]")!.TextContent.Trim());
    }

    [Theory]
    [InlineData("abc", "Biên bản", "Tỷ trọng phải là một số lớn hơn 0")]
    [InlineData("-1", "Biên bản", "Tỷ trọng phải là một số lớn hơn 0")]
    [InlineData("1", "", "Vui lòng ghi nguồn của phân bổ")]
    public async Task Bad_shares_get_a_Vietnamese_message_and_change_nothing(string weight, string source, string message)
    {
        var id = await _factory.SubCriterionIdAsync(2022, "7.1.2");
        var url = $"/Assessments/2022/Score/{id}";
        using var office = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Office);
        var before = await _factory.WithDbAsync(db => db.Set<LossShare>().AsNoTracking().Where(s => s.SubCriterionId == id)
            .OrderBy(s => s.UnitId).Select(s => new { s.UnitId, s.Weight, s.Source }).ToListAsync());
        var vp = await _factory.WithDbAsync(db => db.Units.Where(u => u.Code == "VP").Select(u => u.Id).SingleAsync());
        var form = (await office.GetDocumentAsync(url)).QuerySelector<IHtmlFormElement>("#shares-form")!;

        var response = await office.PostFormAsync(form, new()
        {
            [form.QuerySelector($"#share-{vp}")!.GetAttribute("name")!] = weight,
            ["ShareInput.Source"] = source,
        }, url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await TestClient.ParseAsync(response);
        Assert.Contains(message, page.QuerySelector("#shares-form")!.TextContent);
        var after = await _factory.WithDbAsync(db => db.Set<LossShare>().AsNoTracking().Where(s => s.SubCriterionId == id)
            .OrderBy(s => s.UnitId).Select(s => new { s.UnitId, s.Weight, s.Source }).ToListAsync());
        Assert.Equal(before, after);
        Assert.Equal(3, after.Count);
    }

    [Fact]
    public async Task A_unit_head_cannot_set_shares()
    {
        var id = await _factory.SubCriterionIdAsync(2022, "7.1.2");
        var url = $"/Assessments/2022/Score/{id}";
        using var head = await _factory.CreateTestClient().SignInAsync(DemoAccounts.UnitHead("VPDKDD"));
        var token = await head.AntiforgeryTokenAsync(url);

        var response = await head.Http.PostAsync($"{url}?handler=Shares", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["ShareInput.Units[0].UnitId"] = "1",
            ["ShareInput.Units[0].Weight"] = "5",
            ["ShareInput.Source"] = "x",
        }));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(3, await _factory.WithDbAsync(db => db.Set<LossShare>().CountAsync(s => s.SubCriterionId == id)));
    }

    [Fact]
    public async Task Demo_figures_the_seed_does_not_give_are_marked_as_sample_data_and_kept_out_of_the_plan_s_reasons()
    {
        var id = await _factory.SubCriterionIdAsync(2022, "5.4.1");
        using var client = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Leadership);

        var page = await client.GetDocumentAsync($"/Assessments/2022/Score/{id}");
        Assert.Equal("Số liệu mẫu", page.QuerySelector("[data-testid=rule-outcome] [data-testid=sample-facts]")!.TextContent.Trim());
        var tthc = await client.GetDocumentAsync($"/Assessments/2022/Score/{await _factory.SubCriterionIdAsync(2022, "3.5.1")}");
        Assert.Null(tthc.QuerySelector("[data-testid=sample-facts]")); // 84 late dossiers: the seed's own figure
        Assert.DoesNotContain("dossiers-2022.json", tthc.Body!.TextContent);

        var evaluation = await _factory.WithDbAsync(db => db.Plans.Where(p => p.TargetYear == 2023).Select(p => p.Evaluation).SingleAsync());
        foreach (var invented in new[] { "85%", "1.250", "87,5%", "64%", "15%" })
            Assert.DoesNotContain(invented, evaluation);
        Assert.Contains("5.4.1", evaluation);
    }
}
