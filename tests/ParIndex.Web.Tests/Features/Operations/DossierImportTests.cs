using System.Net;
using Microsoft.EntityFrameworkCore;
using ParIndex.Web.Data.Seed;
using ParIndex.Web.Features.Operations;
using ParIndex.Web.Tests.Infrastructure;

namespace ParIndex.Web.Tests.Features.Operations;

/// <summary>
/// The Excel import through the real multipart form. Each test uses codes of its own, so they share one database;
/// "nothing imported" is checked by the file's codes and the import log, not by totals another test may move.
/// </summary>
public class DossierImportTests(ParIndexFactory factory) : IClassFixture<ParIndexFactory>
{
    private static readonly DateOnly Jan2 = new(2023, 1, 2);

    private async Task<TestClient> OfficeAsync() => await factory.CreateTestClient().SignInAsync(DemoAccounts.Office);

    private Task<int> CountAsync(string prefix) =>
        factory.WithDbAsync(db => db.Dossiers.CountAsync(d => d.Code.StartsWith(prefix)));

    private Task<int> ImportsAsync() => factory.WithDbAsync(db => db.DossierImports.CountAsync());

    private static async Task<string> ErrorsAsync(HttpResponseMessage response)
    {
        var page = await TestClient.ParseAsync(response);
        return page.QuerySelector("#import-errors")?.TextContent ?? "(no error list) " + page.QuerySelector("main")?.TextContent;
    }

    [Fact]
    public async Task A_good_file_imports_every_row_in_one_import_with_columns_in_any_order()
    {
        using var client = await OfficeAsync();
        var before = await ImportsAsync();
        // Columns shuffled, headers in other case, without diacritics and with extra spaces; units by code and by name.
        string[] header = ["NGÀY HẸN TRẢ", "ma ho so", "  Đơn   vị ", "Tên thủ tục", "Ngày tiếp nhận", "Ghi chú", "Ngày trả kết quả", "Cột thừa"];
        var bytes = ImportFiles.Workbook(header,
            [new DateOnly(2023, 1, 20), "GOOD-1", "VPDKDD", "Đăng ký biến động đất đai", Jan2, "Chờ bổ sung", new DateOnly(2023, 1, 25), "x"],
            [new DateOnly(2023, 2, 10), "GOOD-2", "Phòng Quy hoạch - Giao đất", "Giao đất", new DateOnly(2023, 1, 5), null, null, null],
            [],
            ["15/03/2023", "GOOD-3", "chi cuc bao ve moi truong", "Thẩm định ĐTM", "01/03/2023", null, "14/03/2023", null]);

        var page = await ImportFiles.ImportAndFollowAsync(client, bytes, "xuat-mot-cua.xlsx");

        Assert.Contains("Đã nhập 3 hồ sơ", page.QuerySelector("#import-result")!.TextContent);
        var rows = await factory.WithDbAsync(db => db.Dossiers.AsNoTracking().Where(d => d.Code.StartsWith("GOOD-")).OrderBy(d => d.Code)
            .Select(d => new { d.Code, d.UnitId, d.ReceivedOn, d.DueOn, d.ReturnedOn, d.Note, d.ImportId }).ToListAsync());
        Assert.Equal(["GOOD-1", "GOOD-2", "GOOD-3"], rows.Select(r => r.Code));
        Assert.Equal(new DateOnly(2023, 1, 25), rows[0].ReturnedOn);
        Assert.Equal("Chờ bổ sung", rows[0].Note);
        Assert.Null(rows[1].ReturnedOn);
        Assert.Equal(new DateOnly(2023, 3, 15), rows[2].DueOn);
        var units = await factory.WithDbAsync(db => db.Units.ToDictionaryAsync(u => u.Code, u => u.Id));
        Assert.Equal([units["VPDKDD"], units["QHGD"], units["CCBVMT"]], rows.Select(r => r.UnitId));
        Assert.Single(rows.Select(r => r.ImportId).Distinct());
        Assert.Equal(before + 1, await ImportsAsync());
        var import = await factory.WithDbAsync(db => db.DossierImports.SingleAsync(i => i.Id == rows[0].ImportId));
        Assert.Equal(("xuat-mot-cua.xlsx", 3), (import.FileName, import.RowCount));

        // GOOD-2 is still open and past due: it counts as late on the list.
        var list = await client.GetDocumentAsync("/Operations/Dossiers?year=2023&late=true");
        Assert.Contains("GOOD-2", list.QuerySelector("#dossiers")!.TextContent);
        Assert.DoesNotContain("GOOD-3", list.QuerySelector("#dossiers")!.TextContent);
    }

