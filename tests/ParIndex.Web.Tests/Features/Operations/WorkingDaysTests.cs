using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using ParIndex.Domain.Operations;
using ParIndex.Web.Data.Seed;
using ParIndex.Web.Features.Operations;
using ParIndex.Web.Tests.Infrastructure;

namespace ParIndex.Web.Tests.Features.Operations;

/// <summary>
/// Issue 14/19: days late in working days (the seeded 2022 and 2023 calendars), and an unreturned dossier counted to
/// the end of its year (or today if earlier), never to today for a past year.
/// </summary>
public class WorkingDaysTests(ParIndexFactory factory) : IClassFixture<ParIndexFactory>
{
    private const string First2022 = "H12.48-220105-0162"; // due Wednesday 09/02/2022, returned Monday 14/02/2022

    private static Dictionary<string, int> DaysLate(AngleSharp.Dom.IDocument page) =>
        page.QuerySelectorAll("#dossiers tbody tr").ToDictionary(r => r.Children[0].TextContent.Trim(),
            r => int.Parse(r.QuerySelector(".days-late")!.TextContent.Trim(), System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public async Task The_84_dossiers_of_2022_count_their_days_late_in_working_days()
    {
        using var client = await factory.CreateTestClient().SignInAsync(DemoAccounts.Leadership);
        var page = await client.GetDocumentAsync("/Operations/Dossiers?year=2022");

        var days = DaysLate(page);
        Assert.Equal(84, days.Count);
        Assert.All(days.Values, d => Assert.True(d > 0));
        // Thursday, Friday, Monday: 3 working days (5 calendar days).
        Assert.Equal(3, days[First2022]);
        // 932 calendar days in all, 643 working days once weekends, Tết, Giỗ Tổ, 30/4, 1/5, 2/9 and their compensatory days are left out.
        Assert.Equal(643, days.Values.Sum());
        Assert.Contains("ngày làm việc", page.QuerySelector("#dossiers thead")!.TextContent);
    }

    [Fact]
    public async Task The_dossier_workbook_shows_working_days()
    {
        using var client = await factory.CreateTestClient().SignInAsync(DemoAccounts.Leadership);
        var bytes = await client.Http.GetByteArrayAsync("/exports/dossiers/2022.xlsx");
        using var workbook = new XLWorkbook(new MemoryStream(bytes));
        var list = workbook.Worksheet("Hồ sơ trễ hạn");
        var header = list.Row(1).Cells(1, 9).Select(c => c.GetString()).ToList();
        var column = header.IndexOf("Số ngày trễ (ngày làm việc)") + 1;
        Assert.True(column > 0, string.Join(" | ", header));
        var rows = list.RowsUsed().Skip(1).ToList();
        Assert.Equal(84, rows.Count);
        Assert.Equal(3, rows.Single(r => r.Cell(2).GetString() == First2022).Cell(column).GetValue<int>());
        Assert.Equal(643, rows.Sum(r => r.Cell(column).GetValue<int>()));
        var total = workbook.Worksheet("Theo đơn vị").RowsUsed().Last();
        Assert.Equal(("Tổng cộng", 84, 643), (total.Cell(2).GetString(), total.Cell(3).GetValue<int>(), total.Cell(4).GetValue<int>()));
    }

    [Fact]
    public async Task An_import_says_how_many_working_days_late_over_Tet_2023()
    {
        using var client = await factory.CreateTestClient().SignInAsync(DemoAccounts.Office);
        // Due Thursday 19/01/2023, returned Monday 30/01/2023: 11 calendar days, but 20–26/01 is Tết, so 27/01 and 30/01.
        var bytes = ImportFiles.Workbook(ImportFiles.Header,
            ["WD-TET-1", "Đăng ký biến động đất đai", "VPDKDD", new DateOnly(2023, 1, 5), new DateOnly(2023, 1, 19), new DateOnly(2023, 1, 30), null],
            ["WD-TET-2", "Đăng ký biến động đất đai", "VPDKDD", new DateOnly(2023, 1, 5), new DateOnly(2023, 1, 19), new DateOnly(2023, 1, 18), null]);

        var page = await ImportFiles.ImportAndFollowAsync(client, bytes, "tet-2023.xlsx", "/Operations/Dossiers?year=2023");

        Assert.Contains("Đã nhập 2 hồ sơ, trong đó 1 hồ sơ trễ hạn, tổng 2 ngày làm việc trễ.", page.QuerySelector("#import-result")!.TextContent);
        var list = await client.GetDocumentAsync("/Operations/Dossiers?year=2023");
        Assert.Equal(2, DaysLate(list)["WD-TET-1"]);
        Assert.Equal(0, DaysLate(list)["WD-TET-2"]);
    }

    [Fact]
    public async Task An_unreturned_dossier_of_a_past_year_counts_to_31_December_and_says_chua_tra()
    {
        await factory.WithDbAsync(async db =>
        {
            var unit = await db.Units.Select(u => u.Id).FirstAsync();
            db.Dossiers.Add(new Dossier("UNRET-2023-1", "Cấp giấy phép khai thác nước mặt", unit, new DateOnly(2023, 12, 1), new DateOnly(2023, 12, 15), null, null));
            await db.SaveChangesAsync();
        });
        using var client = await factory.CreateTestClient().SignInAsync(DemoAccounts.Leadership);

        // Today is years later (the real clock): counted to Sunday 31/12/2023, so 18–22 and 25–29/12: 10 working days.
        var page = await client.GetDocumentAsync("/Operations/Dossiers?year=2023");
        Assert.Equal(10, DaysLate(page)["UNRET-2023-1"]);
        var row = page.QuerySelectorAll("#dossiers tbody tr").Single(r => r.Children[0].TextContent.Trim() == "UNRET-2023-1");
        Assert.Equal("chưa trả, tính đến 31/12/2023", row.QuerySelector(".unreturned")!.TextContent.Trim());

        // Within the year, to today.
        factory.Clock.SetToday(new DateOnly(2023, 12, 20));
        try
        {
            var during = await client.GetDocumentAsync("/Operations/Dossiers?year=2023");
            Assert.Equal(3, DaysLate(during)["UNRET-2023-1"]);
            Assert.Contains("tính đến 20/12/2023", during.QuerySelector("#dossiers")!.TextContent);
        }
        finally
        {
            factory.Clock.Reset();
        }
    }

    [Fact]
    public async Task Every_count_of_late_dossiers_is_the_list_s_count_to_the_day_that_matters()
    {
        await factory.WithDbAsync(async db =>
        {
            var unit = await db.Units.OrderBy(u => u.Id).Select(u => u.Id).FirstAsync();
            // Received 20/12/2023, due 10/01/2024, still unreturned: counted to the end of 2023, so not late for 2023.
            db.Dossiers.Add(new Dossier("CROSSYEAR-2023-1", "Cấp giấy phép môi trường", unit, new DateOnly(2023, 12, 20),
                new DateOnly(2024, 1, 10), null, null));
            // Due Friday 06/10/2023, returned Monday 09/10/2023: one working day late.
            db.Dossiers.Add(new Dossier("WEEKDAY-2023-2", "Cấp giấy phép môi trường", unit, new DateOnly(2023, 9, 20),
                new DateOnly(2023, 10, 6), new DateOnly(2023, 10, 9), null));
            await db.SaveChangesAsync();
        });
        var today = factory.Clock.Today;

        var (list, figures, late) = await factory.WithDbAsync(async db => (
            await new DossierReader(db).ReadAsync(new DossierFilter(2023, null, null, false), today),
            await new ProjectionReader(db).FiguresAsync(2023, today),
            await DossierReader.LateAsync(db, new DateOnly(2023, 1, 1), new DateOnly(2023, 12, 31), today)));

        var rows = list.Rows.ToDictionary(r => r.Code);
        Assert.Equal((0, 1), (rows["CROSSYEAR-2023-1"].DaysLate, rows["WEEKDAY-2023-2"].DaysLate));
        // The projection and the points lost per unit (LostPointsReader, the dashboard: DossierReader.LateAsync) count what the list counts.
        Assert.Equal(list.Total.Late, figures.LateDossiers);
        Assert.Equal(list.Total.Late, late.Count);
        Assert.Equal(list.ByUnit.Sum(u => u.Late), late.GroupBy(d => d.UnitId).Sum(g => g.Count()));
    }
}
