using ParIndex.Domain.Frameworks;
using ParIndex.Domain.Scoring;

namespace ParIndex.Domain.Tests.Frameworks;

/// <summary>Issue 14: a rule's kind and parameters in a readable form for the Excel template, read back to the same rule.</summary>
public class RuleTextTests
{
    public static TheoryData<ScoringRule> Rules() =>
    [
        new ManualRule(),
        new ManualRule { MinPoints = -1m },
        new YesNoRule(),
        new YesNoRule("Ban hành đúng hạn", "Không ban hành") { MinPoints = -1m },
        new TieredRule([new Tier("on-time", "Đúng hạn", 1m), new Tier("late", "Trễ hạn", 0.5m), new Tier("none", "Không ban hành", 0m)]),
        new ProportionalRule(),
        new ProportionalRule(80m, "báo cáo"),
        new BandsRule([new Band(30m, 1m), new Band(20m, 0.5m)], "Tỷ lệ văn bản đi phát hành điện tử có ký số, mức độ 3, 4", IsPercent: true),
        new BandsRule([new Band(0m, 6m), new Band(20m, 4.5m), new Band(100m, 3m)], "Số hồ sơ TTHC giải quyết trễ hạn", IsPercent: false, LowerIsBetter: true),
        new DeductionRule(0.5m, 1m, "báo cáo trễ hạn"),
        new DeductionRule(0.25m),
        new OnTimeRateRule([new Band(98m, 6m), new Band(95m, 4.5m), new Band(90m, 3m)]),
    ];

    [Theory]
    [MemberData(nameof(Rules))]
    public void Every_kind_is_written_readably_and_read_back_to_the_same_rule(ScoringRule rule)
    {
        var name = RuleText.KindName(rule.Kind);
        var text = RuleText.Format(rule);
        Assert.DoesNotContain("{", text);
        Assert.True(RuleText.TryParseKind(name, out var kind));
        var problems = new List<string>();

        var back = RuleText.TryParse(kind, text, problems);

        Assert.Empty(problems);
        Assert.Equal(rule, back);
        Assert.Equal(rule.ToJson(), back!.ToJson());
    }

    [Fact]
    public void Bands_read_with_decimal_commas_and_percentages()
    {
        var text = RuleText.Format(new OnTimeRateRule([new Band(98m, 6m), new Band(95m, 4.5m)]));
        Assert.Equal("mức: 98% = 6; 95% = 4,5", text);
        Assert.Equal("tên giá trị: Số hồ sơ trễ hạn\nchiều: thấp hơn là tốt hơn\nmức: 0 = 6; 20 = 4,5",
            RuleText.Format(new BandsRule([new Band(0m, 6m), new Band(20m, 4.5m)], "Số hồ sơ trễ hạn", false, true)));
    }

    [Fact]
    public void Kinds_and_keys_are_matched_in_any_case_without_diacritics()
    {
        Assert.True(RuleText.TryParseKind("theo ty le ho so dung han", out var kind));
        Assert.Equal(RuleKind.OnTimeRate, kind);
        Assert.True(RuleText.TryParseKind("Bands", out kind));
        Assert.Equal(RuleKind.Bands, kind);
        Assert.False(RuleText.TryParseKind("Theo cảm tính", out _));

        var problems = new List<string>();
        var rule = RuleText.TryParse(RuleKind.Deduction, "TRU MOI LAN: 0,5\nđối tượng: lần chậm", problems);
        Assert.Empty(problems);
        Assert.Equal(new DeductionRule(0.5m, null, "lần chậm"), rule);
    }

    [Fact]
    public void Bad_parameters_are_named()
    {
        var problems = new List<string>();
        Assert.Null(RuleText.TryParse(RuleKind.OnTimeRate, "mức: 98% = sáu; chín mươi", problems));
        Assert.Contains("số điểm \"sáu\" không phải là số", problems);
        Assert.Contains(problems, p => p.StartsWith("mức \"chín mươi\"", StringComparison.Ordinal));

        problems.Clear();
        Assert.Null(RuleText.TryParse(RuleKind.YesNo, "trừ mỗi lần: 1", problems));
        Assert.Equal(["tham số \"trừ mỗi lần\" không dùng cho cách tính \"Đạt/Không đạt\""], problems);

        problems.Clear();
        Assert.Null(RuleText.TryParse(RuleKind.Deduction, "", problems));
        Assert.Equal(["thiếu tham số \"trừ mỗi lần\""], problems);
    }
}
