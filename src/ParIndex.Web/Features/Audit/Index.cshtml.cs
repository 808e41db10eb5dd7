using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ParIndex.Web.Features.Audit;
using ParIndex.Web.Identity;
using ParIndex.Web.Infrastructure;

namespace ParIndex.Web.Features.Audit;

/// <summary>Every recorded change, filtered and paged, with an Excel export of the same filter. Admin and Leadership.</summary>
[Authorize(Policy = Policies.AuditReader)]
public class IndexModel(AuditQuery audit, Clock clock) : PageModel
{
    public AuditFilter Filter { get; private set; } = new();

    public IReadOnlyList<AuditRow> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public int PageCount => Math.Max(1, (Total + AuditQuery.PageSize - 1) / AuditQuery.PageSize);

    public async Task OnGetAsync([FromQuery] AuditFilter filter, CancellationToken ct)
    {
        Filter = filter;
        if (!ModelState.IsValid)
        {
            // A date the binder refused (not a date, or outside 1990-2100) is the client's mistake: 400, and the page says why.
            foreach (var message in ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage).ToList())
                ModelState.AddModelError(string.Empty, message);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        if (Filter.From is { } from && Filter.To is { } to && to < from)
            ModelState.AddModelError("Filter.To", "Ngày kết thúc phải sau ngày bắt đầu.");
        Filter.Page = Math.Max(1, Filter.Page);
        if (AuditQuery.Problem(Filter) is { } problem)
        {
            // A filter no record can match (year 1, year 9999) is the client's mistake: 400 and the page says why.
            ModelState.AddModelError(string.Empty, problem);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        (Rows, Total) = await audit.PageAsync(Filter, ct);
    }

    public async Task<IActionResult> OnGetExportAsync([FromQuery] AuditFilter filter, CancellationToken ct)
    {
        if (!ModelState.IsValid)
            return new ContentResult
            {
                StatusCode = StatusCodes.Status400BadRequest,
                ContentType = "text/plain; charset=utf-8",
                Content = ModelState.Values.SelectMany(v => v.Errors).First().ErrorMessage
            };
        if (AuditQuery.Problem(filter) is { } problem)
            return new ContentResult { StatusCode = StatusCodes.Status400BadRequest, ContentType = "text/plain; charset=utf-8", Content = problem };
        var bytes = await audit.ExportAsync(filter, ct);
        return File(bytes, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            $"nhat-ky-thay-doi-{clock.Today:yyyyMMdd}.xlsx");
    }

    public Dictionary<string, string> RouteFor(int page)
    {
        var values = new Dictionary<string, string>();
        if (!string.IsNullOrEmpty(Filter.EntityType)) values["type"] = Filter.EntityType;
        if (!string.IsNullOrEmpty(Filter.EntityId)) values["id"] = Filter.EntityId;
        if (!string.IsNullOrEmpty(Filter.User)) values["user"] = Filter.User;
        if (Filter.From is { } f) values["from"] = f.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        if (Filter.To is { } t) values["to"] = t.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        if (!string.IsNullOrEmpty(Filter.Text)) values["q"] = Filter.Text;
        if (page > 1) values["page"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return values;
    }
}
