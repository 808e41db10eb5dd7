using System.IO.Compression;
using PdfSharp.Pdf;

namespace ParIndex.Documents.Layout;

/// <summary>
/// PDFsharp 6.2.4 writes Flate streams without the final deflate block and checksum: viewers cope, but
/// qpdf --check reports them and archival validators may reject the file. So PDFsharp's own compression is
/// switched off and the page content is compressed here, properly terminated. Font programs, which PDFsharp
/// only creates while saving, stay uncompressed; that costs some tens of kilobytes per face.
/// </summary>
internal static class StreamCompression
{
    public static void Disable(PdfDocument pdf)
    {
        pdf.Options.NoCompression = true;
        pdf.Options.CompressContentStreams = false;
    }

    public static void CompressAll(PdfDocument pdf)
    {
        foreach (var item in pdf.Internals.GetAllObjects())
        {
            if (item is not PdfDictionary { Stream: { } stream } dictionary || dictionary.Elements.ContainsKey(PdfDictionary.PdfStream.Keys.Filter))
            {
                continue;
            }
            using var buffer = new MemoryStream();
            using (var zlib = new ZLibStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
            {
                zlib.Write(stream.Value);
            }
            stream.Value = buffer.ToArray();
            dictionary.Elements.SetName(PdfDictionary.PdfStream.Keys.Filter, "/FlateDecode");
        }
    }
}
