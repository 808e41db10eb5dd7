using ParIndex.Web.Data.Seed;

namespace ParIndex.Browser.Tests;

/// <summary>The main pages of each role: what its menu and its daily work lead to.</summary>
public static class MainPages
{
    public const string UnitHead = "ccbvmt@parindex.local";

    private static readonly string[] Everyone =
    [
        "/Dashboard", "/Assessments", "/Assessments/2023", "/Assessments/2022", "/Assessments/2022/Area/7",
        "/Assessments/2023/Phases", "/Plans", "/Plans/2023", "/Frameworks", "/Frameworks/2023", "/Operations",
        "/Operations/Dossiers", "/Operations/Reports", "/Reminders",
    ];

    public static string[] Of(string account) => account switch
    {
        DemoAccounts.Admin => [.. Everyone, "/Audit", "/Admin", "/Admin/Units", "/Admin/Users/Create"],
        DemoAccounts.Office => [.. Everyone, "/Assessments/2023/Area/1", "/Assessments/2023/Explanations", "/Operations/Projection",
            "/Operations/Sources"],
        DemoAccounts.Leadership => [.. Everyone, "/Audit"],
        _ => [.. Everyone, "/Tasks/Mine"],
    };

    public static TheoryData<string> Roles() => new(DemoAccounts.Admin, DemoAccounts.Office, DemoAccounts.Leadership, UnitHead);
}
