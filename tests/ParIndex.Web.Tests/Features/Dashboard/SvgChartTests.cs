using AngleSharp.Html.Parser;
using ParIndex.Web.Features.Dashboard;

namespace ParIndex.Web.Tests.Features.Dashboard;

/// <summary>The charts' text stays inside the drawing: labels wrap instead of running off the left, legends wrap.</summary>
public class SvgChartTests
{
    private static readonly ChartSeries[] Tasks =
        [new("Hoàn thành", "a"), new("Đang thực hiện", "b"), new("Chưa thực hiện", "c"), new("Quá hạn", "d")];

    private const string Area1 = "1. Công tác chỉ đạo, điều hành cải cách hành chính";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_long_area_name_keeps_its_number_and_every_line_fits(bool narrow)
    {
        var html = SvgCharts.HorizontalBars("c", "t", "d", [new("Tự đánh giá (%)", "s"), new("Thẩm định (%)", "a")],
            [new(Area1, [80m, 70m], "/x")], 100m, v => v.ToString(), labelWidth: 260, narrow: narrow).ToString()!;
        var svg = new HtmlParser().ParseDocument(html).QuerySelector("svg")!;
        var label = svg.QuerySelector(".chart-label")!;
        var lines = label.QuerySelectorAll("tspan").Select(t => t.TextContent).ToList();
        Assert.StartsWith("1. Công tác", lines[0], StringComparison.Ordinal);
        Assert.Equal(Area1, string.Join(" ", lines));
        var x = double.Parse(label.GetAttribute("x")!, System.Globalization.CultureInfo.InvariantCulture);
        var width = narrow ? SvgCharts.NarrowWidth : 260 - 6;
        // Right-aligned at x (beside the bars) or left-aligned at x (above them): each line within the drawing.
        Assert.All(lines, l => Assert.InRange(narrow ? x + SvgCharts.TextWidth(l) : x - SvgCharts.TextWidth(l), 0, narrow ? width : x));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Every_legend_entry_ends_inside_the_chart(bool narrow)
    {
        var html = SvgCharts.StackedBars("c", "t", "d", Tasks, [new("Văn phòng Sở", [1m, 2m, 3m, 4m])], labelWidth: 300,
            narrow: narrow).ToString()!;
        var svg = new HtmlParser().ParseDocument(html).QuerySelector("svg")!;
        var width = double.Parse(svg.GetAttribute("width")!, System.Globalization.CultureInfo.InvariantCulture);
        var legend = svg.QuerySelectorAll(".chart-legend").ToList();
        Assert.Equal(Tasks.Select(t => t.Name), legend.Select(l => l.TextContent));
        Assert.All(legend, l => Assert.True(
            double.Parse(l.GetAttribute("x")!, System.Globalization.CultureInfo.InvariantCulture) + SvgCharts.TextWidth(l.TextContent) <= width,
            $"{l.TextContent} runs past {width}"));
    }
}
