namespace ParIndex.Documents;

/// <summary>The font family the documents are drawn with, and the files behind its four faces.</summary>
public sealed record FontChoice(
    string FamilyName,
    string RegularPath,
    string BoldPath,
    string? ItalicPath,
    string? BoldItalicPath,
    bool EmbedCompleteFontFile);
