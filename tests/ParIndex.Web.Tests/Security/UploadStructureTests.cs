using System.Text;
using Microsoft.AspNetCore.Http;
using ParIndex.Web.Infrastructure;
using ParIndex.Web.Tests.Infrastructure;
using UglyToad.PdfPig;

namespace ParIndex.Web.Tests.Security;

/// <summary>Uploads are checked by their structure: look-alikes that only start like the real thing are refused.</summary>
public class UploadStructureTests
{
    private static Task<string?> ValidateAsync(string name, byte[] content) =>
        FileStore.ValidateAsync(new FormFile(new MemoryStream(content), 0, content.Length, "file", name), default);

    [Fact]
    public async Task Real_files_of_every_kind_pass_and_independent_readers_open_them()
    {
        var pdf = TestFiles.Pdf("Bien ban hop");
        using (var document = PdfDocument.Open(pdf)) Assert.Contains("Bien ban hop", document.GetPage(1).Text);
        Assert.Null(await ValidateAsync("bien-ban.pdf", pdf));
        Assert.Null(await ValidateAsync("anh.png", TestFiles.Png()));
        Assert.Null(await ValidateAsync("van-ban.docx", TestFiles.Docx()));
        // What the application itself produces is accepted back: its PDF (PDFsharp) and its workbooks (ClosedXML).
        using var wb = new ClosedXML.Excel.XLWorkbook();
        wb.Worksheets.Add("Trang 1").Cell(1, 1).Value = "x";
        using var xlsx = new MemoryStream();
        wb.SaveAs(xlsx);
        Assert.Null(await ValidateAsync("bang.xlsx", xlsx.ToArray()));
    }

    [Fact]
    public async Task A_PDF_header_followed_by_HTML_is_refused()
    {
        var fake = Encoding.ASCII.GetBytes("%PDF-1.7\n<html><body><script>alert(document.cookie)</script></body></html>\n" + new string(' ', 200));
        Assert.Equal(FileStore.StructureMessage, await ValidateAsync("bao-cao.pdf", fake));
        // A real PDF whose startxref points nowhere, or that lost its end, is refused too.
        var pdf = Encoding.Latin1.GetString(TestFiles.Pdf());
        Assert.NotNull(await ValidateAsync("a.pdf", Encoding.Latin1.GetBytes(pdf.Replace("startxref\n", "startxref\n1", StringComparison.Ordinal))));
        Assert.NotNull(await ValidateAsync("b.pdf", Encoding.Latin1.GetBytes(pdf[..(pdf.Length / 2)])));
    }

    [Fact]
    public async Task PNG_magic_followed_by_SVG_or_a_broken_chunk_is_refused()
    {
        byte[] magic = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        var svg = magic.Concat(Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"><script>alert(2)</script></svg>")).ToArray();
        Assert.Equal(FileStore.StructureMessage, await ValidateAsync("anh.png", svg));
        var png = TestFiles.Png();
        var corrupted = (byte[])png.Clone();
        corrupted[40] ^= 0xFF; // inside IDAT: its CRC no longer matches
        Assert.NotNull(await ValidateAsync("anh.png", corrupted));
        Assert.NotNull(await ValidateAsync("anh.png", png[..^12])); // no IEND
    }

    [Fact]
    public async Task JPEG_magic_followed_by_anything_else_is_refused()
    {
        byte[] soi = [0xFF, 0xD8, 0xFF, 0xE0];
        Assert.Equal(FileStore.StructureMessage,
            await ValidateAsync("anh.jpg", soi.Concat(Encoding.UTF8.GetBytes("<html>" + new string('x', 300) + "</html>")).ToArray()));
    }

    [Fact]
    public async Task Any_zip_named_docx_or_xlsx_is_refused_unless_it_is_a_package_of_that_type()
    {
        Assert.Equal(FileStore.StructureMessage, await ValidateAsync("van-ban.docx", TestFiles.Zip("readme.txt", "chỉ là một tệp zip")));
        Assert.Equal(FileStore.StructureMessage, await ValidateAsync("van-ban.docx", TestFiles.Zip("[Content_Types].xml", "<not xml")));
        // A real .docx renamed .xlsx: the main part is not a workbook.
        Assert.Equal(FileStore.StructureMessage, await ValidateAsync("bang.xlsx", TestFiles.Docx()));
    }

    [Fact]
    public async Task The_PDF_the_application_exports_passes_the_same_check()
    {
        using var factory = new ParIndexFactory();
        using var client = await factory.CreateTestClient().SignInAsync(ParIndex.Web.Data.Seed.DemoAccounts.Office);
        var pdf = await client.Http.GetByteArrayAsync("/exports/plans/2023.pdf");
        Assert.True(FileStructure.IsPdf(pdf));
        Assert.Null(await ValidateAsync("ke-hoach.pdf", pdf));
    }
}
