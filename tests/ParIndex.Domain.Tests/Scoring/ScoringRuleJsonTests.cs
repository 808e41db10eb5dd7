using System.Text.Json;
using ParIndex.Domain.Scoring;

namespace ParIndex.Domain.Tests.Scoring;

public class ScoringRuleJsonTests
{
    public static TheoryData<ScoringRule> Rules() => new()
    {
        new ManualRule(),
        new ManualRule { MinPoints = -1m },
        new YesNoRule(),
        new YesNoRule("Ban hành đúng hạn", "Không ban hành") { MinPoints = -1m },
        TieredRuleTests.PlanRule(notIssued: -1m) with { MinPoints = -1m },
        new ProportionalRule(null),
        new ProportionalRule(80m, "văn bản"),
        BandsRuleTests.OnlineShare(),
        BandsRuleTests.LateDossiers(),
        new DeductionRule(0.25m, null),
        new DeductionRule(0.5m, 0.5m, "báo cáo trễ hạn"),
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public void Round_trips_through_kind_and_json(ScoringRule rule)
    {
        var json = rule.ToJson();
        var back = ScoringRule.FromJson(rule.Kind, json);

        Assert.Equal(rule, back);
        Assert.Equal(rule.GetType(), back.GetType());
        Assert.Equal(json, back.ToJson());
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public void Json_holds_parameters_only(ScoringRule rule)
    {
        Assert.DoesNotContain("kind", rule.ToJson(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Json_keeps_vietnamese_readable()
    {
        var json = new DeductionRule(0.5m, 0.5m, "báo cáo trễ hạn").ToJson();
        Assert.Contains("báo cáo trễ hạn", json);
    }

    [Fact]
    public void Bands_json_has_the_expected_shape()
    {
        const string expected =
            "{\"bands\":[{\"atLeast\":0,\"points\":6},{\"atLeast\":20,\"points\":4.5},{\"atLeast\":100,\"points\":3}],"
            + "\"valueLabel\":\"số hồ sơ trễ hạn\",\"isPercent\":false,\"lowerIsBetter\":true,\"minPoints\":0}";
        Assert.Equal(expected, BandsRuleTests.LateDossiers().ToJson());
    }

    [Fact]
    public void Optional_parameters_may_be_omitted()
    {
        Assert.Equal(new ProportionalRule(null), ScoringRule.FromJson(RuleKind.Proportional, "{}"));
        Assert.Equal(new DeductionRule(0.25m), ScoringRule.FromJson(RuleKind.Deduction, """{"perOccurrence":0.25}"""));
        Assert.Equal(new ManualRule(), ScoringRule.FromJson(RuleKind.Manual, ""));
    }

    [Fact]
    public void Json_of_another_kind_does_not_silently_become_a_rule()
    {
        var tiered = TieredRuleTests.PlanRule().ToJson();
        Assert.Throws<JsonException>(() => ScoringRule.FromJson(RuleKind.Bands, tiered));
        Assert.Throws<JsonException>(() => ScoringRule.FromJson(RuleKind.Deduction, tiered));
    }

    [Theory]
    [InlineData("null")]
    [InlineData("{\"tiers\":null}")]
    [InlineData("not json")]
    public void Invalid_json_throws_json_exception(string json)
    {
        Assert.Throws<JsonException>(() => ScoringRule.FromJson(RuleKind.Tiered, json));
    }

    [Fact]
    public void Unknown_kind_throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ScoringRule.FromJson((RuleKind)99, "{}"));
    }
}
