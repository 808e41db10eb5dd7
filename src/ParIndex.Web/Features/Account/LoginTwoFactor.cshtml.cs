using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using ParIndex.Web.Identity;

namespace ParIndex.Web.Features.Account;

/// <summary>The second step of sign-in: a code from the authenticator app, or one of the recovery codes.</summary>
[AllowAnonymous] // between the password and the second factor the user is not signed in yet
[EnableRateLimiting(SignInRateLimit.Policy)]
public class LoginTwoFactorModel(SignInManager<ApplicationUser> signIn, ILogger<LoginTwoFactorModel> log) : PageModel
{
    [BindProperty] public CodeInput Input { get; set; } = new();
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    /// <summary>True when no password step is pending (opened directly, or the step expired): the page says to sign in again.</summary>
    public bool NoPendingSignIn { get; private set; }

    public async Task OnGetAsync() => NoPendingSignIn = await signIn.GetTwoFactorAuthenticationUserAsync() is null;

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            NoPendingSignIn = true;
            return Page();
        }
        if (!ModelState.IsValid) return Page();
        if (user.IsDisabled)
        {
            ModelState.AddModelError(string.Empty, "Tài khoản đã bị vô hiệu hóa. Vui lòng liên hệ quản trị hệ thống.");
            return Page();
        }

        var code = Input.Code.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).Trim();
        var isRecovery = code.Length != 6 || !code.All(char.IsAsciiDigit);
        var result = isRecovery
            ? await signIn.TwoFactorRecoveryCodeSignInAsync(Input.Code.Replace(" ", "", StringComparison.Ordinal).Trim())
            : await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
        if (result.Succeeded)
        {
            log.LogInformation("Sign-in succeeded for {UserId} with {Factor}", user.Id, isRecovery ? "a recovery code" : "an authenticator code");
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        }
        if (result.IsLockedOut)
        {
            log.LogWarning("Second factor refused: account {UserId} is locked out", user.Id);
            ModelState.AddModelError(string.Empty, "Tài khoản tạm thời bị khóa do nhập sai nhiều lần. Vui lòng thử lại sau 15 phút.");
            return Page();
        }
        log.LogWarning("Second factor failed for {UserId}", user.Id);
        ModelState.AddModelError(nameof(Input) + "." + nameof(CodeInput.Code), "Mã xác thực không đúng hoặc đã hết hạn.");
        return Page();
    }

    public sealed class CodeInput
    {
        [Required(ErrorMessage = "Vui lòng nhập mã xác thực.")]
        [StringLength(20, ErrorMessage = "Mã xác thực không hợp lệ.")]
        public string Code { get; set; } = "";
    }
}
