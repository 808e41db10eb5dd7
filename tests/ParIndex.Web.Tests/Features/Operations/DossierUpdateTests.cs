using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using ParIndex.Domain.Operations;
using ParIndex.Web.Data.Seed;
using ParIndex.Web.Tests.Infrastructure;

namespace ParIndex.Web.Tests.Features.Operations;

/// <summary>Issue 19, dossiers: a re-import updates recorded dossiers and says how; a form edits or deletes one; an import is undone.</summary>
public class DossierUpdateTests(ParIndexFactory factory) : IClassFixture<ParIndexFactory>
{
    private const string Open = "H12.48-230301-0004";
    private static readonly DateOnly Received = new(2023, 3, 1);
    private static readonly DateOnly Due = new(2023, 3, 15);

    private async Task<TestClient> OfficeAsync() => await factory.CreateTestClient().SignInAsync(DemoAccounts.Office);

    private Task<Dossier?> DossierAsync(string code) =>
        factory.WithDbAsync(db => db.Dossiers.AsNoTracking().SingleOrDefaultAsync(d => d.Code == code));

    private Task<List<string>> AuditAsync(int id) => factory.WithDbAsync(db => db.AuditEntries
        .Where(a => a.EntityType == "Dossier" && a.EntityId == id.ToString()).Select(a => a.Action + " " + a.Field + " " + a.NewValue).ToListAsync());

