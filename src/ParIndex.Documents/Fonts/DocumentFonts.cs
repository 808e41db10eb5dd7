using PdfSharp.Fonts;

namespace ParIndex.Documents;

/// <summary>
/// Finds the serif family the documents use and registers it with PDFsharp.
/// Preference: Times New Roman (what Decree 30 asks for), then Liberation Serif (same metrics),
/// then DejaVu Serif (different metrics, but complete Vietnamese coverage).
/// </summary>
public static class DocumentFonts
{
    public const string InstallHint =
        "Install Times New Roman, or the Debian package fonts-liberation2 (apt-get install fonts-liberation2), " +
        "or fonts-dejavu-core, or add a directory holding one of these fonts to FontOptions.ExtraDirectories.";

    private sealed record Candidate(string Family, bool EmbedComplete, string[] Regular, string[] Bold, string[] Italic, string[] BoldItalic);

    private static readonly Candidate[] Candidates =
    [
        new("Times New Roman", false,
            ["times.ttf", "Times_New_Roman.ttf", "TimesNewRoman.ttf"],
            ["timesbd.ttf", "Times_New_Roman_Bold.ttf", "TimesNewRoman-Bold.ttf", "TimesNewRomanBold.ttf"],
            ["timesi.ttf", "Times_New_Roman_Italic.ttf", "TimesNewRoman-Italic.ttf", "TimesNewRomanItalic.ttf"],
            ["timesbi.ttf", "Times_New_Roman_Bold_Italic.ttf", "TimesNewRoman-BoldItalic.ttf", "TimesNewRomanBoldItalic.ttf"]),
        new("Liberation Serif", false,
            ["LiberationSerif-Regular.ttf"], ["LiberationSerif-Bold.ttf"],
            ["LiberationSerif-Italic.ttf"], ["LiberationSerif-BoldItalic.ttf"]),
        // DejaVu Serif shows every Vietnamese mark only when embedded whole (see design/stack.md), not as a subset.
        new("DejaVu Serif", true,
            ["DejaVuSerif.ttf"], ["DejaVuSerif-Bold.ttf"],
            ["DejaVuSerif-Italic.ttf"], ["DejaVuSerif-BoldItalic.ttf"]),
    ];

    private static readonly Lock Gate = new();
    private static DocumentFontResolver? _registered;

    /// <summary>The family chosen by <see cref="Register"/>, or null before registration.</summary>
    public static string? FamilyName => Registered?.FamilyName;

    public static FontChoice? Registered
    {
        get
        {
            lock (Gate)
            {
                return _registered?.Choice;
            }
        }
    }

    /// <summary>
    /// Registers the font resolver with PDFsharp once per process. PDFsharp accepts a global resolver only once,
    /// so the first call decides the fonts and later calls return that choice whatever their options.
    /// </summary>
    public static FontChoice Register(FontOptions? options = null)
    {
        lock (Gate)
        {
            if (_registered is not null)
            {
                return _registered.Choice;
            }
            if (GlobalFontSettings.FontResolver is { } foreign && foreign is not DocumentFontResolver)
            {
                throw new InvalidOperationException(
                    $"PDFsharp already has a font resolver ({foreign.GetType().FullName}); ParIndex.Documents needs its own.");
            }
            var resolver = new DocumentFontResolver(Locate(options ?? new FontOptions()));
            GlobalFontSettings.FontResolver = resolver;
            _registered = resolver;
            return resolver.Choice;
        }
    }

    /// <summary>Finds the best family without registering anything.</summary>
    public static FontChoice Locate(FontOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var files = IndexFontFiles(SearchDirectories(options));
        var rejected = new List<string>();
        foreach (var candidate in Candidates)
        {
            // Several packages can ship a file of the same name (Debian's fonts-liberation 1.x next to fonts-liberation2,
            // only the latter with Vietnamese): try each copy, and take the other styles from the same folder.
            var regular = FindAll(files, candidate.Regular)
                .FirstOrDefault(path => TrueTypeCoverage.Covers(File.ReadAllBytes(path), TrueTypeCoverage.VietnameseSample));
            if (regular is null)
            {
                var copies = FindAll(files, candidate.Regular).ToList();
                if (copies.Count > 0)
                {
                    rejected.Add($"{candidate.Family} at {string.Join(", ", copies)} has no Vietnamese letters");
                }
                continue;
            }
            var folder = Path.GetDirectoryName(regular);
            var bold = Find(files, candidate.Bold, folder);
            if (bold is null)
            {
                continue;
            }
            return new FontChoice(candidate.Family, regular, bold,
                Find(files, candidate.Italic, folder), Find(files, candidate.BoldItalic, folder), candidate.EmbedComplete);
        }

        var detail = rejected.Count == 0 ? "" : " (" + string.Join("; ", rejected) + ")";
        throw new FontNotFoundException(
            "No serif font covering Vietnamese was found (looked for Times New Roman, Liberation Serif and DejaVu Serif, " +
            "regular and bold)" + detail + ". " + InstallHint);
    }

    private static IEnumerable<string> SearchDirectories(FontOptions options)
    {
        foreach (var directory in options.ExtraDirectories)
        {
            yield return directory;
        }
        if (!options.SearchSystemDirectories)
        {
            yield break;
        }
        yield return Environment.GetFolderPath(Environment.SpecialFolder.Fonts);
        var windows = Environment.GetEnvironmentVariable("WINDIR");
        if (!string.IsNullOrEmpty(windows))
        {
            yield return Path.Combine(windows, "Fonts");
        }
        var local = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
        if (!string.IsNullOrEmpty(local))
        {
            yield return Path.Combine(local, "Microsoft", "Windows", "Fonts");
            yield return Path.Combine(local, "fonts");
        }
        yield return "/usr/share/fonts";
        yield return "/usr/local/share/fonts";
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (!string.IsNullOrEmpty(home))
        {
            yield return Path.Combine(home, ".fonts");
        }
    }

    /// <summary>File name (case-insensitive) to every path found, in search order.</summary>
    private static Dictionary<string, List<string>> IndexFontFiles(IEnumerable<string> directories)
    {
        var files = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        var enumeration = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, MatchCasing = MatchCasing.CaseInsensitive };
        foreach (var directory in directories)
        {
            if (string.IsNullOrWhiteSpace(directory) || !Directory.Exists(directory))
            {
                continue;
            }
            foreach (var path in Directory.EnumerateFiles(directory, "*.ttf", enumeration))
            {
                var name = Path.GetFileName(path);
                if (!files.TryGetValue(name, out var paths))
                {
                    files[name] = paths = [];
                }
                if (!paths.Contains(path))
                {
                    paths.Add(path);
                }
            }
        }
        return files;
    }

    private static IEnumerable<string> FindAll(Dictionary<string, List<string>> files, string[] names) =>
        names.SelectMany(name => files.GetValueOrDefault(name) ?? []);

    /// <summary>The copy in <paramref name="folder"/> when there is one, else the first found.</summary>
    private static string? Find(Dictionary<string, List<string>> files, string[] names, string? folder)
    {
        var all = FindAll(files, names).ToList();
        return all.FirstOrDefault(path => Path.GetDirectoryName(path) == folder) ?? all.FirstOrDefault();
    }
}
