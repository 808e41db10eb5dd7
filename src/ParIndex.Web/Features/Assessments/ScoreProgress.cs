using ParIndex.Domain.Assessments;
using ParIndex.Domain.Formatting;

namespace ParIndex.Web.Features.Assessments;

/// <summary>
/// How far the scoring of a set of sub-criteria has got, for honest figures while the work is in progress: an unscored
/// sub-criterion is "chưa chấm", never points lost; a round no sub-criterion has a value for is "chưa có", never 0.
/// </summary>
public sealed record ScoreProgress(int Count, int Scored, int SelfScored, bool HasSelf, bool HasRound1, bool HasRound2, decimal ScoredMax,
    decimal Final)
{
    public const string NoValue = "chưa có";
    public const string Unscored = "chưa chấm";

    public int UnscoredCount => Count - Scored;
    public bool Complete => Scored == Count;

    /// <summary>Points lost on the sub-criteria that have a score (an unscored one has lost nothing yet).</summary>
    public decimal Lost => ScoredMax - Final;

    public static ScoreProgress Of(IEnumerable<ScoreLine> lines)
    {
        var list = lines as IReadOnlyCollection<ScoreLine> ?? lines.ToList();
        var scored = list.Where(l => l.Final is not null).ToList();
        return new ScoreProgress(list.Count, scored.Count, list.Count(l => l.Self is not null), list.Any(l => l.Self is not null),
            list.Any(l => l.Round1 is not null), list.Any(l => l.Round2 is not null), scored.Sum(l => l.MaxPoints), scored.Sum(l => l.Final!.Value));
    }

    public static ScoreProgress Of(AreaSheet area) => Of(area.Criteria.SelectMany(c => c.SubCriteria).Select(s => s.Line));

    public static ScoreProgress Of(CriterionSheet criterion) => Of(criterion.SubCriteria.Select(s => s.Line));

    /// <summary>"5/74 tiêu chí thành phần đã chấm".</summary>
    public string Sentence => $"{Scored}/{Count} tiêu chí thành phần đã chấm";

    public string SelfText(Points p) => HasSelf ? Vn.Points(p.Self) : NoValue;
    public string Round1Text(Points p) => HasRound1 ? Vn.Points(p.Round1) : NoValue;
    public string Round2Text(Points p) => HasRound2 ? Vn.Points(p.Round2) : NoValue;

    /// <summary>
    /// A part's round-2 figure in a table whose total has round 2: where the part has no round-2 score of its own, its
    /// round-1 figure is what counts in the round-2 total, so it is shown and said so ("10 (vòng 1)"); the column adds up.
    /// </summary>
    public string Round2CountedText(Points p, bool totalHasRound2) =>
        !HasRound2 && totalHasRound2 && HasRound1 ? $"{Vn.Points(p.Round2)} (vòng 1)" : Round2Text(p);
    public string FinalText(Points p) => Scored > 0 ? Vn.Points(p.Final) : NoValue;
}
