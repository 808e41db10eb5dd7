using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ParIndex.Web.Features;

/// <summary>
/// The page shown for an error status (403, 404, 400…). Re-executed with the failed request's method, so a refused
/// POST lands here too: it must not ask for an antiforgery token, or every refusal would turn into a 400.
/// </summary>
[IgnoreAntiforgeryToken]
public class StatusModel : PageModel
{
    public int Code { get; private set; }

    public void OnGet(int code) => Show(code);

    public void OnPost(int code) => Show(code);

    private void Show(int code)
    {
        Code = code is >= 400 and <= 599 ? code : 404;
        // Requested directly (not re-executed), the page answers the status it describes.
        if (HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is null)
            Response.StatusCode = Code;
    }
}