    [Fact]
    public async Task One_bad_row_rejects_the_whole_file_and_names_the_row()
    {
        using var client = await OfficeAsync();
        var before = await ImportsAsync();
        var bytes = ImportFiles.Workbook(ImportFiles.Header,
            ["BAD-1", "Thủ tục", "VP", Jan2, new DateOnly(2023, 1, 9), null, null],
            ["BAD-2", "Thủ tục", "VP", new DateOnly(2023, 1, 9), Jan2, null, null],
            ["BAD-3", "Thủ tục", "VP", Jan2, new DateOnly(2023, 1, 9), null, null]);

        var response = await ImportFiles.PostImportAsync(client, bytes);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = await ErrorsAsync(response);
        Assert.Contains("Dòng 3: ngày hẹn trả trước ngày tiếp nhận.", errors);
        Assert.DoesNotContain("Dòng 2", errors);
        Assert.Equal(0, await CountAsync("BAD-"));
        Assert.Equal(before, await ImportsAsync());
    }

    [Fact]
    public async Task Every_kind_of_bad_row_is_listed_with_its_line()
    {
        using var client = await OfficeAsync();
        var future = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30);
        var bytes = ImportFiles.Workbook(ImportFiles.Header,
            [null, "Thủ tục", "VP", Jan2, Jan2, null, null],
            ["ROW-3", "Thủ tục", "Phòng không tồn tại", Jan2, Jan2, null, null],
            ["ROW-4", "Thủ tục", "VP", "ngày 2 tháng 1", Jan2, null, null],
            ["ROW-5", "Thủ tục", "VP", future, future, null, null],
            ["ROW-6", "Thủ tục", "VP", Jan2, Jan2, null, null],
            ["ROW-6", "Thủ tục", "VP", Jan2, Jan2, null, null]);

        var errors = await ErrorsAsync(await ImportFiles.PostImportAsync(client, bytes));

