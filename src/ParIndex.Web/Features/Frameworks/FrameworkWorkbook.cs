using System.Globalization;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using ParIndex.Domain.Assessments;
using ParIndex.Domain.Formatting;
using ParIndex.Domain.Frameworks;
using ParIndex.Domain.Projection;
using ParIndex.Web.Data;
using ParIndex.Web.Features.Exports;
using ParIndex.Web.Features.Operations;

namespace ParIndex.Web.Features.Frameworks;

/// <summary>The outcome of a framework import: refused with every reason, or the year created.</summary>
public sealed record FrameworkImportResult(IReadOnlyList<string> Errors, int Year, int SubCriteria, decimal MaxPoints)
{
    public bool Succeeded => Errors.Count == 0;
    public static FrameworkImportResult Fail(params string[] errors) => new(errors, 0, 0, 0m);
}

/// <summary>
/// A year's framework as an Excel workbook: the template (the table's header, an instructions sheet in Vietnamese and the
/// units' codes), the export of any year to the same template, and the import of a year from it, all or nothing. The
/// rows themselves are <see cref="FrameworkTable"/>'s; this class only reads and writes the cells. The upload is checked
/// by <see cref="XlsxGuard"/> before ClosedXML opens it.
/// </summary>
public static class FrameworkWorkbook
{
    public const string SheetName = "Bộ tiêu chí";
    public const string HelpSheetName = "Hướng dẫn";
    /// <summary>The year's classification bands and scale (optional on import: without it, the default bands).</summary>
    public const string BandsSheetName = "Xếp loại";
    private const string PercentBasis = "tỷ lệ";
    private const string PointsBasis = "số điểm";
    private static readonly string[] BandLabels = ["Tính trên", "Xuất sắc từ", "Tốt từ", "Khá từ", "Trung bình từ", "Quy đổi sang thang"];
    /// <summary>Rows 8–10 of the bands sheet: the not-applicable rule and the caps (absent from older templates: the defaults).</summary>
    private static readonly string[] RuleLabels = ["Tiêu chí không áp dụng", "Điểm thưởng tối đa", "Điểm trừ tối đa"];
    private const int RuleFirstRow = 8;
    private const string RescaleRule = "quy đổi";
    private const string LeaveOutRule = "không quy đổi";
    /// <summary>
    /// The year's survey question groups (điều tra xã hội học): name and maximum only. The points, their source and date are
    /// results the province publishes for the year, entered by the Office on the year's page; a framework does not carry them.
    /// </summary>
    public const string SurveySheetName = "Điều tra xã hội học";
    private static readonly string[] SurveyColumns = ["Nhóm câu hỏi", "Điểm tối đa", "Ghi chú"];
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private const int MaxListedErrors = 200;

    public static async Task<byte[]> TemplateAsync(ParIndexDbContext db, CancellationToken ct = default) =>
        Write([], await UnitsAsync(db, ct), null, null);

    private static IXLCell Header(IXLCell cell, string text)
    {
        cell.Text(text).Style.Font.SetBold().Fill.SetBackgroundColor(Xlsx.HeaderFill);
        return cell;
    }

    /// <summary>The framework of <paramref name="year"/> in the template's form, or null when the year has none.</summary>
    public static async Task<byte[]?> ExportAsync(ParIndexDbContext db, int year, CancellationToken ct = default)
    {
        var framework = await db.Frameworks.AsNoTracking()
            .Include(f => f.Areas).ThenInclude(a => a.Criteria).ThenInclude(c => c.SubCriteria).ThenInclude(s => s.Coordinators)
            .Include(f => f.Surveys).AsSplitQuery().SingleOrDefaultAsync(f => f.Year == year, ct);
        if (framework is null) return null;
        var units = await UnitsAsync(db, ct);
        var rows = FrameworkTable.Rows(framework, units.ToDictionary(u => u.Id, u => u.Code));
        return Write(rows, units, framework.Name, framework);
    }

    /// <summary>The confirmation the import form asks for before a year's framework is replaced.</summary>
    public const string ReplaceConfirmation = "Thay thế bộ tiêu chí hiện có";

