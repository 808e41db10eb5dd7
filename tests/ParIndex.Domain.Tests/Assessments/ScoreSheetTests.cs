using ParIndex.Domain.Assessments;

namespace ParIndex.Domain.Tests.Assessments;

public class ScoreSheetTests
{
    /// <summary>A sub-criterion id from its code, the same in every run: "1.2.3" → 10203 (string hashes change per process).</summary>
    internal static int Id(string code) => code.Split('.').Aggregate(0, (id, part) => id * 100 + int.Parse(part, System.Globalization.CultureInfo.InvariantCulture));

    private static ScoreLine Line(string code, decimal max, decimal? self, decimal? r1 = null, decimal? r2 = null)
    {
        var parts = code.Split('.');
        return new ScoreLine(parts[0], $"Lĩnh vực {parts[0]}", $"{parts[0]}.{parts[1]}", $"Tiêu chí {parts[0]}.{parts[1]}",
            Id(code), code, $"TCTP {code}", max, self, r1, r2);
    }

    [Fact]
    public void Totals_and_percentages_come_from_the_sub_criteria_for_every_round()
    {
        var sheet = new ScoreSheet([
            Line("1.1.1", 1, 1, 1),
            Line("1.1.2", 0.5m, 0.5m, 0m),
            Line("1.2.1", 1.5m, 1.5m, 1.25m, 1.5m),
            Line("2.1.1", 2, 2, null),
        ]);

        Assert.Equal(5m, sheet.Total.Max);
        Assert.Equal(5m, sheet.Total.Self);
        Assert.Equal(2.25m, sheet.Total.Round1);
        // Round 2 falls back to round 1 where round 2 left a sub-criterion alone.
        Assert.Equal(2.5m, sheet.Total.Round2);
        // Final: round 2, else round 1, else self.
        Assert.Equal(4.5m, sheet.Total.Final);
        Assert.Equal(90m, sheet.Total.FinalPercent);
        var area1 = sheet.Areas[0];
        Assert.Equal(3m, area1.Points.Max);
        Assert.Equal(2.5m, area1.Points.Final);
        Assert.Equal(83.33m, area1.Points.FinalPercent);
        Assert.Equal(2, area1.Criteria.Count);
        Assert.Equal(3, area1.SubCriterionCount);
    }

    [Fact]
    public void Lost_points_are_listed_largest_loss_first()
    {
        var sheet = new ScoreSheet([Line("1.1.1", 1, 1, 0.75m), Line("1.1.2", 2, 2, 0), Line("1.1.3", 1, 1, 1)]);

        Assert.Equal(["1.1.2", "1.1.1"], sheet.LostPoints.Select(l => l.Code));
    }

    [Fact]
    public void Codes_are_ordered_numerically_not_as_text()
    {
        var sheet = new ScoreSheet([Line("1.10.1", 1, 1), Line("1.2.1", 1, 1), Line("10.1.1", 1, 1), Line("2.1.1", 1, 1)]);

        Assert.Equal(["1", "2", "10"], sheet.Areas.Select(a => a.Code));
        Assert.Equal(["1.2", "1.10"], sheet.Areas[0].Criteria.Select(c => c.Code));
    }

    [Theory]
    [InlineData(8.75, 13, 67.31)]
    [InlineData(11.333, 13, 87.18)]
    [InlineData(11.484, 17.5, 65.62)]
    [InlineData(0, 0, 0)]
    public void Percent_is_rounded_to_two_decimals(decimal points, decimal max, decimal expected) =>
        Assert.Equal(expected, ScoreSheet.Percent(points, max));
}

public class AssessmentPhaseTests
{
    private static Assessment Planned()
    {
        var a = new Assessment(1, 2023);
        a.PlanPhases(new DateOnly(2023, 11, 1), new DateOnly(2023, 11, 30), new DateOnly(2023, 12, 20), new DateOnly(2023, 12, 31),
            new DateOnly(2024, 1, 15), new DateOnly(2024, 2, 1));
        return a;
    }

