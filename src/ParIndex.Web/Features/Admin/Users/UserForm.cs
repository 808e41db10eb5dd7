using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using ParIndex.Web.Data;
using ParIndex.Web.Identity;

namespace ParIndex.Web.Features.Admin.Users;

/// <summary>Choices and checks shared by the create and edit pages.</summary>
public static class UserForm
{
    public static IEnumerable<SelectListItem> RoleOptions =>
        Roles.All.Select(r => new SelectListItem(Roles.ToVietnamese(r), r));

    public static async Task<List<SelectListItem>> UnitOptionsAsync(ParIndexDbContext db, int? current, CancellationToken ct) =>
        await db.Units.AsNoTracking()
            .Where(u => u.RetiredOn == null || u.Id == current)
            .OrderBy(u => u.SortOrder)
            .Select(u => new SelectListItem(u.Name, u.Id.ToString()))
            .ToListAsync(ct);

    /// <summary>A role must be one of ours; a UnitHead needs an active unit; other roles have none.</summary>
    public static async Task<int?> CheckRoleAndUnitAsync(ParIndexDbContext db, ModelStateDictionary modelState, string prefix, string role,
        int? unitId, CancellationToken ct)
    {
        if (!Roles.All.Contains(role))
        {
            modelState.AddModelError(prefix + "Role", "Vai trò không hợp lệ.");
            return null;
        }
        if (role != Roles.UnitHead) return null;
        if (unitId is null)
        {
            modelState.AddModelError(prefix + "UnitId", "Trưởng phòng, đơn vị phải thuộc một đơn vị.");
            return null;
        }
        if (!await db.Units.AnyAsync(u => u.Id == unitId && u.RetiredOn == null, ct))
            modelState.AddModelError(prefix + "UnitId", "Đơn vị không tồn tại hoặc đã ngừng hoạt động.");
        return unitId;
    }

    public static void AddErrors(ModelStateDictionary modelState, string key, IdentityResult result)
    {
        foreach (var error in result.Errors) modelState.AddModelError(key, error.Description);
    }
}
