using ParIndex.Domain.Formatting;
using ParIndex.Domain.Projection;
using ParIndex.Domain.Scoring;

namespace ParIndex.Domain.Frameworks;

/// <summary>One row of a framework table, every cell as the text it shows; <see cref="Line"/> is the sheet's row number.</summary>
public sealed record TableRow(int Line, string Level, string Code, string Name, string MaxPoints, string RuleKind, string Parameters,
    string Lead, string Coordinators, string Guidance);

/// <summary>A unit as the table names it: by its code.</summary>
public sealed record UnitCode(int Id, string Code, bool Active);

/// <summary>
/// A year's criteria set as the table the province sends: one row per area, criterion and sub-criterion, in order (a
/// criterion belongs to the area above it, a sub-criterion to the criterion above it). <see cref="Rows"/> writes a
/// framework as rows; <see cref="Build"/> reads rows into a new framework, all or nothing, with "Dòng N: lý do" for each
/// bad row. Areas' and criteria's maximum points are the sums of their sub-criteria: written for the reader, and checked
/// when read (a blank one is taken as the sum).
/// </summary>
public static class FrameworkTable
{
    public const string AreaLevel = "Lĩnh vực";
    public const string CriterionLevel = "Tiêu chí";
    public const string SubCriterionLevel = "Tiêu chí thành phần";

    /// <summary>The columns, in the template's order.</summary>
    public static IReadOnlyList<string> Columns { get; } =
        ["Cấp", "Mã", "Tên", "Điểm tối đa", "Cách tính điểm", "Tham số", "Đơn vị chủ trì", "Đơn vị phối hợp", "Hướng dẫn chấm điểm"];

    // The database's column sizes (Data/Configurations/FrameworkConfiguration).
    private const int CodeLength = 20;
    private const int NameLength = 500;
    private const int GuidanceLength = 4000;
    private const int ParametersLength = 4000;

    public static List<TableRow> Rows(Framework framework, IReadOnlyDictionary<int, string> unitCodes)
    {
        var rows = new List<TableRow>();
        string Unit(int? id) => id is { } i && unitCodes.TryGetValue(i, out var code) ? code : "";
        foreach (var area in framework.Areas.OrderBy(a => a.SortOrder))
        {
            rows.Add(new(rows.Count + 2, AreaLevel, area.Code, area.Name, Vn.Points(area.MaxPoints), "", "", "", "", ""));
            foreach (var criterion in area.Criteria.OrderBy(c => c.SortOrder))
            {
                rows.Add(new(rows.Count + 2, CriterionLevel, criterion.Code, criterion.Name, Vn.Points(criterion.MaxPoints), "", "", "", "", ""));
                foreach (var sub in criterion.SubCriteria.OrderBy(s => s.SortOrder))
                {
                    var rule = sub.Rule();
                    rows.Add(new(rows.Count + 2, SubCriterionLevel, sub.Code, sub.Name, Vn.Points(sub.MaxPoints), RuleText.KindName(rule.Kind),
                        RuleText.Format(rule), Unit(sub.LeadUnitId),
                        string.Join(", ", sub.Coordinators.Select(c => Unit(c.UnitId)).Where(c => c.Length > 0)), sub.Guidance ?? ""));
                }
            }
        }

        return rows;
    }

