using System.Collections.Concurrent;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace ParIndex.Web.Features.Dashboard;

/// <summary>
/// A computed dashboard, its charts and its rendered page bodies, shared between the requests of a few seconds.
/// The body differs between viewers only by the highlight of their own unit, so it is kept once per unit (at most one
/// per unit plus one for viewers without a unit) and goes with the snapshot when it expires.
/// </summary>
public sealed class DashboardSnapshot(DashboardView view, DashboardCharts charts)
{
    private readonly ConcurrentDictionary<int, string> _bodies = new();

    public DashboardView View { get; } = view;
    public DashboardCharts Charts { get; } = charts;

    /// <summary>The body already rendered for viewers of this unit (encoded HTML), or null.</summary>
    public string? RenderedBody(int? unitId) => _bodies.TryGetValue(unitId ?? 0, out var body) ? body : null;

    /// <summary>
    /// Turns a freshly rendered body into one string of encoded HTML, keeps it for the next viewers of the unit and
    /// returns it. The page writes it as a literal: MVC sends a literal string straight to the response writer, where
    /// HTML content would first be copied into pooled pages (which, for a body this size under load, ran the shared pool
    /// dry and made the garbage collector the page's main cost: docs/performance.md, "Dashboard charts and body").
    /// </summary>
    public string KeepRenderedBody(int? unitId, IHtmlContent rendered)
    {
        using var writer = new StringWriter();
        rendered.WriteTo(writer, HtmlEncoder.Default);
        return _bodies.GetOrAdd(unitId ?? 0, writer.ToString());
    }
}
