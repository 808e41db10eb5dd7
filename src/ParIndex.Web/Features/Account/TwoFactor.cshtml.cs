using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ParIndex.Web.Identity;

namespace ParIndex.Web.Features.Account;

/// <summary>
/// Turns two-factor sign-in on (scan the QR code, confirm one code, keep the recovery codes) or off, and issues
/// new recovery codes. Open to every signed-in user; with <c>Security:RequireTwoFactorForAdmin</c> an Admin
/// cannot turn it off and is sent here until it is on.
/// </summary>
public class TwoFactorModel(UserManager<ApplicationUser> users, SignInManager<ApplicationUser> signIn, IConfiguration configuration,
    ILogger<TwoFactorModel> log) : PageModel
{
    [BindProperty] public CodeInput Input { get; set; } = new();
    [BindProperty(SupportsGet = true)] public bool Required { get; set; }
    /// <summary>Turning two-factor off: a current authenticator code, or the account's password.</summary>
    [BindProperty] public string? Confirmation { get; set; }

    public bool IsEnabled { get; private set; }
    public bool CanDisable { get; private set; }
    public int RecoveryCodesLeft { get; private set; }
    public string SharedKey { get; private set; } = "";
    public string QrCode { get; private set; } = "";
    public IReadOnlyList<string>? RecoveryCodes { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        await LoadAsync(user);
        return Page();
    }

    /// <summary>Creates the authenticator key (a POST: showing the page never writes).</summary>
    public async Task<IActionResult> OnPostSetupAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        if (!user.TwoFactorEnabled) await users.ResetAuthenticatorKeyAsync(user);
        await ReissueAsync(user, withSecondFactor: false);
        await LoadAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostEnableAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        if (!ModelState.IsValid)
        {
            await LoadAsync(user);
            return Page();
        }
        var code = Input.Code.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            ModelState.AddModelError("Input.Code", "Mã xác thực không đúng. Kiểm tra giờ trên điện thoại rồi nhập mã mới.");
            await LoadAsync(user);
            return Page();
        }
        await users.SetTwoFactorEnabledAsync(user, true);
        var codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, TwoFactor.RecoveryCodeCount);
        log.LogInformation("Two-factor sign-in enabled for {UserId}", user.Id);
        // This session has just proven the second factor: sign in again with it, keeping the session's start.
        await ReissueAsync(user, withSecondFactor: true);
        await LoadAsync(user);
        RecoveryCodes = codes?.ToList();
        return Page();
    }

    public async Task<IActionResult> OnPostDisableAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        ModelState.Clear(); // the enable form's code is not part of this form
        if (!CanTurnOff(user))
        {
            ModelState.AddModelError(string.Empty, "Tài khoản quản trị bắt buộc dùng xác thực hai lớp; không thể tắt.");
            await LoadAsync(user);
            return Page();
        }
        // A session left open is not enough to remove the second factor: it takes a current code or the password.
        if (!user.TwoFactorEnabled) return RedirectToPage();
        if (!await ConfirmedAsync(user, Confirmation))
        {
            log.LogWarning("Two-factor disable refused for {UserId}: no valid code or password", user.Id);
            ModelState.AddModelError(nameof(Confirmation), "Nhập mã xác thực hiện tại hoặc mật khẩu đúng để tắt xác thực hai lớp.");
            await LoadAsync(user);
            return Page();
        }
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        log.LogInformation("Two-factor sign-in disabled for {UserId}", user.Id);
        await ReissueAsync(user, withSecondFactor: false);
        TempData["Message"] = "Đã tắt xác thực hai lớp.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRecoveryCodesAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        if (!user.TwoFactorEnabled) return RedirectToPage();
        var codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, TwoFactor.RecoveryCodeCount);
        log.LogInformation("New recovery codes issued for {UserId}", user.Id);
        await LoadAsync(user);
        RecoveryCodes = codes?.ToList();
        return Page();
    }

    private async Task<bool> ConfirmedAsync(ApplicationUser user, string? given)
    {
        if (string.IsNullOrWhiteSpace(given) || given.Length > 1024) return false;
        var code = given.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (code.Length == 6 && code.All(char.IsAsciiDigit))
            return await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code);
        return await users.CheckPasswordAsync(user, given);
    }

    private bool CanTurnOff(ApplicationUser user) =>
        !(TwoFactor.RequiredForAdmin(configuration) && User.IsInRole(Roles.Admin));

    private async Task ReissueAsync(ApplicationUser user, bool withSecondFactor)
    {
        var current = await HttpContext.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        var properties = current.Properties ?? new AuthenticationProperties();
        var claims = withSecondFactor || TwoFactor.SignedInWithSecondFactor(User) && user.TwoFactorEnabled
            ? new[] { new Claim(TwoFactor.AmrClaim, TwoFactor.Mfa) }
            : [];
        await signIn.SignInWithClaimsAsync(user, properties, claims);
    }

    private async Task LoadAsync(ApplicationUser user)
    {
        IsEnabled = user.TwoFactorEnabled;
        CanDisable = CanTurnOff(user);
        if (IsEnabled)
        {
            RecoveryCodesLeft = await users.CountRecoveryCodesAsync(user);
            return;
        }
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key)) return;
        SharedKey = TwoFactor.FormatKey(key!);
        QrCode = TwoFactor.QrCodeDataUri(TwoFactor.AuthenticatorUri(user.Email ?? user.UserName ?? user.Id, key!));
    }

    public sealed class CodeInput
    {
        [Required(ErrorMessage = "Vui lòng nhập mã 6 chữ số từ ứng dụng xác thực.")]
        [StringLength(10, ErrorMessage = "Mã xác thực không hợp lệ.")]
        public string Code { get; set; } = "";
    }
}