    /// <summary>The framework the rows describe, or null with every bad row's reason ("Dòng 5: …").</summary>
    public static (Framework? Framework, List<string> Errors) Build(int year, string name, IReadOnlyList<TableRow> rows,
        IReadOnlyCollection<UnitCode> units)
    {
        var errors = new List<string>();
        if (year is < 2000 or > 2100) errors.Add("Năm không hợp lệ.");
        if (string.IsNullOrWhiteSpace(name)) errors.Add("Vui lòng nhập tên bộ tiêu chí.");
        else if (name.Trim().Length > NameLength) errors.Add($"Tên bộ tiêu chí dài quá {NameLength} ký tự.");
        if (errors.Count > 0) return (null, errors);

        var byCode = new Dictionary<string, UnitCode>();
        foreach (var unit in units) byCode.TryAdd(FactSources.Fold(unit.Code), unit);
        var framework = new Framework(year, Vn.Clean(name)!);
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var stated = new List<(int Line, string Code, string Level, decimal Max, Func<decimal> Sum)>();
        Area? area = null;
        Criterion? criterion = null;
        var areaLine = 0;
        var criterionLine = 0;
        foreach (var row in rows)
        {
            var problems = new List<string>();
            var code = Vn.Clean(row.Code) ?? "";
            var title = Vn.Clean(row.Name) ?? "";
            if (!TryLevel(row.Level, code, out var level))
            {
                errors.Add($"Dòng {row.Line}: cấp \"{Vn.Clean(row.Level)}\" không rõ; ghi \"{AreaLevel}\", \"{CriterionLevel}\" hoặc \"{SubCriterionLevel}\".");
                continue;
            }

            if (code.Length == 0) problems.Add("thiếu mã");
            else if (code.Length > CodeLength) problems.Add($"mã dài quá {CodeLength} ký tự");
            else if (!seen.TryAdd(code, row.Line)) problems.Add($"mã {code} trùng với dòng {seen[code]}");
            if (title.Length == 0) problems.Add("thiếu tên");
            else if (title.Length > NameLength) problems.Add($"tên dài quá {NameLength} ký tự");

            decimal? max = null;
            var maxText = Vn.Clean(row.MaxPoints);
            if (maxText is not null)
            {
                if (!ScoreParser.TryParse(maxText, out var parsed, out _)) problems.Add($"điểm tối đa \"{maxText}\" không phải là số");
                else if (parsed <= 0m) problems.Add("điểm tối đa phải lớn hơn 0");
                else max = parsed;
            }

            switch (level)
            {
                case 0:
                    if (problems.Count == 0)
                    {
                        var newArea = new Area(code, title, framework.Areas.Count + 1);
                        framework.Areas.Add(newArea);
                        area = newArea;
                        criterion = null;
                        if (max is { } m) stated.Add((row.Line, code, "lĩnh vực", m, () => newArea.MaxPoints));
                    }
                    else
                    {
                        area = null;
                        criterion = null;
                    }

                    areaLine = row.Line;
                    criterionLine = 0;
                    break;
                case 1:
                    if (area is null && areaLine == 0) problems.Add("tiêu chí chưa thuộc lĩnh vực nào (thiếu dòng lĩnh vực phía trên)");
                    if (problems.Count == 0 && area is not null)
                    {
                        var newCriterion = new Criterion(code, title, area.Criteria.Count + 1);
                        area.Criteria.Add(newCriterion);
                        criterion = newCriterion;
                        if (max is { } m) stated.Add((row.Line, code, "tiêu chí", m, () => newCriterion.MaxPoints));
                    }
                    else
                    {
                        criterion = null;
                    }

                    criterionLine = row.Line;

                    break;
                default:
                    if (criterion is null && criterionLine == 0)
                        problems.Add("tiêu chí thành phần chưa thuộc tiêu chí nào (thiếu dòng tiêu chí phía trên)");
                    if (max is null && maxText is null) problems.Add("thiếu điểm tối đa");
                    var guidance = Vn.Clean(row.Guidance);
                    if (guidance?.Length > GuidanceLength) problems.Add($"hướng dẫn dài quá {GuidanceLength} ký tự");
                    var kindText = Vn.Clean(row.RuleKind);
                    var kind = RuleKind.Manual;
                    ScoringRule? rule = null;
                    if (kindText is not null && !RuleText.TryParseKind(kindText, out kind))
                    {
                        problems.Add($"không có cách tính điểm \"{kindText}\" (xem trang Hướng dẫn)");
                    }
                    else
                    {
                        rule = RuleText.TryParse(kind, row.Parameters, problems);
                        if (rule is not null && max is { } ruleMax)
                            problems.AddRange(rule.ValidateDefinition(ruleMax).Select(LowerFirst));
                        if (rule is not null && rule.ToJson().Length > ParametersLength) problems.Add("tham số quá dài");
                    }

                    var lead = Unit(row.Lead, byCode, problems);
                    var coordinators = new List<int>();
                    foreach (var part in (Vn.Clean(row.Coordinators) ?? "").Split([',', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    {
                        if (Unit(part, byCode, problems) is { } id && !coordinators.Contains(id)) coordinators.Add(id);
                    }

                    if (problems.Count == 0 && criterion is not null && rule is not null && max is { } subMax)
                    {
                        var sub = new SubCriterion(code, title, subMax, kind, rule.ToJson(), guidance, lead, criterion.SubCriteria.Count + 1);
                        sub.Coordinators.AddRange(coordinators.Select(u => new SubCriterionCoordinator(u)));
                        criterion.SubCriteria.Add(sub);
                    }

                    break;
            }

            if (problems.Count > 0) errors.Add($"Dòng {row.Line}: {string.Join("; ", problems)}.");
        }

        if (errors.Count > 0) return (null, errors);
        if (framework.Areas.Count == 0) return (null, ["Bảng không có dòng lĩnh vực, tiêu chí nào dưới dòng tiêu đề."]);

        foreach (var (line, code, level, max, sum) in stated)
        {
            var total = sum();
            if (total != max)
            {
                var parts = level == "lĩnh vực" ? "các tiêu chí" : "các tiêu chí thành phần";
                errors.Add($"Dòng {line}: tổng điểm {parts} ({Vn.Points(total)}) khác điểm tối đa của {level} {code} ({Vn.Points(max)}).");
            }
        }

        foreach (var a in framework.Areas)
        {
            if (a.Criteria.Count == 0) errors.Add($"Lĩnh vực {a.Code} không có tiêu chí nào.");
            foreach (var c in a.Criteria.Where(c => c.SubCriteria.Count == 0))
                errors.Add($"Tiêu chí {c.Code} không có tiêu chí thành phần nào.");
        }

        return errors.Count > 0 ? (null, errors) : (framework, errors);
    }

    /// <summary>The level written, or inferred from the code's dots when the cell is blank ("1" area, "1.1" criterion, "1.1.1" sub-criterion).</summary>
    private static bool TryLevel(string? text, string code, out int level)
    {
        var folded = FactSources.Fold(text);
        level = folded switch
        {
            _ when folded == FactSources.Fold(AreaLevel) => 0,
            _ when folded == FactSources.Fold(CriterionLevel) => 1,
            _ when folded == FactSources.Fold(SubCriterionLevel) => 2,
            "" when code.Length > 0 => Math.Min(code.Trim('.').Count(ch => ch == '.'), 2),
            _ => -1,
        };
        return level >= 0;
    }

    private static int? Unit(string? text, Dictionary<string, UnitCode> byCode, List<string> problems)
    {
        var code = Vn.Clean(text);
        if (code is null) return null;
        if (!byCode.TryGetValue(FactSources.Fold(code), out var unit))
        {
            problems.Add($"không có đơn vị mã \"{code}\"");
            return null;
        }

        if (!unit.Active)
        {
            problems.Add($"đơn vị mã \"{code}\" đã ngừng hoạt động");
            return null;
        }

        return unit.Id;
    }

    private static string LowerFirst(string text) =>
        text.Length == 0 ? text : char.ToLower(text[0], Vn.Culture) + text[1..].TrimEnd('.');
}
