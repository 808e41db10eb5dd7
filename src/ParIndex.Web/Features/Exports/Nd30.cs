using System.Globalization;
using ParIndex.Documents;
using ParIndex.Domain.Formatting;

namespace ParIndex.Web.Features.Exports;

/// <summary>
/// The parts of an administrative document under Decree 30/2020/NĐ-CP (Phụ lục I) that the plan and its progress
/// report share: the two-column header, the document type and its trích yếu with the short rule under it, headings,
/// body text, the closing "./.", the recipients and signer, and how dates are written.
/// </summary>
public static class Nd30
{
    public const double BodySize = 14;
    public const double Indent = 10;

    /// <summary>A leading zero only for days below 10 and for January and February: 05/3/2023, 15/02/2023, 15/12/2023.</summary>
    public static string Date(DateOnly date) => $"{DayMonth(date)}/{date.Year}";

    /// <summary>The day and month as <see cref="Date"/> writes them, without the year.</summary>
    public static string DayMonth(DateOnly date) =>
        $"{date.Day.ToString("00", CultureInfo.InvariantCulture)}/{Month(date)}";

    /// <summary>"ngày 05 tháng 3 năm 2023".</summary>
    public static string Long(DateOnly date) =>
        $"ngày {date.Day.ToString("00", CultureInfo.InvariantCulture)} tháng {Month(date)} năm {date.Year}";

    /// <summary>"Đắk Nông, ngày 15 tháng 3 năm 2023", or blanks to fill in by hand before the document is dated.</summary>
    public static string DateLine(string place, DateOnly? date)
    {
        var prefix = string.IsNullOrWhiteSpace(place) ? "" : $"{place}, ";
        return date is { } d ? prefix + Long(d) : $"{prefix}ngày     tháng     năm";
    }

