using System.IO.Compression;
using System.Net;
using System.Text;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using ParIndex.Web.Data.Seed;
using ParIndex.Web.Tests.Infrastructure;

namespace ParIndex.Web.Tests.Features.Operations;

/// <summary>
/// Formula cells in an import are read as the value the cell showed when the file was saved, and listed in the summary.
/// The workbook is written as Excel writes one: each formula with its cached result (t="str" and a &lt;v&gt;).
/// </summary>
public class DossierFormulaTests(ParIndexFactory factory) : IClassFixture<ParIndexFactory>
{
    private static string Cell(string reference, string text) =>
        $"<c r=\"{reference}\" t=\"inlineStr\"><is><t>{System.Security.SecurityElement.Escape(text)}</t></is></c>";

    private static string Formula(string reference, string formula, string shown) =>
        $"<c r=\"{reference}\" t=\"str\"><f>{System.Security.SecurityElement.Escape(formula)}</f><v>{System.Security.SecurityElement.Escape(shown)}</v></c>";

    private static byte[] Workbook(string dataRow)
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Write(string name, string content)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
                writer.Write(content);
            }
            Write("[Content_Types].xml",
                """<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>""");
            Write("_rels/.rels",
                """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>""");
            Write("xl/workbook.xml",
                """<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Hồ sơ" sheetId="1" r:id="rId1"/></sheets></workbook>""");
            Write("xl/_rels/workbook.xml.rels",
                """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>""");
            var header = string.Concat(ImportFiles.Header.Select((h, i) => Cell($"{(char)('A' + i)}1", h)));
            Write("xl/worksheets/sheet1.xml",
                $"""<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">{header}</row><row r="2">{dataRow}</row></sheetData></worksheet>""");
        }
        return output.ToArray();
    }

    [Fact]
    public async Task A_HYPERLINK_cell_is_stored_as_the_text_it_shows_and_formula_cells_are_listed()
    {
        var row = Formula("A2", "HYPERLINK(\"https://dichvucong.gov.vn/ho-so/FORM-1\",\"FORM-1\")", "FORM-1")
                  + Cell("B2", "Cấp giấy phép xây dựng") + Cell("C2", "QHGD")
                  + Cell("D2", "02/01/2023") + Cell("E2", "10/01/2023") + Cell("F2", "")
                  + Formula("G2", "B2&\" - bổ sung\"", "Cấp giấy phép xây dựng - bổ sung");
        var bytes = Workbook(row);
        // An independent reader sees the formulas with their saved results.
        using (var check = new XLWorkbook(new MemoryStream(bytes)))
        {
            Assert.True(check.Worksheet(1).Cell("A2").HasFormula);
            Assert.Equal("FORM-1", check.Worksheet(1).Cell("A2").CachedValue?.ToString());
        }

        using var client = await factory.CreateTestClient().SignInAsync(DemoAccounts.Office);
        var page = await ImportFiles.ImportAndFollowAsync(client, bytes, "co-cong-thuc.xlsx");
        Assert.True(page.QuerySelector("#import-result") is not null, page.QuerySelector("main")?.TextContent);
        var formulas = page.QuerySelectorAll("#import-formulas li").Select(li => li.TextContent).ToList();
        Assert.Equal(2, formulas.Count);
        Assert.Contains("Dòng 2, cột \"Mã hồ sơ\" (ô A2): công thức =HYPERLINK", formulas[0]);
        Assert.Contains("\"FORM-1\"", formulas[0]);
        Assert.Contains("cột \"Ghi chú\"", formulas[1]);

        var stored = await factory.WithDbAsync(db => db.Dossiers.AsNoTracking().Where(d => d.Code.StartsWith("FORM-") || d.Code.Contains("XLHyperlink"))
            .Select(d => new { d.Code, d.Note }).ToListAsync());
        var dossier = Assert.Single(stored);
        Assert.Equal("FORM-1", dossier.Code);
        Assert.Equal("Cấp giấy phép xây dựng - bổ sung", dossier.Note);
    }
}