    /// <summary>
    /// Reads the file and creates <paramref name="year"/>'s framework, or refuses it whole: a bad file or any bad row
    /// ("Dòng N: lý do"). A year that already has a framework is replaced only when <paramref name="replace"/> confirms it
    /// and nothing refers to its sub-criteria yet (scores, evidence, plan tasks, loss shares); otherwise refused with why.
    /// </summary>
    public static async Task<FrameworkImportResult> ImportAsync(ParIndexDbContext db, Stream file, int year, string name,
        bool replace = false, CancellationToken ct = default)
    {
        if (XlsxGuard.Check(file) is { } refused) return FrameworkImportResult.Fail(refused);
        var existing = await db.Frameworks.AsNoTracking().Where(f => f.Year == year).Select(f => new { f.Id, f.PartsVersion }).SingleOrDefaultAsync(ct);
        if (existing is not null)
        {
            if (await ReplaceBlockersAsync(db, existing.Id, ct) is { Count: > 0 } blockers)
                return FrameworkImportResult.Fail(BlockedMessage(year, blockers));
            if (!replace)
                return FrameworkImportResult.Fail($"Năm {year} đã có bộ tiêu chí (chưa có điểm chấm, minh chứng hay nhiệm vụ kế hoạch gắn với nó). "
                    + $"Muốn thay thế toàn bộ bằng tệp này, chọn \"{ReplaceConfirmation}\" rồi nhập lại; muốn sửa từng dòng, dùng trang của năm {year}.");
        }

        List<TableRow> rows;
        BandsRows? bands;
        List<(string Name, decimal MaxPoints)> surveys;
        var errors = new List<string>();
        try
        {
            using var workbook = new XLWorkbook(file);
            var sheet = workbook.Worksheets.FirstOrDefault(w => FactSources.Fold(w.Name) == FactSources.Fold(SheetName))
                        ?? workbook.Worksheets.FirstOrDefault();
            if (sheet is null) return FrameworkImportResult.Fail("Tệp không có trang tính nào.");
            rows = Read(sheet, errors);
            var bandsSheet = workbook.Worksheets.FirstOrDefault(w => FactSources.Fold(w.Name) == FactSources.Fold(BandsSheetName));
            bands = bandsSheet is null ? null : ReadBands(bandsSheet, errors);
            var surveySheet = workbook.Worksheets.FirstOrDefault(w => FactSources.Fold(w.Name) == FactSources.Fold(SurveySheetName));
            surveys = surveySheet is null ? [] : ReadSurveys(surveySheet, errors);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return FrameworkImportResult.Fail(XlsxGuard.NotXlsxMessage);
        }

        if (errors.Count > 0) return new FrameworkImportResult(Trim(errors), 0, 0, 0m);
        var units = await db.Units.AsNoTracking().Select(u => new { u.Id, u.Code, u.RetiredOn }).ToListAsync(ct);
        var (framework, problems) = FrameworkTable.Build(year, name, rows,
            units.Select(u => new UnitCode(u.Id, u.Code, u.RetiredOn == null)).ToList());
        if (framework is null) return new FrameworkImportResult(Trim(problems), 0, 0, 0m);
        framework.Surveys.AddRange(surveys.Select((g, i) => new SurveyGroup(g.Name, g.MaxPoints, i + 1)));
        if (bands is { Bands: var b, Scale: var scale })
        {
            var bandProblems = b?.Problems(framework.IndexMaxPoints)
                .Select(p => $"Trang \"{BandsSheetName}\", dòng {BandRow(p.Field)}: {LowerFirst(p.Message)}").ToList() ?? [];
            if (bandProblems.Count > 0) return new FrameworkImportResult(bandProblems, 0, 0, 0m);
            framework.SetIndexRules(b, scale);
        }
        if (bands is not null) framework.SetOtherRules(bands.Rule, bands.BonusCap, bands.DeductionCap);

        if (existing is not null) return await ReplaceAsync(db, existing.Id, existing.PartsVersion, framework, ct);
        db.Frameworks.Add(framework);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The same year created by someone else between the check and the save (the year is unique): nothing written.
            db.ChangeTracker.Clear();
            return FrameworkImportResult.Fail($"Bộ tiêu chí năm {year} vừa được người khác tạo; không nhập nữa.");
        }

