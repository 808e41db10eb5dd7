using ParIndex.Domain.Projection;
using ParIndex.Domain.Scoring;

namespace ParIndex.Domain.Tests.Operations;

/// <summary>Issue 19: a late report feeds every sub-criterion tied to the periodic reports, the quality one (1.2.2) too.</summary>
public class ReportTieTests
{
    private static readonly OperationsFigures OneLate = new(Dossiers: 84, LateDossiers: 84, ReportsDue: 4, ReportsSubmitted: 4, LateReports: 1);
    private static readonly OperationsFigures NoneLate = OneLate with { LateReports = 0 };

    [Fact]
    public void The_seed_s_late_Q3_2022_report_costs_both_quality_and_timeliness()
    {
        var quality = ScoringRule.Manual();
        var timeliness = new DeductionRule(0.5m, 0.5m);
        Assert.Equal(FactSource.LateReportCount, FactSources.Suggest("Chất lượng báo cáo CCHC định kỳ", quality));
        Assert.Equal(FactSource.LateReportCount, FactSources.Suggest("Thời gian gửi báo cáo CCHC định kỳ", timeliness));

        Assert.Equal(0m, quality.Evaluate(0.5m, FactSources.Facts(FactSource.LateReportCount, quality, OneLate, null)!).Points);
        Assert.Equal(0m, timeliness.Evaluate(0.5m, FactSources.Facts(FactSource.LateReportCount, timeliness, OneLate, null)!).Points);
    }

    [Fact]
    public void With_no_late_report_the_quality_stays_the_assessor_s_judgment_and_a_yes_no_rule_is_met()
    {
        Assert.Null(FactSources.Facts(FactSource.LateReportCount, ScoringRule.Manual(), NoneLate, null));
        Assert.True(FactSources.Facts(FactSource.LateReportCount, new YesNoRule(), NoneLate, null)!.Achieved);
        Assert.False(FactSources.Facts(FactSource.LateReportCount, new YesNoRule(), OneLate, null)!.Achieved);
        // Late dossiers do not feed a manual rule.
        Assert.Null(FactSources.Facts(FactSource.LateDossierCount, ScoringRule.Manual(), OneLate, null));
    }
}
