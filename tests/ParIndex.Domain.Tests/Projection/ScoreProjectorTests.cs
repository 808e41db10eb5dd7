using ParIndex.Domain.Projection;
using ParIndex.Domain.Scoring;

namespace ParIndex.Domain.Tests.Projection;

public class ScoreProjectorTests
{
    private static readonly OperationsFigures Figures = new(Dossiers: 40, LateDossiers: 25, ReportsDue: 2, ReportsSubmitted: 2, LateReports: 0);

    private static ProjectionItem Item(string code, decimal max, ScoringRule rule, FactSource source = FactSource.None,
        ScoringFacts? facts = null, decimal? self = null, decimal? previous = null, TaskFigures? tasks = null, int? lead = 7) =>
        new(code.GetHashCode(), code, "Tiêu chí " + code, max, rule, lead, source, facts, self, previous, tasks);

    [Fact]
    public void Operations_figures_go_through_the_rule_with_its_explanation()
    {
        var line = ScoreProjector.ProjectOne(Item("3.5.1", 6m, FactSourceTests.LateDossierBands(), FactSource.LateDossierCount, self: 6m), Figures);
        Assert.Equal(ProjectionBasis.Operations, line.Basis);
        Assert.Equal(3m, line.Points);
        Assert.Contains("25 hồ sơ trễ hạn trên 40 hồ sơ", line.Explanation);
        Assert.Contains(FactSourceTests.LateDossierBands().Evaluate(6m, new ScoringFacts { Value = 25 }).Explanation, line.Explanation);
        Assert.True(line.AtRisk);
        Assert.Equal(3m, line.Lost);
    }

    [Fact]
    public void Operations_win_over_recorded_facts_self_score_and_last_year()
    {
        var line = ScoreProjector.ProjectOne(Item("1.2.3", 0.5m, FactSourceTests.LateReportDeduction(), FactSource.LateReportCount,
            facts: new ScoringFacts { Occurrences = 3 }, self: 0m, previous: 0m), Figures);
        Assert.Equal(ProjectionBasis.Operations, line.Basis);
        Assert.Equal(0.5m, line.Points);
        Assert.False(line.AtRisk);
    }

    [Fact]
    public void Tasks_feed_a_proportional_rule_without_a_link_when_nothing_else_is_known()
    {
        var line = ScoreProjector.ProjectOne(Item("2.2.3", 1m, new ProportionalRule(), tasks: new TaskFigures(1, 4)), Figures);
        Assert.Equal(ProjectionBasis.Tasks, line.Basis);
        Assert.Equal(0.25m, line.Points);
        Assert.Contains("1/4 nhiệm vụ", line.Explanation);
    }

    [Fact]
    public void Unfinished_tasks_never_take_away_full_marks_the_facts_give()
    {
        // 2.3.1 reached 1,5/1,5 last year; its task for this year is not done yet: still 1,5, not 0.
        var previous = ScoreProjector.ProjectOne(Item("2.3.1", 1.5m, new ProportionalRule(), tasks: new TaskFigures(0, 1), previous: 1.5m), Figures);
        Assert.Equal(1.5m, previous.Points);
        Assert.Equal(ProjectionBasis.PreviousYear, previous.Basis);

        var self = ScoreProjector.ProjectOne(Item("2.2.3", 1m, new ProportionalRule(), tasks: new TaskFigures(1, 4), self: 1m), Figures);
        Assert.Equal(1m, self.Points);
        Assert.Equal(ProjectionBasis.SelfScore, self.Basis);
    }

    [Fact]
    public void Task_completion_moves_a_projection_from_the_facts_towards_full_marks()
    {
        // Last year 0,5/1: a quarter of the tasks done closes a quarter of the gap.
        var line = ScoreProjector.ProjectOne(Item("2.2.3", 1m, new ProportionalRule(), tasks: new TaskFigures(1, 4), previous: 0.5m), Figures);
        Assert.Equal(ProjectionBasis.Tasks, line.Basis);
        Assert.Equal(0.625m, line.Points);
        Assert.Contains("kết quả năm trước", line.Explanation);
        Assert.Contains("1/4 đã hoàn thành", line.Explanation);

        var done = ScoreProjector.ProjectOne(Item("2.2.3", 1m, new ProportionalRule(), tasks: new TaskFigures(4, 4), previous: 0.5m), Figures);
        Assert.Equal(1m, done.Points);
    }

    [Fact]
    public void Tasks_do_not_feed_a_manual_rule_unless_linked_and_then_only_when_they_fit()
    {
        var manual = ScoreProjector.ProjectOne(Item("1.3.2", 2m, ScoringRule.Manual(), tasks: new TaskFigures(0, 2), self: 1.5m), Figures);
        Assert.Equal(ProjectionBasis.SelfScore, manual.Basis);
        Assert.Equal(1.5m, manual.Points);

        var linked = ScoreProjector.ProjectOne(Item("7.1.1", 2m, new BandsRule([new Band(90m, 2m), new Band(50m, 1m)], "tỷ lệ", true),
            FactSource.TaskCompletion, tasks: new TaskFigures(1, 2), previous: 0m), Figures);
        Assert.Equal(ProjectionBasis.Tasks, linked.Basis);
        Assert.Equal(1m, linked.Points);
    }