        return new FrameworkImportResult([], year, framework.Areas.SelectMany(a => a.Criteria).Sum(c => c.SubCriteria.Count), framework.MaxPoints);
    }

    /// <summary>What refers to the framework's sub-criteria and so forbids replacing it (empty: it may be replaced).</summary>
    private static async Task<List<string>> ReplaceBlockersAsync(ParIndexDbContext db, int frameworkId, CancellationToken ct)
    {
        var ids = db.SubCriteria.Where(s => db.Criteria.Any(c => c.Id == s.CriterionId
            && db.Areas.Any(a => a.Id == c.AreaId && a.FrameworkId == frameworkId))).Select(s => s.Id);
        var blockers = new List<string>();
        // A score row is created empty (an evidence upload, a form opened); only a value in some round is a score.
        if (await db.Scores.AnyAsync(s => ids.Contains(s.SubCriterionId)
                && (s.SelfScore != null || s.Round1Score != null || s.Explanation != null || s.Round2Score != null), ct))
            blockers.Add("điểm chấm");
        if (await db.Evidence.AnyAsync(e => db.Scores.Any(s => s.Id == e.SubCriterionScoreId && ids.Contains(s.SubCriterionId)), ct))
            blockers.Add("minh chứng");
        if (await db.Set<ParIndex.Domain.Plans.PlanTaskTarget>().AnyAsync(t => ids.Contains(t.SubCriterionId), ct))
            blockers.Add("nhiệm vụ trong kế hoạch khắc phục gắn với tiêu chí thành phần của năm");
        if (await db.Set<ParIndex.Domain.Accountability.LossShare>().AnyAsync(l => ids.Contains(l.SubCriterionId), ct))
            blockers.Add("phân bổ điểm bị mất cho đơn vị");
        // The survey groups are replaced with the file's, so points already entered for them would be lost.
        if (await db.SurveyGroups.AnyAsync(g => g.FrameworkId == frameworkId && g.Points != null, ct))
            blockers.Add("điểm điều tra xã hội học đã nhập");
        return blockers;
    }

    private static string BlockedMessage(int year, List<string> blockers) =>
        $"Năm {year} đã có bộ tiêu chí và đã có {string.Join(", ", blockers)}: không nhập bộ tiêu chí khác cho năm này, "
        + "để các số liệu đã có không bị thay đổi hay mất liên kết; muốn sửa, dùng trang của năm " + year.ToString(CultureInfo.InvariantCulture) + ".";

    /// <summary>
    /// Replaces the areas, criteria and sub-criteria of the year's framework (the same row, so its assessment stays) by the
    /// imported ones, with the imported name, bands, scale, not-applicable rule, caps and survey groups, in one transaction: the old rows are deleted (each deletion
    /// audited, as is the framework's change), then the new ones written. A concurrent change (another import, a score
    /// entered meanwhile, whose row refers to an old sub-criterion) makes it fail whole and leaves the old framework intact.
    /// </summary>
    private static async Task<FrameworkImportResult> ReplaceAsync(ParIndexDbContext db, int frameworkId, Guid seenVersion,
        Framework imported, CancellationToken ct)
    {
        var conflict = FrameworkImportResult.Fail($"Bộ tiêu chí năm {imported.Year} vừa được người khác thay đổi hoặc vừa có số liệu mới trong lúc nhập; "
            + "không thay thế gì. Vui lòng tải lại trang và thử lại.");
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        try
        {
            var target = await db.Frameworks
                .Include(f => f.Areas).ThenInclude(a => a.Criteria).ThenInclude(c => c.SubCriteria).ThenInclude(s => s.Coordinators)
                .Include(f => f.Surveys).AsSplitQuery().SingleAsync(f => f.Id == frameworkId, ct);
            if (target.PartsVersion != seenVersion) return conflict;
            if (await ReplaceBlockersAsync(db, frameworkId, ct) is { Count: > 0 } blockers)
                return FrameworkImportResult.Fail(BlockedMessage(imported.Year, blockers));
            // The blockers above found no value in any score row: the rows left are empty (no round, no evidence) and go with
            // their sub-criteria.
            var oldIds = target.Areas.SelectMany(a => a.Criteria).SelectMany(c => c.SubCriteria).Select(s => s.Id).ToList();
            db.RemoveRange(await db.Scores.Where(s => oldIds.Contains(s.SubCriterionId)).ToListAsync(ct));
            db.RemoveRange(target.Areas);
            db.RemoveRange(target.Surveys);
            // Emptied before the rules are set, so the bands are not read against the old framework's maximum (the import
            // has read them against the new one).
            target.Areas.Clear();
            target.Surveys.Clear();
            target.Name = imported.Name;
            // PartsVersion is replaced here and checked by the update: a second import that read the same version fails.
            target.SetIndexRules(imported.ExcellentFrom is null ? null : imported.Parts.Bands, imported.Scale);
            target.SetOtherRules(imported.NotApplicableRule, imported.BonusCap, imported.DeductionCap);
            await db.SaveChangesAsync(ct);
            target.Areas.AddRange(imported.Areas);
            target.Surveys.AddRange(imported.Surveys);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateException)
        {
            await transaction.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return conflict;
        }

        return new FrameworkImportResult([], imported.Year, imported.Areas.SelectMany(a => a.Criteria).Sum(c => c.SubCriteria.Count), imported.MaxPoints);
    }

    /// <summary>The table's rows as the cells show them; a header that is not the template's is refused.</summary>
    public static List<TableRow> Read(IXLWorksheet sheet, List<string> errors)
    {
        var columns = FrameworkTable.Columns;
        var map = new Dictionary<int, int>();
        var header = sheet.Row(1);
        var lastColumn = Math.Max(header.LastCellUsed()?.Address.ColumnNumber ?? 0, 1);
        for (var c = 1; c <= lastColumn; c++)
        {
            var folded = FactSources.Fold(header.Cell(c).GetString());
            var index = columns.ToList().FindIndex(col => FactSources.Fold(col) == folded);
            if (index >= 0 && !map.TryAdd(index, c)) errors.Add($"Dòng 1: cột \"{columns[index]}\" xuất hiện hai lần.");
        }

        var missing = Enumerable.Range(0, columns.Count).Where(i => !map.ContainsKey(i)).Select(i => $"\"{columns[i]}\"").ToList();
        if (missing.Count > 0)
        {
            errors.Add($"Dòng 1: thiếu cột {string.Join(", ", missing)}. Vui lòng dùng tệp mẫu.");
            return [];
        }

        var rows = new List<TableRow>();
        var lastRow = sheet.LastRowUsed()?.RowNumber() ?? 1;
        for (var r = 2; r <= lastRow; r++)
        {
            var row = sheet.Row(r);
            string Cell(int i) => Shown(row.Cell(map[i]));
            var cells = Enumerable.Range(0, columns.Count).Select(Cell).ToArray();
            if (cells.All(c => c.Length == 0)) continue;
            rows.Add(new TableRow(r, cells[0], cells[1], cells[2], cells[3], cells[4], cells[5], cells[6], cells[7], cells[8]));
        }

        return rows;
    }

    /// <summary>A cell's text; a number as Vietnamese writes it (4,5), a formula by the value it showed when saved.</summary>
    private static string Shown(IXLCell cell)
    {
        object? value = cell.HasFormula ? cell.CachedValue : null;
        if (!cell.HasFormula && cell.DataType == XLDataType.Number) value = cell.GetDouble();
        return value switch
        {
            double number => Vn.Points(Math.Round((decimal)number, 3, MidpointRounding.AwayFromZero)),
            string text => Vn.Clean(text) ?? "",
            null when !cell.HasFormula => Vn.Clean(cell.GetString()) ?? "",
            IConvertible other => other.ToString(CultureInfo.InvariantCulture),
            _ => "",
        };
    }

    /// <summary>
    /// What the bands sheet holds: the year's own bands (null: the default ones), its scale, the not-applicable rule and the
    /// caps of bonus and deduction (null: no cap).
    /// </summary>
    internal sealed record BandsRows(ClassificationBands? Bands, decimal? Scale, NotApplicableRule Rule, decimal? BonusCap, decimal? DeductionCap);

    private static int BandRow(string field) => field switch
    {
        nameof(ClassificationBands.Excellent) => 3,
        nameof(ClassificationBands.Good) => 4,
        nameof(ClassificationBands.Fair) => 5,
        _ => 6,
    };

    private static string LowerFirst(string text) => text.Length == 0 ? text : char.ToLower(text[0], Vn.Culture) + text[1..];

    /// <summary>"Trang "sheet", dòng N", the start of every message about a cell of the sheets beside the table.</summary>
    private static string Where(string sheet, int row) => $"Trang \"{sheet}\", dòng {row}";

    /// <summary>A cell's number (typed as a number or as Vietnamese writes it), null when empty; not a number: an error.</summary>
    private static decimal? Number(IXLCell cell, string where, List<string> errors)
    {
        if (cell.IsEmpty()) return null;
        if (cell.DataType == XLDataType.Number) return (decimal)cell.GetDouble();
        if (ScoreParser.TryParse(cell.GetString(), out var value, out _)) return value;
        errors.Add($"{where}: \"{cell.GetString()}\" không phải là số.");
        return null;
    }

    /// <summary>Each row's column A must be its label: a message per row that is not.</summary>
    private static void CheckLabels(IXLWorksheet sheet, int firstRow, string[] labels, List<string> errors)
    {
        for (var i = 0; i < labels.Length; i++)
        {
            if (FactSources.Fold(sheet.Cell(firstRow + i, 1).GetString()) != FactSources.Fold(labels[i]))
                errors.Add($"{Where(BandsSheetName, firstRow + i)}: cột A phải là \"{labels[i]}\".");
        }
    }

    /// <summary>
    /// Reads the bands sheet: rows 2–7 as <see cref="BandLabels"/> say, rows 8–10 as <see cref="RuleLabels"/> say (an older
    /// template without them: the default rule, no caps), each bad cell "Trang "Xếp loại", dòng N: lý do".
    /// </summary>
    internal static BandsRows? ReadBands(IXLWorksheet sheet, List<string> errors)
    {
        string Where(int row) => FrameworkWorkbook.Where(BandsSheetName, row);
        var count = errors.Count;
        CheckLabels(sheet, 2, BandLabels, errors);
        var hasRules = Enumerable.Range(RuleFirstRow, RuleLabels.Length).Any(r => !sheet.Cell(r, 1).IsEmpty());
        if (hasRules) CheckLabels(sheet, RuleFirstRow, RuleLabels, errors);
        if (errors.Count > count) return null;
        decimal? Number(int row) => FrameworkWorkbook.Number(sheet.Cell(row, 2), Where(row), errors);
        var basisText = Vn.Clean(sheet.Cell(2, 2).GetString());
        var basis = BandBasis.Percent;
        if (basisText is not null && FactSources.Fold(basisText) == FactSources.Fold(PointsBasis)) basis = BandBasis.Points;
        else if (basisText is not null && FactSources.Fold(basisText) != FactSources.Fold(PercentBasis))
            errors.Add($"{Where(2)}: \"{basisText}\" không phải \"{PercentBasis}\" hay \"{PointsBasis}\".");
        var thresholds = Enumerable.Range(3, 4).Select(Number).ToList();
        var scale = Number(7);
        if (scale is <= 0 or > 1000) errors.Add($"{Where(7)}: thang điểm quy đổi phải lớn hơn 0 và không quá 1.000.");
        if (thresholds.Any(t => t is not null) && thresholds.Any(t => t is null))
            errors.Add($"{Where(3 + thresholds.FindIndex(t => t is null))}: thiếu ngưỡng; ghi đủ bốn ngưỡng, hoặc để trống cả bốn để dùng ngưỡng mặc định.");
        var rule = NotApplicableRule.RescaleToFullMax;
        var ruleText = Vn.Clean(sheet.Cell(RuleFirstRow, 2).GetString());
        if (ruleText is not null && FactSources.Fold(ruleText) == FactSources.Fold(LeaveOutRule)) rule = NotApplicableRule.LeaveOut;
        else if (ruleText is not null && FactSources.Fold(ruleText) != FactSources.Fold(RescaleRule))
            errors.Add($"{Where(RuleFirstRow)}: \"{ruleText}\" không phải \"{RescaleRule}\" hay \"{LeaveOutRule}\".");
        var bonusCap = Number(RuleFirstRow + 1);
        if (bonusCap is < 0 or > 1000) errors.Add($"{Where(RuleFirstRow + 1)}: điểm thưởng tối đa phải từ 0 đến 1.000.");
        var deductionCap = Number(RuleFirstRow + 2);
        if (deductionCap is < 0 or > 1000) errors.Add($"{Where(RuleFirstRow + 2)}: điểm trừ tối đa phải từ 0 đến 1.000.");
        if (errors.Count > count) return null;
        var bands = thresholds.All(t => t is not null)
            ? new ClassificationBands(basis, thresholds[0]!.Value, thresholds[1]!.Value, thresholds[2]!.Value, thresholds[3]!.Value)
            : null;
        return new BandsRows(bands, scale, rule, bonusCap, deductionCap);
    }

    /// <summary>
    /// Reads the survey sheet: under its header, one group a row (name, maximum); empty rows are skipped, the notes column is
    /// not read. Each bad cell "Trang "Điều tra xã hội học", dòng N: lý do".
    /// </summary>
    internal static List<(string Name, decimal MaxPoints)> ReadSurveys(IXLWorksheet sheet, List<string> errors)
    {
        string Where(int row) => FrameworkWorkbook.Where(SurveySheetName, row);
        if (FactSources.Fold(sheet.Cell(1, 1).GetString()) != FactSources.Fold(SurveyColumns[0])
            || FactSources.Fold(sheet.Cell(1, 2).GetString()) != FactSources.Fold(SurveyColumns[1]))
        {
            errors.Add($"{Where(1)}: cột A, B phải là \"{SurveyColumns[0]}\", \"{SurveyColumns[1]}\". Vui lòng dùng tệp mẫu.");
            return [];
        }
        var groups = new List<(string, decimal)>();
        var seen = new Dictionary<string, int>();
        var lastRow = sheet.LastRowUsed()?.RowNumber() ?? 1;
        for (var r = 2; r <= lastRow; r++)
        {
            var name = Shown(sheet.Cell(r, 1));
            var maxCell = sheet.Cell(r, 2);
            if (name.Length == 0 && maxCell.IsEmpty()) continue;
            var count = errors.Count;
            if (name.Length == 0) errors.Add($"{Where(r)}: thiếu tên nhóm câu hỏi.");
            else if (name.Length > SurveyGroup.MaxName) errors.Add($"{Where(r)}: tên nhóm câu hỏi dài quá {SurveyGroup.MaxName} ký tự.");
            else if (!seen.TryAdd(FactSources.Fold(name), r)) errors.Add($"{Where(r)}: nhóm \"{name}\" trùng với dòng {seen[FactSources.Fold(name)]}.");
            var max = Number(maxCell, Where(r), errors);
            if (maxCell.IsEmpty()) errors.Add($"{Where(r)}: thiếu điểm tối đa.");
            else if (max is <= 0 or > 1000) errors.Add($"{Where(r)}: điểm tối đa phải lớn hơn 0 và không quá 1.000.");
            if (errors.Count == count) groups.Add((name, max!.Value));
        }
        return groups;
    }

    private static void WriteSurveys(IXLWorksheet sheet, Framework? framework)
    {
        for (var c = 0; c < SurveyColumns.Length; c++) Header(sheet.Cell(1, c + 1), SurveyColumns[c]);
        var r = 2;
        foreach (var group in framework?.Surveys.OrderBy(g => g.SortOrder).ThenBy(g => g.Id) ?? Enumerable.Empty<SurveyGroup>())
        {
            sheet.Cell(r, 1).Text(group.Name);
            sheet.Cell(r++, 2).Number(group.MaxPoints);
        }
        sheet.Cell(2, 3).Text("Mỗi nhóm câu hỏi điều tra xã hội học (khảo sát sự hài lòng, SIPAS) một dòng: tên và điểm tối đa. "
            + "Điểm đạt, nguồn và ngày công bố là kết quả tỉnh công bố hằng năm: Văn phòng nhập trên trang bộ tiêu chí của năm, không ghi ở đây. "
            + "Để trống nếu chỉ số của năm không có phần điều tra.");
        sheet.Column(1).Width = 60;
        sheet.Column(2).Width = 12;
        sheet.Column(3).Width = 90;
        sheet.Columns(1, 3).Style.Alignment.WrapText = true;
    }

    private static void WriteBands(IXLWorksheet sheet, Framework? framework)
    {
        Header(sheet.Cell(1, 1), "Mục");
        Header(sheet.Cell(1, 2), "Giá trị");
        Header(sheet.Cell(1, 3), "Ghi chú");
        for (var i = 0; i < BandLabels.Length; i++) sheet.Cell(i + 2, 1).Text(BandLabels[i]);
        for (var i = 0; i < RuleLabels.Length; i++) sheet.Cell(RuleFirstRow + i, 1).Text(RuleLabels[i]);
        if (framework is not null)
        {
            sheet.Cell(RuleFirstRow, 2).Text(framework.NotApplicableRule == NotApplicableRule.LeaveOut ? LeaveOutRule : RescaleRule);
            if (framework.BonusCap is { } bonusCap) sheet.Cell(RuleFirstRow + 1, 2).Number(bonusCap);
            if (framework.DeductionCap is { } deductionCap) sheet.Cell(RuleFirstRow + 2, 2).Number(deductionCap);
        }
        if (framework is { ExcellentFrom: not null })
        {
            var bands = framework.Parts.Bands;
            sheet.Cell(2, 2).Text(bands.Basis == BandBasis.Points ? PointsBasis : PercentBasis);
            sheet.Cell(3, 2).Number(bands.Excellent);
            sheet.Cell(4, 2).Number(bands.Good);
            sheet.Cell(5, 2).Number(bands.Fair);
            sheet.Cell(6, 2).Number(bands.Average);
        }
        if (framework?.Scale is { } scale) sheet.Cell(7, 2).Number(scale);
        sheet.Cell(2, 3).Text($"\"{PercentBasis}\" (ngưỡng theo phần trăm tổng điểm) hoặc \"{PointsBasis}\"; để trống bốn ngưỡng: ngưỡng mặc định ({ClassificationBands.Default.Text}).");
        sheet.Cell(3, 3).Text("Ngưỡng tính từ (bao gồm), giảm dần từ Xuất sắc đến Trung bình; dưới ngưỡng Trung bình: Yếu.");
        sheet.Cell(7, 3).Text("Để trống nếu không quy đổi; ví dụ 100 để quy đổi kết quả sang thang 100 điểm.");
        sheet.Cell(RuleFirstRow, 3).Text($"Tiêu chí thành phần được đánh dấu không áp dụng trong năm: \"{RescaleRule}\" (điểm đạt ÷ điểm tối đa áp dụng × điểm tối đa; để trống cũng vậy) "
            + $"hoặc \"{LeaveOutRule}\" (loại khỏi điểm đạt và điểm tối đa).");
        sheet.Cell(RuleFirstRow + 1, 3).Text("Tổng điểm thưởng được tính nhiều nhất (từ 0 đến 1.000); để trống: không giới hạn. Từng khoản thưởng, lý do và minh chứng nhập trên trang của năm.");
        sheet.Cell(RuleFirstRow + 2, 3).Text("Tổng điểm trừ được tính nhiều nhất (từ 0 đến 1.000); để trống: không giới hạn. Từng khoản trừ nhập trên trang của năm.");
        sheet.Column(1).Width = 22;
        sheet.Column(2).Width = 14;
        sheet.Column(3).Width = 90;
    }

    private static byte[] Write(List<TableRow> rows, List<(int Id, string Code, string Name, bool Active)> units, string? name, Framework? framework)
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.Worksheets.Add(SheetName);
        var columns = FrameworkTable.Columns;
        for (var c = 0; c < columns.Count; c++) Header(sheet.Cell(1, c + 1), columns[c]);

        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var r = i + 2;
            sheet.Cell(r, 1).Text(row.Level);
            sheet.Cell(r, 2).Text(row.Code);
            sheet.Cell(r, 3).Text(row.Name);
            if (ScoreParser.TryParse(row.MaxPoints, out var max, out _)) sheet.Cell(r, 4).Number(max);
            sheet.Cell(r, 5).Text(row.RuleKind);
            sheet.Cell(r, 6).Text(row.Parameters);
            sheet.Cell(r, 7).Text(row.Lead);
            sheet.Cell(r, 8).Text(row.Coordinators);
            sheet.Cell(r, 9).Text(row.Guidance);
            if (row.Level != FrameworkTable.SubCriterionLevel)
            {
                sheet.Range(r, 1, r, columns.Count).Style.Font.SetBold().Fill.SetBackgroundColor(Xlsx.GroupFill);
            }
        }

        sheet.Column(1).Width = 20;
        sheet.Column(2).Width = 8;
        sheet.Column(3).Width = 60;
        sheet.Column(4).Width = 11;
        sheet.Column(5).Width = 24;
        sheet.Column(6).Width = 45;
        sheet.Column(7).Width = 14;
        sheet.Column(8).Width = 30;
        sheet.Column(9).Width = 60;
        sheet.Columns(3, 9).Style.Alignment.WrapText = true;
        sheet.SheetView.FreezeRows(1);

        WriteBands(workbook.Worksheets.Add(BandsSheetName), framework);
        WriteSurveys(workbook.Worksheets.Add(SurveySheetName), framework);
        WriteHelp(workbook.Worksheets.Add(HelpSheetName), units, name);
        using var output = new MemoryStream();
        workbook.SaveAs(output);
        return output.ToArray();
    }

    private static void WriteHelp(IXLWorksheet help, List<(int Id, string Code, string Name, bool Active)> units, string? name)
    {
        var r = 1;
        void Line(string text) => help.Cell(r++, 1).Text(text);
        if (name is not null)
        {
            help.Cell(r, 1).Text(name).Style.Font.SetBold();
            r += 2;
        }

        help.Cell(r++, 1).Text("Hướng dẫn nhập bộ tiêu chí").Style.Font.SetBold();
        Line($"1. Trang \"{SheetName}\": mỗi lĩnh vực, tiêu chí, tiêu chí thành phần một dòng, theo thứ tự của bộ tiêu chí; giữ nguyên dòng tiêu đề.");
        Line($"2. Cột \"Cấp\": \"{FrameworkTable.AreaLevel}\", \"{FrameworkTable.CriterionLevel}\" hoặc \"{FrameworkTable.SubCriterionLevel}\". Tiêu chí thuộc lĩnh vực ở dòng trên gần nhất; tiêu chí thành phần thuộc tiêu chí ở dòng trên gần nhất.");
        Line("3. Mã không được trùng. Điểm tối đa là số, dùng dấu phẩy thập phân (ví dụ 0,5). Điểm tối đa của lĩnh vực và tiêu chí phải bằng tổng điểm các dòng con (để trống thì lấy tổng).");
        Line("4. Cách tính điểm và tham số (chỉ ghi cho tiêu chí thành phần; để trống cách tính là \"Nhập điểm\"). Mỗi tham số một dòng trong ô, dạng \"tên: giá trị\":");
        help.Cell(r, 1).Text("Cách tính điểm").Style.Font.SetBold();
        help.Cell(r, 2).Text("Tham số (ví dụ)").Style.Font.SetBold();
        help.Cell(r++, 3).Text("Ý nghĩa").Style.Font.SetBold();
        foreach (var (kind, parameters, meaning) in RuleText.Help)
        {
            help.Cell(r, 1).Text(kind);
            help.Cell(r, 2).Text(parameters);
            help.Cell(r++, 3).Text(meaning);
        }

        r++;
        Line("5. Đơn vị chủ trì: một mã đơn vị. Đơn vị phối hợp: các mã đơn vị cách nhau bằng dấu phẩy. Mã đơn vị theo bảng dưới đây.");
        Line("6. Tệp được nhập toàn bộ hoặc không nhập dòng nào: mọi dòng sai được liệt kê theo số dòng để sửa rồi nhập lại.");
        Line($"7. Trang \"{BandsSheetName}\": ngưỡng xếp loại và thang quy đổi của năm (để trống thì dùng ngưỡng mặc định), cách tính tiêu chí không áp dụng, điểm thưởng và điểm trừ tối đa.");
        Line($"8. Trang \"{SurveySheetName}\": các nhóm câu hỏi điều tra xã hội học của chỉ số, mỗi nhóm một dòng (tên, điểm tối đa). Điểm đạt do Văn phòng nhập khi tỉnh công bố.");
        r++;
        help.Cell(r, 1).Text("Mã đơn vị").Style.Font.SetBold();
        help.Cell(r++, 2).Text("Tên đơn vị").Style.Font.SetBold();
        foreach (var unit in units.Where(u => u.Active))
        {
            help.Cell(r, 1).Text(unit.Code);
            help.Cell(r++, 2).Text(unit.Name);
        }

        help.Column(1).Width = 28;
        help.Column(2).Width = 55;
        help.Column(3).Width = 80;
        help.Columns(2, 3).Style.Alignment.WrapText = true;
    }

    private static async Task<List<(int Id, string Code, string Name, bool Active)>> UnitsAsync(ParIndexDbContext db, CancellationToken ct) =>
        (await db.Units.AsNoTracking().OrderBy(u => u.SortOrder).Select(u => new { u.Id, u.Code, u.Name, u.RetiredOn }).ToListAsync(ct))
        .Select(u => (u.Id, u.Code, u.Name, u.RetiredOn == null)).ToList();

    private static List<string> Trim(List<string> errors) =>
        errors.Count <= MaxListedErrors ? errors : [.. errors.Take(MaxListedErrors), $"… và {errors.Count - MaxListedErrors} dòng lỗi khác."];
}
