using ParIndex.Documents;

namespace ParIndex.Web.Tests.Exports;

/// <summary>
/// Installing LibreOffice pulls Debian's fonts-liberation 1.x (no Vietnamese) next to fonts-liberation2 under the
/// same file names; the plan must still be drawn in Liberation Serif, not fall back to DejaVu.
/// </summary>
public sealed class PlanFontTests
{
    [Fact]
    public void A_same_named_font_without_Vietnamese_does_not_hide_the_one_with_it()
    {
        const string v1 = "/usr/share/fonts/truetype/liberation";
        const string v2 = "/usr/share/fonts/truetype/liberation2";
        Assert.True(File.Exists(Path.Combine(v1, "LiberationSerif-Regular.ttf")),
            "Install the Debian package fonts-liberation (apt-get install -y fonts-liberation).");
        Assert.True(File.Exists(Path.Combine(v2, "LiberationSerif-Regular.ttf")),
            "Install the Debian package fonts-liberation2 (apt-get install -y fonts-liberation2).");

        var choice = DocumentFonts.Locate(new FontOptions { ExtraDirectories = [v1, v2], SearchSystemDirectories = false });

        Assert.Equal("Liberation Serif", choice.FamilyName);
        Assert.StartsWith(v2, choice.RegularPath);
        Assert.StartsWith(v2, choice.BoldPath);
    }
}
