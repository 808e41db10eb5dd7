using ParIndex.Domain.Accountability;
using ParIndex.Domain.Assessments;
using ParIndex.Domain.Formatting;
using ParIndex.Domain.Frameworks;
using ParIndex.Domain.Plans;
using ParIndex.Domain.Scoring;

namespace ParIndex.Domain.Tests.Assessments;

/// <summary>Issue 14: the year's index from its sheet and its parts (bands, scale).</summary>
public class IndexResultTests
{
    private static ScoreSheet Sheet(decimal final, decimal max) =>
        new([new ScoreLine("1", "Lĩnh vực", "1.1", "Tiêu chí", 1, "1.1.1", "Tiêu chí thành phần", max, final, final, null)]);

    [Fact]
    public void Without_parts_the_default_bands_classify_the_demo_2022_as_Tot_and_nothing_is_converted()
    {
        var result = IndexResult.Of(Sheet(80.567m, 99), IndexParts.Default);

        Assert.Equal((80.567m, 99m, 81.38m, Classification.Good), (result.Total, result.Max, result.Percent, result.Classification));
        Assert.Null(result.OnScale);
        Assert.Equal("", result.ScaleText);
        Assert.Equal(ClassificationRules.DefaultBands.Select(b => b.AtLeast), ClassificationBands.Default.Thresholds.Select(t => t.AtLeast));
    }

    [Theory]
    [InlineData(BandBasis.Percent, 85, 81.5, 70, 50, Classification.Fair)]
    [InlineData(BandBasis.Percent, 81.38, 80, 65, 50, Classification.Excellent)]
    [InlineData(BandBasis.Points, 90, 80.567, 65, 50, Classification.Good)]
    [InlineData(BandBasis.Points, 90, 80.6, 65, 50, Classification.Fair)]
    [InlineData(BandBasis.Points, 95, 90, 85, 81, Classification.Weak)]
    public void The_years_bands_decide_the_classification_inclusively_on_percent_or_points(BandBasis basis, double e, double g, double f, double a,
        Classification expected)
    {
        var bands = new ClassificationBands(basis, (decimal)e, (decimal)g, (decimal)f, (decimal)a);

        Assert.Empty(bands.Problems(99));
        Assert.Equal(expected, IndexResult.Of(Sheet(80.567m, 99), new IndexParts(bands)).Classification);
    }

    [Fact]
    public void The_result_is_converted_to_the_years_scale_beside_the_raw_total()
    {
        var result = IndexResult.Of(Sheet(80.567m, 99), new IndexParts(ClassificationBands.Default, 100));

        Assert.Equal(80.567m, result.Total);
        Assert.Equal(81.381m, result.OnScale);
        Assert.Equal("quy đổi 81,381/100 điểm", result.ScaleText);
    }

    [Fact]
    public void Bands_must_descend_and_stay_within_the_scale_each_problem_named_by_its_field()
    {
        var problems = new ClassificationBands(BandBasis.Percent, 101, 80, 80, 0).Problems(99);

        Assert.Equal(
            [("Excellent", "Ngưỡng Xuất sắc phải lớn hơn 0 và không quá 100%."), ("Fair", "Ngưỡng Khá phải nhỏ hơn ngưỡng Tốt (80%)."),
                ("Average", "Ngưỡng Trung bình phải lớn hơn 0 và không quá 100%.")],
            problems);
        Assert.Equal("Ngưỡng Xuất sắc phải lớn hơn 0 và không quá 99 điểm.",
            Assert.Single(new ClassificationBands(BandBasis.Points, 100, 80, 65, 50).Problems(99)).Message);
    }

    [Fact]
    public void The_framework_stores_its_bands_refuses_bad_ones_and_copies_them_to_the_next_year()
    {
        var framework = new Framework(2024, "Bộ tiêu chí 2024");
        Assert.Equal(ClassificationBands.Default, framework.Parts.Bands);
        var version = framework.PartsVersion;

        framework.SetIndexRules(new ClassificationBands(BandBasis.Percent, 85, 75, 60, 45), 100);

        Assert.Equal(new IndexParts(new ClassificationBands(BandBasis.Percent, 85, 75, 60, 45), 100), framework.Parts);
        Assert.NotEqual(version, framework.PartsVersion);
        Assert.Equal(framework.Parts, framework.CopyTo(2025, "Bộ tiêu chí 2025").Parts);
        var refused = Assert.Throws<DomainException>(() => framework.SetIndexRules(new ClassificationBands(BandBasis.Percent, 70, 75, 60, 45), null));
        Assert.Equal("Ngưỡng Tốt phải nhỏ hơn ngưỡng Xuất sắc (70%).", refused.Message);
        Assert.Equal(85m, framework.ExcellentFrom);
        framework.SetIndexRules(null, null);
        Assert.Equal(IndexParts.Default, framework.Parts);
    }

