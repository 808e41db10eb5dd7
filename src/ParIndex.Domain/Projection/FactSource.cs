using ParIndex.Domain.Formatting;
using ParIndex.Domain.Scoring;

namespace ParIndex.Domain.Projection;

/// <summary>
/// Where the facts of a sub-criterion come from during the year. Stored per sub-criterion (so per framework
/// year) in <see cref="FactSourceLink"/>; a sub-criterion without a stored link follows <see cref="FactSources.Suggest"/>.
/// </summary>
public enum FactSource
{
    /// <summary>No operational figure feeds it (explicitly unlinked).</summary>
    None = 0,
    /// <summary>Dossiers received in the year and returned (or still open) after their due date.</summary>
    LateDossierCount = 1,
    /// <summary>Share of the year's dossiers handled on time, in percent.</summary>
    OnTimeDossierRate = 2,
    /// <summary>Periodic reports of the year submitted after their due date, or still missing past it.</summary>
    LateReportCount = 3,
    /// <summary>Periodic reports submitted out of those due so far.</summary>
    SubmittedReports = 4,
    /// <summary>Tasks of the year's improvement plan targeting the sub-criterion: done out of not cancelled.</summary>
    TaskCompletion = 5,
}

/// <summary>
/// The operational figures of one year, counted up to a day. <paramref name="YearTotal"/> is the year's total of
/// dossiers received, as the Office entered it (the import holds only the late ones, so without it there is no rate).
/// </summary>
public sealed record OperationsFigures(int Dossiers, int LateDossiers, int ReportsDue, int ReportsSubmitted, int LateReports, int? YearTotal = null)
{
    public static OperationsFigures Empty { get; } = new(0, 0, 0, 0, 0);

    /// <summary>All dossiers of the year: the entered total, else those recorded.</summary>
    public int AllDossiers => YearTotal ?? Dossiers;

    /// <summary>On-time share in percent; 100 when there was no dossier.</summary>
    public decimal OnTimeRate => AllDossiers == 0 ? 100m : Math.Round(Math.Max(0, AllDossiers - LateDossiers) * 100m / AllDossiers, 2);
}

/// <summary>
/// Plan tasks targeting one sub-criterion: done and required (cancelled tasks are not required), and their progress
/// summed (a done task counts 1, one at 70% counts 0,7); without it, the done ones.
/// </summary>
public sealed record TaskFigures(int Done, int Required, decimal? Progressed = null)
{
    public decimal Progress => Progressed ?? Done;
}

public static class FactSources
{
    public static string ToVietnamese(this FactSource source) => source switch
    {
        FactSource.None => "Không lấy số liệu",
        FactSource.LateDossierCount => "Số hồ sơ TTHC trễ hạn",
        FactSource.OnTimeDossierRate => "Tỷ lệ hồ sơ TTHC đúng hạn",
        FactSource.LateReportCount => "Số báo cáo định kỳ trễ hạn",
        FactSource.SubmittedReports => "Số báo cáo định kỳ đã gửi",
        FactSource.TaskCompletion => "Tiến độ nhiệm vụ của kế hoạch cải thiện",
        _ => source.ToString(),
    };

    /// <summary>
    /// The naming convention used when no link is stored: the rule kind plus the words of the sub-criterion's
    /// name or of its rule's label. Late dossiers: a lower-is-better Bands rule about "hồ sơ" and "trễ hạn";
    /// on-time rate: a percent Bands rule about "hồ sơ" and "đúng hạn"; periodic reports: a Deduction
    /// (late) or Proportional (count) rule whose name speaks of "báo cáo" and "định kỳ".
    /// Tasks are not suggested: they feed a Proportional sub-criterion anyway when the plan targets it.
    /// </summary>
    public static FactSource Suggest(string name, ScoringRule rule)
    {
        var text = Fold(name + " " + rule switch
        {
            BandsRule b => b.ValueLabel,
            DeductionRule d => d.OccurrenceLabel,
            ProportionalRule p => p.ItemLabel,
            _ => "",
        });
        bool Has(string words) => text.Contains(Fold(words), StringComparison.Ordinal);
        return rule switch
        {
            BandsRule { LowerIsBetter: true, IsPercent: false } when Has("hồ sơ") && Has("trễ hạn") => FactSource.LateDossierCount,
            BandsRule { LowerIsBetter: false, IsPercent: true } when Has("hồ sơ") && Has("đúng hạn") => FactSource.OnTimeDossierRate,
            OnTimeRateRule => FactSource.OnTimeDossierRate,
            DeductionRule when Has("báo cáo") && Has("định kỳ") => FactSource.LateReportCount,
            // A report's quality or timeliness judged by the assessor: a late report costs it too (the seed's 1.2.2 and 1.2.3).
            ManualRule or YesNoRule when Has("báo cáo") && Has("định kỳ") => FactSource.LateReportCount,
            ProportionalRule when Has("báo cáo") && Has("định kỳ") => FactSource.SubmittedReports,
            _ => FactSource.None,
        };
    }

