using System.Text;
using ParIndex.Domain.Formatting;
using ParIndex.Domain.Projection;
using ParIndex.Domain.Scoring;

namespace ParIndex.Domain.Frameworks;

/// <summary>
/// A scoring rule as a person types it in a table: the kind by its Vietnamese name ("Theo mức") and the parameters as
/// one "tên: giá trị" line each ("mức: 0 = 6; 20 = 4,5; 100 = 3"), decimal commas, percentages with "%". Written by
/// <see cref="Format"/> and read back by <see cref="TryParse"/> to the same rule, so a framework exported to Excel and
/// imported again scores the same. The instructions sheet of the template lists <see cref="Help"/>.
/// </summary>
public static class RuleText
{
    private const string MinKey = "điểm thấp nhất";
    private const string BandsKey = "mức";
    private const string LabelKey = "tên giá trị";
    private const string DirectionKey = "chiều";
    private const string LowerIsBetterText = "thấp hơn là tốt hơn";
    private const string HigherIsBetterText = "cao hơn là tốt hơn";
    private const string ItemKey = "đối tượng";
    private const string FloorKey = "tối thiểu";
    private const string PerKey = "trừ mỗi lần";
    private const string CapKey = "trừ tối đa";
    private const string AchievedKey = "đạt";
    private const string NotAchievedKey = "không đạt";

    /// <summary>Each kind's name in the table, in the order the instructions list them.</summary>
    public static IReadOnlyList<(RuleKind Kind, string Name)> Kinds { get; } =
    [
        (RuleKind.Manual, "Nhập điểm"),
        (RuleKind.YesNo, "Đạt/Không đạt"),
        (RuleKind.Tiered, "Theo kết quả"),
        (RuleKind.Proportional, "Theo tỷ lệ hoàn thành"),
        (RuleKind.Bands, "Theo mức"),
        (RuleKind.Deduction, "Trừ điểm"),
        (RuleKind.OnTimeRate, "Theo tỷ lệ hồ sơ đúng hạn"),
    ];

    /// <summary>What each kind's parameters look like, for the template's instructions.</summary>
    public static IReadOnlyList<(string Name, string Parameters, string Meaning)> Help { get; } =
    [
        ("Nhập điểm", "(để trống)", "Người chấm nhập điểm trực tiếp."),
        ("Đạt/Không đạt", "đạt: Ban hành đúng hạn\nkhông đạt: Không ban hành", "Đạt: điểm tối đa; không đạt: điểm thấp nhất. Hai dòng đều không bắt buộc."),
        ("Theo kết quả", "mức: Đúng hạn [on-time] = 1; Trễ hạn [late] = 0,5; Không ban hành [none] = 0",
            "Mỗi kết quả: tên, mã trong ngoặc vuông (không bắt buộc), dấu = và số điểm; các kết quả cách nhau bằng dấu chấm phẩy."),
        ("Theo tỷ lệ hoàn thành", "đối tượng: nhiệm vụ\ntối thiểu: 80%",
            "Điểm = số hoàn thành ÷ số phải thực hiện × điểm tối đa; dưới mức tối thiểu (không bắt buộc) được 0 điểm."),
        ("Theo mức", "tên giá trị: Tỷ lệ văn bản đi phát hành điện tử có ký số\nmức: 30% = 1; 20% = 0,5",
            "Mỗi mức: ngưỡng = số điểm. Ngưỡng có dấu % là tỷ lệ. Thêm dòng \"chiều: thấp hơn là tốt hơn\" khi giá trị càng nhỏ càng tốt (ngưỡng là mức tối đa, ví dụ số hồ sơ trễ hạn: 0 = 6; 20 = 4,5; 100 = 3)."),
        ("Trừ điểm", "trừ mỗi lần: 0,5\ntrừ tối đa: 1\nđối tượng: báo cáo trễ hạn", "Điểm tối đa trừ số lần × điểm trừ mỗi lần; \"trừ tối đa\" không bắt buộc."),
        ("Theo tỷ lệ hồ sơ đúng hạn", "mức: 98% = 6; 95% = 4,5; 90% = 3",
            "Tỷ lệ hồ sơ TTHC giải quyết đúng hạn trên tổng số hồ sơ; mức cao nhất đạt được cho điểm, dưới mọi mức được 0 điểm."),
        ("(mọi cách tính)", "điểm thấp nhất: -1", "Không bắt buộc: điểm thấp nhất khi bộ tiêu chí cho phép điểm âm (mặc định 0)."),
    ];

    public static string KindName(RuleKind kind) => Kinds.First(k => k.Kind == kind).Name;

