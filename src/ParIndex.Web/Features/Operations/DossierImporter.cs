using System.Globalization;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using ParIndex.Domain;
using ParIndex.Domain.Operations;
using ParIndex.Domain.Projection;
using ParIndex.Web.Data;
using ParIndex.Web.Infrastructure;

namespace ParIndex.Web.Features.Operations;

/// <summary>
/// The outcome of an import: refused (Errors), or imported: dossiers added, dossiers already recorded that the file
/// changed (each row with what changed), and rows already recorded as they are (SkippedExisting).
/// </summary>
public sealed record ImportResult(IReadOnlyList<string> Errors, int Imported, IReadOnlyList<string> SkippedExisting)
{
    /// <summary>Cells that held a formula: the value the cell showed (Excel's saved result) was taken, never recomputed.</summary>
    public IReadOnlyList<string> FormulaCells { get; init; } = [];
    /// <summary>Recorded dossiers the file changed: "Dòng N: hồ sơ X: ngày trả kết quả: chưa trả → 05/04/2023".</summary>
    public IReadOnlyList<string> UpdatedRows { get; init; } = [];
    public int Updated { get; init; }
    /// <summary>Of the dossiers imported, how many are late, and their days late summed, in working days.</summary>
    public int Late { get; init; }
    public int LateWorkingDays { get; init; }
    public bool Succeeded => Errors.Count == 0;
    public static ImportResult Fail(params string[] errors) => new(errors, 0, []);
}

/// <summary>
/// Imports an export of the one-stop system (first sheet; a header row whose Vietnamese column names are matched
/// in any order, ignoring case, diacritics and spacing). All or nothing: one bad row refuses the whole file.
/// A code repeated inside the file is a bad row; a code already recorded is updated to what the file says (each
/// change listed in the result and kept in <see cref="DossierImportChange"/>, so the import can be undone), or
/// reported as unchanged; never duplicated.
/// A formula cell (=HYPERLINK(…), =A2&amp;B2…) is read as the text it showed when the file was saved (its cached value):
/// ClosedXML would otherwise recompute it, and a HYPERLINK came out as "ClosedXML.Excel.XLHyperlink". Every formula
/// cell is listed in the result, so the person importing sees which values came from formulas.
/// </summary>
public sealed class DossierImporter(ParIndexDbContext db, Clock clock)
{
    public const string SheetName = "Hồ sơ";

    /// <summary>Column headers of the template, in order; the first five are required.</summary>
    public static readonly string[] Columns =
        ["Mã hồ sơ", "Tên thủ tục", "Đơn vị", "Ngày tiếp nhận", "Ngày hẹn trả", "Ngày trả kết quả", "Ghi chú"];

    private const int RequiredColumns = 5;
    private const int MaxListedErrors = 200;

