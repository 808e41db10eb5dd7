using System.Globalization;
using System.Text;
using ParIndex.Domain.Accountability;
using ParIndex.Domain.Assessments;
using ParIndex.Domain.Formatting;

namespace ParIndex.Domain.Plans;

/// <summary>A published result as section I quotes it.</summary>
public sealed record PublishedFacts(int Year, decimal Total, string Classification, int Rank, int RankOf);

/// <summary>
/// What section I is written from: the base year's sheet (every sub-criterion, scored or not), its published result and
/// the year before's, the year's split of lost points, and the units' names in their order.
/// </summary>
public sealed record EvaluationFacts(
    int Year, ScoreSheet Sheet, PublishedFacts? Published, PublishedFacts? Previous, LostPointsAccount Losses,
    IReadOnlyList<(int Id, string Name)> Units, IndexParts? Parts = null);

/// <summary>How complete the base year's results are: appraised sub-criteria out of all, and which are not.</summary>
public sealed record Completeness(int Appraised, int Total, IReadOnlyList<string> MissingCodes)
{
    public bool IsComplete => Appraised == Total && Total > 0;

    /// <summary>"74/74 tiêu chí thành phần đã có điểm thẩm định", or the count and the codes still missing.</summary>
    public string Text(int year) => IsComplete
        ? $"{Appraised}/{Total} tiêu chí thành phần đã có điểm thẩm định năm {year}."
        : $"Kết quả năm {year} chưa đầy đủ: {Appraised}/{Total} tiêu chí thành phần đã có điểm thẩm định; " +
          $"còn {Total - Appraised} tiêu chí thành phần chưa có điểm thẩm định ({Codes(MissingCodes)}).";

    private static string Codes(IReadOnlyList<string> codes) =>
        codes.Count <= 12 ? string.Join(", ", codes) : string.Join(", ", codes.Take(12)) + $" và {codes.Count - 12} tiêu chí khác";

    public static Completeness Of(ScoreSheet sheet)
    {
        var lines = sheet.Lines.ToList();
        var missing = lines.Where(l => l.Appraised is null).Select(l => l.Code).ToList();
        return new Completeness(lines.Count - missing.Count, lines.Count, missing);
    }
}

/// <summary>A sub-criterion of the target year's framework, as section III reads the division of work.</summary>
public sealed record FrameworkItem(string AreaCode, string AreaName, decimal MaxPoints, int? LeadUnitId, IReadOnlyList<int> CoordinatorIds);

/// <summary>
/// Sections I and III of the improvement plan in the wording of the department's own plans (the seed document):
/// only recorded figures and reasons, each unit named once, lower case after a semicolon.
/// </summary>
public static class PlanText
{
    /// <summary>A unit shares an area when it coordinates on at least this part of the area's points.</summary>
    public const decimal ShareThreshold = 0.8m;

