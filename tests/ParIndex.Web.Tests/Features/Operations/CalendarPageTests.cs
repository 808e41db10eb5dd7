using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using ParIndex.Domain.Operations;
using ParIndex.Web.Data.Seed;
using ParIndex.Web.Tests.Infrastructure;

namespace ParIndex.Web.Tests.Features.Operations;

/// <summary>The Office's working calendar: the seeded days, adding and removing a day (audited), bad input, collisions.</summary>
public class CalendarPageTests(ParIndexFactory factory) : IClassFixture<ParIndexFactory>
{
    private async Task<TestClient> OfficeAsync() => await factory.CreateTestClient().SignInAsync(DemoAccounts.Office);

    private Task<int> DaysAsync(DateOnly date) => factory.WithDbAsync(db => db.Set<CalendarDay>().CountAsync(d => d.Date == date));

    private static int DaysLateOf(AngleSharp.Dom.IDocument page, string code) =>
        int.Parse(page.QuerySelectorAll("#dossiers tbody tr").Single(r => r.Children[0].TextContent.Trim() == code)
            .QuerySelector(".days-late")!.TextContent.Trim(), System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task The_2022_and_2023_calendars_are_seeded()
    {
        using var client = await factory.CreateTestClient().SignInAsync(DemoAccounts.Leadership);
        var page = await client.GetDocumentAsync("/Operations/Calendar?year=2022");
        var dates = page.QuerySelectorAll("#calendar tbody tr").Select(r => r.GetAttribute("data-date")).ToList();
        Assert.Contains("31/01/2022", dates);
        Assert.Contains("04/02/2022", dates);
        Assert.Contains("11/04/2022", dates);
        Assert.Contains("03/05/2022", dates);
        Assert.Contains("01/09/2022", dates);
        Assert.Contains("03/01/2022", dates);
        Assert.Null(page.QuerySelector("#add-day-form")); // Leadership reads, does not edit
        var y2023 = await client.GetDocumentAsync("/Operations/Calendar?year=2023");
        var dates2023 = y2023.QuerySelectorAll("#calendar tbody tr").Select(r => r.GetAttribute("data-date")).ToList();
        Assert.Contains("20/01/2023", dates2023);
        Assert.Contains("26/01/2023", dates2023);
        Assert.Contains("04/09/2023", dates2023);
        Assert.Contains("Thứ Bảy", y2023.QuerySelector("#calendar tr[data-date='29/04/2023']")!.TextContent);
    }

    [Fact]
    public async Task A_day_off_added_changes_the_working_days_late_is_audited_and_can_be_removed()
    {
        using var client = await OfficeAsync();
        const string code = "H12.48-220105-0162"; // due 09/02/2022, returned 14/02/2022
        Assert.Equal(3, DaysLateOf(await client.GetDocumentAsync("/Operations/Dossiers?year=2022"), code));

        var response = await client.SubmitAsync("/Operations/Calendar?year=2022", "#add-day-form",
            new() { ["Day.Date"] = "10/02/2022", ["Day.Kind"] = "DayOff", ["Day.Name"] = "Nghỉ thử nghiệm" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await client.GetDocumentAsync(response.Headers.Location!.ToString());
        Assert.Contains("Đã thêm ngày nghỉ 10/02/2022 (Nghỉ thử nghiệm).", page.QuerySelector(".alert-success")!.TextContent);
        Assert.Equal(2, DaysLateOf(await client.GetDocumentAsync("/Operations/Dossiers?year=2022"), code));

        var id = await factory.WithDbAsync(db => db.Set<CalendarDay>().Where(d => d.Date == new DateOnly(2022, 2, 10)).Select(d => d.Id).SingleAsync());
        var audit = await factory.WithDbAsync(db => db.AuditEntries.Where(a => a.EntityType == "CalendarDay" && a.EntityId == id.ToString()).ToListAsync());
        Assert.Contains(audit, a => a.Action == "Created");

        var removed = await client.SubmitAsync("/Operations/Calendar?year=2022", $"#day-{id} form.remove-form", []);
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Equal(0, await DaysAsync(new DateOnly(2022, 2, 10)));
        Assert.Equal(3, DaysLateOf(await client.GetDocumentAsync("/Operations/Dossiers?year=2022"), code));
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == "CalendarDay" && a.EntityId == id.ToString() && a.Action == "Deleted")));
    }

