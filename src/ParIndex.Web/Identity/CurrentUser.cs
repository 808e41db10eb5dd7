using System.Security.Claims;
using Microsoft.AspNetCore.Identity;

namespace ParIndex.Web.Identity;

/// <summary>The signed-in user as the pages need it: id, display name, role and unit.</summary>
public sealed class CurrentUser(IHttpContextAccessor accessor)
{
    public const string UnitClaim = "parindex:unit";
    public const string FullNameClaim = "parindex:name";

    private ClaimsPrincipal Principal => accessor.HttpContext?.User ?? new ClaimsPrincipal();

    public string Id => Principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
    public string Name => Principal.FindFirstValue(FullNameClaim) ?? Principal.Identity?.Name ?? "";
    public int? UnitId => int.TryParse(Principal.FindFirstValue(UnitClaim), out var id) ? id : null;

    public bool IsAdmin => Principal.IsInRole(Roles.Admin);
    public bool IsOffice => Principal.IsInRole(Roles.Office);
    public bool IsLeadership => Principal.IsInRole(Roles.Leadership);
    public bool IsUnitHead => Principal.IsInRole(Roles.UnitHead);
    public bool IsEditor => IsAdmin || IsOffice;
}

/// <summary>Puts the unit and full name into the cookie so pages need no query to know them.</summary>
public sealed class ParIndexClaimsFactory(
    Microsoft.AspNetCore.Identity.UserManager<ApplicationUser> users,
    Microsoft.AspNetCore.Identity.RoleManager<IdentityRole> roles,
    Microsoft.Extensions.Options.IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<ApplicationUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ApplicationUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(CurrentUser.FullNameClaim, user.FullName));
        if (user.UnitId is { } unit) identity.AddClaim(new Claim(CurrentUser.UnitClaim, unit.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return identity;
    }
}
