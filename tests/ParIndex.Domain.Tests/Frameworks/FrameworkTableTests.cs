using ParIndex.Domain.Frameworks;
using ParIndex.Domain.Scoring;

namespace ParIndex.Domain.Tests.Frameworks;

/// <summary>Issue 14: a year's framework read from the province's table, all or nothing, "Dòng N: lý do" per bad row.</summary>
public class FrameworkTableTests
{
    private static readonly UnitCode[] Units = [new(1, "VP", true), new(2, "TTR", true), new(3, "CU", false)];

    private static TableRow Area(int line, string code, string max = "") => new(line, "Lĩnh vực", code, $"Lĩnh vực {code}", max, "", "", "", "", "");

    private static TableRow Criterion(int line, string code, string max = "") => new(line, "Tiêu chí", code, $"Tiêu chí {code}", max, "", "", "", "", "");

    private static TableRow Sub(int line, string code, string max, string kind = "Nhập điểm", string parameters = "", string lead = "VP",
        string coordinators = "") =>
        new(line, "Tiêu chí thành phần", code, $"Tiêu chí thành phần {code}", max, kind, parameters, lead, coordinators, "Hướng dẫn");

    private static List<TableRow> Good() =>
    [
        Area(2, "1", "2,5"),
        Criterion(3, "1.1", "2,5"),
        Sub(4, "1.1.1", "1", "Đạt/Không đạt", "", "VP", "TTR"),
        Sub(5, "1.1.2", "1,5", "Theo tỷ lệ hồ sơ đúng hạn", "mức: 98% = 1,5; 95% = 1"),
    ];

    [Fact]
    public void A_good_table_builds_the_framework_in_its_order_with_units_and_rules()
    {
        var (framework, errors) = FrameworkTable.Build(2030, "Bộ tiêu chí 2030", Good(), Units);

        Assert.Empty(errors);
        Assert.Equal(2.5m, framework!.MaxPoints);
        var subs = framework.Areas.Single().Criteria.Single().SubCriteria;
        Assert.Equal(["1.1.1", "1.1.2"], subs.Select(s => s.Code));
        Assert.Equal([1, 2], subs.Select(s => s.SortOrder));
        Assert.Equal(1, subs[0].LeadUnitId);
        Assert.Equal([2], subs[0].Coordinators.Select(c => c.UnitId));
        Assert.Equal(new OnTimeRateRule([new Band(98m, 1.5m), new Band(95m, 1m)]), subs[1].Rule());
    }

    [Fact]
    public void Rows_written_from_a_framework_build_it_again()
    {
        var (framework, _) = FrameworkTable.Build(2030, "x", Good(), Units);
        var codes = Units.ToDictionary(u => u.Id, u => u.Code);

        var rows = FrameworkTable.Rows(framework!, codes);
        var (again, errors) = FrameworkTable.Build(2031, "y", rows, Units);

        Assert.Empty(errors);
        Assert.Equal(rows, FrameworkTable.Rows(again!, codes));
        Assert.Equal("2,5", rows[0].MaxPoints);
    }

    [Fact]
    public void Every_bad_row_is_named_with_its_reason_and_nothing_is_built()
    {
        List<TableRow> rows =
        [
            Area(2, "1", "3"),
            Criterion(3, "1.1", "2,5"),
            Sub(4, "1.1.1", "một", "Đạt/Không đạt"),
            Sub(5, "1.1.2", "1,5", "Theo cảm tính"),
            Sub(6, "1.1.2", "1", lead: "XYZ"),
            Sub(7, "1.1.3", "1", coordinators: "TTR, CU"),
            new(8, "Hạng mục", "9", "Khác", "", "", "", "", "", ""),
        ];

        var (framework, errors) = FrameworkTable.Build(2030, "x", rows, Units);

        Assert.Null(framework);
        Assert.Contains("Dòng 4: điểm tối đa \"một\" không phải là số.", errors);
        Assert.Contains("Dòng 5: không có cách tính điểm \"Theo cảm tính\" (xem trang Hướng dẫn).", errors);
        Assert.Contains("Dòng 6: mã 1.1.2 trùng với dòng 5; không có đơn vị mã \"XYZ\".", errors);
        Assert.Contains("Dòng 7: đơn vị mã \"CU\" đã ngừng hoạt động.", errors);
        Assert.Contains(errors, e => e.StartsWith("Dòng 8: cấp \"Hạng mục\" không rõ", StringComparison.Ordinal));
    }

    [Fact]
    public void Sub_criteria_that_do_not_add_up_to_their_criterion_are_refused_at_the_criterion_row()
    {
        List<TableRow> rows = [Area(2, "1", "3"), Criterion(3, "1.1", "3"), Sub(4, "1.1.1", "1"), Sub(5, "1.1.2", "1,5")];

        var (framework, errors) = FrameworkTable.Build(2030, "x", rows, Units);

        Assert.Null(framework);
        Assert.Equal(["Dòng 2: tổng điểm các tiêu chí (2,5) khác điểm tối đa của lĩnh vực 1 (3).",
            "Dòng 3: tổng điểm các tiêu chí thành phần (2,5) khác điểm tối đa của tiêu chí 1.1 (3)."], errors);
    }

    [Fact]
    public void A_rule_whose_bands_exceed_the_maximum_is_refused_with_the_rule_s_reason()
    {
        List<TableRow> rows = [Area(2, "1"), Criterion(3, "1.1"), Sub(4, "1.1.1", "1", "Theo tỷ lệ hồ sơ đúng hạn", "mức: 98% = 6")];

        var (_, errors) = FrameworkTable.Build(2030, "x", rows, Units);

        Assert.Equal(["Dòng 4: mức 98% có 6 điểm, vượt quá điểm tối đa 1."], errors);
    }

    [Fact]
    public void A_sub_criterion_above_every_criterion_belongs_nowhere()
    {
        var (_, errors) = FrameworkTable.Build(2030, "x", [Sub(2, "1.1.1", "1")], Units);
        Assert.Equal(["Dòng 2: tiêu chí thành phần chưa thuộc tiêu chí nào (thiếu dòng tiêu chí phía trên)."], errors);
    }
}
