using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using ParIndex.Web.Identity;

namespace ParIndex.Web.Pages.Account;

[EnableRateLimiting(SignInRateLimit.Policy)]
public class LoginModel(SignInManager<ApplicationUser> signIn, UserManager<ApplicationUser> users, ILogger<LoginModel> log) : PageModel
{
    [BindProperty] public LoginInput Input { get; set; } = new();
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        var user = await users.FindByEmailAsync(Input.Email.Trim());
        if (user is { IsDisabled: true })
        {
            log.LogWarning("Sign-in refused: account {UserId} is disabled", user.Id);
            ModelState.AddModelError(string.Empty, "Tài khoản đã bị vô hiệu hóa. Vui lòng liên hệ quản trị hệ thống.");
            return Page();
        }
        var result = user is null
            ? Microsoft.AspNetCore.Identity.SignInResult.Failed
            : await signIn.PasswordSignInAsync(user, Input.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            log.LogInformation("Sign-in succeeded for {UserId}", user!.Id);
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        }
        if (result.RequiresTwoFactor)
        {
            log.LogInformation("Password accepted for {UserId}; second factor required", user!.Id);
            return RedirectToPage("/Account/LoginTwoFactor", new { ReturnUrl });
        }
        if (result.IsLockedOut)
        {
            log.LogWarning("Sign-in refused: account {UserId} is locked out", user?.Id);
            ModelState.AddModelError(string.Empty, "Tài khoản tạm thời bị khóa do đăng nhập sai nhiều lần. Vui lòng thử lại sau 15 phút.");
            return Page();
        }
        // The same message whether the account exists or not, so accounts cannot be discovered.
        log.LogWarning("Sign-in failed for {UserId}", user?.Id ?? "(unknown account)");
        ModelState.AddModelError(string.Empty, "Thư điện tử hoặc mật khẩu không đúng.");
        return Page();
    }

    public sealed class LoginInput
    {
        [Required(ErrorMessage = "Vui lòng nhập thư điện tử.")]
        [EmailAddress(ErrorMessage = "Thư điện tử không hợp lệ.")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Vui lòng nhập mật khẩu.")]
        [DataType(DataType.Password)]
        public string Password { get; set; } = "";
    }
}