    private static string Month(DateOnly date) =>
        date.Month <= 2 ? date.Month.ToString("00", CultureInfo.InvariantCulture) : date.Month.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The header: the parent agency and the issuing agency (upper case, balanced over lines so whole words stay
    /// together; a line break in the setting is kept), a rule under the agency, the number; beside them the national
    /// name and motto with its rule, and the place and date.
    /// </summary>
    public static void AddHeader(Section body, string parentAgency, string agency, string numberLine, string place, DateOnly? date)
    {
        var header = body.Add(new TwoColumnBlock { LeftFraction = 0.42 });
        var rule = 0;
        if (!string.IsNullOrWhiteSpace(parentAgency))
        {
            header.Left.Add(Centered(new Run(Upper(parentAgency)), size: 13, balance: true));
            rule = 1;
        }
        header.Left.Add(Centered(Bold(Upper(agency)), size: 13, balance: true));
        header.Left.RuleAfterParagraph = rule;
        header.Left.RuleWidthMm = 22;
        header.Left.Add(Centered(new Run(Vn.Nfc(numberLine)), size: 13, spaceBefore: 8));

        header.Right.Add(Centered(Bold("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), size: 12.5));
        header.Right.Add(Centered(Bold("Độc lập - Tự do - Hạnh phúc"), size: 13.5));
        header.Right.RuleAfterParagraph = 1;
        header.Right.Add(Centered(new Run(Vn.Nfc(DateLine(place, date))) { Italic = true }, size: 13.5, spaceBefore: 8));
    }

    /// <summary>The document type ("KẾ HOẠCH", "BÁO CÁO") and its trích yếu, balanced, with the short rule under it.</summary>
    public static void AddTitle(Section body, string type, string summary)
    {
        var typeLine = Centered(Bold(type), spaceBefore: 18);
        typeLine.Role = ParagraphRole.Title;
        typeLine.KeepWithNext = true;
        body.Add(typeLine);
        var summaryLine = Centered(Bold(summary), balance: true, spaceAfter: 14);
        summaryLine.Role = ParagraphRole.Title;
        summaryLine.RuleBelowMm = 40;
        body.Add(summaryLine);
    }

    /// <summary>
    /// A heading: bold, left-aligned (never justified), its lines balanced (no lone "2022" on a line of its own),
    /// kept with what follows it.
    /// </summary>
    public static Paragraph Heading(string text, ParagraphRole role = ParagraphRole.Heading1) =>
        new(Bold(text))
        {
            Alignment = TextAlignment.Left,
            FirstLineIndentMm = Indent,
            SpaceBeforePt = 6,
            SpaceAfterPt = 6,
            KeepWithNext = true,
            BalanceLines = true,
            Role = role,
        };

    public static Paragraph BodyParagraph(Run run) =>
        new(run) { Alignment = TextAlignment.Justify, FirstLineIndentMm = Indent, SpaceAfterPt = 6, LineSpacing = 1.0 };

    /// <summary>
    /// Ends the text: its last paragraph closes with "./." and stays on the page of the signature that follows,
    /// so the last page never holds the signature alone.
    /// </summary>
    public static void EndText(Section body)
    {
        if (body.Blocks.OfType<Paragraph>().LastOrDefault(p => p.Runs.Count > 0) is not { } last) return;
        var run = last.Runs[^1];
        var text = run.Text.TrimEnd();
        if (!text.EndsWith("./.", StringComparison.Ordinal))
            run.Text = text.TrimEnd('.', ';', ',', ':') + "./.";
        last.KeepWithNext = true;
    }

    /// <summary>Recipients (one a line) on the left; the signer's title, room to sign, and the name on the right.</summary>
    public static void AddSignature(Section body, string recipients, string signerTitle, string signerName)
    {
        var block = body.Add(new TwoColumnBlock { LeftFraction = 0.5 });
        block.Left.Add(new Paragraph(new Run("Nơi nhận:") { Bold = true, Italic = true, FontSize = 12 }) { SpaceBeforePt = 12 });
        foreach (var recipient in recipients.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                     .Select(r => r.StartsWith('-') ? r : $"- {r}"))
            block.Left.Add(new Paragraph(new Run(Vn.Nfc(recipient)) { FontSize = 11 }) { FontSize = 11 });

        block.Right.Add(Centered(Bold(Upper(signerTitle)), spaceBefore: 12, spaceAfter: 64, balance: true));
        block.Right.Add(Centered(Bold(signerName)));
    }

    /// <summary>An appendix's number, its title and the line naming the document it goes with.</summary>
    public static void AddAppendixTitle(Section section, string number, string title, string attachedTo)
    {
        section.Add(Centered(Bold(number)));
        section.Add(Centered(Bold(title), balance: true));
        section.Add(Centered(new Run(Vn.Nfc(attachedTo)) { Italic = true }, spaceAfter: 8, balance: true));
    }

    public static TableCell Cell(string text, TextAlignment alignment = TextAlignment.Left) =>
        new(new Paragraph(Vn.Nfc(text)) { Alignment = alignment });

    public static IEnumerable<TableCell> HeaderCells(params string[] titles) =>
        titles.Select(t => new TableCell(Vn.Nfc(t)) { Bold = true, Alignment = TextAlignment.Center, VerticalAlignment = VerticalAlignment.Center });

    public static Paragraph Centered(Run run, double? size = null, double spaceBefore = 0, double spaceAfter = 0, bool balance = false) =>
        new(run) { Alignment = TextAlignment.Center, FontSize = size, SpaceBeforePt = spaceBefore, SpaceAfterPt = spaceAfter, BalanceLines = balance };

    public static Run Bold(string text) => new(Vn.Nfc(text)) { Bold = true };

    public static string Upper(string text) => Vn.Nfc(text).ToUpper(Vn.Culture);

    /// <summary>
    /// An agency's name as running text writes it, from the upper-case form of the header: the first word and the
    /// first word after each "và" capitalised ("SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG" → "Sở Tài nguyên và Môi trường").
    /// A name already in mixed case is kept.
    /// </summary>
    public static string InText(string agency)
    {
        var name = Vn.Nfc(agency).Replace('\n', ' ').Trim();
        while (name.Contains("  ", StringComparison.Ordinal)) name = name.Replace("  ", " ", StringComparison.Ordinal);
        if (name.Length == 0 || !string.Equals(name, name.ToUpper(Vn.Culture), StringComparison.Ordinal)) return name;
        var words = name.ToLower(Vn.Culture).Split(' ');
        for (var i = 0; i < words.Length; i++)
        {
            // The kind of agency and the first word of each field it covers: "Sở", "Tài", "Môi".
            if (i == 0 || i == 1 || words[i - 1] == "và")
                words[i] = words[i].Length == 0 ? words[i] : char.ToUpper(words[i][0], Vn.Culture) + words[i][1..];
        }
        var result = string.Join(' ', words);
        return result.StartsWith("Ubnd ", StringComparison.Ordinal) ? "UBND " + result[5..] : result;
    }
}
