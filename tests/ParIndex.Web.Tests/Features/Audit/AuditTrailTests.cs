using System.Net;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using ParIndex.Domain.Audit;
using ParIndex.Web.Data.Seed;
using ParIndex.Web.Features.Audit;
using ParIndex.Web.Tests.Infrastructure;
using ParIndex.Web.Tests.Security;

namespace ParIndex.Web.Tests.Features.Audit;

public class AuditTrailTests : IClassFixture<SecurityFactory>
{
    private readonly SecurityFactory _factory;

    public AuditTrailTests(SecurityFactory factory) => _factory = factory;

    [Fact]
    public async Task A_score_change_is_recorded_with_the_old_and_new_value_in_the_same_save()
    {
        var (scoreId, before) = await _factory.WithDbAsync(async db =>
        {
            var score = await db.Scores.OrderBy(s => s.Id).FirstAsync();
            return (score.Id, score.SelfScore);
        });
        var countBefore = await _factory.WithDbAsync(db => db.AuditEntries.CountAsync());

        await _factory.WithDbAsync(async db =>
        {
            var score = await db.Scores.SingleAsync(s => s.Id == scoreId);
            score.SetSelf(0.25m, "ghi chú", "thiếu tài liệu", "test", DateTime.UtcNow);
            await db.SaveChangesAsync();
        });

        var entries = await _factory.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == "SubCriterionScore" && a.EntityId == scoreId.ToString()).OrderByDescending(a => a.Id).ToListAsync());
        var self = Assert.Single(entries, e => e.Field == "SelfScore" && e.NewValue == "0,25");
        Assert.Equal(AuditValues.Format(before), self.OldValue);
        Assert.Equal(AuditInterceptor.SystemUser, self.UserName); // no signed-in user outside a request
        Assert.Equal("Updated", self.Action);
        Assert.True((DateTime.UtcNow - self.AtUtc).Duration() < TimeSpan.FromMinutes(1));
        Assert.Contains(entries, e => e.Field == "LostReason" && e.NewValue == "thiếu tài liệu");
        Assert.DoesNotContain(entries, e => e.Field == "Version" || e.Field == "UpdatedAt");
        Assert.True(await _factory.WithDbAsync(db => db.AuditEntries.CountAsync()) > countBefore);
    }

    [Fact]
    public async Task A_failed_save_leaves_neither_the_change_nor_its_audit_rows()
    {
        var countBefore = await _factory.WithDbAsync(db => db.AuditEntries.CountAsync());
        await Assert.ThrowsAnyAsync<DbUpdateException>(() => _factory.WithDbAsync(async db =>
        {
            var unit = await db.Units.OrderBy(u => u.Id).FirstAsync();
            unit.Rename("Tên mới tạm", DateOnly.FromDateTime(DateTime.UtcNow));
            // The same code as an existing unit: the unique index refuses the whole save.
            db.Units.Add(new ParIndex.Domain.Units.Unit(unit.Code, "Trùng mã"));
            await db.SaveChangesAsync();
        }));
        Assert.Equal(countBefore, await _factory.WithDbAsync(db => db.AuditEntries.CountAsync()));
        Assert.False(await _factory.WithDbAsync(db => db.Units.AnyAsync(u => u.Name == "Tên mới tạm")));
    }

    [Fact]
    public async Task Audit_entries_cannot_be_changed_or_deleted_through_the_application()
    {
        var (id, snapshot) = await _factory.WithDbAsync(async db =>
        {
            var first = await db.AuditEntries.AsNoTracking().OrderBy(a => a.Id).FirstAsync();
            return (first.Id, $"{first.Field}|{first.OldValue}|{first.NewValue}");
        });
        var count = await _factory.WithDbAsync(db => db.AuditEntries.CountAsync());

        // Tracked delete.
        await Assert.ThrowsAsync<InvalidOperationException>(() => _factory.WithDbAsync(async db =>
        {
            db.AuditEntries.Remove(await db.AuditEntries.SingleAsync(a => a.Id == id));
            await db.SaveChangesAsync();
        }));
        // Tracked update (the entity has no public setters; a property write through the change tracker).
        await Assert.ThrowsAsync<InvalidOperationException>(() => _factory.WithDbAsync(async db =>
        {
            var entry = await db.AuditEntries.SingleAsync(a => a.Id == id);
            db.Entry(entry).Property(a => a.NewValue).CurrentValue = "falsified";
            await db.SaveChangesAsync();
        }));
        // Bulk update and delete, and raw SQL, through the context.
        await Assert.ThrowsAsync<InvalidOperationException>(() => _factory.WithDbAsync(db =>
            db.AuditEntries.Where(a => a.Id == id).ExecuteUpdateAsync(s => s.SetProperty(a => a.NewValue, "falsified"))));
        await Assert.ThrowsAsync<InvalidOperationException>(() => _factory.WithDbAsync(db => db.AuditEntries.ExecuteDeleteAsync()));
        await Assert.ThrowsAsync<InvalidOperationException>(() => _factory.WithDbAsync(db =>
            db.Database.ExecuteSqlRawAsync("DELETE FROM \"AuditEntries\"")));

        Assert.Equal(count, await _factory.WithDbAsync(db => db.AuditEntries.CountAsync()));
        Assert.Equal(snapshot, await _factory.WithDbAsync(async db =>
        {
            var e = await db.AuditEntries.AsNoTracking().SingleAsync(a => a.Id == id);
            return $"{e.Field}|{e.OldValue}|{e.NewValue}";
        }));
    }

    [Fact]
    public void No_page_handler_under_Audit_writes_anything()
    {
        var audit = AuthorizationMatrixTests.Table.Where(r => r.Route.StartsWith("/Audit", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(audit);
        Assert.All(audit, r => Assert.Equal("GET", r.Method));
        // And nothing in the web assembly holds a method that edits audit entries besides the append-only guard.
        var types = typeof(AuditInterceptor).Assembly.GetTypes();
        Assert.DoesNotContain(types.SelectMany(t => t.GetMethods()), m =>
            m.DeclaringType?.Namespace?.StartsWith("ParIndex.Web.Features", StringComparison.Ordinal) == true
            && m.Name.StartsWith("OnPost", StringComparison.Ordinal) && m.DeclaringType.Namespace.EndsWith(".Audit", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Admin_actions_are_recorded_with_who_did_them_and_shown_in_the_record_history()
    {
        using var admin = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Admin);
        var unitId = await _factory.WithDbAsync(db => db.Units.OrderByDescending(u => u.Id).Select(u => u.Id).FirstAsync());
        var oldName = await _factory.WithDbAsync(db => db.Units.Where(u => u.Id == unitId).Select(u => u.Name).SingleAsync());

        var response = await admin.SubmitAsync($"/Admin/Units/Edit/{unitId}", "#rename-unit", new() { ["Input.Name"] = "Phòng <b>Thử nghiệm</b> Ghi nhật ký" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var entry = await _factory.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == "Unit" && a.EntityId == unitId.ToString() && a.Field == "Name").OrderByDescending(a => a.Id).FirstAsync());
        Assert.Equal(oldName, entry.OldValue);
        Assert.Equal("Phòng <b>Thử nghiệm</b> Ghi nhật ký", entry.NewValue);
        Assert.Equal("Quản trị hệ thống", entry.UserName);
        Assert.NotNull(entry.UserId);

        var page = await admin.GetDocumentAsync($"/Admin/Units/Edit/{unitId}");
        var history = page.QuerySelector("[data-testid=audit-history]");
        Assert.NotNull(history);
        Assert.Contains("Phòng <b>Thử nghiệm</b> Ghi nhật ký", history!.TextContent);
        Assert.Null(history.QuerySelector("b")); // shown as text, not markup
    }

    [Fact]
    public async Task Leadership_filters_pages_and_exports_office_and_unit_heads_are_refused()
    {
        using var leader = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Leadership);
        var page = await leader.GetDocumentAsync("/Audit");
        var total = int.Parse(page.QuerySelector("[data-testid=audit-total]")!.TextContent);
        Assert.True(total > AuditQuery.PageSize, "the demo data alone should fill more than one page");
        Assert.Equal(AuditQuery.PageSize, page.QuerySelectorAll("[data-testid=audit-entries] tbody tr").Length);
        Assert.NotNull(page.QuerySelector("[data-testid=next-page]"));

        var units = await leader.GetDocumentAsync("/Audit?type=Unit");
        var unitRows = units.QuerySelectorAll("[data-testid=audit-entries] tbody tr");
        Assert.NotEmpty(unitRows);
        Assert.All(unitRows, r => Assert.Equal("Đơn vị", r.Children[2].TextContent));

        var none = await leader.GetDocumentAsync("/Audit?from=2001-01-01&to=2001-01-02");
        Assert.Equal("0", none.QuerySelector("[data-testid=audit-total]")!.TextContent);

        var export = await leader.Http.GetAsync("/Audit?handler=Export&type=Unit");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", export.Content.Headers.ContentType?.MediaType);
        using var workbook = new XLWorkbook(await export.Content.ReadAsStreamAsync());
        var sheet = workbook.Worksheet(1);
        Assert.Equal("Người thực hiện", sheet.Cell(1, 2).GetString());
        Assert.True(sheet.LastRowUsed().RowNumber() - 1 >= unitRows.Length);
        Assert.Equal(45, sheet.Column(7).Width);
        Assert.All(Enumerable.Range(2, sheet.LastRowUsed().RowNumber() - 1), r => Assert.Equal("Đơn vị", sheet.Cell(r, 3).GetString()));

        using var office = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Office);
        var refused = await office.Http.GetAsync("/Audit");
        // Refused: 403 (or, with the older cookie events, a redirect to the access-denied page).
        Assert.True(refused.StatusCode == HttpStatusCode.Forbidden
                    || refused.Headers.Location?.OriginalString.Contains("/Account/AccessDenied") == true, $"{refused.StatusCode}");
    }

    [Fact]
    public async Task Exported_values_stay_text_even_when_they_look_like_formulas()
    {
        var unitId = await _factory.WithDbAsync(async db =>
        {
            var unit = new ParIndex.Domain.Units.Unit("FORMULA", "=HYPERLINK(\"http://evil\",\"x\")");
            db.Units.Add(unit);
            await db.SaveChangesAsync();
            return unit.Id;
        });
        using var admin = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Admin);
        var export = await admin.Http.GetAsync($"/Audit?handler=Export&type=Unit&id={unitId}");
        using var workbook = new XLWorkbook(await export.Content.ReadAsStreamAsync());
        var cell = workbook.Worksheet(1).Cell(2, 8);
        Assert.False(cell.HasFormula);
        Assert.Contains("=HYPERLINK", cell.GetString());
    }
}
