using ParIndex.Domain.Frameworks;
using ParIndex.Domain.Scoring;
using ParIndex.Domain.Units;

namespace ParIndex.Domain.Tests.Frameworks;

public class FrameworkTests
{
    [Fact]
    public void A_copied_year_owns_its_rows_so_editing_it_leaves_the_source_year_alone()
    {
        var y2022 = new Framework(2022, "Bộ tiêu chí 2022");
        var area = new Area("1", "Chỉ đạo", 1);
        var criterion = new Criterion("1.1", "Kế hoạch", 1);
        var sub = new SubCriterion("1.1.1", "Ban hành kế hoạch", 1, RuleKind.YesNo, "{}", "Hướng dẫn", 7, 1);
        sub.Coordinators.Add(new SubCriterionCoordinator(3));
        criterion.SubCriteria.Add(sub);
        area.Criteria.Add(criterion);
        y2022.Areas.Add(area);

        var y2023 = y2022.CopyTo(2023, "Bộ tiêu chí 2023");
        var copied = y2023.Areas[0].Criteria[0].SubCriteria[0];
        copied.Name = "Tên mới";
        copied.ChangeRule(RuleKind.Manual, "{}", 2);

        Assert.Equal(2023, y2023.Year);
        Assert.Equal("Ban hành kế hoạch", sub.Name);
        Assert.Equal(1m, y2022.MaxPoints);
        Assert.Equal(2m, y2023.MaxPoints);
        Assert.Equal(7, copied.LeadUnitId);
        Assert.Equal([3], copied.Coordinators.Select(c => c.UnitId));
        Assert.NotSame(sub.Coordinators[0], copied.Coordinators[0]);
    }

    [Fact]
    public void A_sub_criterion_needs_positive_maximum_points() =>
        Assert.Throws<DomainException>(() => new SubCriterion("1.1.1", "x", 0, RuleKind.Manual, "{}"));

    [Fact]
    public void A_unit_renamed_keeps_its_previous_name_and_a_retired_unit_cannot_retire_twice()
    {
        var unit = new Unit("vp", "Văn phòng Sở");
        unit.Rename("Văn phòng Sở Nông nghiệp và Môi trường", new DateOnly(2025, 3, 1));
        unit.Retire(new DateOnly(2025, 7, 1));

        Assert.Equal("VP", unit.Code);
        Assert.Equal("Văn phòng Sở", unit.NameHistory.Single().PreviousName);
        Assert.False(unit.IsActive);
        Assert.Throws<DomainException>(() => unit.Retire(new DateOnly(2025, 8, 1)));
    }
}