    public async Task<ImportResult> ImportAsync(Stream file, string fileName, string by, CancellationToken ct = default)
    {
        if (XlsxGuard.Check(file) is { } refused) return ImportResult.Fail(refused);

        XLWorkbook workbook;
        try
        {
            workbook = new XLWorkbook(file);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return ImportResult.Fail(XlsxGuard.NotXlsxMessage);
        }

        List<Row> rows;
        var errors = new List<string>();
        var formulas = new List<string>();
        using (workbook)
        {
            var sheet = workbook.Worksheets.FirstOrDefault();
            if (sheet is null) return ImportResult.Fail("Tệp không có trang tính nào.");
            var units = await db.Units.AsNoTracking().Select(u => new { u.Id, u.Code, u.Name }).ToListAsync(ct);
            var unitIndex = new Dictionary<string, int>();
            foreach (var u in units)
            {
                unitIndex.TryAdd(FactSources.Fold(u.Code), u.Id);
                unitIndex.TryAdd(FactSources.Fold(u.Name), u.Id);
            }
            rows = ReadRows(sheet, unitIndex, clock.Today, errors, formulas);
        }

        var formulaCells = Trim(formulas);
        if (errors.Count > 0) return new ImportResult(Trim(errors), 0, []) { FormulaCells = formulaCells };
        if (rows.Count == 0) return ImportResult.Fail("Tệp không có dòng dữ liệu nào dưới dòng tiêu đề.");

        var codes = rows.Select(r => r.Code).ToList();
        var existing = (await db.Dossiers.Where(d => codes.Contains(d.Code)).ToListAsync(ct))
            .ToDictionary(d => d.Code, StringComparer.OrdinalIgnoreCase);
        var unitNames = await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        string UnitName(int id) => unitNames.GetValueOrDefault(id, "");
        var fresh = rows.Where(r => !existing.ContainsKey(r.Code)).ToList();
        var changed = new List<(Row Row, Dossier Dossier, IReadOnlyList<string> Differences)>();
        var skipped = new List<string>();
        foreach (var r in rows.Where(r => existing.ContainsKey(r.Code)))
        {
            var dossier = existing[r.Code];
            var differences = dossier.Values.Differences(r.Values, UnitName);
            if (differences.Count == 0) skipped.Add($"Dòng {r.Line}: mã hồ sơ {r.Code} đã có, không thay đổi.");
            else changed.Add((r, dossier, differences));
        }
        if (fresh.Count == 0 && changed.Count == 0) return new ImportResult([], 0, skipped) { FormulaCells = formulaCells };

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            var import = new DossierImport(Path.GetFileName(fileName), fresh.Count, by, clock.UtcNow, changed.Count);
            db.DossierImports.Add(import);
            await db.SaveChangesAsync(ct);
            foreach (var r in fresh)
            {
                var dossier = new Dossier(r.Code, r.Procedure, r.UnitId, r.Received, r.Due, r.Returned, r.Note, import.Id);
                db.Dossiers.Add(dossier);
                db.Add(new DossierImportChange(import.Id, dossier, null));
            }
            foreach (var (r, dossier, _) in changed)
            {
                var (previous, before) = (dossier.Values, dossier.Version);
                dossier.Update(r.Values);
                db.Add(new DossierImportChange(import.Id, dossier, previous, before));
            }
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException)
        {
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return ImportResult.Fail("Có hồ sơ vừa được người khác nhập hoặc sửa cùng lúc; không hồ sơ nào được ghi. Vui lòng thử lại.");
        }
        var updatedRows = changed.Select(c => $"Dòng {c.Row.Line}: hồ sơ {c.Row.Code}: {string.Join("; ", c.Differences)}.").ToList();

