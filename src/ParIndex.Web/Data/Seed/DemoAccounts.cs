using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ParIndex.Web.Identity;

namespace ParIndex.Web.Data.Seed;

/// <summary>The Development demo accounts: one per role, and a unit head for every unit.</summary>
public static class DemoAccounts
{
    public const string DefaultPassword = "ParIndex-Demo-2026";
    public const string Admin = "admin@parindex.local";
    public const string Office = "vanphong@parindex.local";
    public const string Leadership = "lanhdao@parindex.local";

    /// <summary>The unit head of a unit signs in as its code in lower case: <c>qhgd@parindex.local</c>.</summary>
    public static string UnitHead(string unitCode) => $"{unitCode.ToLowerInvariant()}@parindex.local";

    public static async Task EnsureAsync(ParIndexDbContext db, UserManager<ApplicationUser> users, string password)
    {
        await EnsureUserAsync(users, Admin, "Quản trị hệ thống", Roles.Admin, null, password);
        await EnsureUserAsync(users, Office, "Trần Thị Văn Phòng", Roles.Office, null, password);
        await EnsureUserAsync(users, Leadership, "Nguyễn Văn Hiệp", Roles.Leadership, null, password);
        var units = await db.Units.AsNoTracking().OrderBy(u => u.SortOrder).Select(u => new { u.Id, u.Code, u.Name }).ToListAsync();
        foreach (var unit in units)
            await EnsureUserAsync(users, UnitHead(unit.Code), $"Trưởng {unit.Name}", Roles.UnitHead, unit.Id, password);
    }

    private static async Task EnsureUserAsync(UserManager<ApplicationUser> users, string email, string name, string role, int? unitId,
        string password)
    {
        if (await users.FindByEmailAsync(email) is not null) return;
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, FullName = name, UnitId = unitId };
        var result = await users.CreateAsync(user, password);
        if (result.Succeeded) result = await users.AddToRoleAsync(user, role);
        if (!result.Succeeded)
            throw new InvalidOperationException($"Demo account {email}: " + string.Join("; ", result.Errors.Select(e => e.Description)));
    }
}
