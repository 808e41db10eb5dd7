using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ParIndex.Domain;
using ParIndex.Domain.Assessments;
using ParIndex.Domain.Formatting;
using ParIndex.Web.Data;
using ParIndex.Web.Features.Assessments;
using ParIndex.Web.Identity;
using ParIndex.Web.Infrastructure;
using ParIndex.Web.Infrastructure.Authorization;

namespace ParIndex.Web.Features.Assessments;

/// <summary>
/// The result as published next to the result computed from the sub-criteria, with every difference flagged.
/// The office records the published figures during the "published" phase.
/// </summary>
public class PublishedModel(AssessmentViewCache reader, ParIndexDbContext db, Clock clock, CurrentUser me) : PageModel
{
    public AssessmentView View { get; private set; } = null!;
    public bool CanEdit { get; private set; }
    public DateOnly Today { get; private set; }
    [BindProperty] public PublishedInput Input { get; set; } = new();

    public sealed class PublishedInput
    {
        public string? Total { get; set; }
        public string? Classification { get; set; }
        public int? Rank { get; set; }
        public int? RankOf { get; set; }
        public string? Source { get; set; }
    }

    public sealed record Comparison(string Label, string Published, string Computed, bool Differs);

    public IReadOnlyList<Comparison> Rows { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int year, CancellationToken ct)
    {
        if (!await LoadAsync(year, ct)) return NotFound();
        if (View.Published is { } p)
            Input = new PublishedInput { Total = Vn.Points(p.Total), Classification = p.Classification, Rank = p.Rank, RankOf = p.RankOf, Source = p.Source };
        return Page();
    }

    [HandlerPolicy(Policies.Editor)]
    public async Task<IActionResult> OnPostAsync(int year, CancellationToken ct)
    {
        if (!await LoadAsync(year, ct)) return NotFound();
        if (!CanEdit)
        {
            var phase = View.Phases.FirstOrDefault(p => p.Kind == PhaseKind.Published);
            ModelState.AddModelError(string.Empty, Assessment.LockedMessage(PhaseKind.Published, phase, Today));
            return Page();
        }
        if (!ScoreParser.TryParse(Input.Total, out var total, out var error)) ModelState.AddModelError("Input.Total", error!);
        else if (total < 0 || total > View.Sheet.Total.Max)
            ModelState.AddModelError("Input.Total", $"Tổng điểm phải từ 0 đến {Vn.Points(View.Sheet.Total.Max)}.");
        if (string.IsNullOrWhiteSpace(Input.Classification)) ModelState.AddModelError("Input.Classification", "Vui lòng nhập xếp loại.");
        if (Input.RankOf is null or < 1) ModelState.AddModelError("Input.RankOf", "Vui lòng nhập số đơn vị được xếp hạng.");
        if (Input.Rank is null or < 1 || Input.Rank > Input.RankOf) ModelState.AddModelError("Input.Rank", "Thứ hạng phải từ 1 đến số đơn vị được xếp hạng.");
        if (!ModelState.IsValid) return Page();

        var published = await db.PublishedResults.SingleOrDefaultAsync(p => p.Year == year, ct);
        if (published is null)
            db.PublishedResults.Add(new PublishedResult(year, total, Input.Classification!, Input.Rank!.Value, Input.RankOf!.Value, Input.Source));
        else
            published.Update(total, Input.Classification!, Input.Rank!.Value, Input.RankOf!.Value, Input.Source);
        await db.SaveChangesAsync(ct);
        TempData["Message"] = "Đã lưu kết quả công bố.";
        return Redirect($"/Assessments/{year}/Published");
    }

    private async Task<bool> LoadAsync(int year, CancellationToken ct)
    {
        var view = await reader.ReadAsync(year, ct);
        if (view is null) return false;
        View = view;
        Today = clock.Today;
        CanEdit = me.IsEditor && view.Phases.Any(p => p.Kind == PhaseKind.Published && p.IsOpen(Today));
        Rows = Compare(view);
        return true;
    }

    /// <summary>Every figure the document published beside the one computed from the sub-criteria.</summary>
    public static IReadOnlyList<Comparison> Compare(AssessmentView view)
    {
        var rows = new List<Comparison>();
        var p = view.Published;
        if (p is null) return rows;
        var total = view.Sheet.Total;
        rows.Add(new("Tổng điểm", Vn.Points(p.Total), Vn.Points(view.Result.Total), p.Total != view.Result.Total));
        var computedClass = view.Result.ClassificationText;
        rows.Add(new("Xếp loại", p.Classification, computedClass,
            !string.Equals(p.Classification.Trim(), computedClass, StringComparison.OrdinalIgnoreCase)));
        foreach (var area in view.Sheet.Areas)
        {
            var pa = p.Areas.FirstOrDefault(a => a.AreaCode == area.Code);
            if (pa is null) continue;
            if (pa.Points is { } points)
                rows.Add(new($"Lĩnh vực {area.Code}: điểm", Vn.Points(points), Vn.Points(area.Points.Final), points != area.Points.Final));
            if (pa.Percent is { } percent)
                rows.Add(new($"Lĩnh vực {area.Code}: tỷ lệ", Vn.Percent(percent), Vn.Percent(area.Points.FinalPercent), percent != area.Points.FinalPercent));
            if (pa.Points is { } pts && pa.Percent is { } pct && ScoreSheet.Percent(pts, area.Points.Max) != pct)
                rows.Add(new($"Lĩnh vực {area.Code}: văn bản tự mâu thuẫn",
                    $"{Vn.Points(pts)}/{Vn.Points(area.Points.Max)} = {Vn.Percent(ScoreSheet.Percent(pts, area.Points.Max))}, không phải {Vn.Percent(pct)}",
                    "", true));
        }
        var areaSum = p.Areas.Where(a => a.Points is not null).Sum(a => a.Points!.Value);
        if (p.Areas.Count > 0 && p.Areas.All(a => a.Points is not null) && areaSum != p.Total)
            rows.Add(new("Cộng điểm các lĩnh vực đã công bố", Vn.Points(areaSum), Vn.Points(p.Total), true));
        return rows;
    }
}
