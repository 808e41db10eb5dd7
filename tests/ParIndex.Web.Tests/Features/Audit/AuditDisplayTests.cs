using ParIndex.Web.Data.Seed;
using ParIndex.Web.Features.Audit;
using ParIndex.Web.Tests.Infrastructure;

namespace ParIndex.Web.Tests.Features.Audit;

/// <summary>The change history speaks Vietnamese and Vietnam time: field names, roles (the application's own role names), statuses; no stored names, no UTC.</summary>
public class AuditDisplayTests(ParIndexFactory factory) : IClassFixture<ParIndexFactory>
{
    [Fact]
    public async Task The_history_of_users_and_the_plan_reads_in_Vietnamese_and_local_time()
    {
        using var leader = await factory.CreateTestClient().SignInAsync(DemoAccounts.Leadership);

        var users = await leader.GetDocumentAsync("/Audit?type=ApplicationUser");
        var cells = users.QuerySelectorAll("[data-testid=audit-entries] tbody td").Select(td => td.TextContent.Trim()).ToList();
        Assert.Contains("Vai trò", cells);
        Assert.Contains("Trưởng phòng, đơn vị", cells);
        Assert.DoesNotContain("Role", cells);
        Assert.DoesNotContain("UnitHead", cells);
        Assert.Contains(cells, c => c.Contains("Thư điện tử: ccbvmt@parindex.local", StringComparison.Ordinal));

        var plan = await leader.GetDocumentAsync("/Audit?type=ImprovementPlan");
        var text = plan.QuerySelector("[data-testid=audit-entries]")!.TextContent;
        // Issued 15/03/2023 01:00 UTC (the seed), that is 08:00 in Vietnam.
        Assert.Contains("Thời điểm ban hành", text);
        Assert.Contains("15/03/2023 08:00", text);
        Assert.Contains("Đã ban hành", text);
        Assert.DoesNotContain("UTC", text);
        Assert.DoesNotContain("IssuedAt", text);
    }

    [Fact]
    public void An_evidence_record_hides_its_stored_name_and_internal_ids()
    {
        var shown = AuditDisplay.Value("Evidence[7]", "FileName=bien-ban.pdf; Size=390; StoredName=e53f0c2a9b.pdf; SubCriterionScoreId=12")!;
        Assert.Equal("Tên tệp: bien-ban.pdf; Dung lượng: 390", shown);
        Assert.Equal("Tài liệu kiểm chứng", AuditDisplay.Field("Evidence[7]"));
        Assert.Equal("(tệp lưu trữ)", AuditDisplay.Value("Evidence[7].StoredName", "e53f0c2a9b.pdf"));
        Assert.Equal("Giai đoạn tự đánh giá – Kết thúc", AuditDisplay.Field("Phase[SelfAssessment].EndsOn"));
        Assert.Equal("Đang thực hiện", AuditDisplay.Value("Status", "InProgress"));
    }
}
