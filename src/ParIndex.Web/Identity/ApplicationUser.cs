using Microsoft.AspNetCore.Identity;

namespace ParIndex.Web.Identity;

public class ApplicationUser : IdentityUser
{
    public string FullName { get; set; } = "";
    /// <summary>The unit a UnitHead answers for; null for the other roles.</summary>
    public int? UnitId { get; set; }
    public bool IsDisabled { get; set; }
}

public static class Roles
{
    public const string Admin = "Admin";
    public const string Office = "Office";
    public const string UnitHead = "UnitHead";
    public const string Leadership = "Leadership";

    public static readonly string[] All = [Admin, Office, UnitHead, Leadership];

    /// <summary>Who edits scores, the framework and the plan's content.</summary>
    public const string Editors = Admin + "," + Office;

    public static string ToVietnamese(string role) => role switch
    {
        Admin => "Quản trị hệ thống",
        Office => "Văn phòng Sở",
        UnitHead => "Trưởng phòng, đơn vị",
        Leadership => "Lãnh đạo Sở",
        _ => role,
    };
}

public static class Policies
{
    public const string Editor = "Editor";
    public const string CanIssuePlan = "CanIssuePlan";
    /// <summary>Who may send a submitted plan back to draft: the Office withdraws it, Leadership returns it.</summary>
    public const string PlanReviewer = "PlanReviewer";
    public const string AdminOnly = "AdminOnly";
    public const string AuditReader = "AuditReader";
}
