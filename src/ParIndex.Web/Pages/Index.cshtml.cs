using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ParIndex.Web.Pages;

public class IndexModel : PageModel
{
    public void OnGet() { }
}