    /// <summary>
    /// The facts a source gives to a rule, or null when the source does not fit the rule's kind
    /// (a count cannot feed a yes/no rule) or, for tasks, when no task targets the sub-criterion.
    /// </summary>
    public static ScoringFacts? Facts(FactSource source, ScoringRule rule, OperationsFigures figures, TaskFigures? tasks)
    {
        int? count = source switch
        {
            FactSource.LateDossierCount => figures.LateDossiers,
            FactSource.LateReportCount => figures.LateReports,
            _ => null,
        };
        if (count is { } c)
        {
            return rule switch
            {
                BandsRule { IsPercent: false } => new ScoringFacts { Value = c },
                DeductionRule => new ScoringFacts { Occurrences = c },
                // Tied to the late reports: one late report and the requirement is not met; none leaves a manual
                // judgment to the assessor.
                YesNoRule when source == FactSource.LateReportCount => new ScoringFacts { Achieved = c == 0 },
                ManualRule when source == FactSource.LateReportCount && c > 0 => new ScoringFacts { ManualPoints = 0 },
                _ => null,
            };
        }

        return source switch
        {
            FactSource.OnTimeDossierRate when rule is BandsRule { IsPercent: true } =>
                new ScoringFacts { Value = figures.OnTimeRate },
            FactSource.OnTimeDossierRate when rule is OnTimeRateRule && figures.YearTotal is { } total =>
                new ScoringFacts { AchievedCount = Math.Max(0, total - figures.LateDossiers), RequiredCount = total },
            FactSource.SubmittedReports when rule is ProportionalRule =>
                new ScoringFacts { AchievedCount = figures.ReportsSubmitted, RequiredCount = figures.ReportsDue },
            FactSource.TaskCompletion when tasks is { Required: > 0 } t => rule switch
            {
                ProportionalRule => new ScoringFacts { AchievedCount = t.Progress, RequiredCount = t.Required },
                BandsRule { IsPercent: true } => new ScoringFacts { Value = Math.Round(t.Progress * 100m / t.Required, 2) },
                _ => null,
            },
            _ => null,
        };
    }

    /// <summary>Lower case, no diacritics (đ → d), single spaces: for tolerant matching of Vietnamese words.</summary>
    public static string Fold(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return "";
        var decomposed = text.Normalize(System.Text.NormalizationForm.FormD);
        var sb = new System.Text.StringBuilder(decomposed.Length);
        var space = false;
        foreach (var ch in decomposed)
        {
            if (System.Globalization.CharUnicodeInfo.GetUnicodeCategory(ch) == System.Globalization.UnicodeCategory.NonSpacingMark) continue;
            if (char.IsWhiteSpace(ch))
            {
                space = sb.Length > 0;
                continue;
            }
            if (space) sb.Append(' ');
            space = false;
            sb.Append(ch switch { 'đ' or 'Đ' => 'd', _ => char.ToLowerInvariant(ch) });
        }
        return sb.ToString();
    }

    internal static string Describe(FactSource source, OperationsFigures figures, TaskFigures? tasks) => source switch
    {
        FactSource.LateDossierCount => $"{figures.LateDossiers} hồ sơ trễ hạn trên {figures.Dossiers} hồ sơ đã tiếp nhận",
        FactSource.OnTimeDossierRate => $"{Math.Max(0, figures.AllDossiers - figures.LateDossiers)}/{figures.AllDossiers} hồ sơ đúng hạn ({Vn.Percent(figures.OnTimeRate)})",
        FactSource.LateReportCount => $"{figures.LateReports} báo cáo định kỳ trễ hạn hoặc chưa gửi",
        FactSource.SubmittedReports => $"{figures.ReportsSubmitted}/{figures.ReportsDue} báo cáo đến hạn đã gửi",
        FactSource.TaskCompletion when tasks is not null => $"{tasks.Done}/{tasks.Required} nhiệm vụ của kế hoạch đã hoàn thành",
        _ => "",
    };
}

/// <summary>The stored choice of fact source for one sub-criterion (of one framework year).</summary>
public class FactSourceLink
{
    private FactSourceLink() { }

    public FactSourceLink(int subCriterionId, FactSource source)
    {
        SubCriterionId = subCriterionId;
        Source = source;
    }

    public int Id { get; private set; }
    public int SubCriterionId { get; private set; }
    public FactSource Source { get; private set; }

    public void Change(FactSource source) => Source = source;
}