    /// <summary>The kind named by its Vietnamese name (any case, with or without diacritics) or its code name ("Bands").</summary>
    public static bool TryParseKind(string? text, out RuleKind kind)
    {
        var folded = FactSources.Fold(text);
        foreach (var (k, name) in Kinds)
        {
            if (folded == FactSources.Fold(name) || folded == FactSources.Fold(k.ToString()))
            {
                kind = k;
                return true;
            }
        }

        kind = RuleKind.Manual;
        return false;
    }

    /// <summary>The rule's parameters, one "tên: giá trị" per line; empty for a manual rule with no lower bound.</summary>
    public static string Format(ScoringRule rule)
    {
        var lines = new List<string>();
        switch (rule)
        {
            case YesNoRule yes:
                if (yes.AchievedLabel is { Length: > 0 } achieved) lines.Add($"{AchievedKey}: {achieved}");
                if (yes.NotAchievedLabel is { Length: > 0 } notAchieved) lines.Add($"{NotAchievedKey}: {notAchieved}");
                break;
            case TieredRule tiered:
                lines.Add($"{BandsKey}: " + string.Join("; ", tiered.Tiers.Select(t => $"{t.Label} [{t.Key}] = {Vn.Points(t.Points)}")));
                break;
            case ProportionalRule proportional:
                lines.Add($"{ItemKey}: {proportional.ItemLabel}");
                if (proportional.FloorPercent is { } floor) lines.Add($"{FloorKey}: {Vn.Percent(floor)}");
                break;
            case BandsRule bands:
                lines.Add($"{LabelKey}: {bands.ValueLabel}");
                if (bands.LowerIsBetter) lines.Add($"{DirectionKey}: {LowerIsBetterText}");
                lines.Add($"{BandsKey}: " + string.Join("; ", bands.Bands.Select(b =>
                    $"{(bands.IsPercent ? Vn.Percent(b.AtLeast) : Vn.Points(b.AtLeast))} = {Vn.Points(b.Points)}")));
                break;
            case DeductionRule deduction:
                lines.Add($"{PerKey}: {Vn.Points(deduction.PerOccurrence)}");
                if (deduction.Cap is { } cap) lines.Add($"{CapKey}: {Vn.Points(cap)}");
                lines.Add($"{ItemKey}: {deduction.OccurrenceLabel}");
                break;
            case OnTimeRateRule rate:
                lines.Add($"{BandsKey}: " + string.Join("; ", rate.Bands.Select(b => $"{Vn.Percent(b.AtLeast)} = {Vn.Points(b.Points)}")));
                break;
        }

        if (rule.MinPoints != 0m) lines.Add($"{MinKey}: {Vn.Points(rule.MinPoints)}");
        return string.Join("\n", lines);
    }

