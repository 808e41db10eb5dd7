using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using ParIndex.Domain.Operations;
using ParIndex.Web.Data;
using ParIndex.Web.Identity;
using ParIndex.Web.Infrastructure;

namespace ParIndex.Web.Features.Reminders;

/// <summary>Settings under Reminders:Email. Off by default.</summary>
public sealed class ReminderEmailOptions
{
    public const string Section = "Reminders:Email";

    public bool Enabled { get; set; }
    public string Host { get; set; } = "localhost";
    [System.ComponentModel.DataAnnotations.Range(1, 65535, ErrorMessage = "Reminders:Email:Port must be between {1} and {2}.")]
    public int Port { get; set; } = 25;
    [System.ComponentModel.DataAnnotations.EmailAddress(ErrorMessage = "Reminders:Email:From must be an e-mail address.")]
    public string From { get; set; } = "parindex@localhost";
    public string FromName { get; set; } = "ParIndex - Chỉ số CCHC";
    /// <summary>None, StartTls, SslOnConnect or Auto.</summary>
    public string Security { get; set; } = "Auto";
    public string? UserName { get; set; }
    public string? Password { get; set; }
    /// <summary>How often the job looks for reminders to send.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 10_080, ErrorMessage = "Reminders:Email:IntervalMinutes must be between {1} and {2}.")]
    public int IntervalMinutes { get; set; } = 60;
    /// <summary>Wait after start-up before the first run.</summary>
    [System.ComponentModel.DataAnnotations.Range(0, 86_400, ErrorMessage = "Reminders:Email:StartDelaySeconds must be between {1} and {2}.")]
    public int StartDelaySeconds { get; set; } = 60;
    /// <summary>The base address put in links (e.g. https://cchc.example.gov.vn).</summary>
    public string? BaseUrl { get; set; }
}

/// <summary>
/// Sends each user one e-mail listing the reminders not yet sent to them today, then records one
/// <see cref="ReminderSend"/> per item, so an item is mailed to a user at most once a day.
/// </summary>
public sealed class ReminderMailer(ParIndexDbContext db, ReminderService reminders, Clock clock, IOptions<ReminderEmailOptions> options,
    ILogger<ReminderMailer> log)
{
    /// <summary>Runs once; returns the number of e-mails sent (0 when disabled).</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct = default)
    {
        var settings = options.Value;
        if (!settings.Enabled) return 0;

        var today = clock.Today;
        var snapshot = await reminders.SnapshotAsync(today, ct);
        var users = await db.Users.AsNoTracking()
            .Where(u => !u.IsDisabled && u.Email != null && u.EmailConfirmed)
            .Select(u => new { u.Id, u.Email, u.FullName, u.UnitId })
            .ToListAsync(ct);
        var roles = await db.UserRoles.AsNoTracking()
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
            .ToListAsync(ct);
        var editors = roles.Where(r => r.Name is Roles.Admin or Roles.Office).Select(r => r.UserId).ToHashSet();
        var office = roles.Where(r => r.Name is Roles.Office).Select(r => r.UserId).ToHashSet();
        var leadership = roles.Where(r => r.Name is Roles.Leadership).Select(r => r.UserId).ToHashSet();
        var sentToday = (await db.Set<ReminderSend>().AsNoTracking().Where(s => s.SentOn == today)
            .Select(s => new { s.UserId, s.ItemKey }).ToListAsync(ct))
            .Select(s => (s.UserId, s.ItemKey)).ToHashSet();

        var sent = 0;
        using var smtp = new SmtpClient();
        foreach (var user in users)
        {
            var items = snapshot.For(new ReminderAudience(user.UnitId, editors.Contains(user.Id), office.Contains(user.Id), leadership.Contains(user.Id)))
                .Where(i => !sentToday.Contains((user.Id, i.Key))).ToList();
            if (items.Count == 0) continue;

            if (!smtp.IsConnected)
            {
                await smtp.ConnectAsync(settings.Host, settings.Port, Enum.Parse<SecureSocketOptions>(settings.Security, true), ct);
                if (!string.IsNullOrEmpty(settings.UserName)) await smtp.AuthenticateAsync(settings.UserName, settings.Password ?? "", ct);
            }
            await smtp.SendAsync(Compose(settings, user.Email!, user.FullName, items, today), ct);
            db.Set<ReminderSend>().AddRange(items.Select(i => new ReminderSend(user.Id, i.Key, today, clock.UtcNow)));
            await db.SaveChangesAsync(ct);
            sent++;
        }
        if (smtp.IsConnected) await smtp.DisconnectAsync(true, ct);
        if (sent > 0) log.LogInformation("Sent {Count} reminder e-mails for {Day}", sent, today);
        return sent;
    }

    private static MimeMessage Compose(ReminderEmailOptions settings, string email, string name, IReadOnlyList<ReminderItem> items, DateOnly today)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(settings.FromName, settings.From));
        message.To.Add(new MailboxAddress(name, email));
        message.Subject = $"[ParIndex] {ReminderSentence.Of(items, today)}";
        var baseUrl = settings.BaseUrl?.TrimEnd('/') ?? "";
        var lines = items.Select(i => $"- {i.KindName}: {i.Title}\n  {i.When(today)}{(i.UnitName is null ? "" : $" – {i.UnitName}")}\n  {baseUrl}{i.Url}");
        message.Body = new TextPart("plain")
        {
            Text = $"Kính gửi {name},\n\nCác việc sau đến hạn trong {ReminderService.WindowDays} ngày tới hoặc đã quá hạn:\n\n"
                + string.Join("\n", lines)
                + "\n\nThư này được gửi tự động từ hệ thống theo dõi Chỉ số CCHC; mỗi việc được nhắc tối đa một lần mỗi ngày.\n",
        };
        return message;
    }
}

/// <summary>Runs <see cref="ReminderMailer"/> every <see cref="ReminderEmailOptions.IntervalMinutes"/> when e-mail is enabled.</summary>
public sealed class ReminderEmailJob(IServiceScopeFactory scopes, IOptions<ReminderEmailOptions> options, ILogger<ReminderEmailJob> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled) return;
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(Math.Max(0, settings.StartDelaySeconds)), stoppingToken);
            using var timer = new PeriodicTimer(TimeSpan.FromMinutes(Math.Max(1, settings.IntervalMinutes)));
            do
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    await scope.ServiceProvider.GetRequiredService<ReminderMailer>().RunOnceAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // An unreachable mail server must not stop the job; the next run tries again.
                    log.LogError(ex, "Reminder e-mails failed");
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException)
        {
        }
    }
}
