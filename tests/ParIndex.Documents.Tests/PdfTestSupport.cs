using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using UglyToad.PdfPig.Content;
using PigDocument = UglyToad.PdfPig.PdfDocument;

namespace ParIndex.Documents.Tests;

/// <summary>Reading rendered PDFs back: PdfPig in process, poppler and qpdf as outside witnesses.</summary>
internal static partial class PdfTestSupport
{
    public const double PtPerMm = 72 / 25.4;
    public const double A4WidthPt = 210 * PtPerMm;
    public const double A4HeightPt = 297 * PtPerMm;

    /// <summary>NFC, and whitespace removed: the layout decides where spaces fall, the letters must not change.</summary>
    public static string Squash(string text) => WhitespaceRun().Replace(text.Normalize(NormalizationForm.FormC), "");

    /// <summary>NFC, and every whitespace run made one space.</summary>
    public static string Collapse(string text) => WhitespaceRun().Replace(text.Normalize(NormalizationForm.FormC), " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhitespaceRun();

    public static PigDocument Open(byte[] pdf) => PigDocument.Open(pdf);

    public static string[] PageTexts(byte[] pdf)
    {
        using var document = Open(pdf);
        return document.GetPages().Select(page => page.Text).ToArray();
    }

    /// <summary>Letters that draw something, grouped into lines by baseline, top line first.</summary>
    public static List<List<Letter>> Lines(Page page, Func<Letter, bool>? where = null) =>
        page.Letters
            .Where(l => !string.IsNullOrWhiteSpace(l.Value) && (where?.Invoke(l) ?? true))
            .GroupBy(l => Math.Round(l.StartBaseLine.Y, 1))
            .OrderByDescending(g => g.Key)
            .Select(g => g.OrderBy(l => l.StartBaseLine.X).ToList())
            .ToList();

    public static string WriteTemp(byte[] pdf, string name)
    {
        var directory = Path.Combine(Path.GetTempPath(), "parindex-documents-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, name);
        File.WriteAllBytes(path, pdf);
        return path;
    }

    public sealed record ToolResult(int ExitCode, string StdOut, string StdErr);

    /// <summary>Runs a command-line tool; a missing tool fails the test and names the package to install.</summary>
    public static ToolResult RunTool(string tool, string aptPackage, params string[] arguments)
    {
        var executable = FindOnPath(tool);
        if (executable is null)
        {
            Assert.Fail($"'{tool}' is not installed. Install the Debian package {aptPackage} (apt-get install -y {aptPackage}).");
        }
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {tool}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{tool} did not finish within two minutes.");
        }
        return new ToolResult(process.ExitCode, stdout.Result, stderr.Result);
    }

    private static string? FindOnPath(string tool)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, tool))
            .FirstOrDefault(File.Exists);
    }

    public static string PdfToText(byte[] pdf)
    {
        var path = WriteTemp(pdf, "document.pdf");
        var result = RunTool("pdftotext", "poppler-utils", "-enc", "UTF-8", path, "-");
        Assert.True(result.ExitCode == 0, $"pdftotext failed: {result.StdErr}");
        return result.StdOut;
    }

    /// <summary>A paragraph's worth of Vietnamese administrative prose.</summary>
    public const string LongVietnamese =
        "Nhằm cải thiện, nâng cao Chỉ số cải cách hành chính của Sở Tài nguyên và Môi trường, " +
        "các phòng, đơn vị trực thuộc tập trung rà soát những tiêu chí bị trừ điểm, xác định rõ nguyên nhân, " +
        "trách nhiệm của từng tập thể, cá nhân; ưu tiên nguồn lực cho lĩnh vực đất đai, khoáng sản, " +
        "tài nguyên nước và Quỹ Bảo vệ môi trường; bảo đảm hoàn thành đúng tiến độ, chất lượng và hiệu quả " +
        "các nhiệm vụ được giao trong năm, góp phần nâng thứ hạng của Sở ít nhất một bậc so với năm trước.";
}
