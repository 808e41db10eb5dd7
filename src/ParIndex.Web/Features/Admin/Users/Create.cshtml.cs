using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using ParIndex.Domain.Formatting;
using ParIndex.Web.Data;
using ParIndex.Web.Identity;

namespace ParIndex.Web.Features.Admin.Users;

public class CreateModel(ParIndexDbContext db, UserManager<ApplicationUser> users, ILogger<CreateModel> log) : PageModel
{
    [BindProperty] public CreateInput Input { get; set; } = new();
    public List<SelectListItem> Units { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Units = await UserForm.UnitOptionsAsync(db, null, ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var unitId = await UserForm.CheckRoleAndUnitAsync(db, ModelState, "Input.", Input.Role, Input.UnitId, ct);
        if (!ModelState.IsValid) return await RedisplayAsync(ct);

        var email = Input.Email.Trim();
        var user = new ApplicationUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            FullName = Vn.Clean(Input.FullName) ?? "",
            UnitId = unitId,
        };
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var result = await users.CreateAsync(user, Input.Password);
        if (!result.Succeeded)
        {
            foreach (var e in result.Errors)
                ModelState.AddModelError(e.Code.StartsWith("Password", StringComparison.Ordinal) ? "Input.Password" : "Input.Email", e.Description);
            return await RedisplayAsync(ct);
        }
        result = await users.AddToRoleAsync(user, Input.Role);
        if (!result.Succeeded)
        {
            UserForm.AddErrors(ModelState, string.Empty, result);
            return await RedisplayAsync(ct);
        }
        await transaction.CommitAsync(ct);
        log.LogInformation("User {UserId} created with role {Role}", user.Id, Input.Role);
        TempData["Message"] = $"Đã tạo tài khoản {email}.";
        return RedirectToPage("/Admin/Index");
    }

    private async Task<IActionResult> RedisplayAsync(CancellationToken ct)
    {
        Units = await UserForm.UnitOptionsAsync(db, null, ct);
        return Page();
    }

    public sealed class CreateInput
    {
        [Required(ErrorMessage = "Vui lòng nhập thư điện tử.")]
        [EmailAddress(ErrorMessage = "Thư điện tử không hợp lệ.")]
        [StringLength(256, ErrorMessage = "Thư điện tử quá dài.")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Vui lòng nhập họ và tên.")]
        [StringLength(200, ErrorMessage = "Họ và tên không được dài quá 200 ký tự.")]
        public string FullName { get; set; } = "";

        [Required(ErrorMessage = "Vui lòng chọn vai trò.")]
        public string Role { get; set; } = Roles.UnitHead;

        public int? UnitId { get; set; }

        [Required(ErrorMessage = "Vui lòng nhập mật khẩu ban đầu.")]
        [DataType(DataType.Password)]
        public string Password { get; set; } = "";
    }
}
