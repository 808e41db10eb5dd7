using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ParIndex.Web.Pages;

/// <summary>The landing page is the dashboard for everyone; a unit head goes straight to their unit's tasks.</summary>
public class IndexModel(ParIndex.Web.Identity.CurrentUser me) : PageModel
{
    public IActionResult OnGet() => me.IsUnitHead ? Redirect("/Tasks/Mine") : Redirect("/Dashboard");
}
