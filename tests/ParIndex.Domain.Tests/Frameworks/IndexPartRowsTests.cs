using ParIndex.Domain.Frameworks;

namespace ParIndex.Domain.Tests.Frameworks;

/// <summary>
/// A survey group and a bonus or deduction change in one step that checks the whole new state first: a refusal leaves
/// the row as it was and names the field it belongs beside.
/// </summary>
public class IndexPartRowsTests
{
    private static SurveyGroup Published() => new("SIPAS", 10, 1, 8, "QĐ 1/QĐ-UBND", new DateOnly(2023, 3, 15));

    [Fact]
    public void A_survey_group_changes_name_maximum_points_and_source_at_once()
    {
        var group = Published();
        var version = group.Version;

        group.Change(" Hài lòng ", 6, 5.5m, " QĐ 2 ", new DateOnly(2023, 4, 1));

        Assert.Equal(("Hài lòng", 6m, (decimal?)5.5m, "QĐ 2", (DateOnly?)new DateOnly(2023, 4, 1)),
            (group.Name, group.MaxPoints, group.Points, group.Source, group.PublishedOn));
        Assert.NotEqual(version, group.Version);
    }

    [Fact]
    public void Lowering_the_maximum_below_the_points_is_refused_as_a_whole_and_changes_nothing()
    {
        var group = Published();
        var version = group.Version;

        var refused = Assert.Throws<DomainException>(() => group.Change("Đổi tên", 5, 8, "QĐ 2", null));

        Assert.Equal(("Điểm đạt phải từ 0 đến 5.", "Points"), (refused.Message, refused.Field));
        Assert.Equal(("SIPAS", 10m, (decimal?)8m, "QĐ 1/QĐ-UBND", version), (group.Name, group.MaxPoints, group.Points, group.Source, group.Version));
    }

    [Fact]
    public void Lowering_the_maximum_with_points_that_fit_is_one_change()
    {
        var group = Published();

        group.Change("SIPAS", 8, 8, "QĐ 1/QĐ-UBND", null);

        Assert.Equal((8m, (decimal?)8m, (DateOnly?)null), (group.MaxPoints, group.Points, group.PublishedOn));
    }

    [Theory]
    [InlineData(" ", 10, null, null, "Name", "Nhập tên nhóm câu hỏi điều tra.")]
    [InlineData("SIPAS", 0, null, null, "MaxPoints", "Điểm tối đa phải lớn hơn 0 và không quá 1.000.")]
    [InlineData("SIPAS", 1001, null, null, "MaxPoints", "Điểm tối đa phải lớn hơn 0 và không quá 1.000.")]
    [InlineData("SIPAS", 10, -1, "QĐ 1", "Points", "Điểm đạt phải từ 0 đến 10.")]
    [InlineData("SIPAS", 10, 5, " ", "Source", "Nhập nguồn (văn bản công bố) của điểm điều tra.")]
    public void A_survey_group_refusal_names_its_field_and_changes_nothing(string name, int max, int? points, string? source, string field, string message)
    {
        var group = Published();

        var refused = Assert.Throws<DomainException>(() => group.Change(name, max, points, source, null));

        Assert.Equal((message, field), (refused.Message, refused.Field));
        Assert.Equal(("SIPAS", 10m, (decimal?)8m), (group.Name, group.MaxPoints, group.Points));
    }

    [Fact]
    public void Clearing_the_points_clears_the_source_requirement()
    {
        var group = Published();

        group.Change("SIPAS", 10, null, null, null);

        Assert.Equal(((decimal?)null, (string?)null), (group.Points, group.Source));
    }

    [Fact]
    public void An_adjustment_changes_points_reason_and_evidence_or_refuses_by_field_and_keeps_its_state()
    {
        var row = new IndexAdjustment(AdjustmentKind.Deduction, 1, "Chậm báo cáo", null);
        var version = row.Version;

        var refused = Assert.Throws<DomainException>(() => row.Change(2, "  ", "QĐ 9"));
        Assert.Equal(("Nhập lý do bị trừ điểm.", "Reason"), (refused.Message, refused.Field));
        Assert.Equal("Points", Assert.Throws<DomainException>(() => row.Change(-1, "Lý do", null)).Field);
        Assert.Equal("Evidence", Assert.Throws<DomainException>(() => row.Change(1, "Lý do", new string('x', IndexAdjustment.MaxEvidence + 1))).Field);
        Assert.Equal((1m, "Chậm báo cáo", (string?)null, version), (row.Points, row.Reason, row.Evidence, row.Version));

        row.Change(1.5m, " Chậm gửi báo cáo quý ", " CV 12 ");

        Assert.Equal((1.5m, "Chậm gửi báo cáo quý", (string?)"CV 12"), (row.Points, row.Reason, row.Evidence));
        Assert.NotEqual(version, row.Version);
    }

    [Fact]
    public void An_adjustment_of_an_unknown_kind_is_refused()
    {
        var refused = Assert.Throws<DomainException>(() => new IndexAdjustment((AdjustmentKind)7, 1, "Lý do", null));
        Assert.Equal(("Chọn điểm thưởng hoặc điểm trừ.", "Kind"), (refused.Message, refused.Field));
    }
}
