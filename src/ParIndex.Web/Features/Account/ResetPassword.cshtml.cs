using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using ParIndex.Web.Identity;

namespace ParIndex.Web.Features.Account;

/// <summary>Sets a new password from the link <see cref="ForgotPasswordModel"/> mailed (same rules as everywhere).</summary>
public class ResetPasswordModel(UserManager<ApplicationUser> users, ILogger<ResetPasswordModel> log) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Email { get; set; }
    [BindProperty(SupportsGet = true)] public string? Code { get; set; }
    [BindProperty] public string? New { get; set; }
    [BindProperty] public string? Confirm { get; set; }

    public const string InvalidLink = "Liên kết đặt lại mật khẩu không hợp lệ hoặc đã hết hạn; hãy yêu cầu một liên kết mới.";

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrEmpty(New)) ModelState.AddModelError(nameof(New), "Vui lòng nhập mật khẩu mới.");
        else if (New != Confirm) ModelState.AddModelError(nameof(Confirm), "Mật khẩu nhập lại không khớp với mật khẩu mới.");
        if (!ModelState.IsValid) return Page();
        var user = string.IsNullOrWhiteSpace(Email) ? null : await users.FindByEmailAsync(Email.Trim());
        string? token = null;
        try { token = Code is null ? null : Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(Code)); }
        catch (FormatException) { }
        if (user is null || user.IsDisabled || token is null)
        {
            ModelState.AddModelError(string.Empty, InvalidLink);
            return Page();
        }
        var result = await users.ResetPasswordAsync(user, token, New!);
        if (!result.Succeeded)
        {
            foreach (var e in result.Errors)
                ModelState.AddModelError(e.Code == nameof(IdentityErrorDescriber.InvalidToken) ? string.Empty : nameof(New),
                    e.Code == nameof(IdentityErrorDescriber.InvalidToken) ? InvalidLink : e.Description);
            return Page();
        }
        log.LogInformation("User {UserId} reset their password by e-mail link", user.Id);
        TempData["Message"] = "Đã đặt lại mật khẩu; hãy đăng nhập bằng mật khẩu mới.";
        return Redirect("/Account/Login");
    }
}
