namespace ParIndex.Documents.Tests;

public sealed class FontTests
{
    [Fact]
    public void Registration_is_idempotent_and_names_a_vietnamese_capable_serif()
    {
        var first = DocumentFonts.Register();
        var second = DocumentFonts.Register(new FontOptions { ExtraDirectories = { "/nonexistent" } });

        Assert.Same(first, second);
        Assert.Contains(first.FamilyName, new[] { "Times New Roman", "Liberation Serif", "DejaVu Serif" });
        Assert.Equal(first.FamilyName, DocumentFonts.FamilyName);
    }

    [Fact]
    public void Concurrent_registration_yields_one_choice()
    {
        var choices = Enumerable.Range(0, 8).AsParallel().Select(_ => DocumentFonts.Register()).Distinct().ToList();
        Assert.Single(choices);
    }

    [Fact]
    public void The_embedded_font_is_the_chosen_family()
    {
        var document = new Document();
        document.AddSection().Add(new Paragraph("Độc lập - Tự do - Hạnh phúc"));
        var pdf = DocumentRenderer.Render(document);

        using var read = PdfTestSupport.Open(pdf);
        var fontName = read.GetPage(1).Letters[0].FontName ?? "";
        Assert.Contains(DocumentFonts.FamilyName!.Replace(" ", ""), fontName.Replace(" ", ""));
    }

    [Fact]
    public void No_font_found_throws_with_an_install_hint()
    {
        var empty = Directory.CreateTempSubdirectory("parindex-nofonts").FullName;
        var options = new FontOptions { SearchSystemDirectories = false, ExtraDirectories = { empty } };

        var error = Assert.Throws<FontNotFoundException>(() => DocumentFonts.Locate(options));

        Assert.Contains("Times New Roman", error.Message);
        Assert.Contains("fonts-liberation2", error.Message);
    }

    [Fact]
    public void A_font_without_vietnamese_letters_is_rejected()
    {
        var directory = Directory.CreateTempSubdirectory("parindex-latinonly").FullName;
        var latinOnly = LatinOnlyFont();
        File.WriteAllBytes(Path.Combine(directory, "LiberationSerif-Regular.ttf"), latinOnly);
        File.WriteAllBytes(Path.Combine(directory, "LiberationSerif-Bold.ttf"), latinOnly);
        var options = new FontOptions { SearchSystemDirectories = false, ExtraDirectories = { directory } };

        var error = Assert.Throws<FontNotFoundException>(() => DocumentFonts.Locate(options));

        Assert.Contains("no Vietnamese letters", error.Message);
    }

    [Fact]
    public void Extra_directories_come_first_and_dejavu_is_embedded_whole()
    {
        var source = "/usr/share/fonts/truetype/dejavu";
        if (!File.Exists(Path.Combine(source, "DejaVuSerif.ttf")))
        {
            Assert.Fail("DejaVu Serif is missing: install the Debian package fonts-dejavu-core.");
        }
        var directory = Directory.CreateTempSubdirectory("parindex-dejavu").FullName;
        foreach (var name in new[] { "DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf" })
        {
            File.Copy(Path.Combine(source, name), Path.Combine(directory, name));
        }
        var options = new FontOptions { SearchSystemDirectories = false, ExtraDirectories = { directory } };

        var choice = DocumentFonts.Locate(options);

        Assert.Equal("DejaVu Serif", choice.FamilyName);
        Assert.True(choice.EmbedCompleteFontFile);
        Assert.Null(choice.ItalicPath); // slanted from the upright face instead
        Assert.StartsWith(directory, choice.RegularPath);
    }

    /// <summary>A font file with nothing but a cmap mapping printable ASCII, enough for the coverage check.</summary>
    private static byte[] LatinOnlyFont()
    {
        var cmap = new List<byte>();
        void U16(int v) { cmap.Add((byte)(v >> 8)); cmap.Add((byte)v); }
        void U32(int v) { U16(v >> 16); U16(v & 0xFFFF); }
        U16(0); U16(1);            // cmap version, one encoding record
        U16(3); U16(1); U32(12);   // Windows Unicode BMP, subtable right after
        U16(4); U16(32); U16(0);   // format 4, length, language
        U16(4); U16(4); U16(1); U16(0); // two segments
        U16(0x7E); U16(0xFFFF);    // end codes
        U16(0);                    // reserved pad
        U16(0x20); U16(0xFFFF);    // start codes
        U16(unchecked((ushort)-29)); U16(1); // deltas: 0x20 -> glyph 3
        U16(0); U16(0);            // range offsets

        var font = new List<byte>();
        void F16(int v) { font.Add((byte)(v >> 8)); font.Add((byte)v); }
        void F32(int v) { F16(v >> 16); F16(v & 0xFFFF); }
        F32(0x00010000); F16(1); F16(16); F16(0); F16(0);
        font.AddRange("cmap"u8.ToArray()); F32(0); F32(28); F32(cmap.Count);
        font.AddRange(cmap);
        return font.ToArray();
    }
}
