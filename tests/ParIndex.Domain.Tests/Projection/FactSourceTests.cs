using ParIndex.Domain.Projection;
using ParIndex.Domain.Scoring;

namespace ParIndex.Domain.Tests.Projection;

public class FactSourceTests
{
    internal static BandsRule LateDossierBands() => new(
        [new Band(0m, 6m), new Band(20m, 4.5m), new Band(100m, 3m)], "Số hồ sơ TTHC giải quyết trễ hạn", IsPercent: false, LowerIsBetter: true);

    internal static DeductionRule LateReportDeduction() => new(0.5m, 0.5m);

    private static readonly OperationsFigures Figures2022 = new(Dossiers: 84, LateDossiers: 84, ReportsDue: 4, ReportsSubmitted: 4, LateReports: 1);

    [Fact]
    public void Convention_links_the_demo_sub_criteria()
    {
        Assert.Equal(FactSource.LateDossierCount, FactSources.Suggest("Kết quả giải quyết TTHC", LateDossierBands()));
        Assert.Equal(FactSource.LateReportCount, FactSources.Suggest("Thời gian gửi báo cáo CCHC định kỳ", LateReportDeduction()));
        Assert.Equal(FactSource.SubmittedReports,
            FactSources.Suggest("Số lượng báo cáo CCHC định kỳ (quý I, 6 tháng, quý III, năm)", new ProportionalRule()));
        Assert.Equal(FactSource.OnTimeDossierRate, FactSources.Suggest("Tỷ lệ hồ sơ giải quyết đúng hạn",
            new BandsRule([new Band(95m, 1m)], "tỷ lệ", IsPercent: true)));
    }

    [Fact]
    public void Convention_needs_both_the_words_and_the_rule_kind()
    {
        // A deduction about legal-document update reports is not a periodic report.
        Assert.Equal(FactSource.None, FactSources.Suggest("Cập nhật, báo cáo kết quả cập nhật văn bản pháp luật", new DeductionRule(0.25m, 1m)));
        // The right words under a manual rule: tied to the late reports (a late report costs it, issue 19), not to a count of dossiers.
        Assert.Equal(FactSource.LateReportCount, FactSources.Suggest("Chất lượng báo cáo CCHC định kỳ", ScoringRule.Manual()));
        Assert.Equal(FactSource.None, FactSources.Suggest("Kết quả giải quyết TTHC", ScoringRule.Manual()));
        // Higher-is-better bands about late dossiers make no sense as a count of late dossiers.
        Assert.Equal(FactSource.None, FactSources.Suggest("Hồ sơ trễ hạn",
            new BandsRule([new Band(0m, 1m)], "số hồ sơ trễ hạn", IsPercent: false)));
    }

    [Fact]
    public void Convention_tolerates_case_diacritics_and_spacing()
    {
        Assert.Equal(FactSource.LateReportCount, FactSources.Suggest("THOI GIAN GUI  BAO CAO   dinh ky", LateReportDeduction()));
        Assert.Equal("ma ho so", FactSources.Fold("  Mã   hồ SƠ "));
        Assert.Equal("don vi", FactSources.Fold("Đơn vị"));
        // NFD input folds like NFC.
        Assert.Equal(FactSources.Fold("Ngày tiếp nhận"), FactSources.Fold("Ngày tiếp nhận".Normalize(System.Text.NormalizationForm.FormD)));
    }

    [Fact]
    public void The_2022_figures_give_the_points_of_the_seed()
    {
        var bands = FactSources.Facts(FactSource.LateDossierCount, LateDossierBands(), Figures2022, null)!;
        Assert.Equal(84m, bands.Value);
        Assert.Equal(3m, LateDossierBands().Evaluate(6m, bands).Points);

        var deduction = FactSources.Facts(FactSource.LateReportCount, LateReportDeduction(), Figures2022, null)!;
        Assert.Equal(1, deduction.Occurrences);
        Assert.Equal(0m, LateReportDeduction().Evaluate(0.5m, deduction).Points);

        var count = FactSources.Facts(FactSource.SubmittedReports, new ProportionalRule(), Figures2022, null)!;
        Assert.Equal(0.5m, new ProportionalRule().Evaluate(0.5m, count).Points);
    }

    [Fact]
    public void A_source_that_does_not_fit_the_rule_gives_no_facts()
    {
        Assert.Null(FactSources.Facts(FactSource.LateDossierCount, new YesNoRule(), Figures2022, null));
        Assert.Null(FactSources.Facts(FactSource.LateDossierCount, new BandsRule([new Band(1m, 1m)], "x", IsPercent: true), Figures2022, null));
        Assert.Null(FactSources.Facts(FactSource.SubmittedReports, LateReportDeduction(), Figures2022, null));
        Assert.Null(FactSources.Facts(FactSource.TaskCompletion, new ProportionalRule(), Figures2022, null));
        Assert.Null(FactSources.Facts(FactSource.TaskCompletion, new ProportionalRule(), Figures2022, new TaskFigures(0, 0)));
        Assert.Null(FactSources.Facts(FactSource.None, LateDossierBands(), Figures2022, null));
    }

    [Fact]
    public void Late_dossiers_feed_a_deduction_and_tasks_feed_percent_bands()
    {
        Assert.Equal(84, FactSources.Facts(FactSource.LateDossierCount, new DeductionRule(0.1m), Figures2022, null)!.Occurrences);
        Assert.Equal(1m, FactSources.Facts(FactSource.LateReportCount, new BandsRule([new Band(0m, 1m)], "x", false, true), Figures2022, null)!.Value);
        Assert.Equal(66.67m, FactSources.Facts(FactSource.TaskCompletion, new BandsRule([new Band(80m, 1m)], "x", IsPercent: true),
            Figures2022, new TaskFigures(2, 3))!.Value);
    }

    [Theory]
    [InlineData(0, 0, "100")]
    [InlineData(84, 84, "0")]
    [InlineData(3, 1, "66.67")]
    public void On_time_rate(int total, int late, string expected)
    {
        var figures = new OperationsFigures(total, late, 0, 0, 0);
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), figures.OnTimeRate);
        var facts = FactSources.Facts(FactSource.OnTimeDossierRate, new BandsRule([new Band(95m, 1m)], "x", IsPercent: true), figures, null);
        Assert.Equal(figures.OnTimeRate, facts!.Value);
    }
}
