using System.Text.RegularExpressions;
using ParIndex.Domain.Accountability;
using ParIndex.Domain.Assessments;
using ParIndex.Domain.Plans;
using ParIndex.Domain.Scoring;

namespace ParIndex.Domain.Tests.Plans;

/// <summary>Sections I and III and the tasks drafted from lost points, written from facts alone.</summary>
public partial class PlanTextTests
{
    private const int Vp = 1, Ttr = 2, Qhgd = 3, Cc = 4, Vpdk = 5, Quy = 6;

    private static readonly IReadOnlyList<(int Id, string Name)> Units =
    [
        (Vp, "Văn phòng Sở"), (Ttr, "Thanh tra Sở"), (Qhgd, "Phòng Quy hoạch - Giao đất"), (Cc, "Chi cục Bảo vệ môi trường"),
        (Vpdk, "Văn phòng Đăng ký đất đai"), (Quy, "Quỹ Bảo vệ môi trường"),
    ];

    private static ScoreLine Line(string area, string areaName, string code, string name, decimal max, decimal? appraised,
        string? reason = null, int? lead = Vp, decimal? self = null) =>
        new(area, areaName, code[..3], "Tiêu chí " + code[..3], int.Parse(code.Replace(".", ""), System.Globalization.CultureInfo.InvariantCulture),
            code, name, max, self ?? appraised, appraised, null, reason, lead);

    private static EvaluationFacts Facts(IEnumerable<ScoreLine> lines, LostPointsAccount? losses = null)
    {
        var sheet = new ScoreSheet(lines);
        losses ??= LostPointsAccount.Compute(sheet.Lines.Where(l => l.Final < l.MaxPoints)
            .Select(l => new LossFacts(l.SubCriterionId, l.MaxPoints - l.Final!.Value, l.LeadUnitId)));
        return new EvaluationFacts(2022, sheet, new PublishedFacts(2022, sheet.Total.Final, "Tốt", 18, 22),
            new PublishedFacts(2021, sheet.Total.Final + 1.5m, "Tốt", 12, 22), losses, Units);
    }

