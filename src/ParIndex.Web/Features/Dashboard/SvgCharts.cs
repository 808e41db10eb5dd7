using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace ParIndex.Web.Features.Dashboard;

/// <summary>A named series of a chart; its colour comes from a CSS class (the CSP forbids inline styles).</summary>
public sealed record ChartSeries(string Name, string CssClass);

/// <summary>One category of a bar chart: a label, a value per series, an optional link and tooltip.</summary>
public sealed record BarGroup(string Label, IReadOnlyList<decimal?> Values, string? Href = null, string? Tooltip = null, bool Highlight = false);

/// <summary>
/// Draws charts as inline SVG on the server: no script, no CDN, printable. Geometry goes in SVG attributes and colour
/// in CSS classes (dashboard.css), never in style attributes. Every chart has a title and a description for screen
/// readers; the page puts a table with the same figures next to it.
/// </summary>
public static class SvgCharts
{
    private static readonly HtmlEncoder Html = HtmlEncoder.Default;
    private const int Width = 720;

    /// <summary>Horizontal bars, one group per category and one bar per series, on a 0..max scale.</summary>
    public static IHtmlContent HorizontalBars(string id, string title, string description, IReadOnlyList<ChartSeries> series,
        IReadOnlyList<BarGroup> groups, decimal max, Func<decimal, string> format, int labelWidth = 220)
    {
        const int barHeight = 14, gap = 4, groupGap = 12, top = 28, right = 70;
        var groupHeight = series.Count * barHeight + (series.Count - 1) * gap;
        var height = top + groups.Count * (groupHeight + groupGap) + 8;
        var plot = Width - labelWidth - right;
        if (max <= 0) max = 1;
        var svg = Open(id, title, description, height);
        Legend(svg, series, labelWidth);
        // Grid at 0, 25, 50, 75, 100 % of the scale.
        for (var i = 0; i <= 4; i++)
        {
            var x = labelWidth + plot * i / 4.0;
            svg.Append($"<line class=\"chart-grid\" x1=\"{F(x)}\" y1=\"{top - 4}\" x2=\"{F(x)}\" y2=\"{height - 8}\"/>");
        }
        for (var g = 0; g < groups.Count; g++)
        {
            var group = groups[g];
            var y0 = top + g * (groupHeight + groupGap);
            var label = Text(group.Label, 38);
            svg.Append("<g");
            if (group.Highlight) svg.Append(" class=\"chart-highlight\"");
            svg.Append('>');
            if (group.Tooltip is not null) svg.Append("<title>").Append(Html.Encode(group.Tooltip)).Append("</title>");
            var labelElement = $"<text class=\"chart-label\" x=\"{labelWidth - 6}\" y=\"{F(y0 + groupHeight / 2.0 + 4)}\" text-anchor=\"end\">{Html.Encode(label)}</text>";
            if (group.Href is not null)
                svg.Append("<a href=\"").Append(Html.Encode(group.Href)).Append("\">").Append(labelElement).Append("</a>");
            else
                svg.Append(labelElement);
            for (var s = 0; s < series.Count; s++)
            {
                var value = s < group.Values.Count ? group.Values[s] : null;
                var y = y0 + s * (barHeight + gap);
                if (value is not { } v)
                {
                    svg.Append($"<text class=\"chart-value\" x=\"{labelWidth + 4}\" y=\"{y + barHeight - 3}\">—</text>");
                    continue;
                }
                var w = Math.Max(0, (double)(Math.Min(v, max) / max) * plot);
                svg.Append($"<rect class=\"{series[s].CssClass}\" x=\"{labelWidth}\" y=\"{y}\" width=\"{F(w)}\" height=\"{barHeight}\">")
                    .Append("<title>").Append(Html.Encode($"{group.Label} – {series[s].Name}: {format(v)}")).Append("</title></rect>");
                svg.Append($"<text class=\"chart-value\" x=\"{F(labelWidth + w + 4)}\" y=\"{y + barHeight - 3}\">{Html.Encode(format(v))}</text>");
            }
            svg.Append("</g>");
        }
        return Close(svg);
    }

    /// <summary>Horizontal stacked bars: one bar per category, one segment per series (counts).</summary>
    public static IHtmlContent StackedBars(string id, string title, string description, IReadOnlyList<ChartSeries> series,
        IReadOnlyList<BarGroup> groups, int labelWidth = 220)
    {
        const int barHeight = 16, gap = 8, top = 28, right = 50;
        var height = top + groups.Count * (barHeight + gap) + 8;
        var plot = Width - labelWidth - right;
        var max = Math.Max(1m, groups.Select(g => g.Values.Sum(v => v ?? 0)).DefaultIfEmpty(0).Max());
        var svg = Open(id, title, description, height);
        Legend(svg, series, labelWidth);
        for (var g = 0; g < groups.Count; g++)
        {
            var group = groups[g];
            var y = top + g * (barHeight + gap);
            svg.Append("<g>");
            if (group.Tooltip is not null) svg.Append("<title>").Append(Html.Encode(group.Tooltip)).Append("</title>");
            svg.Append($"<text class=\"chart-label\" x=\"{labelWidth - 6}\" y=\"{y + barHeight - 3}\" text-anchor=\"end\">{Html.Encode(Text(group.Label, 38))}</text>");
            double x = labelWidth;
            for (var s = 0; s < series.Count; s++)
            {
                var value = s < group.Values.Count ? group.Values[s] ?? 0 : 0;
                if (value <= 0) continue;
                var w = (double)(value / max) * plot;
                svg.Append($"<rect class=\"{series[s].CssClass}\" x=\"{F(x)}\" y=\"{y}\" width=\"{F(w)}\" height=\"{barHeight}\">")
                    .Append("<title>").Append(Html.Encode($"{group.Label} – {series[s].Name}: {value.ToString(CultureInfo.InvariantCulture)}")).Append("</title></rect>");
                x += w;
            }
            var total = group.Values.Sum(v => v ?? 0);
            svg.Append($"<text class=\"chart-value\" x=\"{F(x + 4)}\" y=\"{y + barHeight - 3}\">{total.ToString(CultureInfo.InvariantCulture)}</text>");
            svg.Append("</g>");
        }
        return Close(svg);
    }

