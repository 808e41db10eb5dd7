using System.Net;
using AngleSharp.Dom;
using ParIndex.Domain.Plans;
using ParIndex.Web.Data.Seed;
using ParIndex.Web.Tests.Features.Plans;
using ParIndex.Web.Tests.Infrastructure;

namespace ParIndex.Web.Tests.Features;

/// <summary>
/// The area grid, the score page and the task page (with its change history) read what every user sees of them once per
/// change, through the ReadCache: a second request runs none of their queries, and the user's own write is on the next
/// page they see, with the version their next form must carry.
/// </summary>
public class SharedPageReadTests : IDisposable
{
    private readonly ParIndexFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    /// <summary>The commands of a second request of <paramref name="url"/> that read one of <paramref name="tables"/>.</summary>
    private async Task<(IDocument Page, List<string> Sql)> SecondReadAsync(TestClient client, string url, params string[] tables)
    {
        await client.GetDocumentAsync(url);
        _factory.Commands.Reset();
        _factory.Commands.Recording = true;
        IDocument page;
        try
        {
            page = await client.GetDocumentAsync(url);
        }
        finally
        {
            _factory.Commands.Recording = false;
        }
        return (page, _factory.Commands.Log.Where(sql => tables.Any(t => sql.Contains($"\"{t}\"", StringComparison.Ordinal))).ToList());
    }

    private async Task<Guid> ScoreVersionAsync(int year, int subCriterionId) => (await _factory.ScoreAsync(year, subCriterionId))!.Version;

    [Fact]
    public async Task The_area_grid_reads_its_rows_once_and_a_save_shows_with_its_new_version_on_the_next_request()
    {
        // 1.2.2 is scored by hand (0,25 is on its scale); 2023's self-assessment is open.
        var id = await _factory.SubCriterionIdAsync(2023, "1.2.2");
        using var office = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Office);
        var (_, sql) = await SecondReadAsync(office, "/Assessments/2023/Area/1", "Scores", "SubCriteria", "Evidence");
        Assert.True(sql.Count == 0, string.Join("\n---\n", sql));

        var saved = await office.SubmitAsync($"/Assessments/2023/Score/{id}", "#score-form",
            new() { ["Input.Score"] = "0,25", ["Input.Note"] = "Ghi chú dùng chung", ["Input.LostReason"] = "Thiếu tài liệu (đọc chung)." });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var area = await office.GetDocumentAsync("/Assessments/2023/Area/1");
        var row = area.QuerySelector("tr[data-code='1.2.2']")!;
        Assert.Equal((await ScoreVersionAsync(2023, id)).ToString(), row.QuerySelector("input[name$='.Version']")!.GetAttribute("value"));
        Assert.Equal("Ghi chú dùng chung", row.QuerySelector("input[name$='.Note']")!.GetAttribute("value"));
        Assert.Equal("0,25", row.QuerySelector("input[name$='.Score']")!.GetAttribute("value"));
    }

    [Fact]
    public async Task The_score_page_reads_its_sub_criterion_and_history_once_and_a_save_shows_on_the_next_request()
    {
        var id = await _factory.SubCriterionIdAsync(2023, "1.2.2");
        using var office = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Office);
        var url = $"/Assessments/2023/Score/{id}";
        var (before, sql) = await SecondReadAsync(office, url, "Scores", "SubCriteria", "Evidence", "AuditEntries", "AssessmentPhases");
        Assert.True(sql.Count == 0, string.Join("\n---\n", sql));
        var historyBefore = before.QuerySelectorAll("[data-testid=audit-history] tbody tr").Length;

        var saved = await office.SubmitAsync(url, "#score-form",
            new() { ["Input.Score"] = "0,25", ["Input.LostReason"] = "Thiếu tài liệu (trang tiêu chí)." });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var page = await office.GetDocumentAsync(url);
        Assert.Equal("0,25", page.QuerySelector("[data-testid=self]")!.TextContent.Trim());
        Assert.Contains("Thiếu tài liệu (trang tiêu chí).", page.QuerySelector("[data-testid=rounds]")!.TextContent);
        Assert.Equal((await ScoreVersionAsync(2023, id)).ToString(), page.QuerySelector("#score-form input[name='Input.Version']")!.GetAttribute("value"));
        Assert.True(page.QuerySelectorAll("[data-testid=audit-history] tbody tr").Length > historyBefore);
    }

    [Fact]
    public async Task The_task_page_reads_its_task_and_history_once_and_a_progress_update_shows_on_the_next_request()
    {
        var id = await _factory.DemoTaskAsync("TTR", PlanTaskStatus.InProgress);
        using var head = await _factory.CreateTestClient().SignInAsync(DemoAccounts.UnitHead("TTR"));
        var url = $"/Plans/2023/Tasks/{id}";
        var (before, sql) = await SecondReadAsync(head, url, "PlanTasks", "TaskProgress", "AuditEntries");
        Assert.True(sql.Count == 0, string.Join("\n---\n", sql));
        var historyBefore = before.QuerySelectorAll("[data-testid=audit-history] tbody tr").Length;

        var saved = await head.SubmitAsync(url, "[data-testid=task-progress-form]",
            new() { ["ProgressInput.Note"] = "Đã rà soát xong (đọc chung).", ["ProgressInput.Percent"] = "60" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var page = await head.GetDocumentAsync(url);
        Assert.Contains("Đã rà soát xong (đọc chung).", page.QuerySelector("[data-testid=task-history]")!.TextContent);
        var version = (await _factory.SnapshotAsync(id)).Version.ToString();
        Assert.Equal(version, page.QuerySelector("[data-testid=task-progress-form] input[name='ProgressInput.Version']")!.GetAttribute("value"));
        Assert.True(page.QuerySelectorAll("[data-testid=audit-history] tbody tr").Length > historyBefore);
    }
}
