using ParIndex.Domain.Assessments;
using ParIndex.Domain.Formatting;
using ParIndex.Domain.Frameworks;

namespace ParIndex.Domain.Tests.Assessments;

/// <summary>Issue 14: the index's parts beyond the sub-criteria (survey groups, bonus and deductions with caps, the not-applicable rule).</summary>
public class IndexPartsTests
{
    // A tiny framework: 2 areas, 4 sub-criteria of 10 points (40), one not applicable (10 points, left out).
    private static ScoreSheet Sheet() => new(
    [
        new ScoreLine("1", "Một", "1.1", "Tiêu chí", 1, "1.1.1", "A", 10, 8, 8, null),
        new ScoreLine("1", "Một", "1.1", "Tiêu chí", 2, "1.1.2", "B", 10, 6, 6, null),
        new ScoreLine("2", "Hai", "2.1", "Tiêu chí", 3, "2.1.1", "C", 10, 7, 7, null),
        new ScoreLine("2", "Hai", "2.1", "Tiêu chí", 4, "2.1.2", "D", 10, 0, 0, null, NotApplicableReason: "Không phát sinh"),
    ]);

    private static IndexParts Parts(NotApplicableRule rule = NotApplicableRule.RescaleToFullMax) =>
        Framework.PartsOf(new ClassificationBands(BandBasis.Points, 90, 80, 65, 50), 100, rule, bonusCap: 2, deductionCap: 5,
            [new SurveyPart("Mức độ hài lòng (SIPAS)", 60, 45.5m)],
            [(AdjustmentKind.Bonus, 1.5m), (AdjustmentKind.Bonus, 1m), (AdjustmentKind.Deduction, 0.75m)]);

    [Fact]
    public void Total_is_the_rescaled_criteria_plus_the_survey_plus_the_capped_bonus_minus_the_capped_deduction()
    {
        var result = IndexResult.Of(Sheet(), Parts());

        // Criteria: 21 of the 30 applicable points, rescaled to 40: 21 ÷ 30 × 40 = 28.
        // Survey: 45,5/60. Bonus 1,5 + 1 = 2,5, capped at 2. Deduction 0,75 (cap 5).
        // Total = 28 + 45,5 + 2 − 0,75 = 74,75 of 40 + 60 = 100: on points bands (Khá from 65), Khá.
        Assert.Equal((28m, 45.5m, 60m, 2.5m, 2m, 0.75m, 0.75m), (result.CriteriaResult, result.SurveyPoints, result.SurveyMax,
            result.Bonus, result.BonusCounted, result.Deduction, result.DeductionCounted));
        Assert.Equal((74.75m, 100m, 74.75m, Classification.Fair, 74.75m), (result.Total, result.Max, result.Percent, result.Classification, result.OnScale));
        Assert.Equal("Điểm tiêu chí 28/40 + điều tra xã hội học 45,5/60 + điểm thưởng 2 (tối đa 2; tổng đề nghị 2,5) − điểm trừ 0,75 = 74,75/100 điểm.",
            result.PartsText);
        Assert.Equal("Chỉ số gồm điểm các tiêu chí (40 điểm), điều tra xã hội học 45,5/60 điểm, điểm thưởng 2 điểm, điểm trừ 0,75 điểm: tổng 74,75/100 điểm.",
            result.PartsSentence);
    }

    [Fact]
    public void Leaving_out_without_rescaling_reduces_the_maximum_instead()
    {
        var result = IndexResult.Of(Sheet(), Parts(NotApplicableRule.LeaveOut));

        // Criteria 21/30 (no rescaling): total 21 + 45,5 + 2 − 0,75 = 67,75 of 30 + 60 = 90; 75,28 %; 67,75 points: Khá.
        Assert.Equal((21m, 67.75m, 90m, 75.28m, Classification.Fair), (result.CriteriaResult, result.Total, result.Max, result.Percent, result.Classification));
        Assert.Contains("không quy đổi", result.RescaleText);
    }

    [Fact]
    public void Empty_parts_leave_the_demo_2022_unchanged()
    {
        var sheet = new ScoreSheet([new ScoreLine("1", "Lĩnh vực", "1.1", "Tiêu chí", 1, "1.1.1", "Một", 99, 80.567m, 80.567m, null)]);
        var parts = Framework.PartsOf(ClassificationBands.Default, null, NotApplicableRule.RescaleToFullMax, null, null, [], []);

        var result = IndexResult.Of(sheet, parts);

        Assert.Equal(IndexParts.Default, parts);
        Assert.Equal((80.567m, 99m, Classification.Good, "", ""), (result.Total, result.Max, result.Classification, result.PartsText, result.PartsSentence));
        Assert.False(result.HasOtherParts);
    }

    [Fact]
    public void A_survey_group_refuses_points_over_its_maximum_or_without_a_source()
    {
        var group = new SurveyGroup("SIPAS", 10);
        Assert.Equal("Điểm đạt phải từ 0 đến 10.", Assert.Throws<DomainException>(() => group.Change("SIPAS", 10, 11, "QĐ 1", null)).Message);
        Assert.Equal("Nhập nguồn (văn bản công bố) của điểm điều tra.", Assert.Throws<DomainException>(() => group.Change("SIPAS", 10, 5, " ", null)).Message);
        Assert.Throws<DomainException>(() => new IndexAdjustment(AdjustmentKind.Bonus, 0, "Lý do", null));
    }

    [Fact]
    public void Copying_a_framework_copies_survey_groups_without_points_and_the_caps_and_rule()
    {
        var framework = new Framework(2030, "Bộ 2030");
        var group = new SurveyGroup("SIPAS", 30, 1, 20, "QĐ 5/QĐ-UBND", new DateOnly(2031, 3, 1));
        framework.Surveys.Add(group);
        framework.Adjustments.Add(new IndexAdjustment(AdjustmentKind.Bonus, 1, "Sáng kiến", null));
        framework.SetOtherRules(NotApplicableRule.LeaveOut, 2, 3);

        var copy = framework.CopyTo(2031, "Bộ 2031");

        var copied = Assert.Single(copy.Surveys);
        Assert.Equal(("SIPAS", 30m, (decimal?)null, (string?)null), (copied.Name, copied.MaxPoints, copied.Points, copied.Source));
        Assert.Empty(copy.Adjustments);
        Assert.Equal((NotApplicableRule.LeaveOut, (decimal?)2, (decimal?)3), (copy.NotApplicableRule, copy.BonusCap, copy.DeductionCap));
    }
}
