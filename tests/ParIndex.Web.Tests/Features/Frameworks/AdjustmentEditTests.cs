using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using ParIndex.Domain.Formatting;
using ParIndex.Domain.Frameworks;
using ParIndex.Web.Data.Seed;
using ParIndex.Web.Tests.Infrastructure;
using YearModel = ParIndex.Web.Features.Frameworks.YearModel;

namespace ParIndex.Web.Tests.Features.Frameworks;

/// <summary>
/// A bonus or deduction of a year is edited in its row's form (points, reason, evidence) carrying its version: saved and
/// audited, a stale form or a row deleted meanwhile is a conflict that writes nothing, a refusal keeps what was typed
/// with the domain's message beside the field, and only editors may post.
/// </summary>
public sealed class AdjustmentEditTests : IDisposable
{
    private const string Page = "/Frameworks/2022";
    private readonly ParIndexFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private async Task<int> AddDeductionAsync(TestClient client)
    {
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync(Page, "#adjustment-add", new()
        {
            ["Adjustment.Kind"] = "Deduction",
            ["Adjustment.Points"] = "1",
            ["Adjustment.Reason"] = "Chậm báo cáo",
            ["Adjustment.Evidence"] = "CV 1",
        })).StatusCode);
        return await _factory.WithDbAsync(db => db.IndexAdjustments.Select(a => a.Id).SingleAsync());
    }

    private Task<IndexAdjustment> StoredAsync(int id) => _factory.WithDbAsync(db => db.IndexAdjustments.AsNoTracking().SingleAsync(a => a.Id == id));

    [Fact]
    public async Task Office_edits_a_deduction_in_its_row_and_the_change_is_saved_audited_and_counted()
    {
        using var client = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Office);
        var id = await AddDeductionAsync(client);
        var form = (await client.GetDocumentAsync(Page)).QuerySelector<IHtmlFormElement>($"#adjustment-{id}")!;
        Assert.Equal(("1", "Chậm báo cáo", "CV 1"), (Input(form, "Points"), Input(form, "Reason"), Input(form, "Evidence")));

        var response = await client.PostFormAsync(form, new()
        {
            ["Adjustment.Points"] = "2,5",
            ["Adjustment.Reason"] = "Chậm gửi báo cáo quý",
            ["Adjustment.Evidence"] = "CV 12/SNV",
        }, Page);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var row = await StoredAsync(id);
        Assert.Equal((AdjustmentKind.Deduction, 2.5m, "Chậm gửi báo cáo quý", (string?)"CV 12/SNV"), (row.Kind, row.Points, row.Reason, row.Evidence));
        var audit = await _factory.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == "IndexAdjustment" && a.EntityId == id.ToString(CultureInfo.InvariantCulture) && a.Field == "Points")
            .OrderBy(a => a.Id).ToListAsync());
        Assert.Contains(audit, a => a.UserName == "Trần Thị Văn Phòng" && a.OldValue == "1" && a.NewValue == "2,5");
        var assessment = await client.GetDocumentAsync("/Assessments/2022");
        Assert.Contains("điểm trừ 2,5", assessment.QuerySelector("[data-testid=parts-text]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_tabs_edit_the_same_adjustment_and_the_second_is_told_of_the_conflict_with_nothing_written()
    {
        using var first = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Office);
        using var second = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Office);
        var id = await AddDeductionAsync(first);
        var firstForm = (await first.GetDocumentAsync(Page)).QuerySelector<IHtmlFormElement>($"#adjustment-{id}")!;
        var secondForm = (await second.GetDocumentAsync(Page)).QuerySelector<IHtmlFormElement>($"#adjustment-{id}")!;

        Assert.Equal(HttpStatusCode.Redirect, (await first.PostFormAsync(firstForm, new() { ["Adjustment.Points"] = "2" }, Page)).StatusCode);
        var saved = await StoredAsync(id);
        var response = await second.PostFormAsync(secondForm, new() { ["Adjustment.Points"] = "3", ["Adjustment.Reason"] = "Lý do khác" }, Page);

        var page = await AssertConflictAsync(response);
        Assert.Equal("2", Input(page.QuerySelector<IHtmlFormElement>($"#adjustment-{id}")!, "Points"));
        var after = await StoredAsync(id);
        Assert.Equal((2m, "Chậm báo cáo", saved.Version), (after.Points, after.Reason, after.Version));
    }

    [Fact]
    public async Task An_edit_of_a_deleted_adjustment_and_a_delete_of_an_edited_one_are_conflicts()
    {
        using var first = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Office);
        using var second = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Office);

        // Edit, then a delete from the page read before it: the edit stands.
        var id = await AddDeductionAsync(first);
        var staleDelete = (await second.GetDocumentAsync(Page)).QuerySelector<IHtmlFormElement>($"#adjustment-delete-{id}")!;
        Assert.Equal(HttpStatusCode.Redirect, (await first.SubmitAsync(Page, $"#adjustment-{id}", new() { ["Adjustment.Points"] = "2" })).StatusCode);
        var response = await second.PostFormAsync(staleDelete, [], Page);
        await AssertConflictAsync(response);
        Assert.Equal(2m, (await StoredAsync(id)).Points);

        // Delete, then an edit from the page read before it: nothing comes back.
        var staleEdit = (await second.GetDocumentAsync(Page)).QuerySelector<IHtmlFormElement>($"#adjustment-{id}")!;
        Assert.Equal(HttpStatusCode.Redirect, (await first.SubmitAsync(Page, $"#adjustment-delete-{id}", [])).StatusCode);
        response = await second.PostFormAsync(staleEdit, new() { ["Adjustment.Points"] = "4" }, Page);
        await AssertConflictAsync(response);
        Assert.Equal(0, await _factory.WithDbAsync(db => db.IndexAdjustments.CountAsync()));
    }

    [Theory]
    [InlineData("-2", "Chậm báo cáo", "Points", "Số điểm phải lớn hơn 0 và không quá 1.000.")]
    [InlineData("2", "", "Reason", "Nhập lý do bị trừ điểm.")]
    [InlineData("hai điểm", "Chậm báo cáo", "Points", ScoreParser.NotANumberMessage)]
    [InlineData("", "Chậm báo cáo", "Points", ScoreParser.EmptyMessage)]
    public async Task A_bad_edit_changes_nothing_and_keeps_what_was_typed_with_the_message_beside_the_field(string points, string reason, string field, string message)
    {
        using var client = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Office);
        var id = await AddDeductionAsync(client);
        var before = await StoredAsync(id);

        var response = await client.SubmitAsync(Page, $"#adjustment-{id}",
            new() { ["Adjustment.Points"] = points, ["Adjustment.Reason"] = reason, ["Adjustment.Evidence"] = "CV mới" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var form = (await TestClient.ParseAsync(response)).QuerySelector<IHtmlFormElement>($"#adjustment-{id}")!;
        Assert.Equal(message, form.QuerySelector($"[data-valmsg-for='Adjustment.{field}']")!.TextContent.Trim());
        Assert.Equal((points, reason, "CV mới"), (Input(form, "Points"), Input(form, "Reason"), Input(form, "Evidence")));
        Assert.NotNull(form.Closest("details")!.GetAttribute("open"));
        var after = await StoredAsync(id);
        Assert.Equal((before.Points, before.Reason, before.Evidence, before.Version), (after.Points, after.Reason, after.Evidence, after.Version));
    }

    [Fact]
    public async Task Leadership_may_not_edit_an_adjustment()
    {
        using var office = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Office);
        var id = await AddDeductionAsync(office);
        var before = await StoredAsync(id);
        var form = (await office.GetDocumentAsync(Page)).QuerySelector<IHtmlFormElement>($"#adjustment-{id}")!;
        using var leadership = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Leadership);
        Assert.Null((await leadership.GetDocumentAsync(Page)).QuerySelector($"#adjustment-{id}"));

        var response = await leadership.PostFormAsync(form, new()
        {
            ["__RequestVerificationToken"] = await leadership.AntiforgeryTokenAsync(Page),
            ["Adjustment.Points"] = "5",
        }, Page);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal((before.Points, before.Version), ((await StoredAsync(id)).Points, (await StoredAsync(id)).Version));
    }

    /// <summary>The page again, answering 200, with the parts conflict above the forms.</summary>
    private static async Task<IDocument> AssertConflictAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await TestClient.ParseAsync(response);
        Assert.Contains(YearModel.PartConflict, page.QuerySelector("[data-testid=form-errors]")!.TextContent, StringComparison.Ordinal);
        return page;
    }

    private static string Input(IHtmlFormElement form, string field) =>
        form.QuerySelector<IHtmlInputElement>($"input[name='Adjustment.{field}']")!.Value;
}
