using ParIndex.Domain.Accountability;

namespace ParIndex.Domain.Tests.Accountability;

/// <summary>The Office's note on who answers for a loss rides with its shares and never moves a point.</summary>
public class ResponsibleNoteTests
{
    private const int Khtc = 3;
    private const string Note = "phòng Kế hoạch – Tài chính và các phòng, đơn vị liên quan đến kết luận thanh tra, kiểm toán";

    [Fact]
    public void A_note_with_the_shares_is_carried_and_the_points_stay_with_the_units_charged()
    {
        var loss = LostPointsAccount.Allocate(new LossFacts(641, 2m, Khtc, [new(Khtc, 1)], Responsible: Note))!;

        Assert.Equal((LossBasis.OfficeShares, Note, $"trách nhiệm thuộc về {Note}"), (loss.Basis, loss.Responsible, loss.ResponsibleText));
        Assert.Equal([(Khtc, 2m)], loss.Units.Select(u => (u.UnitId!.Value, u.Points)));
    }

    [Fact]
    public void Without_shares_a_note_is_not_used()
    {
        var loss = LostPointsAccount.Allocate(new LossFacts(641, 2m, Khtc, [], Responsible: Note))!;

        Assert.Equal((LossBasis.LeadUnit, (string?)null), (loss.Basis, loss.ResponsibleText));
    }

    [Fact]
    public void A_share_cleans_its_note_and_refuses_one_too_long()
    {
        var share = new LossShare(641, Khtc, 1, "KH 2023", "Văn phòng", DateTime.UtcNow, "  " + Note + " ");
        Assert.Equal(Note, share.Responsible);
        share.Change(1, "KH 2023", "Văn phòng", DateTime.UtcNow, " ");
        Assert.Null(share.Responsible);

        var refused = Assert.Throws<DomainException>(() => share.Change(1, null, "Văn phòng", DateTime.UtcNow, new string('x', LossShare.ResponsibleMaxLength + 1)));
        Assert.Equal($"Ghi chú đơn vị chịu trách nhiệm tối đa {LossShare.ResponsibleMaxLength} ký tự.", refused.Message);
        Assert.Null(share.Responsible);
    }
}