    [Fact]
    public void Bands_on_points_reach_the_whole_index_the_sub_criteria_and_the_survey_groups()
    {
        var framework = new Framework(2030, "Bộ tiêu chí 2030");
        var area = new Area("1", "Chỉ đạo", 1);
        var criterion = new Criterion("1.1", "Kế hoạch", 1);
        criterion.SubCriteria.Add(new SubCriterion("1.1.1", "Ban hành kế hoạch", 20, RuleKind.Manual, "{}"));
        area.Criteria.Add(criterion);
        framework.Areas.Add(area);
        framework.Surveys.Add(new SurveyGroup("Mức độ hài lòng", 5));
        Assert.Equal((20m, 25m), (framework.MaxPoints, framework.IndexMaxPoints));

        framework.SetIndexRules(new ClassificationBands(BandBasis.Points, 23, 16, 13, 10), null);
        Assert.Equal(23m, framework.ExcellentFrom);
        var refused = Assert.Throws<DomainException>(() => framework.SetIndexRules(new ClassificationBands(BandBasis.Points, 26, 16, 13, 10), null));
        Assert.Equal("Ngưỡng Xuất sắc phải lớn hơn 0 và không quá 25 điểm.", refused.Message);
        Assert.Equal(23m, framework.ExcellentFrom);
    }

    [Fact]
    public void The_plans_text_classifies_an_unpublished_total_by_the_years_bands()
    {
        var sheet = Sheet(80.567m, 99);
        var losses = LostPointsAccount.Compute([new LossFacts(1, 99 - 80.567m, 1)]);
        var parts = new IndexParts(new ClassificationBands(BandBasis.Percent, 85, 81.5m, 70, 50));

        var withBands = PlanText.Evaluation(new EvaluationFacts(2024, sheet, null, null, losses, [(1, "Văn phòng Sở")], parts));
        var withDefault = PlanText.Evaluation(new EvaluationFacts(2024, sheet, null, null, losses, [(1, "Văn phòng Sở")]));

        Assert.StartsWith("Tổng điểm chỉ số CCHC năm 2024 đạt 80,567/99 điểm, xếp loại khá", withBands);
        Assert.StartsWith("Tổng điểm chỉ số CCHC năm 2024 đạt 80,567/99 điểm, xếp loại tốt", withDefault);
    }

    [Fact]
    public void A_not_applicable_sub_criterion_is_out_of_every_total_and_lost_point_and_the_result_is_rescaled_to_the_full_maximum()
    {
        var sheet = new ScoreSheet(
        [
            new ScoreLine("1", "Lĩnh vực", "1.1", "Tiêu chí", 1, "1.1.1", "Một", 4, 3, 3, null),
            new ScoreLine("1", "Lĩnh vực", "1.1", "Tiêu chí", 2, "1.1.2", "Hai", 2, 0, 0, null, NotApplicableReason: "Không phát sinh"),
            new ScoreLine("2", "Lĩnh vực 2", "2.1", "Tiêu chí", 3, "2.1.1", "Ba", 4, 4, 4, null),
        ]);

        Assert.Equal((8m, 7m, 10m), (sheet.Total.Max, sheet.Total.Final, sheet.FullMax));
        Assert.Equal([1, 3], sheet.Lines.Select(l => l.SubCriterionId));
        Assert.Equal(2, Assert.Single(sheet.NotApplicable).SubCriterionId);
        Assert.Equal([1], sheet.LostPoints.Select(l => l.SubCriterionId));
        var result = IndexResult.Of(sheet, new IndexParts(ClassificationBands.Default, 100));
        Assert.True(result.Rescaled);
        Assert.Equal((10m, 8m, 7m, 8.75m, 87.5m, Classification.Good, 87.5m), (result.Max, result.ApplicableMax, result.CriteriaPoints, result.Total,
            result.Percent, result.Classification, result.OnScale));
        Assert.Equal("Không tính 1 tiêu chí thành phần không áp dụng (2 điểm): 7 ÷ 8 × 10 = 8,75 điểm.", result.RescaleText);
    }
}