    [Fact]
    public void A_link_that_does_not_fit_falls_back_in_order()
    {
        // Linked to late dossiers but the rule is yes/no: recorded facts are next.
        var recorded = ScoreProjector.ProjectOne(Item("3.1.2", 0.5m, new YesNoRule(), FactSource.LateDossierCount,
            facts: new ScoringFacts { Achieved = false }, self: 0.5m), Figures);
        Assert.Equal(ProjectionBasis.RecordedFacts, recorded.Basis);
        Assert.Equal(0m, recorded.Points);

        // Recorded facts that the rule cannot use are skipped.
        var self = ScoreProjector.ProjectOne(Item("3.1.2", 0.5m, new YesNoRule(), facts: new ScoringFacts { Value = 3 }, self: 0.25m), Figures);
        Assert.Equal(ProjectionBasis.SelfScore, self.Basis);
        Assert.Equal(0.25m, self.Points);

        var previous = ScoreProjector.ProjectOne(Item("4.1.1", 1.5m, ScoringRule.Manual(), previous: 1m), Figures);
        Assert.Equal(ProjectionBasis.PreviousYear, previous.Basis);
        Assert.Equal(1m, previous.Points);
        Assert.Contains("năm trước", previous.Explanation);

        var none = ScoreProjector.ProjectOne(Item("4.1.2", 1.5m, new YesNoRule()), Figures);
        Assert.Equal(ProjectionBasis.None, none.Basis);
        Assert.Equal(0m, none.Points);
        Assert.StartsWith(ScoringRule.MissingFactsMessage[..^1], none.Explanation);
    }

    [Fact]
    public void Scores_from_other_rounds_stay_within_this_years_bounds()
    {
        Assert.Equal(1m, ScoreProjector.ProjectOne(Item("x", 1m, ScoringRule.Manual(), previous: 2m), Figures).Points);
        Assert.Equal(0m, ScoreProjector.ProjectOne(Item("x", 1m, ScoringRule.Manual(), self: -1m), Figures).Points);
        Assert.Equal(-1m, ScoreProjector.ProjectOne(Item("x", 1m, new YesNoRule { MinPoints = -1m }, self: -1m), Figures).Points);
    }

    [Fact]
    public void Total_against_the_target_and_the_items_at_risk_largest_loss_first()
    {
        var items = new[]
        {
            Item("3.5.1", 6m, FactSourceTests.LateDossierBands(), FactSource.LateDossierCount, lead: 4),
            Item("1.2.10", 0.5m, ScoringRule.Manual(), self: 0.5m),
            Item("1.2.9", 0.5m, ScoringRule.Manual(), self: 0.25m),
            Item("1.6.1", 2m, ScoringRule.Manual(), self: 0m),
        };
        var projection = ScoreProjector.Project(items, Figures, target: 5m);
        Assert.Equal(new[] { "1.2.9", "1.2.10", "1.6.1", "3.5.1" }, projection.Lines.Select(l => l.Item.Code));
        Assert.Equal(3.75m, projection.Total);
        Assert.Equal(9m, projection.MaxTotal);
        Assert.Equal(-1.25m, projection.Margin);
        Assert.False(projection.MeetsTarget);
        Assert.Equal(new[] { "3.5.1", "1.6.1", "1.2.9" }, projection.AtRisk.Select(l => l.Item.Code));
        Assert.Equal(4, projection.AtRisk[0].Item.LeadUnitId);

        var reached = ScoreProjector.Project(items, Figures, target: 3.75m);
        Assert.True(reached.MeetsTarget);
        Assert.Equal(0m, reached.Margin);

        var noTarget = ScoreProjector.Project(items, Figures, target: null);
        Assert.Null(noTarget.Margin);
        Assert.True(noTarget.MeetsTarget);
    }

    [Theory]
    [InlineData("1.2", "1.10", -1)]
    [InlineData("1.2.3", "1.2.3", 0)]
    [InlineData("2", "1.9", 1)]
    [InlineData("1.2", "1.2.1", -1)]
    [InlineData("A.1", "B.1", -1)]
    public void Codes_sort_numerically(string a, string b, int sign) =>
        Assert.Equal(sign, Math.Sign(CodeComparer.Instance.Compare(a, b)));
}

/// <summary>Issue 19, "Projection": what the projection rests on once the year has official figures, and when it has none.</summary>
public class ProjectionEvidenceTests
{
    private static ProjectionItem Item(string code, decimal max, ScoringRule rule, FactSource source = FactSource.None,
        decimal? self = null, decimal? previous = null, TaskFigures? tasks = null, decimal? round1 = null, decimal? round2 = null) =>
        new(code.Length, code, "Tiêu chí " + code, max, rule, 7, source, null, self, previous, tasks, round1, round2);

