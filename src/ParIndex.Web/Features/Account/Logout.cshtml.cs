using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ParIndex.Web.Data;
using ParIndex.Web.Identity;

namespace ParIndex.Web.Features.Account;

/// <summary>
/// Sign-out. The session's ticket is deleted from the database (<see cref="DatabaseTicketStore"/>), so the cookie is
/// dead everywhere at once; "Everywhere" deletes every session of the user, on every device, and changes the security
/// stamp (tokens issued before, such as a pending second step, stop working too).
/// </summary>
public class LogoutModel(SignInManager<ApplicationUser> signIn, UserManager<ApplicationUser> users, ParIndexDbContext db,
    ILogger<LogoutModel> log) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Index");

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        return RedirectToPage("/Account/Login");
    }

    public async Task<IActionResult> OnPostEverywhereAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is not null)
        {
            var ended = await DatabaseTicketStore.RemoveAllAsync(db, user.Id);
            await users.UpdateSecurityStampAsync(user);
            log.LogInformation("Signed out everywhere: {UserId}, {Sessions} session(s) ended", user.Id, ended);
        }
        await signIn.SignOutAsync();
        TempData["Message"] = "Đã đăng xuất khỏi mọi thiết bị.";
        return RedirectToPage("/Account/Login");
    }
}