    /// <summary>
    /// Reads parameters written as <see cref="Format"/> writes them (keys in any case, with or without diacritics, lines
    /// in any order). Returns the rule, or null with the reasons in <paramref name="problems"/> (Vietnamese, lower case,
    /// to follow "Dòng N: ").
    /// </summary>
    public static ScoringRule? TryParse(RuleKind kind, string? text, List<string> problems)
    {
        var before = problems.Count;
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var written = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in (Vn.Clean(text) ?? "").Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0) continue;
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                problems.Add($"tham số \"{line}\" cần có dạng \"tên: giá trị\"");
                continue;
            }

            var key = FactSources.Fold(line[..colon]);
            written.TryAdd(key, line[..colon].Trim());
            if (!values.TryAdd(key, line[(colon + 1)..].Trim())) problems.Add($"tham số \"{line[..colon].Trim()}\" ghi hai lần");
        }

        var known = new HashSet<string>(StringComparer.Ordinal) { Key(MinKey) };
        string? Take(string name)
        {
            known.Add(Key(name));
            return values.TryGetValue(Key(name), out var v) && v.Length > 0 ? v : null;
        }

        var min = Take(MinKey) is { } minText ? Number(minText, MinKey, problems) ?? 0m : 0m;
        ScoringRule? rule = null;
        switch (kind)
        {
            case RuleKind.Manual:
                rule = new ManualRule();
                break;
            case RuleKind.YesNo:
                rule = new YesNoRule(Take(AchievedKey), Take(NotAchievedKey));
                break;
            case RuleKind.Tiered:
                {
                    var tiers = new List<Tier>();
                    foreach (var item in Items(Take(BandsKey), problems))
                    {
                        var (left, points) = Pair(item, problems);
                        if (points is null) continue;
                        var open = left.LastIndexOf('[');
                        var label = open >= 0 && left.EndsWith(']') ? left[..open].Trim() : left;
                        var key = open >= 0 && left.EndsWith(']') ? left[(open + 1)..^1].Trim() : Slug(label);
                        if (label.Length == 0) problems.Add($"mức \"{item}\" thiếu tên kết quả");
                        else tiers.Add(new Tier(key, label, points.Value));
                    }

                    rule = new TieredRule(tiers);
                    break;
                }
            case RuleKind.Proportional:
                {
                    decimal? floor = Take(FloorKey) is { } f ? Percent(f, FloorKey, problems) : null;
                    rule = new ProportionalRule(floor, Take(ItemKey) ?? "nhiệm vụ");
                    break;
                }
            case RuleKind.Bands:
                {
                    var label = Take(LabelKey);
                    if (label is null) problems.Add($"thiếu tham số \"{LabelKey}\"");
                    var direction = Take(DirectionKey);
                    var lower = direction is not null && FactSources.Fold(direction) == FactSources.Fold(LowerIsBetterText);
                    if (direction is not null && !lower && FactSources.Fold(direction) != FactSources.Fold(HigherIsBetterText))
                        problems.Add($"chiều \"{direction}\" cần là \"{HigherIsBetterText}\" hoặc \"{LowerIsBetterText}\"");
                    var bands = new List<Band>();
                    var percents = new HashSet<bool>();
                    foreach (var item in Items(Take(BandsKey), problems))
                    {
                        var (left, points) = Pair(item, problems);
                        var isPercent = left.EndsWith('%');
                        var threshold = Number(isPercent ? left[..^1] : left, "ngưỡng", problems);
                        if (points is null || threshold is null) continue;
                        percents.Add(isPercent);
                        bands.Add(new Band(threshold.Value, points.Value));
                    }

                    if (percents.Count > 1) problems.Add("các ngưỡng phải cùng là tỷ lệ (có dấu %) hoặc cùng là số");
                    rule = new BandsRule(bands, label ?? "", percents.Contains(true), lower);
                    break;
                }
            case RuleKind.Deduction:
                {
                    decimal? per = null;
                    if (Take(PerKey) is { } p) per = Number(p, PerKey, problems);
                    else problems.Add($"thiếu tham số \"{PerKey}\"");
                    decimal? cap = Take(CapKey) is { } c ? Number(c, CapKey, problems) : null;
                    rule = new DeductionRule(per ?? 0m, cap, Take(ItemKey) ?? "lần vi phạm");
                    break;
                }
            case RuleKind.OnTimeRate:
                {
                    var bands = new List<Band>();
                    foreach (var item in Items(Take(BandsKey), problems))
                    {
                        var (left, points) = Pair(item, problems);
                        var threshold = Percent(left, "ngưỡng", problems);
                        if (points is not null && threshold is not null) bands.Add(new Band(threshold.Value, points.Value));
                    }

                    rule = new OnTimeRateRule(bands);
                    break;
                }
        }

        foreach (var unknown in values.Keys.Where(k => !known.Contains(k)))
            problems.Add($"tham số \"{written[unknown]}\" không dùng cho cách tính \"{KindName(kind)}\"");
        return problems.Count > before || rule is null ? null : rule with { MinPoints = min };
    }

    private static string Key(string name) => FactSources.Fold(name);

    /// <summary>The ";"-separated items of a list parameter; a missing list is a problem.</summary>
    private static List<string> Items(string? list, List<string> problems)
    {
        if (list is null)
        {
            problems.Add($"thiếu tham số \"{BandsKey}\"");
            return [];
        }

        return list.Split(';').Select(i => i.Trim()).Where(i => i.Length > 0).ToList();
    }

    /// <summary>"left = points", split at the last "=".</summary>
    private static (string Left, decimal? Points) Pair(string item, List<string> problems)
    {
        var equals = item.LastIndexOf('=');
        if (equals < 0)
        {
            problems.Add($"mức \"{item}\" cần có dạng \"… = số điểm\"");
            return (item, null);
        }

        return (item[..equals].Trim(), Number(item[(equals + 1)..], "số điểm", problems));
    }

    private static decimal? Percent(string text, string what, List<string> problems)
    {
        var trimmed = text.Trim();
        return Number(trimmed.EndsWith('%') ? trimmed[..^1] : trimmed, what, problems);
    }

    private static decimal? Number(string text, string what, List<string> problems)
    {
        if (ScoreParser.TryParse(text, out var value, out _)) return value;
        problems.Add($"{what} \"{text.Trim()}\" không phải là số");
        return null;
    }

    /// <summary>A tier key made from its label when none is given: "Trễ hạn" → "tre-han".</summary>
    private static string Slug(string label)
    {
        var sb = new StringBuilder();
        foreach (var ch in FactSources.Fold(label))
            sb.Append(char.IsLetterOrDigit(ch) ? ch : '-');
        return sb.ToString().Trim('-');
    }
}
