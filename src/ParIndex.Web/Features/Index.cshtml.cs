using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ParIndex.Web.Features;

/// <summary>The page after sign-in: the user's own reminders and the way to their work.</summary>
public class IndexModel : PageModel
{
    public void OnGet() { }
}
