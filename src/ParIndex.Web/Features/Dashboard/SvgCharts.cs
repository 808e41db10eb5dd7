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
    public const int Width = 720;

    /// <summary>Horizontal bars, one group per category and one bar per series, on a 0..max scale.</summary>
    /// <remarks>
    /// Labels wrap on words (two lines beside the bars; up to three lines above them in the narrow layout) and are
    /// never cut at the left edge. <paramref name="narrow"/>: a phone's layout, 360 units wide with each label above its
    /// bars, so that the text is drawn at about its nominal size on a 390 px screen.
    /// </remarks>
    public static IHtmlContent HorizontalBars(string id, string title, string description, IReadOnlyList<ChartSeries> series,
        IReadOnlyList<BarGroup> groups, decimal max, Func<decimal, string> format, int labelWidth = 220, bool narrow = false)
    {
        const int barHeight = 14, gap = 4, groupGap = 12, right = 70;
        var width = narrow ? NarrowWidth : Width;
        var left = narrow ? 4 : labelWidth;
        var barsHeight = series.Count * barHeight + (series.Count - 1) * gap;
        var labels = groups.Select(g => narrow ? Wrap(g.Label, width - 8, 3) : Wrap(g.Label, labelWidth - 10, 2)).ToList();
        var rowHeights = labels.Select(l => narrow ? l.Count * LineHeight + 2 + barsHeight : Math.Max(barsHeight, l.Count * LineHeight)).ToList();
        var legend = LegendRows(series, width);
        var top = legend.Height + 12;
        var height = top + rowHeights.Sum() + groups.Count * groupGap + 8;
        var plot = width - left - right;
        if (max <= 0) max = 1;
        var svg = Open(id, title, description, height, width, narrow, groups.Any(g => g.Href is not null));
        Legend(svg, legend.Items);
        // Grid at 0, 25, 50, 75, 100 % of the scale.
        for (var i = 0; i <= 4; i++)
        {
            var x = left + plot * i / 4.0;
            svg.Append($"<line class=\"chart-grid\" x1=\"{F(x)}\" y1=\"{top - 4}\" x2=\"{F(x)}\" y2=\"{height - 8}\"/>");
        }
        var y0 = top;
        for (var g = 0; g < groups.Count; g++)
        {
            var group = groups[g];
            var lines = labels[g];
            svg.Append("<g");
            if (group.Highlight) svg.Append(" class=\"chart-highlight\"");
            svg.Append('>');
            if (group.Tooltip is not null) svg.Append("<title>").Append(Html.Encode(group.Tooltip)).Append("</title>");
            // Beside the bars: the lines centred on them, ending at the label column's edge. Above: from the left edge.
            var firstBaseline = narrow ? y0 + 11 : y0 + rowHeights[g] / 2.0 - (lines.Count - 1) * LineHeight / 2.0 + 4;
            var labelElement = Label(narrow ? 4 : labelWidth - 6, firstBaseline, lines, narrow ? "start" : "end");
            if (group.Href is not null)
                svg.Append("<a href=\"").Append(Html.Encode(group.Href)).Append("\">").Append(labelElement).Append("</a>");
            else
                svg.Append(labelElement);
            var barsTop = narrow ? y0 + lines.Count * LineHeight + 2 : y0 + (rowHeights[g] - barsHeight) / 2;
            for (var s = 0; s < series.Count; s++)
            {
                var value = s < group.Values.Count ? group.Values[s] : null;
                var y = barsTop + s * (barHeight + gap);
                if (value is not { } v)
                {
                    svg.Append($"<text class=\"chart-value\" x=\"{left + 4}\" y=\"{y + barHeight - 3}\">—</text>");
                    continue;
                }
                var w = Math.Max(0, (double)(Math.Min(v, max) / max) * plot);
                svg.Append($"<rect class=\"{series[s].CssClass}\" x=\"{left}\" y=\"{y}\" width=\"{F(w)}\" height=\"{barHeight}\">")
                    .Append("<title>").Append(Html.Encode($"{group.Label} – {series[s].Name}: {format(v)}")).Append("</title></rect>");
                svg.Append($"<text class=\"chart-value\" x=\"{F(left + w + 4)}\" y=\"{y + barHeight - 3}\">{Html.Encode(format(v))}</text>");
            }
            svg.Append("</g>");
            y0 += rowHeights[g] + groupGap;
        }
        return Close(svg);
    }

    /// <summary>Horizontal stacked bars: one bar per category, one segment per series (counts).</summary>
    public static IHtmlContent StackedBars(string id, string title, string description, IReadOnlyList<ChartSeries> series,
        IReadOnlyList<BarGroup> groups, int labelWidth = 220, bool narrow = false)
    {
        const int barHeight = 16, gap = 10, right = 50;
        var width = narrow ? NarrowWidth : Width;
        var left = narrow ? 4 : labelWidth;
        var labels = groups.Select(g => narrow ? Wrap(g.Label, width - 8, 3) : Wrap(g.Label, labelWidth - 10, 2)).ToList();
        var rowHeights = labels.Select(l => narrow ? l.Count * LineHeight + 2 + barHeight : Math.Max(barHeight, l.Count * LineHeight)).ToList();
        var legend = LegendRows(series, width);
        var top = legend.Height + 12;
        var height = top + rowHeights.Sum() + groups.Count * gap + 8;
        var plot = width - left - right;
        var max = Math.Max(1m, groups.Select(g => g.Values.Sum(v => v ?? 0)).DefaultIfEmpty(0).Max());
        var svg = Open(id, title, description, height, width, narrow, links: false);
        Legend(svg, legend.Items);
        var y0 = top;
        for (var g = 0; g < groups.Count; g++)
        {
            var group = groups[g];
            var lines = labels[g];
            svg.Append("<g>");
            if (group.Tooltip is not null) svg.Append("<title>").Append(Html.Encode(group.Tooltip)).Append("</title>");
            var firstBaseline = narrow ? y0 + 11 : y0 + rowHeights[g] / 2.0 - (lines.Count - 1) * LineHeight / 2.0 + 4;
            svg.Append(Label(narrow ? 4 : labelWidth - 6, firstBaseline, lines, narrow ? "start" : "end"));
            var y = narrow ? y0 + lines.Count * LineHeight + 2 : y0 + (rowHeights[g] - barHeight) / 2;
            double x = left;
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
            y0 += rowHeights[g] + gap;
        }
        return Close(svg);
    }

    /// <summary>Lines over years; a missing value breaks the line and leaves no marker.</summary>
    public static IHtmlContent Lines(string id, string title, string description, IReadOnlyList<int> years,
        IReadOnlyList<(ChartSeries Series, IReadOnlyList<decimal?> Values)> lines, decimal min, decimal max, Func<decimal, string> format,
        bool narrow = false)
    {
        const int right = 24, bottom = 30;
        var width = narrow ? NarrowWidth : Width;
        var left = narrow ? 44 : 56;
        var legend = LegendRows(lines.Select(l => l.Series).ToList(), width);
        var top = legend.Height + 14;
        var height = top + (narrow ? 200 : 240) + bottom;
        var plotW = width - left - right;
        var plotH = height - top - bottom;
        if (max <= min) max = min + 1;
        var svg = Open(id, title, description, height, width, narrow, links: false);
        Legend(svg, legend.Items);
        double X(int i) => years.Count == 1 ? left + plotW / 2.0 : left + plotW * i / (double)(years.Count - 1);
        double Y(decimal v) => top + plotH - (double)((Math.Clamp(v, min, max) - min) / (max - min)) * plotH;
        for (var i = 0; i <= 4; i++)
        {
            var v = min + (max - min) * i / 4;
            var y = Y(v);
            svg.Append($"<line class=\"chart-grid\" x1=\"{left}\" y1=\"{F(y)}\" x2=\"{width - right}\" y2=\"{F(y)}\"/>");
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

    /// <summary>The phone layout's width in SVG units: about a 390 px screen less the page's margins.</summary>
    public const int NarrowWidth = 360;
    private const int LineHeight = 14;
    /// <summary>A generous average advance of a 12 px Vietnamese sans-serif glyph, so an estimate never overruns.</summary>
    private const double CharWidth = 6.8;

    private static StringBuilder Open(string id, string title, string description, int height, int width, bool narrow, bool links)
    {
        var svg = new StringBuilder(4096);
        // A chart with links is a group (an image may not hold interactive content); one without is an image.
        svg.Append($"<svg class=\"chart {(narrow ? "chart-narrow" : "chart-wide")}\" id=\"{Html.Encode(id)}\" role=\"{(links ? "group" : "img")}\" viewBox=\"0 0 {width} {height}\" ")
            .Append($"width=\"{width}\" height=\"{height}\" preserveAspectRatio=\"xMinYMin meet\" xmlns=\"http://www.w3.org/2000/svg\" ")
            .Append($"aria-labelledby=\"{Html.Encode(id)}-title {Html.Encode(id)}-desc\">")
            .Append($"<title id=\"{Html.Encode(id)}-title\">").Append(Html.Encode(title)).Append("</title>")
            .Append($"<desc id=\"{Html.Encode(id)}-desc\">").Append(Html.Encode(description)).Append("</desc>");
        return svg;
    }

    private static HtmlString Close(StringBuilder svg) => new(svg.Append("</svg>").ToString());

    /// <summary>Legend entries laid out left to right from the chart's left edge, wrapping before the right edge.</summary>
    internal static ((ChartSeries Series, double X, int Y)[] Items, int Height) LegendRows(IReadOnlyList<ChartSeries> series, int width)
    {
        var items = new List<(ChartSeries, double, int)>();
        double x = 4;
        var y = 6;
        foreach (var s in series)
        {
            var itemWidth = 16 + TextWidth(s.Name) + 14;
            if (x > 4 && x + itemWidth > width) { x = 4; y += 16; }
            items.Add((s, x, y));
            x += itemWidth;
        }
        return (items.ToArray(), y + 12);
    }

    private static void Legend(StringBuilder svg, (ChartSeries Series, double X, int Y)[] items)
    {
        foreach (var (s, x, y) in items)
            svg.Append($"<rect class=\"{s.CssClass}\" x=\"{F(x)}\" y=\"{y}\" width=\"12\" height=\"12\"/>")
                .Append($"<text class=\"chart-legend\" x=\"{F(x + 16)}\" y=\"{y + 10}\">{Html.Encode(s.Name)}</text>");
    }

    /// <summary>A label of one or more lines; each line is a tspan at the same x.</summary>
    private static string Label(double x, double firstBaseline, IReadOnlyList<string> lines, string anchor)
    {
        var text = new StringBuilder($"<text class=\"chart-label\" x=\"{F(x)}\" y=\"{F(firstBaseline)}\" text-anchor=\"{anchor}\">");
        for (var i = 0; i < lines.Count; i++)
            text.Append($"<tspan x=\"{F(x)}\" dy=\"{(i == 0 ? 0 : LineHeight)}\">").Append(Html.Encode(lines[i])).Append("</tspan>");
        return text.Append("</text>").ToString();
    }

    internal static double TextWidth(string text) => text.Length * CharWidth;

    /// <summary>
    /// Splits a label on spaces into lines no wider than <paramref name="width"/>, at most <paramref name="maxLines"/>;
    /// what does not fit ends the last line with "…". The start of a label (its code, "1.") is always kept.
    /// </summary>
    internal static IReadOnlyList<string> Wrap(string text, double width, int maxLines)
    {
        var perLine = Math.Max(8, (int)(width / CharWidth));
        var lines = new List<string>();
        var current = "";
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = current.Length == 0 ? word : current + " " + word;
            if (candidate.Length <= perLine) { current = candidate; continue; }
            if (current.Length > 0) lines.Add(current);
            current = word.Length <= perLine ? word : word[..(perLine - 1)] + "…";
        }
        if (current.Length > 0) lines.Add(current);
        if (lines.Count <= maxLines) return lines;
        var kept = lines.Take(maxLines).ToList();
        var last = kept[^1];
        kept[^1] = (last.Length + 1 <= perLine ? last : last[..(perLine - 1)]) + "…";
        return kept;
    }

    private static string F(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
