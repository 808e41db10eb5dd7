using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using netDumbster.smtp;
using ParIndex.Domain.Operations;
using ParIndex.Web.Data.Seed;
using ParIndex.Web.Features.Reminders;
using ParIndex.Web.Tests.Features.Operations;
using ParIndex.Web.Tests.Infrastructure;

namespace ParIndex.Web.Tests.Reminders;

/// <summary>The e-mail job against a real SMTP receiver the test starts on a loopback port.</summary>
public sealed class ReminderEmailTests : IDisposable
{
    private static readonly DateOnly June20 = new(2023, 6, 20);
    private readonly SimpleSmtpServer _smtp =
        Configuration.Configure().WithAddress(IPAddress.Loopback).WithRandomPort().Build();

    public void Dispose() => _smtp.Dispose();

    private sealed class MailFactory(int port, bool enabled, int startDelaySeconds = 3600) : ParIndexFactory
    {
        protected override void ConfigureSettings(IDictionary<string, string?> settings)
        {
            if (enabled) settings["Reminders:Email:Enabled"] = "true";
            settings["Reminders:Email:Host"] = "127.0.0.1";
            settings["Reminders:Email:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            settings["Reminders:Email:Security"] = "None";
            settings["Reminders:Email:From"] = "cchc@parindex.local";
            settings["Reminders:Email:StartDelaySeconds"] = startDelaySeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    private static async Task<int> RunAsync(ParIndexFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ReminderMailer>().RunOnceAsync();
    }

    private static async Task<int> KhtcReportAsync(ParIndexFactory factory) => await factory.WithDbAsync(async db =>
    {
        var khtc = await db.Units.Where(u => u.Code == "KHTC").Select(u => u.Id).SingleAsync();
        var report = new PeriodicReport(2023, "Báo cáo giải ngân quý II/2023", "Q2", new DateOnly(2023, 6, 28), khtc);
        db.PeriodicReports.Add(report);
        await db.SaveChangesAsync();
        return report.Id;
    });

    [Fact]
    public async Task One_mail_per_user_listing_each_item_at_most_once_a_day()
    {
        using var factory = new MailFactory(_smtp.Configuration.Port, enabled: true);
        factory.Clock.SetToday(June20);
        var reportId = await KhtcReportAsync(factory);

        var first = await RunAsync(factory);

        var mails = _smtp.ReceivedEmail;
        Assert.Equal(first, mails.Length);
        Assert.True(first >= 3); // at least KHTC's head, the Office and the Admin (the report)
        var khtcMail = Assert.Single(mails, m => m.ToAddresses.Any(a => a.Address == DemoAccounts.UnitHead("KHTC")));
        var body = khtcMail.MessageParts[0].BodyData;
        Assert.Contains("Báo cáo giải ngân quý II/2023", body);
        Assert.Contains("Còn 10 ngày (hạn 30/06/2023)", body);
        Assert.Equal("cchc@parindex.local", khtcMail.FromAddress.Address);
        // QBVMT has nothing due: no mail.
        Assert.DoesNotContain(mails, m => m.ToAddresses.Any(a => a.Address == DemoAccounts.UnitHead("QBVMT")));
        var khtcUser = await factory.WithDbAsync(db => db.Users.Where(u => u.Email == DemoAccounts.UnitHead("KHTC")).Select(u => u.Id).SingleAsync());
        var recorded = await factory.WithDbAsync(db => db.Set<ReminderSend>().Where(s => s.UserId == khtcUser).Select(s => s.ItemKey).ToListAsync());
        Assert.Equal(2, recorded.Count);
        Assert.Contains("report:" + reportId, recorded);

        // Same day again: nothing new to say, nothing sent.
        Assert.Equal(0, await RunAsync(factory));
        Assert.Equal(first, _smtp.ReceivedEmailCount);

        // A new item the same day is mailed alone, to those who should see it.
        await factory.WithDbAsync(async db =>
        {
            var khtc = await db.Units.Where(u => u.Code == "KHTC").Select(u => u.Id).SingleAsync();
            db.PeriodicReports.Add(new PeriodicReport(2023, "Báo cáo đột xuất về đầu tư công", "Khác", new DateOnly(2023, 6, 25), khtc));
            await db.SaveChangesAsync();
        });
        _smtp.ClearReceivedEmail();
        var added = await RunAsync(factory);
        Assert.Equal(added, _smtp.ReceivedEmailCount);
        var again = Assert.Single(_smtp.ReceivedEmail, m => m.ToAddresses.Any(a => a.Address == DemoAccounts.UnitHead("KHTC")));
        Assert.Contains("Báo cáo đột xuất", again.MessageParts[0].BodyData);
        Assert.DoesNotContain("Báo cáo giải ngân", again.MessageParts[0].BodyData);

        // The next day everything still due is reminded again.
        _smtp.ClearReceivedEmail();
        factory.Clock.SetToday(June20.AddDays(1));
        Assert.Equal(first, await RunAsync(factory));
    }

    [Fact]
    public async Task Disabled_by_default_sends_nothing()
    {
        using var factory = new MailFactory(_smtp.Configuration.Port, enabled: false, startDelaySeconds: 0);
        factory.Clock.SetToday(June20);
        await KhtcReportAsync(factory);
        using var client = await factory.CreateTestClient().SignInAsync(DemoAccounts.Office);

        Assert.Equal(0, await RunAsync(factory));
        // The job itself has ended, having sent nothing: no later mail can come (no wait for one that might).
        var job = factory.Services.GetServices<IHostedService>().OfType<ReminderEmailJob>().Single();
        await job.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(job.ExecuteTask.IsCompletedSuccessfully);
        Assert.Equal(0, _smtp.ReceivedEmailCount);
        Assert.False(await factory.WithDbAsync(db => db.Set<ReminderSend>().AnyAsync()));
    }

    [Fact]
    public async Task The_background_job_sends_when_enabled()
    {
        var received = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _smtp.MessageReceived += (_, _) => received.TrySetResult();
        using var factory = new MailFactory(_smtp.Configuration.Port, enabled: true, startDelaySeconds: 0);
        factory.Clock.SetToday(June20);
        await KhtcReportAsync(factory); // starts the host, and with it the job

        // The first mail the job sends completes the wait (bounded, so a job that never sends fails the test).
        await received.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(_smtp.ReceivedEmailCount > 0);
    }
}
