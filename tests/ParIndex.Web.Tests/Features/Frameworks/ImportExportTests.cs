using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using ParIndex.Domain.Assessments;
using ParIndex.Domain.Frameworks;
using ParIndex.Web.Data.Seed;
using ParIndex.Web.Features.Assessments;
using ParIndex.Web.Features.Frameworks;
using ParIndex.Web.Tests.Infrastructure;
using static ParIndex.Web.Tests.Features.Frameworks.FrameworkTestSupport;

namespace ParIndex.Web.Tests.Features.Frameworks;

/// <summary>
/// Issue 14, "Frameworks arrive as tables": the template, the export of a year, the import of a year through the real
/// multipart form, all or nothing. Each test imports a year of its own, so they share one database.
/// </summary>
public class ImportExportTests(ParIndexFactory factory) : IClassFixture<ParIndexFactory>
{
    private async Task<TestClient> OfficeAsync() => await factory.CreateTestClient().SignInAsync(DemoAccounts.Office);

    private static List<TableRow> Rows(byte[] workbook)
    {
        using var book = new XLWorkbook(new MemoryStream(workbook));
        var errors = new List<string>();
        var rows = FrameworkWorkbook.Read(book.Worksheet(FrameworkWorkbook.SheetName), errors);
        Assert.Empty(errors);
        return rows;
    }

    private Task<(int Frameworks, int SubCriteria, int Audit)> CountsAsync() => factory.WithDbAsync(async db =>
        (await db.Frameworks.CountAsync(), await db.SubCriteria.CountAsync(), await db.AuditEntries.CountAsync()));

    /// <summary>2022's table with one change applied to its rows, and the sheet row of each code before the change.</summary>
    private async Task<(byte[] Bytes, Dictionary<string, int> Lines)> Edited2022Async(TestClient client, Action<IXLWorksheet> edit)
    {
        var bytes = await DownloadAsync(client, "/Frameworks?handler=Export&year=2022");
        using var book = new XLWorkbook(new MemoryStream(bytes));
        var lines = book.Worksheet(FrameworkWorkbook.SheetName).RowsUsed().Skip(1).ToDictionary(r => r.Cell(2).GetString(), r => r.RowNumber());
        edit(book.Worksheet(FrameworkWorkbook.SheetName));
        using var output = new MemoryStream();
        book.SaveAs(output);
        return (output.ToArray(), lines);
    }

    /// <summary>The sheet row of a code in the exported 2022 table.</summary>
    private static int RowOf(IXLWorksheet sheet, string code) =>
        sheet.RowsUsed().First(r => r.Cell(2).GetString() == code).RowNumber();

    [Fact]
    public async Task The_template_has_the_table_header_and_Vietnamese_instructions_with_every_rule_kind_and_unit()
    {
        using var client = await factory.CreateTestClient().SignInAsync(DemoAccounts.UnitHead("VP"));

        var bytes = await DownloadAsync(client, "/Frameworks?handler=Template");

        using var book = new XLWorkbook(new MemoryStream(bytes));
        var sheet = book.Worksheet(FrameworkWorkbook.SheetName);
        Assert.Equal(FrameworkTable.Columns, Enumerable.Range(1, FrameworkTable.Columns.Count).Select(c => sheet.Cell(1, c).GetString()));
        Assert.Null(sheet.Row(2).LastCellUsed());
        var help = string.Join("\n", book.Worksheet(FrameworkWorkbook.HelpSheetName).CellsUsed().Select(c => c.GetString()));
        foreach (var (_, name) in RuleText.Kinds) Assert.Contains(name, help);
        Assert.Contains("Đơn vị phối hợp", help);
        Assert.Contains("VPDKDD", help);
        Assert.Contains("Văn phòng Đăng ký đất đai", help);
    }

