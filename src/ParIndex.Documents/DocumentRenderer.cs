using ParIndex.Documents.Layout;

namespace ParIndex.Documents;

/// <summary>Turns a <see cref="Document"/> into PDF bytes.</summary>
public static class DocumentRenderer
{
    /// <summary>Registers fonts with default options on first use; call <see cref="DocumentFonts.Register"/> earlier to choose others.</summary>
    public static byte[] Render(Document document)
    {
        using var buffer = new MemoryStream();
        Render(document, buffer);
        return buffer.ToArray();
    }

    public static void Render(Document document, Stream output)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(output);
        if (document.Sections.Count == 0)
        {
            throw new ArgumentException("A document needs at least one section.", nameof(document));
        }

        var fontChoice = DocumentFonts.Register();
        using var pdf = new PdfSharp.Pdf.PdfDocument();
        StreamCompression.Disable(pdf);
        if (document.Title is { } title)
        {
            pdf.Info.Title = TextLayout.Normalize(title);
        }
        using (var fonts = new FontCache(fontChoice))
        using (var engine = new LayoutEngine(pdf, fonts, document.FontSize))
        {
            foreach (var section in document.Sections)
            {
                engine.RenderSection(section);
            }
            engine.Finish();
        }
        StreamCompression.CompressAll(pdf);
        pdf.Save(output, false);
    }
}
