using ParIndex.Domain.Assessments;
using ParIndex.Domain.Scoring;

namespace ParIndex.Domain.Tests.Assessments;

/// <summary>Issue 19: the Office's changes to the explanation list, and the self score against the rule's result.</summary>
public class ScoreRoundRulesTests
{
    private static readonly DateTime Now = new(2023, 10, 2, 3, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void The_office_adds_a_sub_criterion_to_the_explanation_list_with_a_reason_and_round_1_keeps_it_there()
    {
        var s = new SubCriterionScore(1, 1);
        s.SetSelf(1, null, null, "vp", Now);
        s.SetRound1(1, null, "vp", Now);
        Assert.False(s.ExplanationRequired);

        Assert.Throws<DomainException>(() => s.AddToExplanationList(" ", "vp", Now));
        s.AddToExplanationList("Sở Nội vụ chưa tính tài liệu bổ sung", "vp", Now);
        s.SetRound1(1, "lại", "vp", Now);

        Assert.True(s.ExplanationRequired);
        Assert.Equal((ExplanationListChange.Added, "Sở Nội vụ chưa tính tài liệu bổ sung"), (s.ExplanationChange, s.ExplanationChangeReason));
    }

    [Fact]
    public void The_office_drops_one_round_1_put_on_the_list_and_a_second_drop_is_refused()
    {
        var s = new SubCriterionScore(1, 1);
        s.SetSelf(1, null, null, "vp", Now);
        s.SetRound1(0.5m, null, "vp", Now);
        Assert.True(s.ExplanationRequired);

        s.DropFromExplanationList("Đã thống nhất với Sở Nội vụ", "vp", Now);
        s.SetRound1(0.5m, null, "vp", Now);

        Assert.False(s.ExplanationRequired);
        Assert.Throws<DomainException>(() => s.DropFromExplanationList("lại", "vp", Now));
    }

    [Fact]
    public void A_self_score_other_than_the_rule_result_is_a_mismatch_until_accepted_or_kept_with_a_reason()
    {
        var rule = new DeductionRule(0.5m, OccurrenceLabel: "báo cáo trễ hạn");
        var result = rule.Evaluate(0.5m, new ScoringFacts { Occurrences = 1 });
        var s = new SubCriterionScore(1, 1);
        s.SetSelf(0.5m, null, null, "vp", Now);

        Assert.True(SubCriterionScore.DiffersFromRule(s.SelfScore, result, s.RuleMismatchKeptReason, s.RuleMismatchKeptPoints));

        Assert.Throws<DomainException>(() => s.KeepSelfAgainstRule(result, "", "vp", Now));
        s.KeepSelfAgainstRule(result, "Báo cáo gửi đúng hạn qua hệ thống", "vp", Now);
        Assert.False(SubCriterionScore.DiffersFromRule(s.SelfScore, result, s.RuleMismatchKeptReason, s.RuleMismatchKeptPoints));
        var other = rule.Evaluate(0.5m, new ScoringFacts { Occurrences = 0 });
        Assert.False(SubCriterionScore.DiffersFromRule(s.SelfScore, other, s.RuleMismatchKeptReason, s.RuleMismatchKeptPoints));

        var again = new SubCriterionScore(1, 1);
        again.SetSelf(0.5m, null, null, "vp", Now);
        again.AcceptRulePoints(result, 0.5m, "vp", Now);
        Assert.Equal(0m, again.SelfScore);
        Assert.Equal(result.Explanation, again.LostReason);
        Assert.False(SubCriterionScore.DiffersFromRule(again.SelfScore, result, null, null));
    }
}
