using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ParIndex.Web.Features.Search;

/// <summary>Results of the top bar's quick search, grouped by kind.</summary>
public class IndexModel(SearchService search) : PageModel
{
    [BindProperty(Name = "q", SupportsGet = true)] public string? Query { get; set; }
    public IReadOnlyList<SearchHit> Hits { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Hits = await search.SearchAsync(Query, ct);

    public static string KindName(SearchKind kind) => kind switch
    {
        SearchKind.Task => "Nhiệm vụ",
        SearchKind.SubCriterion => "Tiêu chí thành phần",
        _ => "Đơn vị",
    };
}
