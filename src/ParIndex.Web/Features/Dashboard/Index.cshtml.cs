using Microsoft.AspNetCore.Mvc.RazorPages;
using ParIndex.Domain.Formatting;
using ParIndex.Web.Features.Dashboard;
using ParIndex.Web.Infrastructure;

namespace ParIndex.Web.Features.Dashboard;

/// <summary>The leadership dashboard: readable by every signed-in role (the fallback policy), nothing to post.</summary>
public class IndexModel(DashboardCache cache, Clock clock) : PageModel
{
    public DashboardView View => Snapshot.View;

    /// <summary>The charts, drawn once per cached view (<see cref="DashboardCharts"/>).</summary>
    public DashboardCharts Charts => Snapshot.Charts;

    public DashboardSnapshot Snapshot { get; private set; } = null!;

    public async Task OnGetAsync() => Snapshot = await cache.GetAsync(clock.Today, clock.UtcNow);

    public string AreaUrl(string code) => DashboardCharts.AreaUrl(View, code);
    public static string TaskUrl(int year, int id) => $"/Plans/{year}/Tasks/{id}";

    public static string Signed(decimal value) => value > 0 ? "+" + Vn.Points(value) : Vn.Points(value);
    public static string Signed(int value) => value > 0 ? "+" + value : value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
