using System.Data.Common;
using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using ParIndex.Domain.Plans;
using ParIndex.Web.Data;
using ParIndex.Web.Data.Seed;
using ParIndex.Web.Tests.Features.Plans;
using ParIndex.Web.Tests.Infrastructure;

namespace ParIndex.Web.Tests.Security;

/// <summary>An uploaded file is kept only if its record is saved: a failed save leaves no file behind on disk.</summary>
public class OrphanFileTests : IDisposable
{
    /// <summary>Makes the database refuse the INSERT of a given table, as a full disk or a broken connection would.</summary>
    private sealed class RefuseInserts : DbCommandInterceptor
    {
        public string? Table { get; set; }

        private void Check(DbCommand command)
        {
            if (Table is { } t && command.CommandText.Contains($"INSERT INTO \"{t}\"", StringComparison.Ordinal))
                throw new InvalidOperationException($"Simulated database failure on {t}.");
        }

        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result)
        { Check(command); return result; }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        { Check(command); return ValueTask.FromResult(result); }
    }

    private sealed class Factory : ParIndexFactory
    {
        public RefuseInserts Refuse { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.ConfigureDbContext<SqliteParIndexDbContext>(o => o.AddInterceptors(Refuse)));
        }
    }

    private readonly Factory _factory = new();

    public void Dispose() => _factory.Dispose();

    private int StoredFiles()
    {
        var folder = Path.Combine(_factory.Folder, "files");
        return Directory.Exists(folder) ? Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Length : 0;
    }

    private static readonly byte[] Pdf = TestFiles.Pdf();

    private static ByteArrayContent PdfContent()
    {
        var file = new ByteArrayContent(Pdf);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        return file;
    }

    [Fact]
    public async Task A_task_progress_whose_save_fails_leaves_no_file_and_one_that_saves_keeps_its_file()
    {
        var id = await _factory.DemoTaskAsync("TTDD", PlanTaskStatus.NotStarted);
        using var head = await _factory.CreateTestClient().SignInAsync(DemoAccounts.UnitHead("TTDD"));

        async Task<HttpResponseMessage> UploadAsync()
        {
            var page = await head.GetDocumentAsync($"/Plans/2023/Tasks/{id}");
            var form = page.QuerySelector("[data-testid=task-progress-form]")!;
            using var content = new MultipartFormDataContent
            {
                { new StringContent(form.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value), "__RequestVerificationToken" },
                { new StringContent(form.QuerySelector<IHtmlInputElement>("input[name='ProgressInput.Version']")!.Value), "ProgressInput.Version" },
                { new StringContent("Biên bản nghiệm thu"), "ProgressInput.Note" },
                { PdfContent(), "ProgressInput.File", "bien-ban.pdf" },
            };
            return await head.Http.PostAsync($"/Plans/2023/Tasks/{id}?handler=Progress", content);
        }

        var before = StoredFiles();
        var history = (await _factory.SnapshotAsync(id)).History;
        _factory.Refuse.Table = "TaskProgress";
        var failed = await UploadAsync();
        _factory.Refuse.Table = null;

        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Equal(before, StoredFiles());
        Assert.Equal(history, (await _factory.SnapshotAsync(id)).History);

        Assert.Equal(HttpStatusCode.Redirect, (await UploadAsync()).StatusCode);
        Assert.Equal(before + 1, StoredFiles());
    }

    [Fact]
    public async Task Evidence_whose_save_fails_leaves_no_file_and_evidence_that_saves_keeps_its_file()
    {
        var sub = await _factory.SubCriterionIdAsync(2023, "1.1.1");
        var url = $"/Assessments/2023/Score/{sub}";
        using var office = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Office);

        async Task<HttpResponseMessage> UploadAsync()
        {
            using var content = new MultipartFormDataContent
            {
                { new StringContent(await office.AntiforgeryTokenAsync(url)), "__RequestVerificationToken" },
                { PdfContent(), "file", "quyet-dinh.pdf" },
            };
            return await office.Http.PostAsync($"{url}?handler=Upload", content);
        }

        var before = StoredFiles();
        _factory.Refuse.Table = "Evidence";
        var failed = await UploadAsync();
        _factory.Refuse.Table = null;

        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Equal(before, StoredFiles());
        Assert.False(await _factory.WithDbAsync(db => db.Evidence.AnyAsync(e => e.FileName == "quyet-dinh.pdf")));

        Assert.Equal(HttpStatusCode.Redirect, (await UploadAsync()).StatusCode);
        Assert.Equal(before + 1, StoredFiles());
    }
}
