using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using ParIndex.Domain.Formatting;
using ParIndex.Web.Data;
using ParIndex.Web.Identity;

namespace ParIndex.Web.Features.Admin.Users;

/// <summary>
/// One user: name, role and unit; a new password set by the Admin; disable or enable. Every change that alters
/// what the user may do renews the security stamp, so the user's open sessions end (or pick up the new role)
/// within the stamp validation interval (one minute).
/// </summary>
public class EditModel(ParIndexDbContext db, UserManager<ApplicationUser> users, CurrentUser me, ILogger<EditModel> log) : PageModel
{
    private const string Conflict = "Tài khoản này vừa được người khác thay đổi; thông tin mới đang hiển thị, vui lòng kiểm tra rồi lưu lại.";

    [BindProperty] public EditInput Input { get; set; } = new();
    [BindProperty] public PasswordInput NewPassword { get; set; } = new();

    public string UserId { get; private set; } = "";
    public string Email { get; private set; } = "";
    public bool IsDisabled { get; private set; }
    public bool IsSelf { get; private set; }
    public List<SelectListItem> Units { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null) return NotFound();
        await LoadAsync(user, fillInput: true, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null) return NotFound();
        KeepOnly("Input.");
        var unitId = await UserForm.CheckRoleAndUnitAsync(db, ModelState, "Input.", Input.Role, Input.UnitId, ct);
        if (user.Id == me.Id && Input.Role != Roles.Admin)
            ModelState.AddModelError("Input.Role", "Không thể tự bỏ vai trò quản trị của chính mình.");
        if (user.ConcurrencyStamp != Input.Stamp)
            ModelState.AddModelError(string.Empty, Conflict);
        if (!ModelState.IsValid) return await RedisplayAsync(user, fillInput: user.ConcurrencyStamp != Input.Stamp, ct);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var current = (await users.GetRolesAsync(user)).ToList();
        user.FullName = Vn.Clean(Input.FullName) ?? "";
        user.UnitId = unitId;
        var result = await users.UpdateAsync(user);
        if (result.Succeeded && (current.Count != 1 || current[0] != Input.Role))
        {
            if (current.Count > 0) result = await users.RemoveFromRolesAsync(user, current);
            if (result.Succeeded) result = await users.AddToRoleAsync(user, Input.Role);
        }
        if (result.Succeeded) result = await users.UpdateSecurityStampAsync(user);
        if (!result.Succeeded)
        {
            UserForm.AddErrors(ModelState, string.Empty, result);
            return await RedisplayAsync(user, fillInput: false, ct);
        }
        await transaction.CommitAsync(ct);
        log.LogInformation("User {UserId} updated by {AdminId}: role {Role}, unit {UnitId}", user.Id, me.Id, Input.Role, unitId);
        TempData["Message"] = $"Đã lưu tài khoản {user.Email}.";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostResetPasswordAsync(string id, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null) return NotFound();
        KeepOnly("NewPassword.");
        if (!ModelState.IsValid) return await RedisplayAsync(user, fillInput: true, ct);

        var token = await users.GeneratePasswordResetTokenAsync(user);
        var result = await users.ResetPasswordAsync(user, token, NewPassword.Password);
        if (!result.Succeeded)
        {
            UserForm.AddErrors(ModelState, "NewPassword.Password", result);
            return await RedisplayAsync(user, fillInput: true, ct);
        }
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        log.LogInformation("Password of {UserId} reset by {AdminId}", user.Id, me.Id);
        TempData["Message"] = $"Đã đặt mật khẩu mới cho {user.Email}. Các phiên đăng nhập cũ của tài khoản sẽ kết thúc trong vòng một phút.";
        return RedirectToPage(new { id });
    }

    public Task<IActionResult> OnPostDisableAsync(string id, CancellationToken ct) => SetDisabledAsync(id, true, ct);

    public Task<IActionResult> OnPostEnableAsync(string id, CancellationToken ct) => SetDisabledAsync(id, false, ct);

    private async Task<IActionResult> SetDisabledAsync(string id, bool disabled, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null) return NotFound();
        if (disabled && user.Id == me.Id)
        {
            ModelState.Clear();
            ModelState.AddModelError(string.Empty, "Không thể tự vô hiệu hóa tài khoản của chính mình.");
            return await RedisplayAsync(user, fillInput: true, ct);
        }
        if (user.IsDisabled != disabled)
        {
            user.IsDisabled = disabled;
            // A new stamp makes every existing cookie of the user fail its next validation (within a minute).
            await users.UpdateSecurityStampAsync(user);
            log.LogWarning("User {UserId} {Action} by {AdminId}", user.Id, disabled ? "disabled" : "enabled", me.Id);
        }
        TempData["Message"] = disabled
            ? $"Đã vô hiệu hóa {user.Email}; các phiên đăng nhập của tài khoản sẽ kết thúc trong vòng một phút."
            : $"Đã kích hoạt lại {user.Email}.";
        return RedirectToPage(new { id });
    }

    /// <summary>
    /// The page has two forms bound to two inputs; only the posted one is validated. (A form that is not posted
    /// binds with an empty prefix, so its errors appear under bare keys such as "FullName".)
    /// </summary>
    private void KeepOnly(string prefix)
    {
        foreach (var key in ModelState.Keys.Where(k => !k.StartsWith(prefix, StringComparison.Ordinal)).ToList()) ModelState.Remove(key);
    }

    private async Task<IActionResult> RedisplayAsync(ApplicationUser user, bool fillInput, CancellationToken ct)
    {
        await LoadAsync(user, fillInput, ct);
        return Page();
    }

    private async Task LoadAsync(ApplicationUser user, bool fillInput, CancellationToken ct)
    {
        UserId = user.Id;
        Email = user.Email ?? "";
        IsDisabled = user.IsDisabled;
        IsSelf = user.Id == me.Id;
        Units = await UserForm.UnitOptionsAsync(db, user.UnitId, ct);
        if (!fillInput) return;
        var role = (await users.GetRolesAsync(user)).FirstOrDefault() ?? "";
        ModelState.Remove("Input.Stamp");
        ModelState.Remove("Input.FullName");
        ModelState.Remove("Input.Role");
        ModelState.Remove("Input.UnitId");
        Input = new EditInput { FullName = user.FullName, Role = role, UnitId = user.UnitId, Stamp = user.ConcurrencyStamp ?? "" };
    }

    public sealed class EditInput
    {
        [Required(ErrorMessage = "Vui lòng nhập họ và tên.")]
        [StringLength(200, ErrorMessage = "Họ và tên không được dài quá 200 ký tự.")]
        public string FullName { get; set; } = "";

        [Required(ErrorMessage = "Vui lòng chọn vai trò.")]
        public string Role { get; set; } = "";

        public int? UnitId { get; set; }

        /// <summary>The user's concurrency stamp when the form was shown.</summary>
        public string Stamp { get; set; } = "";
    }

    public sealed class PasswordInput
    {
        [Required(ErrorMessage = "Vui lòng nhập mật khẩu mới.")]
        [DataType(DataType.Password)]
        public string Password { get; set; } = "";
    }
}