    [Fact]
    public void Section_I_gives_the_total_the_change_the_rank_and_per_area_the_full_and_the_lost_items_with_their_reason_and_units()
    {
        var lines = new[]
        {
            Line("1", "Công tác chỉ đạo, điều hành", "1.1.1", "Ban hành Kế hoạch CCHC năm đúng thời gian quy định", 1, 1),
            Line("1", "Công tác chỉ đạo, điều hành", "1.1.2", "Ban hành kế hoạch cải thiện chỉ số CCHC", 1, 1),
            Line("1", "Công tác chỉ đạo, điều hành", "1.2.1", "Thời gian gửi báo cáo CCHC định kỳ", 0.5m, 0,
                "Trong kỳ có 01 báo cáo trễ hạn (báo cáo quý III/2022)."),
            Line("2", "Cải cách thể chế", "2.2.3", "Kết quả xử lý văn bản sau rà soát", 1, 0.833m,
                "Còn 01 nhiệm vụ chưa thực hiện đầy đủ (Chi cục Bảo vệ môi trường chủ trì).", lead: Cc),
            Line("3", "Cải cách thủ tục hành chính", "3.5.1", "Kết quả giải quyết TTHC", 6, 3, "Có 84 hồ sơ trễ hạn."),
        };
        var sheet = new ScoreSheet(lines);
        var losses = LostPointsAccount.Compute(
        [
            new LossFacts(121, 0.5m, Vp),
            new LossFacts(223, 0.167m, Cc),
            new LossFacts(351, 3, Vp, FactBasis: LossBasis.LateDossiers,
                FactWeights: [new UnitWeight(Qhgd, 20), new UnitWeight(Cc, 19), new UnitWeight(Vpdk, 34)]),
        ]);

        var text = PlanText.Evaluation(Facts(lines, losses));
        var rows = text.Split('\n');

        Assert.StartsWith($"Tổng điểm chỉ số CCHC năm 2022 đạt {ParIndex.Domain.Formatting.Vn.Points(sheet.Total.Final)}/9,5 điểm, xếp loại tốt, " +
                          "giảm 1,5 điểm, giảm 6 bậc so với năm 2021, xếp thứ 18/22 các Sở, ban, ngành trên địa bàn tỉnh", text);
        Assert.Contains("- Lĩnh vực 1: Công tác chỉ đạo, điều hành với 02 tiêu chí, 03 tiêu chí thành phần đạt 2/2,5 điểm, chiếm 80%, chi tiết", text);
        Assert.Contains("+ Các tiêu chí thành phần đạt điểm tối đa gồm: ban hành Kế hoạch CCHC năm đúng thời gian quy định; ban hành kế hoạch cải thiện chỉ số CCHC;", rows);
        Assert.Contains("* Tiêu chí thành phần 1.2.1 Thời gian gửi báo cáo CCHC định kỳ đạt 0/0,5 điểm (mất 0,5 điểm), " +
                        "trong kỳ có 01 báo cáo trễ hạn (báo cáo quý III/2022) (Văn phòng Sở chủ trì).", rows);
        // The reason names the unit already: it is not named a second time.
        var legal = Assert.Single(rows, r => r.Contains("2.2.3", StringComparison.Ordinal));
        Assert.Single(Regex.Matches(legal, "Chi cục Bảo vệ môi trường"));
        // Units charged by their late dossiers, each once, with the lead unit that coordinates the fix.
        var tthc = Assert.Single(rows, r => r.Contains("3.5.1", StringComparison.Ordinal));
        Assert.EndsWith("(đơn vị làm mất điểm: Phòng Quy hoạch - Giao đất 0,822 điểm, Chi cục Bảo vệ môi trường 0,781 điểm, " +
                        "Văn phòng Đăng ký đất đai 1,397 điểm; Văn phòng Sở chủ trì).", tthc);
        Assert.Contains("- Lĩnh vực 3: Cải cách thủ tục hành chính với 01 tiêu chí, 01 tiêu chí thành phần đạt 3/6 điểm, chiếm 50% (lĩnh vực bị trừ điểm nhiều nhất)", text);
        Assert.Single(Regex.Matches(text, "bị trừ điểm nhiều nhất"));
        // Lower case after a semicolon, but for the units' own names.
        Assert.Empty(CapitalAfterSemicolon().Matches(Units.Aggregate(text, (t, u) => t.Replace(u.Name, "đơn vị", StringComparison.Ordinal))));
    }

    [Fact]
    public void Nothing_unscored_is_said_to_have_full_marks_and_the_completeness_says_which_are_missing()
    {
        var lines = new[]
        {
            Line("1", "Công tác chỉ đạo, điều hành", "1.1.1", "Ban hành Kế hoạch CCHC", 1, 1),
            Line("1", "Công tác chỉ đạo, điều hành", "1.1.2", "Mức độ hoàn thành Kế hoạch CCHC", 1, null),
            Line("4", "Cải cách tổ chức bộ máy", "4.1.1", "Rà soát tổ chức bộ máy", 1.5m, null),
            Line("4", "Cải cách tổ chức bộ máy", "4.1.2", "Quy định chức năng, nhiệm vụ", 1.5m, null, self: 1.5m),
        };

        var text = PlanText.Evaluation(Facts(lines));
        var completeness = Completeness.Of(new ScoreSheet(lines));

        Assert.DoesNotContain("tất cả", text);
        Assert.Contains("+ Các tiêu chí thành phần chưa có điểm: 1.1.2.", text.Split('\n'));
        Assert.Contains("+ Các tiêu chí thành phần chưa có điểm: 4.1.1.", text.Split('\n'));
        Assert.False(completeness.IsComplete);
        Assert.Equal("Kết quả năm 2022 chưa đầy đủ: 1/4 tiêu chí thành phần đã có điểm thẩm định; còn 3 tiêu chí thành phần chưa có điểm thẩm định (1.1.2, 4.1.1, 4.1.2).",
            completeness.Text(2022));

        var all = lines.Select(l => l with { Self = l.MaxPoints, Round1 = l.MaxPoints }).ToList();
        Assert.Equal("4/4 tiêu chí thành phần đã có điểm thẩm định năm 2022.", Completeness.Of(new ScoreSheet(all)).Text(2022));
        Assert.Contains("- Lĩnh vực 4: Cải cách tổ chức bộ máy với 01 tiêu chí, 02 tiêu chí thành phần đạt 3/3 điểm, chiếm 100%; tất cả 02 tiêu chí thành phần đạt điểm tối đa.",
            PlanText.Evaluation(Facts(all)).Split('\n'));
    }

