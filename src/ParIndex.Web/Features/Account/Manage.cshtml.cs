using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ParIndex.Web.Identity;

namespace ParIndex.Web.Features.Account;

/// <summary>
/// One's own account: who one is, the password (current and new, under the same rules as everywhere) and the way to
/// two-factor sign-in. Clicking one's name in the top bar opens it.
/// </summary>
public class ManageModel(UserManager<ApplicationUser> users, SignInManager<ApplicationUser> signIn, ILogger<ManageModel> log) : PageModel
{
    [BindProperty] public PasswordForm Input { get; set; } = new();

    public sealed class PasswordForm
    {
        public string? Current { get; set; }
        public string? New { get; set; }
        public string? Confirm { get; set; }
    }

    public ApplicationUser Account { get; private set; } = null!;
    public bool TwoFactorEnabled { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return Challenge();
        return Page();
    }

    public async Task<IActionResult> OnPostPasswordAsync()
    {
        if (!await LoadAsync()) return Challenge();
        if (string.IsNullOrEmpty(Input.Current)) ModelState.AddModelError("Input.Current", "Vui lòng nhập mật khẩu hiện tại.");
        if (string.IsNullOrEmpty(Input.New)) ModelState.AddModelError("Input.New", "Vui lòng nhập mật khẩu mới.");
        else if (Input.New != Input.Confirm) ModelState.AddModelError("Input.Confirm", "Mật khẩu nhập lại không khớp với mật khẩu mới.");
        if (!ModelState.IsValid) return Page();

        var result = await users.ChangePasswordAsync(Account, Input.Current!, Input.New!);
        if (!result.Succeeded)
        {
            foreach (var e in result.Errors)
                ModelState.AddModelError(e.Code == nameof(IdentityErrorDescriber.PasswordMismatch) ? "Input.Current" : "Input.New",
                    e.Code == nameof(IdentityErrorDescriber.PasswordMismatch) ? "Mật khẩu hiện tại không đúng." : e.Description);
            return Page();
        }
        log.LogInformation("User {UserId} changed their password", Account.Id);
        await signIn.RefreshSignInAsync(Account);
        TempData["Message"] = "Đã đổi mật khẩu.";
        return Redirect("/Account/Manage");
    }

    private async Task<bool> LoadAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return false;
        Account = user;
        TwoFactorEnabled = await users.GetTwoFactorEnabledAsync(user);
        return true;
    }
}