    private static readonly OperationsFigures Busy = new(Dossiers: 40, LateDossiers: 25, ReportsDue: 2, ReportsSubmitted: 2, LateReports: 0);

    [Fact]
    public void Round_2_wins_over_round_1_which_wins_over_figures_and_self()
    {
        var rule = FactSourceTests.LateDossierBands();
        var r2 = ScoreProjector.ProjectOne(Item("3.5.1", 6m, rule, FactSource.LateDossierCount, self: 6m, round1: 3m, round2: 4.5m), Busy);
        Assert.Equal((4.5m, ProjectionBasis.Appraisal), (r2.Points, r2.Basis));
        Assert.Equal("Theo điểm thẩm định vòng 2: 4,5/6 điểm.", r2.Explanation);
        var r1 = ScoreProjector.ProjectOne(Item("3.5.1", 6m, rule, FactSource.LateDossierCount, self: 6m, round1: 3m), Busy);
        Assert.Equal((3m, ProjectionBasis.Appraisal), (r1.Points, r1.Basis));
    }

    [Fact]
    public void A_published_total_is_the_projection()
    {
        var lines = new[] { Item("1.1.1", 1m, new ProportionalRule(), self: 1m), Item("1.1.2", 1m, new ProportionalRule(), self: 0.5m) };
        Assert.Equal(1.5m, ScoreProjector.Project(lines, Busy, 85m).Total);
        var published = ScoreProjector.Project(lines, Busy, 85m, published: 1.25m);
        Assert.Equal(1.25m, published.Total);
        Assert.False(published.MeetsTarget);
    }

    [Fact]
    public void No_dossier_and_no_report_due_are_no_data_not_full_marks()
    {
        var none = OperationsFigures.Empty;
        var dossiers = ScoreProjector.ProjectOne(Item("3.5.1", 6m, FactSourceTests.LateDossierBands(), FactSource.LateDossierCount, previous: 3m), none);
        Assert.Equal((3m, ProjectionBasis.PreviousYear), (dossiers.Points, dossiers.Basis));
        Assert.StartsWith("Chưa có dữ liệu hồ sơ TTHC năm nay. ", dossiers.Explanation, StringComparison.Ordinal);

        var reports = ScoreProjector.ProjectOne(Item("1.2.3", 0.5m, FactSourceTests.LateReportDeduction(), FactSource.LateReportCount, previous: 0m), none);
        Assert.Equal((0m, ProjectionBasis.PreviousYear), (reports.Points, reports.Basis));
        Assert.StartsWith("Chưa có dữ liệu báo cáo định kỳ đến hạn năm nay. ", reports.Explanation, StringComparison.Ordinal);
        Assert.DoesNotContain("đạt tối đa", reports.Explanation, StringComparison.Ordinal);

        // With data, the figures count as before.
        Assert.Equal(ProjectionBasis.Operations, ScoreProjector.ProjectOne(Item("3.5.1", 6m, FactSourceTests.LateDossierBands(), FactSource.LateDossierCount, previous: 3m), Busy).Basis);
    }

    [Fact]
    public void A_task_at_70_percent_moves_a_proportional_sub_criterion_in_proportion()
    {
        var tasks = new TaskFigures(Done: 0, Required: 1, Progressed: 0.7m);
        var line = ScoreProjector.ProjectOne(Item("2.2.3", 1.5m, new ProportionalRule(), tasks: tasks), Busy);
        Assert.Equal((1.05m, ProjectionBasis.Tasks), (line.Points, line.Basis));

        var fromSelf = ScoreProjector.ProjectOne(Item("2.2.3", 1.5m, new ProportionalRule(), self: 0.5m, tasks: tasks), Busy);
        Assert.Equal(1.2m, fromSelf.Points); // 0,5 + (1,5 − 0,5) × 0,7
        Assert.Contains("tiến độ chung 70%", fromSelf.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rule_with_fixed_values_moves_only_when_every_task_is_done()
    {
        var yesNo = new YesNoRule();
        var partly = ScoreProjector.ProjectOne(Item("1.1.3", 1m, yesNo, self: 0m, tasks: new TaskFigures(0, 1, 0.7m)), Busy);
        Assert.Equal((0m, ProjectionBasis.SelfScore), (partly.Points, partly.Basis));
        Assert.Contains("quy tắc chỉ cho điểm khi hoàn thành", partly.Explanation, StringComparison.Ordinal);
        var done = ScoreProjector.ProjectOne(Item("1.1.3", 1m, yesNo, self: 0m, tasks: new TaskFigures(1, 1)), Busy);
        Assert.Equal((1m, ProjectionBasis.Tasks), (done.Points, done.Basis));
    }
}
