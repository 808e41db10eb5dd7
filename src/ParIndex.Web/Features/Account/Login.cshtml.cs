using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using ParIndex.Web.Identity;

namespace ParIndex.Web.Features.Account;

/// <summary>
/// The password step. Nothing it answers tells whether an account exists or what state it is in until the password is
/// right: an unknown account costs one password hash too (against a dummy hash), and a disabled or locked account
/// answers the wrong-password message unless the password given is its real one.
/// <para>Identity's services are the post handler's parameters, not the page's: the page itself is shown far more
/// often than it is posted, and building the sign-in manager with its user store and context for every view of it
/// was 7% of the page's time under load (docs/performance.md, issue 17).</para>
/// </summary>
[EnableRateLimiting(SignInRateLimit.Policy)]
public class LoginModel(ILogger<LoginModel> log) : PageModel
{
    public const string WrongCredentials = "Thư điện tử hoặc mật khẩu không đúng.";
    public const string Disabled = "Tài khoản đã bị vô hiệu hóa. Vui lòng liên hệ quản trị hệ thống.";
    public const string LockedOut = "Tài khoản tạm thời bị khóa do đăng nhập sai nhiều lần. Vui lòng thử lại sau 15 phút.";

    private static readonly ApplicationUser DummyUser = new() { Id = "dummy", UserName = "dummy" };
    private static string? _dummyHash;

    [BindProperty] public LoginInput Input { get; set; } = new();
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync([FromServices] SignInManager<ApplicationUser> signIn,
        [FromServices] UserManager<ApplicationUser> users, [FromServices] IPasswordHasher<ApplicationUser> hasher)
    {
        if (!ModelState.IsValid) return Page();
        var user = await users.FindByEmailAsync(Input.Email.Trim());
        if (user is null)
        {
            // The same work as a wrong password for a real account: one hash of what was typed.
            _dummyHash ??= hasher.HashPassword(DummyUser, Guid.NewGuid().ToString("N"));
            hasher.VerifyHashedPassword(DummyUser, _dummyHash, Input.Password);
            log.LogWarning("Sign-in failed for {UserId}", "(unknown account)");
            return Refuse(WrongCredentials);
        }
        if (user.IsDisabled || await users.IsLockedOutAsync(user))
        {
            // The account's state is told only to whoever knows its password (the same one hash as any attempt).
            var right = await users.CheckPasswordAsync(user, Input.Password);
            log.LogWarning("Sign-in refused: account {UserId} is {State} (password {Right})", user.Id,
                user.IsDisabled ? "disabled" : "locked out", right ? "right" : "wrong");
            return Refuse(!right ? WrongCredentials : user.IsDisabled ? Disabled : LockedOut);
        }
        var result = await signIn.PasswordSignInAsync(user, Input.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            log.LogInformation("Sign-in succeeded for {UserId}", user.Id);
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        }
        if (result.RequiresTwoFactor)
        {
            log.LogInformation("Password accepted for {UserId}; second factor required", user.Id);
            return RedirectToPage("/Account/LoginTwoFactor", new { ReturnUrl });
        }
        // A wrong password, including the one that has just locked the account: the same message either way.
        if (result.IsLockedOut) log.LogWarning("Sign-in failed for {UserId}; the account is now locked out", user.Id);
        else log.LogWarning("Sign-in failed for {UserId}", user.Id);
        return Refuse(WrongCredentials);
    }

    private PageResult Refuse(string message)
    {
        ModelState.AddModelError(string.Empty, message);
        return Page();
    }

    public sealed class LoginInput
    {
        // Also the form's client-side validation attributes (Login.cshtml writes them: no tag helper reads these).
        public const string EmailRequired = "Vui lòng nhập thư điện tử.";
        public const string EmailInvalid = "Thư điện tử không hợp lệ.";
        public const string PasswordRequired = "Vui lòng nhập mật khẩu.";

        [Required(ErrorMessage = EmailRequired)]
        [EmailAddress(ErrorMessage = EmailInvalid)]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = PasswordRequired)]
        [DataType(DataType.Password)]
        public string Password { get; set; } = "";
    }
}