        var calendar = await CalendarService.ReadAsync(db, ct);
        var late = fresh.Select(r => Dossier.WorkingDaysLate(r.Received, r.Due, r.Returned, clock.Today, calendar)).Where(d => d > 0).ToList();
        return new ImportResult([], fresh.Count, skipped)
        {
            FormulaCells = formulaCells,
            Late = late.Count,
            LateWorkingDays = late.Sum(),
            Updated = changed.Count,
            UpdatedRows = Trim(updatedRows),
        };
    }

    /// <summary>The template: the header row on the first sheet, guidance and the unit list on a second one.</summary>
    public async Task<byte[]> TemplateAsync(CancellationToken ct = default)
    {
        var units = await db.Units.AsNoTracking().OrderBy(u => u.SortOrder).Select(u => new { u.Code, u.Name }).ToListAsync(ct);
        using var workbook = new XLWorkbook();
        var sheet = workbook.Worksheets.Add(SheetName);
        for (var i = 0; i < Columns.Length; i++)
        {
            sheet.Cell(1, i + 1).Value = Columns[i];
            sheet.Cell(1, i + 1).Style.Font.Bold = true;
        }
        sheet.Range(2, 4, 1000, 6).Style.NumberFormat.Format = "dd/MM/yyyy";
        sheet.Columns(1, Columns.Length).Width = 22;

        var help = workbook.Worksheets.Add("Hướng dẫn");
        help.Cell(1, 1).Value = "Nhập mỗi hồ sơ trên một dòng của trang đầu tiên, giữ nguyên dòng tiêu đề (thứ tự cột tùy ý).";
        help.Cell(2, 1).Value = "Ngày ghi theo dạng dd/MM/yyyy. Cột Đơn vị ghi mã hoặc tên đơn vị như bảng dưới đây.";
        help.Cell(3, 1).Value = "Các cột bắt buộc: " + string.Join(", ", Columns.Take(RequiredColumns)) + ".";
        help.Cell(5, 1).Value = "Mã đơn vị";
        help.Cell(5, 2).Value = "Tên đơn vị";
        for (var i = 0; i < units.Count; i++)
        {
            help.Cell(6 + i, 1).Value = units[i].Code;
            help.Cell(6 + i, 2).Value = units[i].Name;
        }
        using var output = new MemoryStream();
        workbook.SaveAs(output);
        return output.ToArray();
    }

    private sealed record Row(int Line, string Code, string Procedure, int UnitId, DateOnly Received, DateOnly Due, DateOnly? Returned,
        string? Note)
    {
        public DossierValues Values => new(Procedure, UnitId, Received, Due, Returned, Note);
    }

    private static List<Row> ReadRows(IXLWorksheet sheet, Dictionary<string, int> units, DateOnly today, List<string> errors,
        List<string> formulas)
    {
        var rows = new List<Row>();
        var header = sheet.Row(1);
        var lastColumn = Math.Max(header.LastCellUsed()?.Address.ColumnNumber ?? 0, 1);
        var map = new Dictionary<int, int>(); // column index in Columns → sheet column
        for (var c = 1; c <= lastColumn; c++)
        {
            var name = FactSources.Fold(header.Cell(c).GetString());
            var index = Array.FindIndex(Columns, col => FactSources.Fold(col) == name);
            if (index >= 0 && !map.TryAdd(index, c)) errors.Add($"Dòng 1: cột \"{Columns[index]}\" xuất hiện hai lần.");
        }
        var missing = Enumerable.Range(0, RequiredColumns).Where(i => !map.ContainsKey(i)).Select(i => $"\"{Columns[i]}\"").ToList();
        if (missing.Count > 0)
        {
            errors.Add($"Dòng 1: thiếu cột {string.Join(", ", missing)}. Vui lòng dùng tệp mẫu.");
            return rows;
        }
        if (errors.Count > 0) return rows;

        var lastRow = sheet.LastRowUsed()?.RowNumber() ?? 1;
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var r = 2; r <= lastRow; r++)
        {
            var row = sheet.Row(r);
            foreach (var (index, column) in map.OrderBy(m => m.Value))
                if (row.Cell(column).HasFormula)
                    formulas.Add($"Dòng {r}, cột \"{Columns[index]}\" (ô {row.Cell(column).Address}): công thức ={row.Cell(column).FormulaA1}; "
                                 + $"đã lấy giá trị hiển thị \"{Vn(Shown(row.Cell(column)))}\".");
            string Text(int i) => map.TryGetValue(i, out var c) ? Vn(Shown(row.Cell(c))) : "";
            if (Enumerable.Range(0, Columns.Length).All(i => Text(i).Length == 0)) continue;

            var problems = new List<string>();
            var code = Text(0);
            var procedure = Text(1);
            var unitText = Text(2);
            if (code.Length == 0) problems.Add("thiếu mã hồ sơ");
            else if (code.Length > 100) problems.Add("mã hồ sơ dài quá 100 ký tự");
            if (procedure.Length == 0) problems.Add("thiếu tên thủ tục");
            int unitId = 0;
            if (unitText.Length == 0) problems.Add("thiếu đơn vị");
            else if (!units.TryGetValue(FactSources.Fold(unitText), out unitId)) problems.Add($"không có đơn vị \"{unitText}\"");

            var received = ReadDate(row, map, 3, required: true, problems);
            var due = ReadDate(row, map, 4, required: true, problems);
            var returned = ReadDate(row, map, 5, required: false, problems);
            if (received is { } rec && due is { } d && d < rec) problems.Add("ngày hẹn trả trước ngày tiếp nhận");
            if (received is { } rec2 && returned is { } ret && ret < rec2) problems.Add("ngày trả kết quả trước ngày tiếp nhận");
            if (received is { } rec3 && rec3 > today) problems.Add("ngày tiếp nhận sau ngày hôm nay");
            if (returned is { } ret2 && ret2 > today) problems.Add("ngày trả kết quả sau ngày hôm nay");
            if (code.Length > 0 && !seen.TryAdd(code, r)) problems.Add($"mã hồ sơ {code} trùng với dòng {seen[code]}");

            if (problems.Count > 0)
            {
                errors.Add($"Dòng {r}: {string.Join("; ", problems)}.");
                continue;
            }
            var note = Text(6);
            rows.Add(new Row(r, code, procedure, unitId, received!.Value, due!.Value, returned, note.Length == 0 ? null : note));
        }
        return rows;
    }

    /// <summary>The text a cell shows: for a formula, the result saved with the file (never recomputed here).</summary>
    private static string Shown(IXLCell cell)
    {
        if (!cell.HasFormula) return cell.GetString();
        return cell.CachedValue switch
        {
            null => "",
            string text => text,
            double number => number.ToString(CultureInfo.InvariantCulture),
            DateTime date => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
            bool flag => flag ? "TRUE" : "FALSE",
            IConvertible value => value.ToString(CultureInfo.InvariantCulture),
            _ => "", // an object (ClosedXML's XLHyperlink…) is not a value the cell showed
        };
    }

    private static readonly string[] DateFormats = ["dd/MM/yyyy", "d/M/yyyy", "yyyy-MM-dd", "dd-MM-yyyy", "d-M-yyyy", "dd.MM.yyyy"];

    private static DateOnly? ReadDate(IXLRow row, Dictionary<int, int> map, int index, bool required, List<string> problems)
    {
        var label = Columns[index].ToLower(CultureInfo.GetCultureInfo("vi-VN"));
        if (!map.TryGetValue(index, out var c))
        {
            if (required) problems.Add($"thiếu {label}");
            return null;
        }
        var cell = row.Cell(c);
        if (cell.HasFormula)
        {
            // The saved result: a date, a serial number, or text.
            switch (cell.CachedValue)
            {
                case DateTime savedDate:
                    return DateOnly.FromDateTime(savedDate);
                case double savedSerial when savedSerial is >= 1 and < 2958466 && savedSerial == Math.Floor(savedSerial):
                    return DateOnly.FromDateTime(DateTime.FromOADate(savedSerial));
            }
            var shown = Shown(cell).Trim();
            if (shown.Length == 0)
            {
                if (required) problems.Add($"thiếu {label}");
                return null;
            }
            if (DateOnly.TryParseExact(shown, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var fromText)) return fromText;
            if (double.TryParse(shown, NumberStyles.Float, CultureInfo.InvariantCulture, out var serialText)
                && serialText is >= 1 and < 2958466 && serialText == Math.Floor(serialText))
                return DateOnly.FromDateTime(DateTime.FromOADate(serialText));
            problems.Add($"{label} \"{shown}\" không phải là ngày (dd/MM/yyyy)");
            return null;
        }
        if (cell.IsEmpty())
        {
            if (required) problems.Add($"thiếu {label}");
            return null;
        }
        switch (cell.DataType)
        {
            case XLDataType.DateTime:
                return DateOnly.FromDateTime(cell.GetDateTime());
            case XLDataType.Number:
                var serial = cell.GetDouble();
                if (serial is >= 1 and < 2958466 && serial == Math.Floor(serial))
                    return DateOnly.FromDateTime(DateTime.FromOADate(serial));
                break;
            default:
                var text = cell.GetString().Trim();
                if (DateOnly.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
                    return parsed;
                break;
        }
        problems.Add($"{label} \"{cell.GetString().Trim()}\" không phải là ngày (dd/MM/yyyy)");
        return null;
    }

    private static string Vn(string? text) =>
        ParIndex.Domain.Formatting.Vn.Clean(text) ?? "";

    private static List<string> Trim(List<string> errors) =>
        errors.Count <= MaxListedErrors
            ? errors
            : [.. errors.Take(MaxListedErrors), $"… và {errors.Count - MaxListedErrors} dòng lỗi khác."];
}
