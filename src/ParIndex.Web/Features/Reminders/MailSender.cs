using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace ParIndex.Web.Features.Reminders;

/// <summary>
/// Sends one message through the e-mail set up under <see cref="ReminderEmailOptions.Section"/> (the same server the
/// reminders use). <see cref="Enabled"/> is false when e-mail is not set up: callers then say so instead.
/// </summary>
public sealed class MailSender(IOptions<ReminderEmailOptions> options)
{
    public bool Enabled => options.Value.Enabled;
    public ReminderEmailOptions Settings => options.Value;

    public async Task SendAsync(string toEmail, string toName, string subject, string text, CancellationToken ct = default)
    {
        var settings = options.Value;
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(settings.FromName, settings.From));
        message.To.Add(new MailboxAddress(toName, toEmail));
        message.Subject = subject;
        message.Body = new TextPart("plain") { Text = text };
        using var smtp = new SmtpClient();
        await smtp.ConnectAsync(settings.Host, settings.Port, Enum.Parse<SecureSocketOptions>(settings.Security, true), ct);
        if (!string.IsNullOrEmpty(settings.UserName)) await smtp.AuthenticateAsync(settings.UserName, settings.Password ?? "", ct);
        await smtp.SendAsync(message, ct);
        await smtp.DisconnectAsync(true, ct);
    }
}