    [Theory]
    [InlineData("", "DayOff", "Tết", "Day.Date", "Vui lòng nhập ngày (dd/MM/yyyy).")]
    [InlineData("31/02/2031", "DayOff", "Tết", "Day.Date", "Ngày phải có dạng dd/MM/yyyy.")]
    [InlineData("03/03/2031", "DayOff", "  ", "Day.Name", "Vui lòng nhập tên ngày nghỉ (ví dụ: Tết Nguyên đán).")]
    [InlineData("03/03/2031", "WorkingDay", "Làm bù", "Day.Kind", "Ngày 03/03/2031 là ngày làm việc bình thường; ngày làm bù phải là thứ Bảy hoặc Chủ nhật.")]
    [InlineData("03/03/2031", "Holiday", "Tết", "Day.Kind", "Vui lòng chọn loại ngày.")]
    public async Task Bad_input_is_refused_beside_its_field_and_nothing_is_written(string date, string kind, string name, string field, string message)
    {
        using var client = await OfficeAsync();
        var before = await factory.WithDbAsync(db => db.Set<CalendarDay>().CountAsync());

        var response = await client.SubmitAsync("/Operations/Calendar?year=2031", "#add-day-form",
            new() { ["Day.Date"] = date, ["Day.Kind"] = kind, ["Day.Name"] = name });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await TestClient.ParseAsync(response);
        Assert.Equal(message, page.QuerySelector($"span[data-valmsg-for='{field}']")!.TextContent.Trim());
        Assert.Equal(name.Trim(), page.QuerySelector<IHtmlInputElement>("#Day_Name")!.Value.Trim());
        Assert.Equal(before, await factory.WithDbAsync(db => db.Set<CalendarDay>().CountAsync()));
    }

    [Fact]
    public async Task A_date_already_in_the_calendar_is_refused_with_its_name()
    {
        using var client = await OfficeAsync();
        var response = await client.SubmitAsync("/Operations/Calendar?year=2022", "#add-day-form",
            new() { ["Day.Date"] = "10/04/2022", ["Day.Kind"] = "DayOff", ["Day.Name"] = "Giỗ Tổ" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await TestClient.ParseAsync(response);
        Assert.Equal("Ngày 10/04/2022 đã có trong lịch (Giỗ Tổ Hùng Vương (10/3 âm lịch)).",
            page.QuerySelector("span[data-valmsg-for='Day.Date']")!.TextContent.Trim());
        Assert.Equal(1, await DaysAsync(new DateOnly(2022, 4, 10)));
    }

    [Fact]
    public async Task A_swapped_Saturday_is_added_and_a_stale_form_is_refused_without_writing()
    {
        using var client = await OfficeAsync();
        var saturday = new DateOnly(2032, 5, 8);
        var added = await client.SubmitAsync("/Operations/Calendar?year=2032", "#add-day-form",
            new() { ["Day.Date"] = "08/05/2032", ["Day.Kind"] = "WorkingDay", ["Day.Name"] = "Làm bù cho thứ Hai 03/05/2032" });
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var day = await factory.WithDbAsync(db => db.Set<CalendarDay>().AsNoTracking().SingleAsync(d => d.Date == saturday));
        Assert.Equal(CalendarDayKind.WorkingDay, day.Kind);

        // Two people open the page; the first renames the day, the second (stale) removes it.
        var first = await client.GetDocumentAsync("/Operations/Calendar?year=2032");
        var second = await client.GetDocumentAsync("/Operations/Calendar?year=2032");
        var renamed = await client.PostFormAsync(first.QuerySelector<IHtmlFormElement>($"#day-{day.Id} form.change-form")!,
            new() { ["name"] = "Làm bù (đổi tên)" }, "/Operations/Calendar?year=2032");
        Assert.Equal(HttpStatusCode.Redirect, renamed.StatusCode);

        var stale = await client.PostFormAsync(second.QuerySelector<IHtmlFormElement>($"#day-{day.Id} form.remove-form")!, [],
            "/Operations/Calendar?year=2032");
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("vừa được người khác sửa hoặc xóa", (await TestClient.ParseAsync(stale)).QuerySelector("#calendar-error")!.TextContent);
        var still = await factory.WithDbAsync(db => db.Set<CalendarDay>().AsNoTracking().SingleAsync(d => d.Date == saturday));
        Assert.Equal("Làm bù (đổi tên)", still.Name);

        var staleRename = await client.PostFormAsync(second.QuerySelector<IHtmlFormElement>($"#day-{day.Id} form.change-form")!,
            new() { ["name"] = "Tên cũ" }, "/Operations/Calendar?year=2032");
        Assert.Equal(HttpStatusCode.Conflict, staleRename.StatusCode);
        Assert.Equal("Làm bù (đổi tên)", (await factory.WithDbAsync(db => db.Set<CalendarDay>().AsNoTracking().SingleAsync(d => d.Date == saturday))).Name);
    }
}
