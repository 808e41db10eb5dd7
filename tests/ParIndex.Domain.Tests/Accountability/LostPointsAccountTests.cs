using ParIndex.Domain.Accountability;

namespace ParIndex.Domain.Tests.Accountability;

public class LostPointsAccountTests
{
    // Units of the seed: QHGĐ, ĐKTK, KSTNN, CCBVMT, VPĐKĐĐ, and the lead (Văn phòng Sở).
    private const int Vp = 1, Qhgd = 4, Dktk = 5, Kstnn = 6, Ccbvmt = 7, Vpdkdd = 8;

    private static readonly UnitWeight[] LateDossiers2022 =
        [new(Qhgd, 20), new(Dktk, 4), new(Kstnn, 7), new(Ccbvmt, 19), new(Vpdkdd, 34)];

    [Fact]
    public void The_TTHC_result_s_3_points_are_split_20_4_7_19_34_by_the_units_late_dossiers_and_sum_to_3()
    {
        var loss = LostPointsAccount.Allocate(new LossFacts(351, 3m, Vp, null, LossBasis.LateDossiers, LateDossiers2022))!;

        Assert.Equal(LossBasis.LateDossiers, loss.Basis);
        var parts = loss.Units.ToDictionary(u => u.UnitId!.Value, u => u.Points);
        Assert.Equal(0.714m, parts[Qhgd]);   // 3 × 20/84 = 0,7142…
        Assert.Equal(0.143m, parts[Dktk]);   // 3 × 4/84 = 0,1428…
        Assert.Equal(0.25m, parts[Kstnn]);   // 3 × 7/84 = 0,25
        Assert.Equal(0.679m, parts[Ccbvmt]); // 3 × 19/84 = 0,6785…
        Assert.Equal(1.214m, parts[Vpdkdd]); // 3 × 34/84 = 1,2142…
        Assert.Equal(3m, loss.Units.Sum(u => u.Points));
        Assert.DoesNotContain(loss.Units, u => u.UnitId == Vp);
    }

    [Fact]
    public void Largest_remainder_keeps_the_sum_where_plain_rounding_would_not()
    {
        // 1 split in three: plain rounding gives 0,333 × 3 = 0,999.
        var parts = LargestRemainder.Split(1m, [1m, 1m, 1m]);
        Assert.Equal(1m, parts.Sum());
        Assert.Equal([0.334m, 0.333m, 0.333m], parts);

        // 2 split 1:1:1:1:1:1 → 0,333 × 6 = 1,998 by plain rounding; 2 by largest remainder.
        Assert.Equal(2m, LargestRemainder.Split(2m, [1m, 1m, 1m, 1m, 1m, 1m]).Sum());

        // The largest remainder wins the extra thousandth: 0,01 by 1:2 → 0,00333 / 0,00666 → 0,003 + 0,007.
        Assert.Equal([0.003m, 0.007m], LargestRemainder.Split(0.01m, [1m, 2m]));
    }

    [Theory]
    [InlineData(18.433, new[] { 3.0, 7.0, 11.0, 13.0 })]
    [InlineData(0.001, new[] { 1.0, 1.0, 1.0 })]
    [InlineData(5.5, new[] { 0.5, 2.5, 1.0 })]
    public void Parts_always_sum_to_the_total_at_three_decimals(double total, double[] weights)
    {
        var parts = LargestRemainder.Split((decimal)total, weights.Select(w => (decimal)w).ToList());
        Assert.Equal(Math.Round((decimal)total, 3), parts.Sum());
        Assert.All(parts, p => Assert.Equal(p, Math.Round(p, 3)));
    }

    [Fact]
    public void The_Office_s_shares_split_the_loss_and_win_over_the_lead_unit()
    {
        var loss = LostPointsAccount.Allocate(new LossFacts(712, 1.5m, Vp, [new(9, 1), new(Vpdkdd, 1), new(10, 1)]))!;
        Assert.Equal(LossBasis.OfficeShares, loss.Basis);
        Assert.Equal([9, Vpdkdd, 10], loss.Units.Select(u => u.UnitId!.Value));
        Assert.All(loss.Units, u => Assert.Equal(0.5m, u.Points));
    }

    [Fact]
    public void The_Office_s_shares_win_over_the_facts_and_the_lead_unit_only_when_nothing_else_is_known()
    {
        var shared = LostPointsAccount.Allocate(new LossFacts(1, 3m, Vp, [new(Vpdkdd, 1)], LossBasis.LateDossiers, LateDossiers2022))!;
        Assert.Equal(LossBasis.OfficeShares, shared.Basis);
        Assert.Equal(Vpdkdd, Assert.Single(shared.Units).UnitId);

        // Facts that count nothing per unit (no late dossier recorded) fall back to the lead unit.
        var lead = LostPointsAccount.Allocate(new LossFacts(2, 3m, Vp, [], LossBasis.LateDossiers, []))!;
        Assert.Equal(LossBasis.LeadUnit, lead.Basis);
        Assert.Equal((Vp, 3m), (Assert.Single(lead.Units).UnitId!.Value, lead.Units[0].Points));

        var none = LostPointsAccount.Allocate(new LossFacts(3, 0.5m, null))!;
        Assert.Equal(LossBasis.Unassigned, none.Basis);
        Assert.Null(Assert.Single(none.Units).UnitId);

        Assert.Null(LostPointsAccount.Allocate(new LossFacts(4, 0m, Vp)));
    }

    [Fact]
    public void Units_totals_add_every_sub_criterion_and_sum_to_the_year_s_loss()
    {
        var account = LostPointsAccount.Compute([
            new LossFacts(351, 3m, Vp, null, LossBasis.LateDossiers, LateDossiers2022),
            new LossFacts(122, 0.5m, Vp),
            new LossFacts(123, 0.5m, Vp, null, LossBasis.LateReports, [new(Vp, 1)]),
            new LossFacts(211, 1m, 2, [new(2, 1), new(Qhgd, 1), new(Dktk, 1), new(Kstnn, 1), new(Ccbvmt, 1)]),
            new LossFacts(999, 0.25m, null),
        ]);

        Assert.Equal(5.25m, account.Total);
        Assert.Equal(account.Total, account.Units.Sum(u => u.Points));
        Assert.Equal(1m, account.OfUnit(Vp));
        Assert.Equal(0.714m + 0.2m, account.OfUnit(Qhgd));
        Assert.Equal(1.214m, account.OfUnit(Vpdkdd));
        Assert.Equal(0.25m, account.OfUnit(null));
        Assert.Equal(Vpdkdd, account.Units[0].UnitId);
    }

    [Fact]
    public void Weights_cannot_be_negative_or_all_zero()
    {
        Assert.Throws<ArgumentException>(() => LargestRemainder.Split(1m, [1m, -1m]));
        Assert.Throws<ArgumentException>(() => LargestRemainder.Split(1m, [0m, 0m]));
        Assert.Empty(LargestRemainder.Split(1m, []));
    }
}
