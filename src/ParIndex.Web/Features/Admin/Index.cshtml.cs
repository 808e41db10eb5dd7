using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ParIndex.Web.Data;
using ParIndex.Web.Identity;

namespace ParIndex.Web.Features.Admin;

/// <summary>Users and their roles, units and state; links to the unit list. Admin only (folder convention).</summary>
public class IndexModel(ParIndexDbContext db) : PageModel
{
    public sealed record UserRow(string Id, string Email, string FullName, string Role, string? UnitName, bool IsDisabled,
        bool TwoFactor, bool LockedOut);

    public IReadOnlyList<UserRow> Users { get; private set; } = [];
    public int ActiveUnits { get; private set; }
    public int RetiredUnits { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var now = DateTimeOffset.UtcNow;
        var roles = await db.UserRoles.AsNoTracking()
            .Join(db.Roles.AsNoTracking(), ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
            .ToListAsync(ct);
        var roleOf = roles.GroupBy(r => r.UserId).ToDictionary(g => g.Key, g => g.Select(r => r.Name ?? "").First());
        var units = await db.Units.AsNoTracking().Select(u => new { u.Id, u.Name, u.RetiredOn }).ToListAsync(ct);
        var unitName = units.ToDictionary(u => u.Id, u => u.Name);
        ActiveUnits = units.Count(u => u.RetiredOn == null);
        RetiredUnits = units.Count - ActiveUnits;
        var users = await db.Users.AsNoTracking()
            .OrderBy(u => u.Email)
            .Select(u => new { u.Id, u.Email, u.FullName, u.UnitId, u.IsDisabled, u.TwoFactorEnabled, u.LockoutEnd })
            .ToListAsync(ct);
        Users = users.Select(u => new UserRow(u.Id, u.Email ?? "", u.FullName, roleOf.GetValueOrDefault(u.Id, ""),
                u.UnitId is { } id ? unitName.GetValueOrDefault(id) : null, u.IsDisabled, u.TwoFactorEnabled,
                u.LockoutEnd is { } end && end > now))
            .ToList();
    }
}
