using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using ParIndex.Domain.Audit;
using ParIndex.Domain.Operations;
using ParIndex.Domain.Projection;
using ParIndex.Web.Data.Seed;
using ParIndex.Web.Tests.Features.Operations;
using ParIndex.Web.Tests.Infrastructure;

namespace ParIndex.Web.Tests.Features.Audit;

/// <summary>
/// The running of the year is in the audit trail too: report submissions, imports (once per file, not per dossier),
/// the choice of which figure feeds a sub-criterion, and edits of a year's framework.
/// </summary>
public class OperationsAuditTests : IDisposable
{
    private const string OfficeName = "Trần Thị Văn Phòng";
    private readonly ParIndexFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private Task<List<AuditEntry>> EntriesAsync(string type, string id) =>
        _factory.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.EntityType == type && a.EntityId == id).OrderBy(a => a.Id).ToListAsync());

    private Task<long> LastAuditIdAsync() => _factory.WithDbAsync(db => db.AuditEntries.MaxAsync(a => (long?)a.Id)).ContinueWith(t => t.Result ?? 0);

    [Fact]
    public async Task A_report_submission_is_recorded_with_who_sent_it_and_the_date()
    {
        _factory.Clock.SetToday(new DateOnly(2031, 12, 20));
        var reportId = await _factory.WithDbAsync(async db =>
        {
            var vp = await db.Units.Where(u => u.Code == "VP").Select(u => u.Id).SingleAsync();
            var r = new PeriodicReport(2031, "Báo cáo CCHC quý III/2031", "Q3", new DateOnly(2031, 9, 15), vp);
            db.PeriodicReports.Add(r);
            await db.SaveChangesAsync();
            return r.Id;
        });
        using var client = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Office);
        var page = await client.GetDocumentAsync("/Operations/Reports?year=2031");
        var form = page.QuerySelector<IHtmlFormElement>($"#report-{reportId} form")!;

        var response = await client.PostFormAsync(form, new() { ["Submission.SubmittedOn"] = "2031-09-22", ["Submission.DocumentNumber"] = "259/BC-STNMT" },
            "/Operations/Reports?year=2031");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var entries = await EntriesAsync("PeriodicReport", reportId.ToString());
        // A creation is one entry holding every value; each later change is an entry per field.
        Assert.Contains(entries, e => e.Action == "Created" && e.NewValue!.Contains("Name=Báo cáo CCHC quý III/2031"));
        var submitted = Assert.Single(entries, e => e.Action == "Updated" && e.Field == "SubmittedOn");
        Assert.Equal((null, "22/09/2031"), (submitted.OldValue, submitted.NewValue));
        Assert.Equal(OfficeName, submitted.UserName);
        Assert.Contains(entries, e => e.Action == "Updated" && e.Field == "DocumentNumber" && e.NewValue == "259/BC-STNMT");
        // The audit page lists it under its Vietnamese name.
        using var leadership = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Leadership);
        var audit = await leadership.GetDocumentAsync($"/Audit?type=PeriodicReport&id={reportId}");
        Assert.Contains("Báo cáo định kỳ", audit.QuerySelector("main")!.TextContent);
        Assert.Contains("259/BC-STNMT", audit.QuerySelector("main")!.TextContent);
    }

    [Fact]
    public async Task An_import_is_recorded_once_with_its_file_and_row_count_not_once_per_dossier()
    {
        using var client = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Office);
        var before = await LastAuditIdAsync();
        var bytes = ImportFiles.Workbook(ImportFiles.Header,
            ["AUD-1", "Đăng ký biến động đất đai", "VPDKDD", new DateOnly(2023, 1, 2), new DateOnly(2023, 1, 20), new DateOnly(2023, 1, 18), null],
            ["AUD-2", "Giao đất", "QHGD", new DateOnly(2023, 1, 5), new DateOnly(2023, 2, 10), null, null]);

        var response = await ImportFiles.PostImportAsync(client, bytes, "mot-cua-thang-1.xlsx");

        // A successful import redirects (post/redirect/get, issue 19).
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var importId = await _factory.WithDbAsync(db => db.Dossiers.Where(d => d.Code == "AUD-1").Select(d => d.ImportId).SingleAsync());
        var added = await _factory.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.Id > before).ToListAsync());
        Assert.All(added, e => Assert.Equal(("DossierImport", importId.ToString()), (e.EntityType, e.EntityId)));
        var created = Assert.Single(added);
        Assert.Equal("Created", created.Action);
        Assert.Contains("FileName=mot-cua-thang-1.xlsx", created.NewValue);
        Assert.Contains("RowCount=2", created.NewValue);
        Assert.All(added, e => Assert.Equal(OfficeName, e.UserName));
    }

    [Fact]
    public async Task A_changed_fact_source_is_recorded_against_its_sub_criterion()
    {
        using var client = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Office);
        var page = await client.GetDocumentAsync("/Operations/Sources?year=2023");
        var form = page.QuerySelector<IHtmlFormElement>("#sources tr[data-code='3.5.1'] form")!;

        var response = await client.PostFormAsync(form, new() { ["source"] = nameof(FactSource.None) }, "/Operations/Sources?year=2023");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var id = await _factory.SubCriterionIdAsync(2023, "3.5.1");
        var entries = await EntriesAsync("SubCriterion", id.ToString());
        // The demo year follows the naming convention, so the first stored choice is a new link.
        var source = Assert.Single(entries, e => e.Field!.StartsWith("FactSource", StringComparison.Ordinal));
        Assert.Contains(nameof(FactSource.None), source.NewValue);
        Assert.Equal(OfficeName, source.UserName);
    }

    [Fact]
    public async Task A_framework_copy_is_recorded_once_and_each_later_edit_field_by_field()
    {
        using var client = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Office);
        var before = await LastAuditIdAsync();
        var token = await client.AntiforgeryTokenAsync("/Frameworks");
        var copy = await client.Http.PostAsync("/Frameworks?handler=Copy", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["FromYear"] = "2023",
            ["NewYear"] = "2026",
            ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, copy.StatusCode);

        var frameworkId = await _factory.WithDbAsync(db => db.Frameworks.Where(f => f.Year == 2026).Select(f => f.Id).SingleAsync());
        var added = await _factory.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.Id > before).ToListAsync());
        Assert.Contains(added, e => (e.EntityType, e.EntityId, e.Action) == ("Framework", frameworkId.ToString(), "Created")
            && e.NewValue!.Contains("Year=2026"));
        Assert.DoesNotContain(added, e => e.EntityType is "SubCriterion" or "Criterion" or "Area");

        var subId = await _factory.SubCriterionIdAsync(2026, "1.1.1");
        var oldName = await _factory.WithDbAsync(db => db.SubCriteria.Where(s => s.Id == subId).Select(s => s.Name).SingleAsync());
        var page = await client.GetDocumentAsync("/Frameworks/2026");
        var form = page.QuerySelector<IHtmlFormElement>($"#edit-{subId}")!;
        var edit = await client.PostFormAsync(form, new() { ["Edit.Name"] = oldName + " (sửa năm 2026)" }, "/Frameworks/2026");

        Assert.Equal(HttpStatusCode.Redirect, edit.StatusCode);
        var name = Assert.Single(await EntriesAsync("SubCriterion", subId.ToString()), e => e.Field == "Name");
        Assert.Equal((oldName, oldName + " (sửa năm 2026)", "Updated"), (name.OldValue, name.NewValue, name.Action));
        Assert.Equal(OfficeName, name.UserName);
    }
}
