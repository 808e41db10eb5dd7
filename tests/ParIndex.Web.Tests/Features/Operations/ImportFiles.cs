using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using ClosedXML.Excel;
using ParIndex.Web.Tests.Infrastructure;

namespace ParIndex.Web.Tests.Features.Operations;

/// <summary>Builds import files (real workbooks, raw streamed xlsx, zip bombs) and posts them through the real form.</summary>
internal static class ImportFiles
{
    public static readonly string[] Header =
        ["Mã hồ sơ", "Tên thủ tục", "Đơn vị", "Ngày tiếp nhận", "Ngày hẹn trả", "Ngày trả kết quả", "Ghi chú"];

    /// <summary>A workbook with the given header and rows; a DateOnly becomes a real date cell, anything else text.</summary>
    public static byte[] Workbook(string[] header, params object?[][] rows)
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.Worksheets.Add("Sheet1");
        for (var c = 0; c < header.Length; c++) sheet.Cell(1, c + 1).Value = header[c];
        for (var r = 0; r < rows.Length; r++)
        {
            for (var c = 0; c < rows[r].Length; c++)
            {
                var cell = sheet.Cell(r + 2, c + 1);
                switch (rows[r][c])
                {
                    case null: break;
                    case DateOnly d: cell.Value = d.ToDateTime(TimeOnly.MinValue); break;
                    case string s: cell.SetValue(s); break;
                    case var v: cell.Value = v; break;
                }
            }
        }
        using var output = new MemoryStream();
        workbook.SaveAs(output);
        return output.ToArray();
    }

    /// <summary>A minimal xlsx written by streaming its XML: fast for tens of thousands of rows.</summary>
    public static byte[] RawXlsx(int dataRows, bool withDimension)
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            Write(zip, "[Content_Types].xml",
                """<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>""");
            Write(zip, "_rels/.rels",
                """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>""");
            Write(zip, "xl/workbook.xml",
                """<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Hồ sơ" sheetId="1" r:id="rId1"/></sheets></workbook>""");
            Write(zip, "xl/_rels/workbook.xml.rels",
                """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>""");
            var entry = zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.Fastest);
            using var writer = new StreamWriter(entry.Open(), new UTF8Encoding(false));
            writer.Write("""<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">""");
            if (withDimension) writer.Write($"""<dimension ref="A1:G{dataRows + 1}"/>""");
            writer.Write("<sheetData>");
            writer.Write("<row r=\"1\">");
            for (var c = 0; c < Header.Length; c++) writer.Write($"<c r=\"{(char)('A' + c)}1\" t=\"inlineStr\"><is><t>{Header[c]}</t></is></c>");
            writer.Write("</row>");
            for (var r = 2; r <= dataRows + 1; r++)
            {
                writer.Write($"<row r=\"{r}\"><c r=\"A{r}\" t=\"inlineStr\"><is><t>BIG-{r}</t></is></c><c r=\"B{r}\" t=\"inlineStr\"><is><t>Thủ tục</t></is></c>"
                    + $"<c r=\"C{r}\" t=\"inlineStr\"><is><t>VP</t></is></c><c r=\"D{r}\" t=\"inlineStr\"><is><t>02/01/2023</t></is></c>"
                    + $"<c r=\"E{r}\" t=\"inlineStr\"><is><t>10/01/2023</t></is></c></row>");
            }
            writer.Write("</sheetData></worksheet>");
        }
        return output.ToArray();
    }

    /// <summary>A small zip (a few hundred KB) whose entries expand to more than 200 MB.</summary>
    public static byte[] ZipBomb()
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            Write(zip, "xl/workbook.xml", "<workbook/>");
            var entry = zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.SmallestSize);
            using var stream = entry.Open();
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 201; i++) stream.Write(zeros);
        }
        return output.ToArray();
    }

    private static void Write(ZipArchive zip, string name, string content)
    {
        using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
        writer.Write(content);
    }

    /// <summary>GETs the page, takes its import form (action and antiforgery token) and posts the file as multipart.</summary>
    public static async Task<HttpResponseMessage> PostImportAsync(TestClient client, byte[] content, string fileName = "ho-so.xlsx",
        string pageUrl = "/Operations/Dossiers")
    {
        var page = await client.GetDocumentAsync(pageUrl);
        var form = page.QuerySelector<IHtmlFormElement>("#import-form")
            ?? throw new InvalidOperationException("No import form on " + pageUrl);
        Assert.Equal("multipart/form-data", form.GetAttribute("enctype"));
        var token = form.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        using var body = new MultipartFormDataContent();
        body.Add(new StringContent(token), "__RequestVerificationToken");
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        body.Add(file, "file", fileName);
        return await client.Http.PostAsync(form.GetAttribute("action"), body);
    }

    /// <summary>
    /// Posts a file that imports, asserts the answer is a redirect away from the Import handler (a refresh cannot
    /// post the file again), and returns the page it leads to, which shows the result.
    /// </summary>
    public static async Task<AngleSharp.Dom.IDocument> ImportAndFollowAsync(TestClient client, byte[] content, string fileName = "ho-so.xlsx",
        string pageUrl = "/Operations/Dossiers")
    {
        var response = await PostImportAsync(client, content, fileName, pageUrl);
        if (response.StatusCode != System.Net.HttpStatusCode.Redirect)
            throw new Xunit.Sdk.XunitException($"Import answered {(int)response.StatusCode}, not a redirect: " +
                (await TestClient.ParseAsync(response)).QuerySelector("main")?.TextContent);
        var location = response.Headers.Location!.ToString();
        Assert.DoesNotContain("handler", location, StringComparison.OrdinalIgnoreCase);
        return await client.GetDocumentAsync(location);
    }
}