    [Fact]
    public void Section_III_names_each_areas_lead_the_units_that_share_it_and_the_offices_duties_last()
    {
        int[] tthcUnits = [Ttr, Qhgd, Cc, Vpdk];
        int[] everyone = [Ttr, Qhgd, Cc, Vpdk, Quy];
        FrameworkItem[] items =
        [
            new("1", "Công tác chỉ đạo, điều hành cải cách hành chính", 2, Vp, everyone),
            new("1", "Công tác chỉ đạo, điều hành cải cách hành chính", 1, Vp, everyone),
            new("2", "Cải cách thể chế", 3, Ttr, [Qhgd]),
            new("2", "Cải cách thể chế", 1, Cc, [Ttr]),
            new("3", "Cải cách thủ tục hành chính", 6, Vp, tthcUnits),
            new("3", "Cải cách thủ tục hành chính", 0.5m, Ttr, [Vp]),
        ];

        var text = PlanText.Organisation(items, Units, 2023);

        Assert.Equal(
            "1. Giao Thanh tra Sở\n" +
            "Chủ trì, tham mưu triển khai thực hiện hiệu quả các tiêu chí, tiêu chí thành phần thuộc lĩnh vực cải cách thể chế.\n" +
            "2. Giao Thanh tra Sở; Phòng Quy hoạch - Giao đất; Chi cục Bảo vệ môi trường; Văn phòng Đăng ký đất đai\n" +
            "Thực hiện hiệu quả các tiêu chí, tiêu chí thành phần thuộc lĩnh vực cải cách thủ tục hành chính; phối hợp với Văn phòng Sở trong quá trình triển khai thực hiện.\n" +
            "3. Giao Văn phòng Sở\n" +
            "- Chủ trì, tham mưu thực hiện hiệu quả các tiêu chí, tiêu chí thành phần thuộc lĩnh vực chỉ đạo, điều hành cải cách hành chính; cải cách thủ tục hành chính. " +
            "Đôn đốc, hướng dẫn, kiểm tra việc tổ chức thực hiện Kế hoạch này.\n" +
            "- Chủ trì, tham mưu Lãnh đạo Sở tự đánh giá, chấm điểm chỉ số CCHC năm 2023, bảo đảm theo đúng quy định.\n" +
            "Trên cơ sở lĩnh vực được phân công, Trưởng các phòng, đơn vị thuộc Sở có trách nhiệm triển khai thực hiện nghiêm túc các nội dung về " +
            "nhiệm vụ cải cách hành chính năm 2023 đảm bảo hiệu quả, chất lượng, đúng thời gian quy định./.", text);
    }

    private static readonly Dictionary<int, int> Order = Units.Select((u, i) => (u.Id, i)).ToDictionary(x => x.Id, x => x.i);

    [Fact]
    public void A_task_from_late_dossiers_is_led_by_the_unit_that_lost_most_coordinated_by_the_others_and_the_lead_unit_every_quarter()
    {
        var loss = LostPointsAccount.Allocate(new LossFacts(351, 3, Vp, FactBasis: LossBasis.LateDossiers,
            FactWeights: [new UnitWeight(Qhgd, 20), new UnitWeight(Cc, 19), new UnitWeight(Vpdk, 34)]));
        var rule = new BandsRule([new Band(0, 6), new Band(20, 4.5m), new Band(100, 3), new Band(100000, 0)], "Số hồ sơ TTHC giải quyết trễ hạn", false, true);

        var task = LostPointTasks.Draft(new LostItem(9351, "3.5.1", "Kết quả giải quyết TTHC", 6, 3, "Có 84 hồ sơ trễ hạn.", rule, false, Vp, loss),
            2022, 2023, Order)!;

        Assert.Equal(Vpdk, task.LeadUnitId);
        Assert.Equal([Vp, Qhgd, Cc], task.CoordinatorIds);
        Assert.Equal(Recurrence.Quarterly, task.Recurrence);
        Assert.Equal([new DateOnly(2023, 3, 31), new DateOnly(2023, 6, 30), new DateOnly(2023, 9, 30), new DateOnly(2023, 12, 31)], task.DueDates);
        Assert.Equal("Theo dõi, kiểm soát hằng quý để số hồ sơ tthc giải quyết trễ hạn dưới 20 (năm 2022 đạt 3/6 điểm).", task.Content);
        Assert.Equal("Báo cáo hằng quý số hồ sơ tthc giải quyết trễ hạn; cả năm 2023 dưới 20.", task.ExpectedOutput);
        Assert.Equal(9351, task.TargetSubCriterionId);
    }