    [Fact]
    public async Task Re_importing_the_unreturned_dossier_with_its_return_date_updates_it_and_an_undo_restores_it()
    {
        using var client = await OfficeAsync();
        var first = ImportFiles.Workbook(ImportFiles.Header,
            [Open, "Cấp giấy phép thăm dò nước dưới đất", "KSTNN", Received, Due, null, null],
            ["UPD-SAME-1", "Cấp giấy phép xả thải", "KSTNN", Received, Due, new DateOnly(2023, 3, 10), null]);
        await ImportFiles.ImportAndFollowAsync(client, first, "mot-cua-thang-3.xlsx");
        Assert.Null((await DossierAsync(Open))!.ReturnedOn);

        var second = ImportFiles.Workbook(ImportFiles.Header,
            [Open, "Cấp giấy phép thăm dò nước dưới đất", "KSTNN", Received, Due, new DateOnly(2023, 4, 5), "Trả sau khi bổ sung"],
            ["UPD-SAME-1", "Cấp giấy phép xả thải", "KSTNN", Received, Due, new DateOnly(2023, 3, 10), null]);
        var page = await ImportFiles.ImportAndFollowAsync(client, second, "mot-cua-thang-4.xlsx");

        var result = page.QuerySelector("#import-result")!.TextContent;
        Assert.Contains("Đã nhập 0 hồ sơ", result);
        Assert.Contains("Đã cập nhật 1 hồ sơ", result);
        Assert.Equal($"Dòng 2: hồ sơ {Open}: ngày trả kết quả: chưa trả → 05/04/2023; ghi chú: \"\" → \"Trả sau khi bổ sung\".",
            page.QuerySelector("#import-updated li")!.TextContent.Trim());
        Assert.Equal("Dòng 3: mã hồ sơ UPD-SAME-1 đã có, không thay đổi.", page.QuerySelector("#import-skipped li")!.TextContent.Trim());
        var updated = (await DossierAsync(Open))!;
        Assert.Equal(new DateOnly(2023, 4, 5), updated.ReturnedOn);
        Assert.Contains(await AuditAsync(updated.Id), a => a.StartsWith("Updated ReturnedOn", StringComparison.Ordinal));

        // The first import cannot be undone while the second's change stands on its dossier.
        var imports = await factory.WithDbAsync(db => db.DossierImports.AsNoTracking().OrderByDescending(i => i.Id).Take(2).ToListAsync());
        var (later, earlier) = (imports[0], imports[1]);
        Assert.Equal(("mot-cua-thang-4.xlsx", 0, 1), (later.FileName, later.RowCount, later.UpdatedCount));
        var refused = await client.SubmitAsync("/Operations/Dossiers?year=2023", $"#import-{earlier.Id} form.undo-form", []);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains($"hồ sơ {Open} đã được sửa sau lần nhập này", (await TestClient.ParseAsync(refused)).QuerySelector("#undo-error")!.TextContent);
        Assert.NotNull(await DossierAsync("UPD-SAME-1"));

        // Undo the later one: the return date goes; then the earlier one: its dossiers go.
        var undone = await client.SubmitAsync("/Operations/Dossiers?year=2023", $"#import-{later.Id} form.undo-form", []);
        Assert.Equal(HttpStatusCode.Redirect, undone.StatusCode);
        var next = await client.GetDocumentAsync(undone.Headers.Location!.ToString());
        Assert.Contains("Đã hoàn tác lần nhập tệp \"mot-cua-thang-4.xlsx\": xóa 0 hồ sơ đã thêm, trả lại 1 hồ sơ về như trước lần nhập.",
            next.QuerySelector(".alert-success")!.TextContent);
        Assert.Contains("Đã hoàn tác", next.QuerySelector($"#import-{later.Id}")!.TextContent);
        Assert.Null((await DossierAsync(Open))!.ReturnedOn);
        Assert.Null((await DossierAsync(Open))!.Note);

        Assert.Equal(HttpStatusCode.Redirect,
            (await client.SubmitAsync("/Operations/Dossiers?year=2023", $"#import-{earlier.Id} form.undo-form", [])).StatusCode);
        Assert.Null(await DossierAsync(Open));
        Assert.Null(await DossierAsync("UPD-SAME-1"));
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == "DossierImport" && a.EntityId == earlier.Id.ToString()
            && a.Field == "UndoneBy")));
    }

    [Fact]
    public async Task A_re_import_with_one_bad_row_changes_nothing()
    {
        using var client = await OfficeAsync();
        await ImportFiles.ImportAndFollowAsync(client, ImportFiles.Workbook(ImportFiles.Header,
            ["UPD-ALL-1", "Thủ tục", "VP", Received, Due, null, null]));
        var response = await ImportFiles.PostImportAsync(client, ImportFiles.Workbook(ImportFiles.Header,
            ["UPD-ALL-1", "Thủ tục", "VP", Received, Due, new DateOnly(2023, 4, 1), null],
            ["UPD-ALL-2", "Thủ tục", "VP", Due, Received, null, null]));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Dòng 3: ngày hẹn trả trước ngày tiếp nhận.", (await TestClient.ParseAsync(response)).QuerySelector("#import-errors")!.TextContent);
        Assert.Null((await DossierAsync("UPD-ALL-1"))!.ReturnedOn);
        Assert.Null(await DossierAsync("UPD-ALL-2"));
    }

    private async Task<int> AddAsync(string code) => await factory.WithDbAsync(async db =>
    {
        var unit = await db.Units.Where(u => u.Code == "VPDKDD").Select(u => u.Id).SingleAsync();
        var d = new Dossier(code, "Đăng ký biến động", unit, Received, Due, null, null);
        db.Dossiers.Add(d);
        await db.SaveChangesAsync();
        return d.Id;
    });

    [Fact]
    public async Task The_form_edits_a_dossier_and_a_stale_form_is_refused_without_writing()
    {
        var id = await AddAsync("FORM-1");
        using var client = await OfficeAsync();
        var url = $"/Operations/Dossier/{id}";
        var first = await client.GetDocumentAsync(url);
        var second = await client.GetDocumentAsync(url);

        var saved = await client.PostFormAsync(first.QuerySelector<IHtmlFormElement>("#dossier-form")!, new() { ["Form.ReturnedOn"] = "20/03/2023" }, url);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var list = await client.GetDocumentAsync(saved.Headers.Location!.ToString());
        Assert.Contains("Đã sửa hồ sơ FORM-1: ngày trả kết quả: chưa trả → 20/03/2023.", list.QuerySelector(".alert-success")!.TextContent);
        Assert.Equal(new DateOnly(2023, 3, 20), (await DossierAsync("FORM-1"))!.ReturnedOn);
        Assert.Contains(await AuditAsync(id), a => a.StartsWith("Updated ReturnedOn", StringComparison.Ordinal));

        var stale = await client.PostFormAsync(second.QuerySelector<IHtmlFormElement>("#dossier-form")!, new() { ["Form.Note"] = "Ghi đè" }, url);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var page = await TestClient.ParseAsync(stale);
        Assert.Contains("vừa được người khác sửa", page.QuerySelector("#dossier-error")!.TextContent);
        Assert.Equal("20/03/2023", page.QuerySelector<IHtmlInputElement>("#Form_ReturnedOn")!.Value is var v && v.Contains('-')
            ? DateOnly.Parse(v, System.Globalization.CultureInfo.InvariantCulture).ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture) : v);
        Assert.Null((await DossierAsync("FORM-1"))!.Note);

        var staleDelete = await client.PostFormAsync(second.QuerySelector<IHtmlFormElement>("#delete-form")!, [], url);
        Assert.Equal(HttpStatusCode.Conflict, staleDelete.StatusCode);
        Assert.NotNull(await DossierAsync("FORM-1"));

        var deleted = await client.SubmitAsync(url, "#delete-form", []);
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Null(await DossierAsync("FORM-1"));
        Assert.Contains(await AuditAsync(id), a => a.StartsWith("Deleted", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Form.DueOn", "20/02/2023", "Ngày hẹn trả trước ngày tiếp nhận.")]
    [InlineData("Form.ReturnedOn", "30/02/2023", "Ngày trả kết quả phải có dạng dd/MM/yyyy.")]
    [InlineData("Form.Procedure", "", "Vui lòng nhập tên thủ tục.")]
    [InlineData("Form.UnitId", "abc", "Vui lòng chọn đơn vị.")]
    public async Task Bad_input_on_the_form_is_refused_beside_its_field(string field, string value, string message)
    {
        var id = await AddAsync("FORM-BAD-" + field);
        using var client = await OfficeAsync();
        var response = await client.SubmitAsync($"/Operations/Dossier/{id}", "#dossier-form", new() { [field] = value });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await TestClient.ParseAsync(response);
        Assert.Equal(message, page.QuerySelector($"span[data-valmsg-for='{field}']")!.TextContent.Trim());
        var after = (await DossierAsync("FORM-BAD-" + field))!;
        Assert.Equal((Due, (DateOnly?)null, "Đăng ký biến động"), (after.DueOn, after.ReturnedOn, after.Procedure));
    }
}