    public static string Evaluation(EvaluationFacts facts)
    {
        var sheet = facts.Sheet;
        var names = facts.Units.ToDictionary(u => u.Id, u => u.Name);
        var order = facts.Units.Select((u, i) => (u.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var result = IndexResult.Of(sheet, facts.Parts ?? IndexParts.Default);
        var total = facts.Published?.Total ?? result.Total;
        var max = result.Max;
        var classification = facts.Published?.Classification ?? IndexResult.Of(total, max, facts.Parts ?? IndexParts.Default).ClassificationText;
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture,
            $"Tổng điểm chỉ số CCHC năm {facts.Year} đạt {Vn.Points(total)}/{Vn.Points(max)} điểm, xếp loại {classification.ToLower(Vn.Culture)}");
        if (facts.Previous is { } previous)
        {
            var delta = total - previous.Total;
            text.Append(delta switch
            {
                < 0 => $", giảm {Vn.Points(-delta)} điểm",
                > 0 => $", tăng {Vn.Points(delta)} điểm",
                _ => ", giữ nguyên số điểm",
            });
            if (facts.Published is { } published)
            {
                var places = published.Rank - previous.Rank;
                text.Append(places switch
                {
                    > 0 => $", giảm {places} bậc",
                    < 0 => $", tăng {-places} bậc",
                    _ => ", giữ nguyên thứ hạng",
                });
            }
            text.Append(CultureInfo.InvariantCulture, $" so với năm {previous.Year}");
        }
        if (facts.Published is { } p)
            text.Append(CultureInfo.InvariantCulture, $", xếp thứ {p.Rank}/{p.RankOf} các Sở, ban, ngành trên địa bàn tỉnh");
        if (result.HasOtherParts) text.Append(CultureInfo.InvariantCulture, $". {result.PartsSentence} Chỉ số cụ thể đối với từng lĩnh vực như sau:");
        else text.Append(", chỉ số cụ thể đối với từng lĩnh vực như sau:");

        // The area that lost the most points, called out as the seed does; only among areas that lost any.
        var worst = sheet.Areas.Where(a => Scored(a).Any()).Select(a => (a.Code, Lost: Scored(a).Sum(l => l.MaxPoints - l.Final!.Value)))
            .Where(a => a.Lost > 0).OrderByDescending(a => a.Lost).Select(a => a.Code).FirstOrDefault();

        foreach (var area in sheet.Areas)
        {
            var lines = area.Criteria.SelectMany(c => c.SubCriteria).Select(s => s.Line).ToList();
            var scored = lines.Where(l => l.Final is not null).ToList();
            var full = scored.Where(l => l.Final >= l.MaxPoints).ToList();
            var lost = scored.Where(l => l.Final < l.MaxPoints).ToList();
            var unscored = lines.Where(l => l.Final is null).ToList();

            text.Append('\n').Append(CultureInfo.InvariantCulture,
                $"- Lĩnh vực {area.Code}: {area.Name} với {area.Criteria.Count:00} tiêu chí, {area.SubCriterionCount:00} tiêu chí thành phần " +
                $"đạt {Vn.Points(area.Points.Final)}/{Vn.Points(area.Points.Max)} điểm, chiếm {Vn.Percent(area.Points.FinalPercent)}");
            if (area.Code == worst) text.Append(" (lĩnh vực bị trừ điểm nhiều nhất)");
            if (lost.Count == 0 && unscored.Count == 0)
            {
                text.Append(CultureInfo.InvariantCulture, $"; tất cả {lines.Count:00} tiêu chí thành phần đạt điểm tối đa.");
                continue;
            }
            text.Append(", chi tiết cụ thể như sau:");
            if (full.Count > 0)
                text.Append('\n').Append("+ Các tiêu chí thành phần đạt điểm tối đa gồm: ")
                    .Append(string.Join("; ", full.Select(l => LowerFirst(l.Name)))).Append(';');
            if (lost.Count > 0)
            {
                text.Append('\n').Append("+ Các tiêu chí thành phần bị mất điểm, không đạt điểm tối đa gồm:");
                for (var i = 0; i < lost.Count; i++)
                {
                    var line = lost[i];
                    var item = new StringBuilder();
                    item.Append(CultureInfo.InvariantCulture,
                        $"* Tiêu chí thành phần {line.Code} {line.Name} đạt {Vn.Points(line.Final!.Value)}/{Vn.Points(line.MaxPoints)} điểm " +
                        $"(mất {Vn.Points(line.MaxPoints - line.Final.Value)} điểm)");
                    var reason = CleanReason(line.LostReason);
                    if (reason.Length > 0) item.Append(", ").Append(LowerFirst(reason));
                    item.Append(Responsible(line, reason, facts.Losses, names, order));
                    item.Append(i == lost.Count - 1 && unscored.Count == 0 ? '.' : ';');
                    text.Append('\n').Append(item);
                }
            }
            if (unscored.Count > 0)
                text.Append('\n').Append(CultureInfo.InvariantCulture,
                    $"+ Các tiêu chí thành phần chưa có điểm: {string.Join(", ", unscored.Select(l => l.Code))}.");
        }
        return text.ToString();
    }

    /// <summary>
    /// Who answers for a sub-criterion's loss, each unit once and none the reason names already: the Office's note on who
    /// answers for it where its shares carry one ("trách nhiệm thuộc về …", in the plan's words), the units charged by
    /// their facts or by the Office's shares (with their points), then the lead unit ("Văn phòng Sở chủ trì") unless the
    /// note already says who answers.
    /// </summary>
    public static string Responsible(ScoreLine line, string reason, LostPointsAccount losses, IReadOnlyDictionary<int, string> names,
        IReadOnlyDictionary<int, int> order)
    {
        var loss = losses.For(line.SubCriterionId);
        var note = loss?.Responsible;
        bool Named(string name) => name.Length > 0 && (reason.Contains(name, StringComparison.OrdinalIgnoreCase) ||
            (note?.Contains(name, StringComparison.OrdinalIgnoreCase) ?? false));
        var lead = line.LeadUnitId is { } l ? names.GetValueOrDefault(l, "") : "";
        var parts = new List<string>();
        if (loss?.ResponsibleText is { } answers) parts.Add(answers);
        decimal? leadPoints = null;
        if (loss is { Basis: not (LossBasis.LeadUnit or LossBasis.Unassigned) })
        {
            leadPoints = loss.Units.Where(u => u.UnitId == line.LeadUnitId).Select(u => (decimal?)u.Points).FirstOrDefault();
            var charged = loss.Units.Where(u => u.UnitId is not null && u.UnitId != line.LeadUnitId)
                .OrderBy(u => order.GetValueOrDefault(u.UnitId!.Value, int.MaxValue))
                .Select(u => (Name: names.GetValueOrDefault(u.UnitId!.Value, ""), u.Points))
                .Where(u => u.Name.Length > 0 && !Named(u.Name)).ToList();
            if (charged.Count > 0)
                parts.Add("đơn vị làm mất điểm: " + string.Join(", ", charged.Select(u => $"{u.Name} {Vn.Points(u.Points)} điểm")));
        }
        // The lead unit once: "chủ trì", with its own part of the loss when others share it.
        if (lead.Length > 0 && note is null && !Named(lead))
            parts.Add(parts.Count > 0 && leadPoints is { } own ? $"{lead} chủ trì, {Vn.Points(own)} điểm" : $"{lead} chủ trì");
        return parts.Count == 0 ? "" : $" ({string.Join("; ", parts)})";
    }

    /// <summary>
    /// Section III from the target year's framework: each area's lead unit (the unit leading most of its points) and the
    /// units that share it (coordinating on at least <see cref="ShareThreshold"/> of its points through sub-criteria given to
    /// particular units, not to every unit),
    /// then the Văn phòng (the unit leading the most points) with its duties to coordinate the plan and to run the
    /// self-assessment, last, as the seed orders it.
    /// </summary>
    public static string Organisation(IReadOnlyList<FrameworkItem> items, IReadOnlyList<(int Id, string Name)> units, int targetYear)
    {
        var names = units.ToDictionary(u => u.Id, u => u.Name);
        var order = units.Select((u, i) => (u.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var areas = items.GroupBy(i => (i.AreaCode, i.AreaName)).OrderBy(g => g.Key.AreaCode, CodeComparer.Instance).ToList();
        var office = items.Where(i => i.LeadUnitId is not null).GroupBy(i => i.LeadUnitId!.Value)
            .OrderByDescending(g => g.Sum(i => i.MaxPoints)).ThenBy(g => order.GetValueOrDefault(g.Key, int.MaxValue))
            .Select(g => (int?)g.Key).FirstOrDefault();

        var leads = new Dictionary<int, List<string>>();
        var shares = new List<(List<int> Units, string Area, int Lead)>();
        foreach (var area in areas)
        {
            var max = area.Sum(i => i.MaxPoints);
            var lead = area.Where(i => i.LeadUnitId is not null).GroupBy(i => i.LeadUnitId!.Value)
                .OrderByDescending(g => g.Sum(i => i.MaxPoints)).ThenBy(g => order.GetValueOrDefault(g.Key, int.MaxValue))
                .Select(g => (int?)g.Key).FirstOrDefault();
            if (lead is not { } leadId) continue;
            if (!leads.TryGetValue(leadId, out var list)) leads[leadId] = list = [];
            list.Add(AreaPhrase(area.Key.AreaName));
            if (max <= 0) continue;
            // A sub-criterion on which every unit works is every unit's duty (the closing sentence says it once): it makes
            // no unit a sharer of the area.
            var allUnits = units.Select(u => u.Id).ToHashSet();
            var sharing = area.Where(i => !allUnits.IsSubsetOf(i.CoordinatorIds.Append(i.LeadUnitId ?? 0)))
                .SelectMany(i => i.CoordinatorIds.Distinct().Select(u => (Unit: u, i.MaxPoints)))
                .GroupBy(x => x.Unit)
                .Where(g => g.Key != leadId && g.Sum(x => x.MaxPoints) >= max * ShareThreshold)
                .Select(g => g.Key).OrderBy(u => order.GetValueOrDefault(u, int.MaxValue)).ToList();
            var everyone = units.Select(u => u.Id).Where(u => u != leadId).All(sharing.Contains);
            if (sharing.Count > 0 && !everyone) shares.Add((sharing, AreaPhrase(area.Key.AreaName), leadId));
        }

        var text = new StringBuilder();
        var n = 0;
        void Heading(string who) => text.Append(text.Length > 0 ? "\n" : "").Append(CultureInfo.InvariantCulture, $"{++n}. Giao {who}");

        foreach (var (unit, list) in leads.Where(l => l.Key != office).OrderBy(l => order.GetValueOrDefault(l.Key, int.MaxValue)))
        {
            Heading(names.GetValueOrDefault(unit, ""));
            text.Append('\n').Append("Chủ trì, tham mưu triển khai thực hiện hiệu quả các tiêu chí, tiêu chí thành phần thuộc lĩnh vực ")
                .Append(string.Join("; ", list)).Append('.');
        }
        foreach (var group in shares.GroupBy(s => string.Join(",", s.Units)))
        {
            var first = group.First();
            Heading(string.Join("; ", first.Units.Select(u => names.GetValueOrDefault(u, ""))));
            var leadName = names.GetValueOrDefault(first.Lead, "");
            text.Append('\n').Append("Thực hiện hiệu quả các tiêu chí, tiêu chí thành phần thuộc lĩnh vực ")
                .Append(string.Join("; ", group.Select(g => g.Area)))
                .Append(CultureInfo.InvariantCulture, $"; phối hợp với {leadName} trong quá trình triển khai thực hiện.");
        }
        if (office is { } o)
        {
            Heading(names.GetValueOrDefault(o, ""));
            var list = leads.GetValueOrDefault(o) ?? [];
            if (list.Count > 0)
                text.Append('\n').Append("- Chủ trì, tham mưu thực hiện hiệu quả các tiêu chí, tiêu chí thành phần thuộc lĩnh vực ")
                    .Append(string.Join("; ", list)).Append('.');
            text.Append(" Đôn đốc, hướng dẫn, kiểm tra việc tổ chức thực hiện Kế hoạch này.");
            text.Append('\n').Append(CultureInfo.InvariantCulture,
                $"- Chủ trì, tham mưu Lãnh đạo Sở tự đánh giá, chấm điểm chỉ số CCHC năm {targetYear}, bảo đảm theo đúng quy định.");
        }
        text.Append('\n').Append(CultureInfo.InvariantCulture,
            $"Trên cơ sở lĩnh vực được phân công, Trưởng các phòng, đơn vị thuộc Sở có trách nhiệm triển khai thực hiện nghiêm túc " +
            $"các nội dung về nhiệm vụ cải cách hành chính năm {targetYear} đảm bảo hiệu quả, chất lượng, đúng thời gian quy định./.");
        return text.ToString();
    }

    /// <summary>An area's name as it reads after "thuộc lĩnh vực": lower case, the leading "Công tác" dropped.</summary>
    public static string AreaPhrase(string areaName)
    {
        var name = areaName.Trim();
        if (name.StartsWith("Công tác ", StringComparison.OrdinalIgnoreCase)) name = name["Công tác ".Length..];
        return name.ToLower(Vn.Culture);
    }

    private static IEnumerable<ScoreLine> Scored(AreaSheet area) =>
        area.Criteria.SelectMany(c => c.SubCriteria).Select(s => s.Line).Where(l => l.Final is not null);

    /// <summary>The reason as typed, without its final full stop or semicolon.</summary>
    public static string CleanReason(string? reason) => (reason ?? "").Trim().TrimEnd('.', ';', ' ');

    /// <summary>Words that keep their capital inside a sentence (proper nouns and the agency's own names).</summary>
    private static readonly string[] KeepCapital = ["Sở", "UBND", "Ủy", "Chính", "Trung", "Nhà", "Đảng", "Quốc", "Bộ", "Cổng", "Luật", "Nghị", "Quyết", "Thông", "Hội"];

    /// <summary>Lower-cases the first letter after a semicolon or comma, unless the first word is an acronym or a proper noun.</summary>
    public static string LowerFirst(string text)
    {
        text = text.Trim();
        if (text.Length < 2 || !char.IsUpper(text[0])) return text;
        var word = text.Split(' ', 2)[0];
        if (word.Length > 1 && word.Skip(1).Any(char.IsUpper)) return text;
        if (KeepCapital.Contains(word, StringComparer.Ordinal)) return text;
        return char.ToLower(text[0], Vn.Culture) + text[1..];
    }
}
