using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using ParIndex.Domain.Plans;
using ParIndex.Web.Data.Seed;
using ParIndex.Web.Tests.Infrastructure;

namespace ParIndex.Web.Tests.Security;

/// <summary>Text users type stays text on the plan and score pages; evidence files are checked and served as attachments.</summary>
public class UserTextAndUploadTests : IDisposable
{
    private const string Script = "<script>alert(1)</script>";
    private readonly ParIndexFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task A_task_title_and_a_lost_reason_with_markup_show_as_text()
    {
        var taskId = await _factory.WithDbAsync(async db =>
        {
            var plan = await db.Plans.SingleAsync(p => p.TargetYear == 2023);
            var unit = await db.Units.Where(u => u.Code == "VP").Select(u => u.Id).SingleAsync();
            // The demo plan is issued (content frozen); the row is added the way an import of old data would be.
            var task = new PlanTask($"Nhiệm vụ {Script}", unit, Script, new DateOnly(2023, 12, 31));
            db.Entry(task).Property(t => t.PlanId).CurrentValue = plan.Id;
            db.PlanTasks.Add(task);
            await db.SaveChangesAsync();
            return task.Id;
        });
        var subId = await _factory.SubCriterionIdAsync(2023, "1.1.1");
        using var client = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Office);
        await client.SubmitAsync($"/Assessments/2023/Score/{subId}", "#score-form", new() { ["Input.Score"] = "0", ["Input.LostReason"] = Script });

        foreach (var url in new[] { "/Plans/2023", $"/Plans/2023/Tasks/{taskId}", $"/Assessments/2023/Score/{subId}", "/Assessments/2023/Area/1" })
        {
            var html = await (await client.Http.GetAsync(url)).Content.ReadAsStringAsync();
            Assert.DoesNotContain(Script, html, StringComparison.Ordinal);
            Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Evidence_is_checked_by_content_stored_outside_wwwroot_and_served_to_signed_in_users_as_an_attachment()
    {
        var subId = await _factory.SubCriterionIdAsync(2023, "1.1.1");
        var url = $"/Assessments/2023/Score/{subId}";
        using var client = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Office);

        var fake = await UploadAsync(client, url, "bao-cao.pdf", "not a pdf at all"u8.ToArray());
        Assert.Contains("không đúng với phần mở rộng", (await TestClient.ParseAsync(fake)).QuerySelector("[data-testid=upload-error]")!.TextContent);

        var pdf = TestFiles.Pdf();
        var ok = await UploadAsync(client, url, "Báo cáo <quý 3> và phụ lục.pdf", pdf);
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);

        var stored = await _factory.WithDbAsync(db => db.Evidence.AsNoTracking().SingleAsync());
        // A generated name in the storage folder, never the user's name, never under wwwroot.
        Assert.Matches("^[0-9a-f]{32}\\.pdf$", stored.StoredName!);
        Assert.Equal("Báo cáo <quý 3> và phụ lục.pdf", stored.FileName);
        Assert.True(File.Exists(Path.Combine(_factory.Folder, "files", stored.StoredName!)));
        Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync("/" + stored.StoredName)).StatusCode);

        var download = await client.Http.GetAsync($"{url}?handler=Evidence&evidenceId={stored.Id}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync());

        using var anonymous = _factory.CreateTestClient();
        var refused = await anonymous.Http.GetAsync($"{url}?handler=Evidence&evidenceId={stored.Id}");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("/Account/Login", refused.Headers.Location!.OriginalString);

        var otherSub = await _factory.SubCriterionIdAsync(2023, "1.1.2");
        Assert.Equal(HttpStatusCode.NotFound,
            (await client.Http.GetAsync($"/Assessments/2023/Score/{otherSub}?handler=Evidence&evidenceId={stored.Id}")).StatusCode);
    }

    private static async Task<HttpResponseMessage> UploadAsync(TestClient client, string url, string name, byte[] bytes)
    {
        var token = await client.AntiforgeryTokenAsync(url);
        using var content = new MultipartFormDataContent();
        content.Add(new StringContent(token), "__RequestVerificationToken");
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        content.Add(file, "file", name);
        return await client.Http.PostAsync($"{url}?handler=Upload", content);
    }
}
