using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using ParIndex.Web.Data;
using ParIndex.Web.Identity;

namespace ParIndex.Web.Features.Search;

public enum SearchKind { Task, SubCriterion, Unit }

public sealed record SearchHit(SearchKind Kind, string Title, string? Detail, string Url);

/// <summary>
/// The top bar's quick search: plan tasks (content, expected output), sub-criteria of the latest framework (by code,
/// "1.2" finds 1.2.1 and 1.2.2, or by words of the name) and units. Matching ignores case and Vietnamese diacritics
/// ("bao cao" finds "báo cáo"). Only what the user may open is returned: administrators get the unit's admin page,
/// everyone else the unit's tasks in the plan.
/// </summary>
public sealed class SearchService(ParIndexDbContext db, CurrentUser me)
{
    public const int MaxPerKind = 20;
    public const int MinLength = 2;

    public async Task<IReadOnlyList<SearchHit>> SearchAsync(string? query, CancellationToken ct = default)
    {
        var q = Fold(query);
        if (q.Length < MinLength) return [];
        var words = q.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        bool Matches(params string?[] texts)
        {
            var text = string.Join(' ', texts.Select(Fold));
            return words.All(text.Contains);
        }
        var hits = new List<SearchHit>();

        var units = await db.Units.AsNoTracking().OrderBy(u => u.SortOrder).Select(u => new { u.Id, u.Code, u.Name }).ToListAsync(ct);
        var unitNames = units.ToDictionary(u => u.Id, u => u.Name);
        var planYear = await db.Plans.AsNoTracking().MaxAsync(p => (int?)p.TargetYear, ct);

        var tasks = await db.PlanTasks.AsNoTracking().Where(ParIndex.Domain.Plans.PlanTask.InCurrentPlan)
            .OrderByDescending(t => t.Plan!.TargetYear).ThenBy(t => t.SortOrder)
            .Select(t => new { t.Id, t.Content, t.ExpectedOutput, t.LeadUnitId, t.Plan!.TargetYear })
            .ToListAsync(ct);
        hits.AddRange(tasks.Where(t => Matches(t.Content, t.ExpectedOutput)).Take(MaxPerKind)
            .Select(t => new SearchHit(SearchKind.Task, Short(t.Content), $"Kế hoạch năm {t.TargetYear} · {unitNames.GetValueOrDefault(t.LeadUnitId)}",
                $"/Plans/{t.TargetYear}/Tasks/{t.Id}")));

        var year = await db.Assessments.AsNoTracking().MaxAsync(a => (int?)a.Year, ct);
        if (year is { } y)
        {
            var framework = await db.Assessments.AsNoTracking().Where(a => a.Year == y).Select(a => a.FrameworkId).SingleAsync(ct);
            var subs = await (
                from s in db.SubCriteria.AsNoTracking()
                join c in db.Criteria on s.CriterionId equals c.Id
                join a in db.Areas on c.AreaId equals a.Id
                where a.FrameworkId == framework
                select new { s.Id, s.Code, s.Name }).ToListAsync(ct);
            var code = query!.Trim().TrimEnd('.');
            hits.AddRange(subs
                .Where(s => s.Code == code || s.Code.StartsWith(code + ".", StringComparison.Ordinal) || Matches(s.Name))
                .OrderBy(s => s.Code, ParIndex.Domain.Assessments.CodeComparer.Instance).Take(MaxPerKind)
                .Select(s => new SearchHit(SearchKind.SubCriterion, $"{s.Code} {s.Name}", $"Tiêu chí thành phần năm {y}", $"/Assessments/{y}/Score/{s.Id}")));
        }

        hits.AddRange(units.Where(u => Matches(u.Name, u.Code)).Take(MaxPerKind)
            .Select(u => new SearchHit(SearchKind.Unit, u.Name, me.IsAdmin ? "Quản trị đơn vị" : planYear is null ? null : $"Nhiệm vụ trong kế hoạch năm {planYear}",
                me.IsAdmin ? $"/Admin/Units/Edit/{u.Id}" : planYear is { } py ? $"/Plans/{py}?unit={u.Id}" : "/Plans")));
        return hits;
    }

    /// <summary>Lower case, without diacritics (đ as d), spaces collapsed: what is compared.</summary>
    public static string Fold(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return "";
        var decomposed = text.Trim().ToLowerInvariant().Replace('đ', 'd').Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        var space = false;
        foreach (var ch in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(ch) == UnicodeCategory.NonSpacingMark) continue;
            if (char.IsWhiteSpace(ch)) { if (!space) sb.Append(' '); space = true; continue; }
            space = false;
            sb.Append(ch);
        }
        return sb.ToString();
    }

    private static string Short(string text) => text.Length <= 160 ? text : text[..157] + "…";
}

public static class SearchFeature
{
    /// <summary>The top bar's quick search.</summary>
    public static IServiceCollection AddSearch(this IServiceCollection services) => services.AddScoped<SearchService>();
}