    /// <summary>Lines over years; a missing value breaks the line and leaves no marker.</summary>
    public static IHtmlContent Lines(string id, string title, string description, IReadOnlyList<int> years,
        IReadOnlyList<(ChartSeries Series, IReadOnlyList<decimal?> Values)> lines, decimal min, decimal max, Func<decimal, string> format)
    {
        const int left = 56, right = 24, bottom = 30;
        var top = 28 + 16 * ((lines.Count + 2) / 3);
        const int height = 300;
        var plotW = Width - left - right;
        var plotH = height - top - bottom;
        if (max <= min) max = min + 1;
        var svg = Open(id, title, description, height);
        Legend(svg, lines.Select(l => l.Series).ToList(), left, perRow: 3);
        double X(int i) => years.Count == 1 ? left + plotW / 2.0 : left + plotW * i / (double)(years.Count - 1);
        double Y(decimal v) => top + plotH - (double)((Math.Clamp(v, min, max) - min) / (max - min)) * plotH;
        for (var i = 0; i <= 4; i++)
        {
            var v = min + (max - min) * i / 4;
            var y = Y(v);
            svg.Append($"<line class=\"chart-grid\" x1=\"{left}\" y1=\"{F(y)}\" x2=\"{Width - right}\" y2=\"{F(y)}\"/>");
            svg.Append($"<text class=\"chart-axis\" x=\"{left - 6}\" y=\"{F(y + 4)}\" text-anchor=\"end\">{Html.Encode(format(v))}</text>");
        }
        for (var i = 0; i < years.Count; i++)
            svg.Append($"<text class=\"chart-axis\" x=\"{F(X(i))}\" y=\"{height - 10}\" text-anchor=\"middle\">{years[i]}</text>");
        foreach (var (s, values) in lines)
        {
            var segment = new List<string>();
            void Flush()
            {
                if (segment.Count > 1) svg.Append($"<polyline class=\"chart-line {s.CssClass}\" fill=\"none\" points=\"{string.Join(' ', segment)}\"/>");
                segment.Clear();
            }
            for (var i = 0; i < years.Count; i++)
            {
                if (i >= values.Count || values[i] is not { } v) { Flush(); continue; }
                segment.Add($"{F(X(i))},{F(Y(v))}");
            }
            Flush();
            for (var i = 0; i < years.Count && i < values.Count; i++)
            {
                if (values[i] is not { } v) continue;
                svg.Append($"<circle class=\"{s.CssClass}\" cx=\"{F(X(i))}\" cy=\"{F(Y(v))}\" r=\"4\"><title>")
                    .Append(Html.Encode($"{s.Name} – {years[i]}: {format(v)}")).Append("</title></circle>");
            }
        }
        return Close(svg);
    }

    private static StringBuilder Open(string id, string title, string description, int height)
    {
        var svg = new StringBuilder(4096);
        svg.Append($"<svg class=\"chart\" id=\"{Html.Encode(id)}\" role=\"img\" viewBox=\"0 0 {Width} {height}\" ")
            .Append($"width=\"{Width}\" height=\"{height}\" preserveAspectRatio=\"xMinYMin meet\" xmlns=\"http://www.w3.org/2000/svg\" ")
            .Append($"aria-labelledby=\"{Html.Encode(id)}-title {Html.Encode(id)}-desc\">")
            .Append($"<title id=\"{Html.Encode(id)}-title\">").Append(Html.Encode(title)).Append("</title>")
            .Append($"<desc id=\"{Html.Encode(id)}-desc\">").Append(Html.Encode(description)).Append("</desc>");
        return svg;
    }

    private static HtmlString Close(StringBuilder svg) => new(svg.Append("</svg>").ToString());

    private static void Legend(StringBuilder svg, IReadOnlyList<ChartSeries> series, int x0, int perRow = 4)
    {
        for (var i = 0; i < series.Count; i++)
        {
            var x = x0 + i % perRow * 150;
            var y = 6 + i / perRow * 16;
            svg.Append($"<rect class=\"{series[i].CssClass}\" x=\"{x}\" y=\"{y}\" width=\"12\" height=\"12\"/>")
                .Append($"<text class=\"chart-legend\" x=\"{x + 16}\" y=\"{y + 10}\">{Html.Encode(Text(series[i].Name, 22))}</text>");
        }
    }

    private static string Text(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    private static string F(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
