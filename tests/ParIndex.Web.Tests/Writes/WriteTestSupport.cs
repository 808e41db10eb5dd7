using System.Data.Common;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using ParIndex.Web.Data;
using ParIndex.Web.Data.Seed;
using ParIndex.Web.Infrastructure.Writes;
using ParIndex.Web.Tests.Infrastructure;
using ParIndex.Web.Tests.Security;

namespace ParIndex.Web.Tests.Writes;

/// <summary>
/// Faults a test arms for the saves it picks (by what the context is saving): an exception or a wait while the save
/// runs its interceptors, just before or just after the commit. Registered after the application's interceptors, so
/// it runs once they have done their part of the save.
/// </summary>
public sealed class FaultInjector : SaveChangesInterceptor, IDbTransactionInterceptor
{
    public Func<DbContext, bool> When { get; set; } = _ => false;
    public Func<DbContext, CancellationToken, Task>? Saving { get; set; }
    public Func<DbContext, CancellationToken, Task>? Committing { get; set; }
    public Func<DbContext, CancellationToken, Task>? Committed { get; set; }

    public void Reset()
    {
        When = _ => false;
        Saving = Committing = Committed = null;
    }

    private Task Run(Func<DbContext, CancellationToken, Task>? hook, DbContext? context, CancellationToken ct) =>
        hook is not null && context is not null && When(context) ? hook(context, ct) : Task.CompletedTask;

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        await Run(Saving, eventData.Context, cancellationToken);
        return result;
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Run(Saving, eventData.Context, default).GetAwaiter().GetResult();
        return result;
    }

    public async ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData,
        InterceptionResult result, CancellationToken cancellationToken = default)
    {
        await Run(Committing, eventData.Context, cancellationToken);
        return result;
    }

    public InterceptionResult TransactionCommitting(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result)
    {
        Run(Committing, eventData.Context, default).GetAwaiter().GetResult();
        return result;
    }

    public async Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData,
        CancellationToken cancellationToken = default) => await Run(Committed, eventData.Context, cancellationToken);

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) =>
        Run(Committed, eventData.Context, default).GetAwaiter().GetResult();
}

/// <summary>The application with the default write bound and a <see cref="FaultInjector"/>.</summary>
public sealed class WriteFactory : WriteFactoryBase;

/// <summary>The application with a <see cref="FaultInjector"/> on every SQLite context and extra settings.</summary>
public abstract class WriteFactoryBase : SecurityFactory
{
    protected WriteFactoryBase() : this(new FaultInjector()) { }

    private WriteFactoryBase(FaultInjector faults)
    {
        Faults = faults;
        Services2 = s => s.ConfigureDbContext<SqliteParIndexDbContext>(o => o.AddInterceptors(faults));
    }

    public FaultInjector Faults { get; }

    public WriteMonitor Monitor => Services.GetRequiredService<WriteMonitor>();

    /// <summary>The request the current save belongs to, cancelled when its client goes away.</summary>
    public CancellationToken RequestAborted =>
        Services.GetRequiredService<IHttpContextAccessor>().HttpContext?.RequestAborted ?? CancellationToken.None;

    /// <summary>Waits (at most 10 s) until the request running this save has been cancelled by its client.</summary>
    public async Task UntilRequestAbortedAsync()
    {
        var aborted = RequestAborted;
        Assert.True(aborted.CanBeCanceled, "The save does not run inside a request");
        try
        {
            await Task.Delay(Timeout.Infinite, aborted).WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Waits, at most 10 s, until <paramref name="condition"/> holds.</summary>
    public static async Task UntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"Not within 10 s: {what}");
            await Task.Delay(10);
        }
    }

    /// <summary>Reads the application's log files, as written so far.</summary>
    public string Log() => string.Join("\n", Directory.GetFiles(Path.Combine(Folder, "logs")).Select(f =>
    {
        using var s = new FileStream(f, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        return new StreamReader(s).ReadToEnd();
    }));
}

/// <summary>
/// Another user's save that has nothing to do with the fault: the Admin creates a unit through the real form. The form
/// is read beforehand, so the bound covers the POST alone.
/// </summary>
public sealed class UnrelatedWriter : IDisposable
{
    private static int _counter;
    private readonly TestClient _admin;
    private readonly IHtmlFormElement _form;
    private readonly ParIndexFactory _factory;

    private UnrelatedWriter(TestClient admin, IHtmlFormElement form, ParIndexFactory factory)
    {
        _admin = admin;
        _form = form;
        _factory = factory;
    }

    public static async Task<UnrelatedWriter> ReadyAsync(ParIndexFactory factory)
    {
        var admin = await factory.CreateTestClient().SignInAsync(DemoAccounts.Admin);
        var page = await admin.GetDocumentAsync("/Admin/Units");
        return new UnrelatedWriter(admin, page.QuerySelector<IHtmlFormElement>("#create-unit")!, factory);
    }

    public Task<HttpResponseMessage> PostAsync(string code) =>
        _admin.PostFormAsync(_form, new() { ["Input.Code"] = code, ["Input.Name"] = $"Đơn vị kiểm tra {code}" }, "/Admin/Units");

    /// <summary>Creates a unit and asserts the save answered within a second and is in the database.</summary>
    public async Task SavesWithinASecondAsync()
    {
        var code = $"W{Interlocked.Increment(ref _counter)}X{Environment.TickCount64 % 100000}";
        var post = PostAsync(code);
        HttpResponseMessage response;
        try
        {
            response = await post.WaitAsync(TimeSpan.FromSeconds(1));
        }
        catch (TimeoutException)
        {
            Assert.Fail("An unrelated save by another user did not answer within a second: writes are wedged.");
            throw;
        }
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.True(await _factory.WithDbAsync(db => db.Units.AnyAsync(u => u.Code == code)));
    }

    public void Dispose() => _admin.Dispose();
}
