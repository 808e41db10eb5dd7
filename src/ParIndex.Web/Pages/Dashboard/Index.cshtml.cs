using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ParIndex.Domain.Formatting;
using ParIndex.Web.Features.Dashboard;
using ParIndex.Web.Infrastructure;

namespace ParIndex.Web.Pages.Dashboard;

/// <summary>The leadership dashboard: readable by every signed-in role (the fallback policy), nothing to post.</summary>
public class IndexModel(DashboardCache cache, Clock clock) : PageModel
{
    public DashboardView View { get; private set; } = null!;

    public async Task OnGetAsync() => View = await cache.GetAsync(clock.Today, clock.UtcNow);

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

    public IHtmlContent AreaChart() => SvgCharts.HorizontalBars("chart-areas",
        $"Tỷ lệ điểm theo lĩnh vực năm {View.Current?.Year}",
        "Mỗi lĩnh vực có hai thanh: tỷ lệ tự đánh giá và tỷ lệ thẩm định trên điểm tối đa, xếp theo số điểm bị mất giảm dần.",
        AreaSeries,
        View.Areas.Select(a => new BarGroup($"{a.Code}. {a.Name}", [a.SelfPercent, a.AppraisedPercent],
            AreaUrl(a.Code), $"Lĩnh vực {a.Code}: {Vn.Points(a.Points)}/{Vn.Points(a.Max)} điểm, mất {Vn.Points(a.Lost)}", a.Weak)).ToList(),
        100m, Vn.Percent, labelWidth: 260);

    public IHtmlContent TotalTrendChart()
    {
        var years = View.Trend.Select(t => t.Year).ToList();
        var max = View.Trend.Select(t => t.Max ?? t.Total).DefaultIfEmpty(100).Max();
        var min = Math.Max(0, Math.Floor(View.Trend.Select(t => t.Total).DefaultIfEmpty(0).Min() / 10m) * 10m - 10m);
        return SvgCharts.Lines("chart-trend-total", "Tổng điểm Chỉ số CCHC qua các năm",
            "Đường tổng điểm của Sở theo từng năm đã ghi nhận (điểm công bố nếu có, nếu không là điểm tính từ các tiêu chí).",
            years, [(new ChartSeries("Tổng điểm", "series-total"), View.Trend.Select(t => (decimal?)t.Total).ToList())],
            min, Math.Ceiling(max), Vn.Points);
    }

    public IHtmlContent AreaTrendChart()
    {
        var years = View.Trend.Select(t => t.Year).ToList();
        var lines = View.TrendAreas.Select((a, i) => (new ChartSeries($"{a.Code}. {a.Name}", $"series-area-{i % 8 + 1}"),
            (IReadOnlyList<decimal?>)View.Trend.Select(t => t.AreaPercents.TryGetValue(a.Code, out var p) ? p : (decimal?)null).ToList())).ToList();
        return SvgCharts.Lines("chart-trend-areas", "Tỷ lệ điểm từng lĩnh vực qua các năm",
            "Mỗi đường là một lĩnh vực; năm chỉ có tổng điểm công bố thì không có điểm lĩnh vực.", years, lines, 0m, 100m, Vn.Percent);
    }

    public IHtmlContent LostChart()
    {
        var rows = View.Units.Where(u => u.PointsLost != 0).ToList();
        return SvgCharts.HorizontalBars("chart-lost", $"Điểm bị mất theo đơn vị chủ trì năm {View.Current?.Year}",
            "Tổng số điểm bị mất của các tiêu chí thành phần do mỗi đơn vị chủ trì.",
            [new ChartSeries("Điểm bị mất", "series-lost")],
            rows.Select(u => new BarGroup(u.Name, [u.PointsLost], Tooltip: $"{u.Name}: mất {Vn.Points(u.PointsLost)} điểm")).ToList(),
            rows.Select(u => u.PointsLost).DefaultIfEmpty(1).Max(), Vn.Points, labelWidth: 300);
    }

    public IHtmlContent TaskChart()
    {
        var rows = View.Units.Where(u => u.Tasks > 0).ToList();
        return SvgCharts.StackedBars("chart-tasks", $"Tiến độ nhiệm vụ theo đơn vị chủ trì (kế hoạch năm {View.Plan?.TargetYear})",
            "Mỗi thanh là một đơn vị: nhiệm vụ hoàn thành, đang thực hiện đúng hạn, chưa thực hiện (chưa đến hạn) và quá hạn.", TaskSeries,
            rows.Select(u => new BarGroup(u.Name,
                [u.Done, u.InProgress - u.OverdueInProgress, u.NotStarted - u.OverdueNotStarted, u.Overdue],
                Tooltip: $"{u.Name}: {u.Done} hoàn thành, {u.InProgress} đang thực hiện, {u.NotStarted} chưa thực hiện, {u.Overdue} quá hạn"))
                .ToList(), labelWidth: 300);
    }

    public string AreaUrl(string code) => $"/Assessments/{View.Current?.Year}/Area/{Uri.EscapeDataString(code)}";
    public static string TaskUrl(int year, int id) => $"/Plans/{year}/Tasks/{id}";

    public static string Signed(decimal value) => value > 0 ? "+" + Vn.Points(value) : Vn.Points(value);
    public static string Signed(int value) => value > 0 ? "+" + value : value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