    [Fact]
    public async Task Export_2022_import_as_a_new_year_export_again_gives_the_same_rows_and_the_same_totals()
    {
        using var client = await OfficeAsync();
        var first = await DownloadAsync(client, "/Frameworks?handler=Export&year=2022");
        var auditBefore = await factory.WithDbAsync(db => db.AuditEntries.MaxAsync(a => (long?)a.Id)) ?? 0;

        var response = await ImportAsync(client, first, 2031, "Bộ tiêu chí năm 2031");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Frameworks/2031", response.Headers.Location!.ToString());
        var page = await client.GetDocumentAsync("/Frameworks/2031");
        Assert.Equal("99", page.QuerySelector("[data-testid=framework-max]")!.TextContent.Trim());
        Assert.Equal(74, page.QuerySelectorAll("tr.level-sub").Length);
        Assert.Contains("Đã nhập bộ tiêu chí năm 2031: 74 tiêu chí thành phần, tổng điểm tối đa 99.", page.Body!.TextContent);

        var second = await DownloadAsync(client, "/Frameworks?handler=Export&year=2031");
        var before = Rows(first);
        Assert.Equal(7 + 74 + before.Count(r => r.Level == FrameworkTable.CriterionLevel), before.Count);
        Assert.Equal(before, Rows(second));

        // Same rules, units and guidance, row for row, in the database too.
        var (a, b) = await factory.WithDbAsync(async db =>
        {
            async Task<List<string>> Of(int year) => await db.SubCriteria.AsNoTracking()
                .Where(s => db.Criteria.Any(c => c.Id == s.CriterionId && db.Areas.Any(x => x.Id == c.AreaId && db.Frameworks.Any(f => f.Id == x.FrameworkId && f.Year == year))))
                .OrderBy(s => s.Code).Select(s => s.Code + "|" + s.RuleKind + "|" + s.RuleParameters + "|" + s.LeadUnitId + "|" + s.Guidance + "|" + s.Coordinators.Count)
                .ToListAsync();
            return (await Of(2022), await Of(2031));
        });
        Assert.Equal(a, b);
        Assert.False(await factory.WithDbAsync(db => db.Assessments.AnyAsync(x => x.Year == 2031)));

        // Recorded in the audit trail as the Office's creation of the year.
        var created = await factory.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(e => e.Id > auditBefore && e.EntityType == "Framework" && e.Action == "Created").ToListAsync());
        Assert.Contains(created, e => e.NewValue!.Contains("Year=2031") && e.UserName == "Trần Thị Văn Phòng");
    }

    [Fact]
    public async Task Bad_rows_refuse_the_whole_file_each_named_with_its_line_and_the_database_is_unchanged()
    {
        using var client = await OfficeAsync();
        var (bytes, lines) = await Edited2022Async(client, sheet =>
        {
            sheet.Cell(RowOf(sheet, "1.1.1"), 7).SetValue("XYZ"); // unknown lead unit
            sheet.Cell(RowOf(sheet, "1.1.2"), 4).SetValue("một"); // max points not a number
            sheet.Cell(RowOf(sheet, "2.1.1"), 4).SetValue(5); // criterion 2.1 no longer adds up
            sheet.Cell(RowOf(sheet, "3.5.2"), 2).SetValue("3.5.1"); // duplicate code
            sheet.Cell(RowOf(sheet, "1.2.1"), 5).SetValue("Theo cảm tính"); // unknown rule kind
            sheet.Cell(RowOf(sheet, "1.3.1"), 8).SetValue("VP, ABC"); // unknown coordinating unit
        });
        int Line(string code) => lines[code];
        var before = await CountsAsync();

        var response = await ImportAsync(client, bytes, 2032);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = await ImportErrorsAsync(response);
        Assert.Contains($"Dòng {Line("1.1.1")}: không có đơn vị mã \"XYZ\".", errors);
        Assert.Contains($"Dòng {Line("1.1.2")}: điểm tối đa \"một\" không phải là số.", errors);
        Assert.Contains($"Dòng {Line("1.2.1")}: không có cách tính điểm \"Theo cảm tính\"", errors);
        Assert.Contains($"Dòng {Line("1.3.1")}: không có đơn vị mã \"ABC\".", errors);
        Assert.Contains($"Dòng {Line("3.5.2")}: mã 3.5.1 trùng với dòng {Line("3.5.1")}.", errors);
        Assert.Equal(before, await CountsAsync());
        Assert.False(await factory.WithDbAsync(db => db.Frameworks.AnyAsync(f => f.Year == 2032)));
        // What the user typed is kept.
        var page = await TestClient.ParseAsync(response);
        Assert.Equal("2032", page.QuerySelector<IHtmlInputElement>("input[name=ImportYear]")!.Value);
    }

    [Fact]
    public async Task Sub_criteria_that_do_not_add_up_to_their_criterion_are_refused()
    {
        using var client = await OfficeAsync();
        var (bytes, lines) = await Edited2022Async(client, sheet => sheet.Cell(RowOf(sheet, "2.1.1"), 4).SetValue(5));
        var criterionLine = lines["2.1"];
        var before = await CountsAsync();

        var response = await ImportAsync(client, bytes, 2033);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"Dòng {criterionLine}: tổng điểm các tiêu chí thành phần", await ImportErrorsAsync(response));
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task A_year_that_has_scores_or_a_framework_already_is_refused_and_a_second_import_of_a_year_too()
    {
        using var client = await OfficeAsync();
        var bytes = await DownloadAsync(client, "/Frameworks?handler=Export&year=2022");
        var before = await CountsAsync();

        var scored = await ImportAsync(client, bytes, 2022);

        Assert.Equal(HttpStatusCode.BadRequest, scored.StatusCode);
        Assert.Contains("Năm 2022 đã có bộ tiêu chí và đã có điểm chấm", await ImportErrorsAsync(scored));
        Assert.Equal(before, await CountsAsync());

        // Two people importing the same year: the second finds it taken and writes nothing.
        Assert.Equal(HttpStatusCode.Redirect, (await ImportAsync(client, bytes, 2034)).StatusCode);
        var afterFirst = await CountsAsync();
        var again = await ImportAsync(client, bytes, 2034);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("Năm 2034 đã có bộ tiêu chí", await ImportErrorsAsync(again));
        Assert.Equal(afterFirst, await CountsAsync());
    }

    [Fact]
    public async Task A_file_that_is_not_an_xlsx_or_too_large_is_refused_by_the_xlsx_guard()
    {
        using var client = await OfficeAsync();
        var before = await CountsAsync();

        var notXlsx = await ImportAsync(client, "Mã,Tên\n1,x"u8.ToArray(), 2035);
        var tooLarge = await ImportAsync(client, new byte[ParIndex.Web.Features.Operations.XlsxGuard.MaxFileBytes + 1], 2035);

        Assert.Equal(HttpStatusCode.BadRequest, notXlsx.StatusCode);
        Assert.Contains(ParIndex.Web.Features.Operations.XlsxGuard.NotXlsxMessage, await ImportErrorsAsync(notXlsx));
        Assert.Equal(HttpStatusCode.BadRequest, tooLarge.StatusCode);
        Assert.Contains("vượt quá dung lượng cho phép", (await TestClient.ParseAsync(tooLarge)).QuerySelector("main")!.TextContent);
        Assert.Equal(before, await CountsAsync());
    }

    [Theory]
    [InlineData(DemoAccounts.Leadership)]
    [InlineData("vp@parindex.local")]
    public async Task Only_the_Office_and_the_Admin_may_import(string account)
    {
        using var office = await OfficeAsync();
        var bytes = await DownloadAsync(office, "/Frameworks?handler=Export&year=2022");
        using var client = await factory.CreateTestClient().SignInAsync(account);
        var token = await client.AntiforgeryTokenAsync("/Frameworks");
        var before = await CountsAsync();
        using var body = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent("2036"), "ImportYear" },
            { new ByteArrayContent(bytes), "file", "bo-tieu-chi.xlsx" },
        };

        var response = await client.Http.PostAsync("/Frameworks?handler=Import", body);

        Assert.True(response.StatusCode is HttpStatusCode.Forbidden
            || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.ToString().Contains("AccessDenied", StringComparison.Ordinal)),
            $"{account} got {(int)response.StatusCode}");
        Assert.Equal(before, await CountsAsync());
        Assert.Null((await client.GetDocumentAsync("/Frameworks")).QuerySelector("#import-form"));
    }

    private static List<string> BandCells(byte[] workbook)
    {
        using var book = new XLWorkbook(new MemoryStream(workbook));
        var sheet = book.Worksheet(FrameworkWorkbook.BandsSheetName);
        return Enumerable.Range(2, 6).Select(r => sheet.Cell(r, 1).GetString() + "=" + sheet.Cell(r, 2).GetString()).ToList();
    }

    private static byte[] WithBands(byte[] workbook, Action<IXLWorksheet> edit) =>
        Edit(workbook, book => edit(book.Worksheet(FrameworkWorkbook.BandsSheetName)));

    [Fact]
    public async Task A_years_bands_and_scale_go_out_with_its_framework_and_come_back_on_import()
    {
        using var client = await OfficeAsync();
        var plain = await DownloadAsync(client, "/Frameworks?handler=Export&year=2022");
        Assert.Equal(["Tính trên=", "Xuất sắc từ=", "Tốt từ=", "Khá từ=", "Trung bình từ=", "Quy đổi sang thang="], BandCells(plain));

        var bytes = WithBands(plain, sheet =>
        {
            sheet.Cell(2, 2).SetValue("số điểm");
            sheet.Cell(3, 2).SetValue(90);
            sheet.Cell(4, 2).SetValue("80,5");
            sheet.Cell(5, 2).SetValue(65);
            sheet.Cell(6, 2).SetValue(50);
            sheet.Cell(7, 2).SetValue(100);
        });
        var response = await ImportAsync(client, bytes, 2037, "Bộ tiêu chí năm 2037");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var parts = await factory.WithDbAsync(async db => (await db.Frameworks.AsNoTracking().SingleAsync(f => f.Year == 2037)).Parts);
        Assert.Equal(new IndexParts(new ClassificationBands(BandBasis.Points, 90, 80.5m, 65, 50), 100), parts);
        var again = await DownloadAsync(client, "/Frameworks?handler=Export&year=2037");
        Assert.Equal(["Tính trên=số điểm", "Xuất sắc từ=90", "Tốt từ=80.5", "Khá từ=65", "Trung bình từ=50", "Quy đổi sang thang=100"], BandCells(again));
        Assert.Equal(Rows(plain), Rows(again));
        var page = await client.GetDocumentAsync("/Frameworks/2037");
        Assert.Contains("Ngưỡng của năm: Xuất sắc từ 90 điểm, Tốt từ 80,5 điểm", page.QuerySelector("[data-testid=bands-text]")!.TextContent);
        // A file without bands: the default ones.
        Assert.Null(await factory.WithDbAsync(db => db.Frameworks.Where(f => f.Year == 2022).Select(f => f.ExcellentFrom).SingleAsync()));
    }

    [Fact]
    public async Task Bad_bands_refuse_the_whole_file_with_their_sheet_and_line_and_write_nothing()
    {
        using var client = await OfficeAsync();
        var plain = await DownloadAsync(client, "/Frameworks?handler=Export&year=2022");
        var before = await CountsAsync();

        var notDescending = WithBands(plain, sheet =>
        {
            sheet.Cell(3, 2).SetValue(80);
            sheet.Cell(4, 2).SetValue(85);
            sheet.Cell(5, 2).SetValue(65);
            sheet.Cell(6, 2).SetValue(50);
        });
        var response = await ImportAsync(client, notDescending, 2038);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Trang \"Xếp loại\", dòng 4: ngưỡng Tốt phải nhỏ hơn ngưỡng Xuất sắc (80%).", await ImportErrorsAsync(response));

        var badCells = WithBands(plain, sheet =>
        {
            sheet.Cell(2, 2).SetValue("cảm tính");
            sheet.Cell(3, 2).SetValue(90);
            sheet.Cell(7, 2).SetValue("một trăm");
        });
        response = await ImportAsync(client, badCells, 2038);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = await ImportErrorsAsync(response);
        Assert.Contains("Trang \"Xếp loại\", dòng 2: \"cảm tính\" không phải \"tỷ lệ\" hay \"số điểm\".", errors);
        Assert.Contains("Trang \"Xếp loại\", dòng 7: \"một trăm\" không phải là số.", errors);
        Assert.Contains("Trang \"Xếp loại\", dòng 4: thiếu ngưỡng", errors);
        Assert.Equal(before, await CountsAsync());
        Assert.False(await factory.WithDbAsync(db => db.Frameworks.AnyAsync(f => f.Year == 2038)));
    }

    private Task<IReadOnlyDictionary<int, IndexParts>> PartsAsync() => factory.WithDbAsync(db => new AssessmentReader(db).ReadAllPartsAsync());

    [Fact]
    public async Task Survey_groups_caps_the_not_applicable_rule_and_bands_go_out_with_the_framework_and_come_back_cell_for_cell()
    {
        using var client = await OfficeAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await ImportAsync(client, await ExportAsync(client, 2022), 2051, "Bộ tiêu chí thử")).StatusCode);
        await SetBandsAsync(client, 2051, new()
        {
            ["Bands.UseDefault"] = "false",
            ["Bands.Basis"] = "Points",
            ["Bands.Excellent"] = "90",
            ["Bands.Good"] = "80,5",
            ["Bands.Fair"] = "65",
            ["Bands.Average"] = "50",
            ["Bands.Scale"] = "100",
            ["Bands.Rule"] = "LeaveOut",
            ["Bands.BonusCap"] = "2,5",
            ["Bands.DeductionCap"] = "3",
        });
        // The first group's published points are the year's result, not the framework's: they stay behind.
        await AddSurveyAsync(client, 2051, "Mức độ hài lòng (SIPAS)", "20", "15,5", "Quyết định 1/QĐ-UBND", "15/03/2023");
        await AddSurveyAsync(client, 2051, "Điều tra xã hội học về cải cách hành chính", "10,5");

        var first = await ExportAsync(client, 2051);
        var cells = Cells(first);
        Assert.Contains("Xếp loại!B8=không quy đổi", cells);
        Assert.Contains("Xếp loại!B9=2.5", cells);
        Assert.Contains("Xếp loại!B10=3", cells);
        Assert.Equal(["A1=Nhóm câu hỏi", "B1=Điểm tối đa", "A2=Mức độ hài lòng (SIPAS)", "B2=20", "A3=Điều tra xã hội học về cải cách hành chính", "B3=10.5"],
            cells.Where(c => c.StartsWith(FrameworkWorkbook.SurveySheetName + "!", StringComparison.Ordinal) && !c.Contains("!C", StringComparison.Ordinal))
                .Select(c => c[(FrameworkWorkbook.SurveySheetName.Length + 1)..]));
        Assert.DoesNotContain(cells, c => c.Contains("15.5", StringComparison.Ordinal) || c.Contains("Quyết định 1/QĐ-UBND", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.Redirect, (await ImportAsync(client, first, 2052, "Bộ tiêu chí thử")).StatusCode);
        var second = await ExportAsync(client, 2052);

        Assert.Equal(cells, Cells(second));
        var parts = await PartsAsync();
        var original = parts[2051];
        Assert.Equal((NotApplicableRule.LeaveOut, 2.5m, 3m, 2), (original.Rule, original.BonusCap!.Value, original.DeductionCap!.Value, original.Surveys.Count));
        Assert.Equal(original with { Surveys = [.. original.Surveys.Select(g => g with { Points = null })] }, parts[2052]);

        // An older template (no survey sheet, no rule or cap rows) still imports, with empty parts beside its bands.
        var older = Edit(first, book =>
        {
            book.Worksheet(FrameworkWorkbook.SurveySheetName).Delete();
            book.Worksheet(FrameworkWorkbook.BandsSheetName).Rows(8, 10).Delete();
        });
        Assert.Equal(HttpStatusCode.Redirect, (await ImportAsync(client, older, 2053)).StatusCode);
        Assert.Equal(new IndexParts(new ClassificationBands(BandBasis.Points, 90, 80.5m, 65, 50), 100), (await PartsAsync())[2053]);
    }

    [Fact]
    public async Task Bad_survey_rule_and_cap_cells_refuse_the_whole_file_each_with_its_sheet_and_line_and_write_nothing()
    {
        using var client = await OfficeAsync();
        var plain = await ExportAsync(client, 2022);
        var before = await CountsAsync();
        var groupsBefore = await factory.WithDbAsync(db => db.SurveyGroups.CountAsync());

        var bad = Edit(plain, book =>
        {
            var bands = book.Worksheet(FrameworkWorkbook.BandsSheetName);
            bands.Cell(8, 2).SetValue("cảm tính");
            bands.Cell(9, 2).SetValue(-1);
            bands.Cell(10, 2).SetValue("ba");
            var survey = book.Worksheet(FrameworkWorkbook.SurveySheetName);
            survey.Cell(2, 1).SetValue("SIPAS");
            survey.Cell(2, 2).SetValue(-5);
            survey.Cell(3, 2).SetValue(10);
            survey.Cell(4, 1).SetValue("Khảo sát A");
            survey.Cell(4, 2).SetValue(5);
            survey.Cell(5, 1).SetValue("khảo sát a");
            survey.Cell(5, 2).SetValue(5);
            survey.Cell(6, 1).SetValue("Khảo sát B");
            survey.Cell(7, 1).SetValue("Khảo sát C");
            survey.Cell(7, 2).SetValue("mười");
            survey.Cell(8, 1).SetValue("Khảo sát D");
            survey.Cell(8, 2).SetValue(1001);
        });
        var response = await ImportAsync(client, bad, 2054);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = await ImportErrorsAsync(response);
        Assert.Contains("Trang \"Xếp loại\", dòng 8: \"cảm tính\" không phải \"quy đổi\" hay \"không quy đổi\".", errors);
        Assert.Contains("Trang \"Xếp loại\", dòng 9: điểm thưởng tối đa phải từ 0 đến 1.000.", errors);
        Assert.Contains("Trang \"Xếp loại\", dòng 10: \"ba\" không phải là số.", errors);
        Assert.Contains("Trang \"Điều tra xã hội học\", dòng 2: điểm tối đa phải lớn hơn 0 và không quá 1.000.", errors);
        Assert.Contains("Trang \"Điều tra xã hội học\", dòng 3: thiếu tên nhóm câu hỏi.", errors);
        Assert.Contains("Trang \"Điều tra xã hội học\", dòng 5: nhóm \"khảo sát a\" trùng với dòng 4.", errors);
        Assert.Contains("Trang \"Điều tra xã hội học\", dòng 6: thiếu điểm tối đa.", errors);
        Assert.Contains("Trang \"Điều tra xã hội học\", dòng 7: \"mười\" không phải là số.", errors);
        Assert.Contains("Trang \"Điều tra xã hội học\", dòng 8: điểm tối đa phải lớn hơn 0 và không quá 1.000.", errors);
        Assert.DoesNotContain("Trang \"Điều tra xã hội học\", dòng 4:", errors, StringComparison.Ordinal);

        // A deduction cap below zero, a row label changed, a survey header changed: each named.
        var badLabels = Edit(plain, book =>
        {
            book.Worksheet(FrameworkWorkbook.BandsSheetName).Cell(9, 1).SetValue("Điểm cộng");
            book.Worksheet(FrameworkWorkbook.SurveySheetName).Cell(1, 2).SetValue("Điểm");
        });
        response = await ImportAsync(client, badLabels, 2054);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        errors = await ImportErrorsAsync(response);
        Assert.Contains("Trang \"Xếp loại\", dòng 9: cột A phải là \"Điểm thưởng tối đa\".", errors);
        Assert.Contains("Trang \"Điều tra xã hội học\", dòng 1: cột A, B phải là \"Nhóm câu hỏi\", \"Điểm tối đa\".", errors);
        response = await ImportAsync(client, Edit(plain, book => book.Worksheet(FrameworkWorkbook.BandsSheetName).Cell(10, 2).SetValue("-0,5")), 2054);
        Assert.Contains("Trang \"Xếp loại\", dòng 10: điểm trừ tối đa phải từ 0 đến 1.000.", await ImportErrorsAsync(response));

        Assert.Equal(before, await CountsAsync());
        Assert.Equal(groupsBefore, await factory.WithDbAsync(db => db.SurveyGroups.CountAsync()));
        Assert.False(await factory.WithDbAsync(db => db.Frameworks.AnyAsync(f => f.Year == 2054)));
    }
}