    [Fact]
    public void A_late_report_task_recurs_with_the_quarterly_reports_and_other_rules_get_their_own_output_and_deadline()
    {
        var reports = LostPointTasks.Draft(new LostItem(1, "1.2.3", "Thời gian gửi báo cáo CCHC định kỳ", 0.5m, 0, null,
            new DeductionRule(0.5m, 0.5m, "báo cáo trễ hạn"), true, Vp, null), 2022, 2023, Order)!;
        Assert.Equal(Vp, reports.LeadUnitId);
        Assert.Empty(reports.CoordinatorIds);
        Assert.Equal(Recurrence.Quarterly, reports.Recurrence);
        Assert.Equal(LostPointTasks.ReportDueDates(2023), reports.DueDates);
        Assert.Null(reports.DueDate);
        Assert.Equal("04 báo cáo (quý I, 6 tháng, quý III, năm) gửi đúng hạn; không có báo cáo trễ hạn trong năm 2023.", reports.ExpectedOutput);

        var email = LostPointTasks.Draft(new LostItem(2, "7.1.1", "Sử dụng thư điện tử công vụ", 2, 0, null,
            new BandsRule([new Band(90, 2), new Band(70, 1), new Band(0, 0)], "Tỷ lệ công chức, viên chức sử dụng thư điện tử công vụ", true), false, Vp, null),
            2022, 2023, Order)!;
        Assert.Equal("Nâng tỷ lệ công chức, viên chức sử dụng thư điện tử công vụ đạt từ 90% trở lên (năm 2022 đạt 0/2 điểm).", email.Content);
        Assert.Equal("Tỷ lệ công chức, viên chức sử dụng thư điện tử công vụ đạt từ 90% trở lên, có số liệu kiểm chứng.", email.ExpectedOutput);
        Assert.Equal(new DateOnly(2023, 9, 30), email.DueDate);

        var shares = LostPointsAccount.Allocate(new LossFacts(3, 1, Ttr, [new UnitWeight(Ttr, 1), new UnitWeight(Qhgd, 1), new UnitWeight(Cc, 1)]));
        var drafting = LostPointTasks.Draft(new LostItem(3, "2.1.2", "Hồ sơ đề nghị thẩm định dự thảo văn bản", 1, 0.5m, "Chưa bảo đảm quy trình.",
            new ManualRule(), false, Ttr, shares), 2022, 2023, Order)!;
        // Equal shares: the sub-criterion's lead unit leads, the others coordinate.
        Assert.Equal(Ttr, drafting.LeadUnitId);
        Assert.Equal([Qhgd, Cc], drafting.CoordinatorIds);
        Assert.Equal("Khắc phục hạn chế năm 2022 (chưa bảo đảm quy trình) để hồ sơ đề nghị thẩm định dự thảo văn bản đạt điểm tối đa.", drafting.Content);
        Assert.NotEqual(drafting.Content, drafting.ExpectedOutput);

        Assert.Null(LostPointTasks.Draft(new LostItem(4, "9.9.9", "Không có đơn vị", 1, 0, null, null, false, null, null), 2022, 2023, Order));
    }

    [GeneratedRegex(@"; \p{Lu}\p{Ll}")]
    private static partial Regex CapitalAfterSemicolon();
}
