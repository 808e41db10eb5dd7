using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using ParIndex.Web.Features.Reminders;
using ParIndex.Web.Identity;

namespace ParIndex.Web.Features.Account;

/// <summary>
/// "Quên mật khẩu": with e-mail set up, sends a reset link to the address if an active account has it (the answer is
/// the same either way, so the page does not tell who has an account); without e-mail, says to contact the administrator.
/// </summary>
public class ForgotPasswordModel(UserManager<ApplicationUser> users, MailSender mail, ILogger<ForgotPasswordModel> log) : PageModel
{
    [BindProperty] public string? Email { get; set; }
    public bool MailEnabled => mail.Enabled;
    public bool Sent { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!mail.Enabled) return Page();
        if (string.IsNullOrWhiteSpace(Email))
        {
            ModelState.AddModelError(nameof(Email), "Vui lòng nhập thư điện tử của tài khoản.");
            return Page();
        }
        var user = await users.FindByEmailAsync(Email.Trim());
        if (user is { IsDisabled: false, Email: not null })
        {
            var token = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(await users.GeneratePasswordResetTokenAsync(user)));
            var baseUrl = mail.Settings.BaseUrl?.TrimEnd('/') ?? $"{Request.Scheme}://{Request.Host}";
            var link = $"{baseUrl}/Account/ResetPassword?email={Uri.EscapeDataString(user.Email)}&code={token}";
            try
            {
                await mail.SendAsync(user.Email, user.FullName, "[ParIndex] Đặt lại mật khẩu",
                    $"Kính gửi {user.FullName},\n\nĐể đặt lại mật khẩu tài khoản ParIndex, mở liên kết sau (dùng được một lần):\n\n{link}\n\n"
                    + "Nếu bạn không yêu cầu đặt lại mật khẩu, hãy bỏ qua thư này; mật khẩu hiện tại vẫn giữ nguyên.\n", ct);
                log.LogInformation("Password reset link sent to user {UserId}", user.Id);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogError(ex, "Password reset mail to user {UserId} could not be sent", user.Id);
            }
        }
        Sent = true;
        return Page();
    }
}
