using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace ParIndex.Documents.Layout;

/// <summary>A finished page and what its number, drawn after layout, needs.</summary>
internal sealed record PageRecord(PdfPage Page, PageNumberStyle? Numbers, double Left, double Right);

/// <summary>The current page and the vertical cursor on it. Content is drawn as soon as it is placed.</summary>
internal sealed class PageFlow(PdfDocument pdf) : IDisposable
{
    private const double A4ShortMm = 210;
    private const double A4LongMm = 297;
    private const double Epsilon = 0.01;

    private XGraphics? _gfx;
    private Section? _section;

    public List<PageRecord> Pages { get; } = new();
    public double Left { get; private set; }
    public double Right { get; private set; }
    public double Top { get; private set; }
    public double Bottom { get; private set; }
    public double Y { get; set; }

    public double Width => Right - Left;
    public double BodyHeight => Bottom - Top;
    public double Remaining => Bottom - Y;
    public bool AtTop => Y <= Top + Epsilon;

    public XGraphics Gfx => _gfx ?? throw new InvalidOperationException("No page has been started.");

    public bool Fits(double height) => height <= Remaining + Epsilon;

    public void StartSection(Section section)
    {
        _section = section;
        NewPage();
    }

    public void NewPage()
    {
        var section = _section ?? throw new InvalidOperationException("No section has been started.");
        var setup = section.PageSetup;
        _gfx?.Dispose();

        var page = pdf.AddPage();
        var landscape = setup.Orientation == PageOrientation.Landscape;
        // Sized directly instead of through PdfPage.Orientation, so the media box itself is landscape and no /Rotate is involved.
        page.Width = XUnit.FromMillimeter(landscape ? A4LongMm : A4ShortMm);
        page.Height = XUnit.FromMillimeter(landscape ? A4ShortMm : A4LongMm);

        Left = setup.LeftMm * Units.PtPerMm;
        Right = page.Width.Point - setup.RightMm * Units.PtPerMm;
        Top = setup.TopMm * Units.PtPerMm;
        Bottom = page.Height.Point - setup.BottomMm * Units.PtPerMm;
        if (Right - Left < 10 || Bottom - Top < 10)
        {
            throw new ArgumentException("The page margins leave no room for text.");
        }
        Y = Top;
        _gfx = XGraphics.FromPdfPage(page);
        Pages.Add(new PageRecord(page, section.PageNumbers, Left, Right));
    }

    public void Dispose()
    {
        _gfx?.Dispose();
        _gfx = null;
    }
}
