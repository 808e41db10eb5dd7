using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using ClosedXML.Excel;

namespace ParIndex.Web.Tests.Exports;

/// <summary>Outside readers for the exported files: poppler, qpdf and LibreOffice, each failing loudly when missing.</summary>
internal static partial class ExportTestSupport
{
    public const double PtPerMm = 72 / 25.4;

    /// <summary>NFC with whitespace removed: the layout decides where lines break, the letters must not change.</summary>
    public static string Squash(string text) => Whitespace().Replace(text.Normalize(NormalizationForm.FormC), "");

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    public static string TempFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "parindex-exports-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }

    public static string Write(string folder, string name, byte[] bytes)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public sealed record ToolResult(int ExitCode, string StdOut, string StdErr);

    /// <summary>Runs a command-line tool; a missing tool fails the test and names the Debian package to install.</summary>
    public static ToolResult RunTool(string tool, string aptPackage, TimeSpan timeout, params string[] arguments)
    {
        var executable = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, tool))
            .FirstOrDefault(File.Exists);
        if (executable is null)
            Assert.Fail($"'{tool}' is not installed. Install the Debian package {aptPackage} (apt-get install -y {aptPackage}).");
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {tool}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{tool} did not finish within {timeout.TotalSeconds} s.");
        }
        return new ToolResult(process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>
    /// Converts workbooks to CSV with LibreOffice in one call (it is slow to start), every sheet to its own file
    /// (UTF-8, comma-separated), with a private profile so parallel runs do not share one.
    /// Returns the CSV text per workbook file name and sheet: "name.xlsx" → the first sheet, "name.xlsx#Sheet" → each.
    /// </summary>
    public static Dictionary<string, string> ConvertToCsv(IReadOnlyList<string> workbooks)
    {
        var output = TempFolder();
        var profile = Path.Combine(Path.GetTempPath(), "lo-" + Guid.NewGuid().ToString("N"));
        var arguments = new List<string>
        {
            "-env:UserInstallation=file://" + profile, "--headless", "--norestore",
            // 44 = ',', 34 = '"', 76 = UTF-8, 1 = from line 1, "true" in 9th place = cells as shown (dates through their dd/mm/yyyy format); -1 = every sheet to its own file.
            "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1",
            "--outdir", output,
        };
        arguments.AddRange(workbooks);
        var result = RunTool("soffice", "libreoffice-calc-nogui", TimeSpan.FromMinutes(4), [.. arguments]);
        Assert.True(result.ExitCode == 0, $"soffice failed: {result.StdErr}");
        try { Directory.Delete(profile, recursive: true); } catch (IOException) { }
        var csv = new Dictionary<string, string>();
        foreach (var workbook in workbooks)
        {
            var stem = Path.GetFileNameWithoutExtension(workbook);
            var name = Path.GetFileName(workbook);
            var files = Directory.GetFiles(output, stem + "*.csv").OrderBy(f => f, StringComparer.Ordinal).ToList();
            Assert.True(files.Count > 0, $"LibreOffice wrote no CSV for {name}: {result.StdOut} {result.StdErr}");
            foreach (var file in files)
            {
                var text = File.ReadAllText(file, Encoding.UTF8);
                var sheet = Path.GetFileNameWithoutExtension(file)[stem.Length..].TrimStart('-');
                csv[sheet.Length == 0 ? name : $"{name}#{sheet}"] = text;
            }
            // With one sheet LibreOffice names the file after the workbook; with several, after each sheet.
            if (!csv.ContainsKey(name)) csv[name] = File.ReadAllText(files[0], Encoding.UTF8);
        }
        return csv;
    }

    public static XLWorkbook OpenWorkbook(byte[] bytes) => new(new MemoryStream(bytes));

    public sealed record BoxWord(string Text, double XMin, double YMin, double XMax, double YMax);

    /// <summary>A line of words read back from a page, top to bottom (y grows downwards, in points).</summary>
    public sealed record BoxLine(IReadOnlyList<BoxWord> Words)
    {
        public string Text => string.Join(" ", Words.Select(w => w.Text));
        public double XMin => Words.Min(w => w.XMin);
        public double XMax => Words.Max(w => w.XMax);
        public double YMin => Words.Min(w => w.YMin);
        public double YMax => Words.Max(w => w.YMax);
    }

    public sealed record BoxPage(int Number, double Width, double Height, IReadOnlyList<BoxWord> Words)
    {
        /// <summary>Words sharing a baseline band, left to right; <paramref name="where"/> picks a region.</summary>
        public IReadOnlyList<BoxLine> Lines(Func<BoxWord, bool>? where = null)
        {
            var lines = new List<List<BoxWord>>();
            foreach (var word in Words.Where(w => where?.Invoke(w) ?? true).OrderBy(w => w.YMax).ThenBy(w => w.XMin))
            {
                var line = lines.LastOrDefault();
                if (line is not null && Math.Abs(line[0].YMax - word.YMax) < 2) line.Add(word);
                else lines.Add([word]);
            }
            return lines.Select(l => new BoxLine(l.OrderBy(w => w.XMin).ToList())).ToList();
        }

        public string Text => string.Join("\n", Lines().Select(l => l.Text));
    }

    /// <summary>Every word with its box, as poppler's pdftotext -bbox reads them.</summary>
    public static IReadOnlyList<BoxPage> PdfWords(byte[] pdf)
    {
        var path = Write(TempFolder(), "document.pdf", pdf);
        var result = RunTool("pdftotext", "poppler-utils", TimeSpan.FromMinutes(1), "-bbox", "-enc", "UTF-8", path, "-");
        Assert.True(result.ExitCode == 0, $"pdftotext -bbox failed: {result.StdErr}");
        var xml = System.Xml.Linq.XDocument.Parse(result.StdOut);
        var ns = xml.Root!.Name.Namespace;
        static double D(System.Xml.Linq.XElement e, string name) => double.Parse(e.Attribute(name)!.Value, System.Globalization.CultureInfo.InvariantCulture);
        return xml.Descendants(ns + "page").Select((page, i) => new BoxPage(i + 1, D(page, "width"), D(page, "height"),
                page.Elements(ns + "word").Select(w => new BoxWord(w.Value.Normalize(NormalizationForm.FormC), D(w, "xMin"), D(w, "yMin"),
                    D(w, "xMax"), D(w, "yMax"))).ToList()))
            .ToList();
    }

    /// <summary>One page rendered by pdftoppm in grey at <paramref name="dpi"/>: (width, height, one byte per pixel, 0 black).</summary>
    public static (int Width, int Height, byte[] Pixels) RenderPage(byte[] pdf, int page, int dpi)
    {
        var folder = TempFolder();
        var path = Write(folder, "document.pdf", pdf);
        var prefix = Path.Combine(folder, "page");
        var page_ = page.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var render = RunTool("pdftoppm", "poppler-utils", TimeSpan.FromMinutes(1), "-r", dpi.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-gray", "-f", page_, "-l", page_, "-singlefile", path, prefix);
        Assert.True(render.ExitCode == 0, render.StdErr);
        return ReadPgm(File.ReadAllBytes(prefix + ".pgm"));
    }

    /// <summary>Binary PGM (P5) as pdftoppm -gray writes it: magic, width, height, maximum, then one byte per pixel.</summary>
    public static (int Width, int Height, byte[] Pixels) ReadPgm(byte[] data)
    {
        var position = 0;
        string Next()
        {
            while (char.IsWhiteSpace((char)data[position]) || data[position] == '#')
            {
                if (data[position] == '#') while (data[position] != '\n') position++;
                else position++;
            }
            var start = position;
            while (!char.IsWhiteSpace((char)data[position])) position++;
            return Encoding.ASCII.GetString(data, start, position - start);
        }
        Assert.Equal("P5", Next());
        var width = int.Parse(Next());
        var height = int.Parse(Next());
        _ = Next();
        position++;
        return (width, height, data[position..]);
    }
}
