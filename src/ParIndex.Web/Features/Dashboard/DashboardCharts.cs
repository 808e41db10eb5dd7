using Microsoft.AspNetCore.Html;
using ParIndex.Domain.Formatting;

namespace ParIndex.Web.Features.Dashboard;

/// <summary>
/// The dashboard's five SVG charts, drawn once from a <see cref="DashboardView"/> and shared, like the view, by every
/// request that reads the same cached view (they hold no per-user data). Drawing them was about a third of the
/// page's processor time when it was done on every request.
/// </summary>
public sealed record DashboardCharts(
    IHtmlContent Areas, IHtmlContent TotalTrend, IHtmlContent AreaTrend, IHtmlContent Lost, IHtmlContent Tasks)
{
    public static readonly ChartSeries[] AreaSeries =
    [
        new("Tự đánh giá (%)", "series-self"),
        new("Thẩm định (%)", "series-appraised"),
    ];

    public static readonly ChartSeries[] TaskSeries =
    [
        new("Hoàn thành", "series-done"),
        new("Đang thực hiện", "series-progress"),
        new("Chưa thực hiện", "series-notstarted"),
        new("Quá hạn", "series-overdue"),
    ];

    /// <summary>
    /// Units drawn in each unit chart: the ones that lost the most points, and the ones with the most overdue tasks. A
    /// chart of 50 bars (drawn twice, desktop and phone) was 160 KB of the page and no one reads it; every unit's figures
    /// stay in the accountability table below the charts.
    /// </summary>
    public const int ChartUnits = 10;

    /// <summary>The units of the points-lost chart: those that lost points, most first (the table's order), at most <see cref="ChartUnits"/>.</summary>
    public static IReadOnlyList<UnitAccount> LostUnits(DashboardView view) =>
        view.Units.Where(u => u.PointsLost != 0).Take(ChartUnits).ToList();

    /// <summary>The units of the task chart: those with tasks, the most overdue first, then the most open, at most <see cref="ChartUnits"/>.</summary>
    public static IReadOnlyList<UnitAccount> TaskUnits(DashboardView view) =>
        view.Units.Where(u => u.Tasks > 0).OrderByDescending(u => u.Overdue).ThenByDescending(u => u.InProgress + u.NotStarted)
            .Take(ChartUnits).ToList();

    public static string AreaUrl(DashboardView view, string code) =>
        $"/Assessments/{view.Current?.Year}/Area/{Uri.EscapeDataString(code)}";

    /// <summary>Each chart twice: the desktop and print layout, and the phone's (<c>chart-narrow</c>, shown below 576 px).</summary>
    public static DashboardCharts Build(DashboardView view) =>
        new(Both(n => AreaChart(view, n)), Both(n => TotalTrendChart(view, n)), Both(n => AreaTrendChart(view, n)),
            Both(n => LostChart(view, n)), Both(n => TaskChart(view, n)));

    /// <summary>
    /// Both layouts as one immutable string: the charts are shared by concurrent requests, and Razor moves the parts of
    /// an <see cref="HtmlContentBuilder"/> out of it when it writes one (the second viewer got an empty chart, and two at
    /// once an IndexOutOfRange from the builder's list under the load check).
    /// </summary>
    private static HtmlString Both(Func<bool, IHtmlContent> chart)
    {
        using var writer = new StringWriter();
        chart(false).WriteTo(writer, System.Text.Encodings.Web.HtmlEncoder.Default);
        chart(true).WriteTo(writer, System.Text.Encodings.Web.HtmlEncoder.Default);
        return new HtmlString(writer.ToString());
    }

    private static string Id(string id, bool narrow) => narrow ? id + "-narrow" : id;

    private static IHtmlContent AreaChart(DashboardView view, bool narrow) => SvgCharts.HorizontalBars(Id("chart-areas", narrow),
        $"Tỷ lệ điểm theo lĩnh vực năm {view.Current?.Year}",
        "Mỗi lĩnh vực có hai thanh: tỷ lệ tự đánh giá và tỷ lệ thẩm định trên điểm tối đa, xếp theo số điểm bị mất giảm dần.",
        AreaSeries,
        view.Areas.Select(a => new BarGroup($"{a.Code}. {a.Name}", [a.SelfPercent, a.AppraisedPercent],
            AreaUrl(view, a.Code), $"Lĩnh vực {a.Code}: {Vn.Points(a.Points)}/{Vn.Points(a.Max)} điểm, mất {Vn.Points(a.Lost)}", a.Weak)).ToList(),
        100m, Vn.Percent, labelWidth: 260, narrow: narrow);

    private static IHtmlContent TotalTrendChart(DashboardView view, bool narrow)
    {
        var years = view.Trend.Select(t => t.Year).ToList();
        var max = view.Trend.Select(t => t.Max ?? t.Total).DefaultIfEmpty(100).Max();
        var min = Math.Max(0, Math.Floor(view.Trend.Select(t => t.Total).DefaultIfEmpty(0).Min() / 10m) * 10m - 10m);
        return SvgCharts.Lines(Id("chart-trend-total", narrow), "Tổng điểm Chỉ số CCHC qua các năm",
            "Đường tổng điểm của Sở theo từng năm đã ghi nhận (điểm công bố nếu có, nếu không là điểm tính từ các tiêu chí).",
            years, [(new ChartSeries("Tổng điểm", "series-total"), view.Trend.Select(t => (decimal?)t.Total).ToList())],
            min, Math.Ceiling(max), Vn.Points, narrow);
    }

    private static IHtmlContent AreaTrendChart(DashboardView view, bool narrow)
    {
        var years = view.Trend.Select(t => t.Year).ToList();
        var lines = view.TrendAreas.Select((a, i) => (new ChartSeries($"{a.Code}. {a.Name}", $"series-area-{i % 8 + 1}"),
            (IReadOnlyList<decimal?>)view.Trend.Select(t => t.AreaPercents.TryGetValue(a.Code, out var p) ? p : (decimal?)null).ToList())).ToList();
        return SvgCharts.Lines(Id("chart-trend-areas", narrow), "Tỷ lệ điểm từng lĩnh vực qua các năm",
            "Mỗi đường là một lĩnh vực; năm chỉ có tổng điểm công bố thì không có điểm lĩnh vực.", years, lines, 0m, 100m, Vn.Percent, narrow);
    }

    private static IHtmlContent LostChart(DashboardView view, bool narrow)
    {
        var rows = LostUnits(view);
        return SvgCharts.HorizontalBars(Id("chart-lost", narrow), $"Điểm bị mất theo đơn vị chủ trì năm {view.Current?.Year}",
            $"Tổng số điểm bị mất của các tiêu chí thành phần do mỗi đơn vị chủ trì; tối đa {ChartUnits} đơn vị mất nhiều điểm nhất.",
            [new ChartSeries("Điểm bị mất", "series-lost")],
            rows.Select(u => new BarGroup(u.Name, [u.PointsLost], Tooltip: $"{u.Name}: mất {Vn.Points(u.PointsLost)} điểm")).ToList(),
            rows.Select(u => u.PointsLost).DefaultIfEmpty(1).Max(), Vn.Points, labelWidth: 300, narrow: narrow);
    }

    private static IHtmlContent TaskChart(DashboardView view, bool narrow)
    {
        var rows = TaskUnits(view);
        return SvgCharts.StackedBars(Id("chart-tasks", narrow), $"Tiến độ nhiệm vụ theo đơn vị chủ trì (kế hoạch năm {view.Plan?.TargetYear})",
            $"Mỗi thanh là một đơn vị: nhiệm vụ hoàn thành, đang thực hiện đúng hạn, chưa thực hiện (chưa đến hạn) và quá hạn; tối đa {ChartUnits} đơn vị có nhiều nhiệm vụ quá hạn nhất.", TaskSeries,
            rows.Select(u => new BarGroup(u.Name,
                [u.Done, u.InProgress - u.OverdueInProgress, u.NotStarted - u.OverdueNotStarted, u.Overdue],
                Tooltip: $"{u.Name}: {u.Done} hoàn thành, {u.InProgress} đang thực hiện, {u.NotStarted} chưa thực hiện, {u.Overdue} quá hạn"))
                .ToList(), labelWidth: 300, narrow: narrow);
    }
}