    [Theory]
    [InlineData("2023-10-31", null)]
    [InlineData("2023-11-01", PhaseKind.SelfAssessment)]
    [InlineData("2023-11-30", PhaseKind.SelfAssessment)]
    [InlineData("2023-12-01", PhaseKind.Appraisal1)]
    [InlineData("2023-12-21", PhaseKind.Explanation)]
    [InlineData("2024-01-01", PhaseKind.Appraisal2)]
    [InlineData("2024-01-20", null)]
    [InlineData("2024-02-01", PhaseKind.Published)]
    public void The_current_phase_follows_the_dates(string day, PhaseKind? expected) =>
        Assert.Equal(expected, Planned().CurrentPhase(DateOnly.Parse(day))?.Kind);

    [Fact]
    public void A_closed_phase_is_closed_whatever_the_date_and_reopens_only_with_a_reason()
    {
        var a = Planned();
        var day = new DateOnly(2023, 11, 10);
        a.Close(PhaseKind.SelfAssessment, "vp", DateTime.UtcNow);

        Assert.False(a.IsOpen(PhaseKind.SelfAssessment, day));
        Assert.Contains("khóa", Assessment.LockedMessage(PhaseKind.SelfAssessment, a.Phases.Single(p => p.Kind == PhaseKind.SelfAssessment), day));
        Assert.Throws<DomainException>(() => a.Reopen(PhaseKind.SelfAssessment, " ", day.AddDays(3), day, false, "vp", DateTime.UtcNow));

        a.Reopen(PhaseKind.SelfAssessment, "Bổ sung", new DateOnly(2023, 12, 5), day, false, "vp", DateTime.UtcNow);

        Assert.True(a.IsOpen(PhaseKind.SelfAssessment, new DateOnly(2023, 12, 5)));
        Assert.Equal([PhaseAction.Close, PhaseAction.Reopen], a.PhaseChanges.Select(c => c.Action));
        Assert.Equal("Bổ sung", a.PhaseChanges.ElementAt(1).Reason);
    }

    [Fact]
    public void The_final_score_is_the_last_round_that_has_a_value_and_an_explanation_is_owed_below_the_self_score()
    {
        var s = new SubCriterionScore(1, 1);
        s.SetSelf(1.5m, null, null, "vp", DateTime.UtcNow);
        Assert.Equal(1.5m, s.FinalScore);
        Assert.Null(s.AppraisedScore);

        s.SetRound1(1.25m, "thiếu", "vp", DateTime.UtcNow);
        Assert.Equal(1.25m, s.FinalScore);
        Assert.True(s.ExplanationOwed);

        s.SetExplanation("Đã bổ sung", "vp", DateTime.UtcNow);
        Assert.False(s.ExplanationOwed);
        s.SetRound2(1.5m, null, "vp", DateTime.UtcNow);
        Assert.Equal(1.5m, s.FinalScore);
        Assert.Equal(1.5m, s.AppraisedScore);
    }

    [Fact]
    public void Every_change_gives_the_score_a_new_version()
    {
        var s = new SubCriterionScore(1, 1);
        var before = s.Version;
        s.SetSelf(1, null, null, "vp", DateTime.UtcNow);
        Assert.NotEqual(before, s.Version);
    }
}

public class RoundPresenceTests
{
    [Fact]
    public void A_sheet_knows_whether_any_round_2_score_exists()
    {
        static ScoreLine L(string code, decimal? r2) => new("1", "A", "1.1", "C", ScoreSheetTests.Id(code), code, code, 1, 1, 0.5m, r2);

        Assert.False(new ScoreSheet([L("1.1.1", null), L("1.1.2", null)]).Total.HasRound2);
        var mixed = new ScoreSheet([L("1.1.1", null), L("1.1.2", 1)]);
        Assert.True(mixed.Total.HasRound2);
        Assert.Equal(1.5m, mixed.Total.Round2);
    }
}