        Assert.Contains("Dòng 2: thiếu mã hồ sơ.", errors);
        Assert.Contains("Dòng 3: không có đơn vị \"Phòng không tồn tại\".", errors);
        Assert.Contains("Dòng 4: ngày tiếp nhận \"ngày 2 tháng 1\" không phải là ngày (dd/MM/yyyy).", errors);
        Assert.Contains("Dòng 5: ngày tiếp nhận sau ngày hôm nay.", errors);
        Assert.Contains("Dòng 7: mã hồ sơ ROW-6 trùng với dòng 6.", errors);
        Assert.Equal(0, await CountAsync("ROW-"));
    }

    [Fact]
    public async Task A_missing_required_column_is_reported()
    {
        using var client = await OfficeAsync();
        var bytes = ImportFiles.Workbook(["Mã hồ sơ", "Tên thủ tục", "Đơn vị", "Ngày tiếp nhận"], ["COL-1", "Thủ tục", "VP", Jan2]);
        var errors = await ErrorsAsync(await ImportFiles.PostImportAsync(client, bytes));
        Assert.Contains("Dòng 1: thiếu cột \"Ngày hẹn trả\"", errors);
        Assert.Equal(0, await CountAsync("COL-"));
    }

    [Fact]
    public async Task A_code_already_recorded_as_the_file_says_is_skipped_and_reported_not_duplicated()
    {
        using var client = await OfficeAsync();
        const string seeded = "H12.48-220105-0162";
        // Exactly as seeded: nothing to update (a row that differs updates the dossier: DossierUpdateTests).
        var bytes = ImportFiles.Workbook(ImportFiles.Header,
            [seeded, "Cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở và tài sản khác gắn liền với đất lần đầu cho tổ chức", "DKTK",
                new DateOnly(2022, 1, 5), new DateOnly(2022, 2, 9), new DateOnly(2022, 2, 14), "Hồ sơ phải đo đạc chỉnh lý lại bản đồ địa chính."],
            ["DUP-NEW", "Thủ tục", "VP", Jan2, Jan2, null, null]);

        var page = await ImportFiles.ImportAndFollowAsync(client, bytes);

        Assert.Contains("Đã nhập 1 hồ sơ", page.QuerySelector("#import-result")!.TextContent);
        Assert.Contains($"Dòng 2: mã hồ sơ {seeded} đã có, không thay đổi.", page.QuerySelector("#import-skipped")!.TextContent);
        Assert.Equal(1, await factory.WithDbAsync(db => db.Dossiers.CountAsync(d => d.Code == seeded)));
        Assert.Equal(1, await CountAsync("DUP-NEW"));

        // The same file again: nothing new, both reported.
        var again = await ImportFiles.ImportAndFollowAsync(client, bytes);
        Assert.Contains("Đã nhập 0 hồ sơ", again.QuerySelector("#import-result")!.TextContent);
        Assert.Equal(2, again.QuerySelectorAll("#import-skipped li").Length);
        Assert.Equal(1, await CountAsync("DUP-NEW"));
    }

    [Fact]
    public async Task A_renamed_text_file_gets_a_clear_message()
    {
        using var client = await OfficeAsync();
        var before = await ImportsAsync();
        var response = await ImportFiles.PostImportAsync(client, "Mã hồ sơ;Tên thủ tục\nTXT-1;Thủ tục"u8.ToArray(), "ho-so.xlsx");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(XlsxGuard.NotXlsxMessage, await ErrorsAsync(response));
        Assert.Equal(before, await ImportsAsync());
    }

    [Fact]
    public async Task A_zip_that_is_not_a_workbook_gets_the_same_message()
    {
        using var client = await OfficeAsync();
        using var output = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(output, System.IO.Compression.ZipArchiveMode.Create, true))
        {
            using var w = new StreamWriter(zip.CreateEntry("readme.txt").Open());
            w.Write("không phải Excel");
        }
        var errors = await ErrorsAsync(await ImportFiles.PostImportAsync(client, output.ToArray()));
        Assert.Contains(XlsxGuard.NotXlsxMessage, errors);
    }

    [Fact]
    public async Task A_file_over_10_MB_is_refused()
    {
        using var client = await OfficeAsync();
        var big = new byte[XlsxGuard.MaxFileBytes + 1];
        "PK\u0003\u0004"u8.CopyTo(big);
        var response = await ImportFiles.PostImportAsync(client, big);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Tệp vượt quá dung lượng cho phép (10 MB).", await ErrorsAsync(response));
    }

    [Fact]
    public async Task A_zip_bomb_is_refused_from_its_central_directory()
    {
        using var client = await OfficeAsync();
        var bomb = ImportFiles.ZipBomb();
        Assert.True(bomb.Length < XlsxGuard.MaxFileBytes);
        var errors = await ErrorsAsync(await ImportFiles.PostImportAsync(client, bomb));
        Assert.Contains("Tệp giải nén ra quá lớn (trên 200 MB)", errors);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task More_than_50000_rows_are_refused_with_or_without_a_dimension(bool withDimension)
    {
        using var client = await OfficeAsync();
        var bytes = ImportFiles.RawXlsx(XlsxGuard.MaxDataRows + 1, withDimension);
        var errors = await ErrorsAsync(await ImportFiles.PostImportAsync(client, bytes));
        Assert.Contains("Tệp có quá nhiều dòng (tối đa 50.000 hồ sơ mỗi lần nhập)", errors);
        Assert.Equal(0, await CountAsync("BIG-"));
    }

    [Fact]
    public void The_raw_xlsx_writer_makes_files_the_guard_accepts_under_the_limit()
    {
        // Proves the row test fails for the right reason: the same file with fewer rows passes every check.
        using var small = new MemoryStream(ImportFiles.RawXlsx(10, withDimension: true));
        Assert.Null(XlsxGuard.Check(small));
    }

    [Fact]
    public async Task A_unit_head_cannot_import_and_sees_no_form()
    {
        using var client = await factory.CreateTestClient().SignInAsync(DemoAccounts.UnitHead("QHGD"));
        var page = await client.GetDocumentAsync("/Operations/Dossiers");
        Assert.Null(page.QuerySelector("#import-form"));

        var token = await client.AntiforgeryTokenAsync("/Operations");
        using var body = new MultipartFormDataContent();
        body.Add(new StringContent(token), "__RequestVerificationToken");
        body.Add(new ByteArrayContent(ImportFiles.Workbook(ImportFiles.Header, ["DENY-1", "Thủ tục", "VP", Jan2, Jan2, null, null])),
            "file", "x.xlsx");
        var response = await client.Http.PostAsync("/Operations/Dossiers?handler=Import", body);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0, await CountAsync("DENY-"));
    }

    [Fact]
    public async Task The_template_downloads_with_the_header_row_the_import_expects()
    {
        using var client = await OfficeAsync();
        var page = await client.GetDocumentAsync("/Operations/Dossiers");
        var href = page.QuerySelector("#template-link")!.GetAttribute("href")!;
        var response = await client.Http.GetAsync(href);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType!.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        using (var workbook = new ClosedXML.Excel.XLWorkbook(new MemoryStream(bytes)))
        {
            var header = workbook.Worksheet(1).Row(1);
            Assert.Equal(ImportFiles.Header, Enumerable.Range(1, 7).Select(c => header.Cell(c).GetString()));
        }

        // Filled in and posted back, the template imports.
        using var filled = new ClosedXML.Excel.XLWorkbook(new MemoryStream(bytes));
        var sheet = filled.Worksheet(1);
        sheet.Cell(2, 1).Value = "TPL-1";
        sheet.Cell(2, 2).Value = "Thủ tục";
        sheet.Cell(2, 3).Value = "TTR";
        sheet.Cell(2, 4).Value = new DateTime(2023, 4, 3);
        sheet.Cell(2, 5).Value = new DateTime(2023, 4, 10);
        using var output = new MemoryStream();
        filled.SaveAs(output);
        var result = await ImportFiles.ImportAndFollowAsync(client, output.ToArray());
        Assert.Contains("Đã nhập 1 hồ sơ", result.QuerySelector("#import-result")!.TextContent);
    }

    [Fact]
    public async Task After_an_import_the_address_leaves_the_handler_and_the_result_shows_once()
    {
        using var client = await OfficeAsync();
        var bytes = ImportFiles.Workbook(ImportFiles.Header, ["PRG-1", "Thủ tục", "VP", Jan2, new DateOnly(2023, 1, 9), null, null]);

        var response = await ImportFiles.PostImportAsync(client, bytes, pageUrl: "/Operations/Dossiers?year=2023");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        Assert.DoesNotContain("handler", location, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("year=2023", location);
        var page = await client.GetDocumentAsync(location);
        Assert.Contains("Đã nhập 1 hồ sơ", page.QuerySelector("#import-result")!.TextContent);
        Assert.Contains("PRG-1", page.QuerySelector("#dossiers")!.TextContent);
        // A refresh of that page is a GET: no second import, and the result is not shown again.
        var refreshed = await client.GetDocumentAsync(location);
        Assert.Null(refreshed.QuerySelector("#import-result"));
        Assert.Equal(1, await CountAsync("PRG-1"));
    }

    [Fact]
    public async Task A_refused_import_shows_its_errors_at_the_top()
    {
        using var client = await OfficeAsync();
        var bytes = ImportFiles.Workbook(ImportFiles.Header, ["PRGBAD-1", "Thủ tục", "VP", new DateOnly(2023, 1, 9), Jan2, null, null]);

        var response = await ImportFiles.PostImportAsync(client, bytes);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await TestClient.ParseAsync(response);
        var errors = page.QuerySelector("#import-errors");
        Assert.NotNull(errors);
        Assert.Contains("Dòng 2", errors.TextContent);
        // Above the list and the form: the first block after the heading.
        Assert.Same(errors, page.QuerySelector("main h1")!.NextElementSibling);
        Assert.Equal(0, await CountAsync("PRGBAD-"));
    }
}
