namespace ParIndex.Documents;

/// <summary>Where to look for fonts. Extra directories are searched before the system ones.</summary>
public sealed class FontOptions
{
    public IList<string> ExtraDirectories { get; init; } = new List<string>();

    /// <summary>Turn off to make the search depend on <see cref="ExtraDirectories"/> only (tests, locked-down servers).</summary>
    public bool SearchSystemDirectories { get; init; } = true;
}
