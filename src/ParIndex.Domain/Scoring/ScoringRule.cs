using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using ParIndex.Domain.Formatting;

namespace ParIndex.Domain.Scoring;

/// <summary>
/// The scoring rule of a sub-criterion. Pure: facts in, points out. The maximum points belong to the
/// sub-criterion (they change by year), so they are passed in rather than stored in the rule.
/// A rule is stored as <see cref="Kind"/> plus <see cref="ToJson"/> (its parameters only).
/// </summary>
public abstract record ScoringRule
{
    /// <summary>Start of every explanation given when facts are missing.</summary>
    public const string MissingFactsMessage = "Chưa có dữ liệu để chấm điểm.";

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = true,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    [JsonIgnore]
    public abstract RuleKind Kind { get; }

    /// <summary>
    /// The lowest points the rule can give: 0 by default, negative where the criteria set allows it
    /// (e.g. −1 when a plan was not issued).
    /// </summary>
    public decimal MinPoints { get; init; }

    /// <summary>Scores the facts against a sub-criterion worth <paramref name="maxPoints"/>.</summary>
    public abstract RuleResult Evaluate(decimal maxPoints, ScoringFacts facts);

    /// <summary>One Vietnamese sentence describing the rule, for the guidance screen.</summary>
    public abstract string Describe(decimal maxPoints);

    /// <summary>A manual rule for a sub-criterion the assessor scores directly.</summary>
    public static ScoringRule Manual() => new ManualRule();

    /// <summary>
    /// Checks points typed by an assessor (self-assessment or appraisal override): not above the maximum,
    /// not below <see cref="MinPoints"/>, at most 3 decimals. Returns a Vietnamese message, or null when valid.
    /// </summary>
    public string? ValidateManualScore(decimal points, decimal maxPoints)
    {
        if (points > maxPoints)
        {
            return $"Điểm không được vượt quá điểm tối đa {Vn.Points(maxPoints)}.";
        }

        if (points < MinPoints)
        {
            return MinPoints == 0m
                ? "Điểm không được âm."
                : $"Điểm không được thấp hơn {Vn.Points(MinPoints)}.";
        }

        if (decimal.Round(points, 3) != points)
        {
            return ScoreParser.TooManyDecimalsMessage;
        }

        return null;
    }

    /// <summary>
    /// The only points this rule can give, best first, for a rule with set outcomes (tiers, bands, yes/no); null when
    /// any value between <see cref="MinPoints"/> and the maximum can come out (manual, proportional, deduction).
    /// </summary>
    public virtual IReadOnlyList<decimal>? PossiblePoints(decimal maxPoints) => null;

    /// <summary>
    /// Why typed points are not one the rule can give ("… chỉ được 1 / 0,5 / 0"), or null when they are (or the rule
    /// gives any value). Such a score is kept only with a reason (lý do điểm khác thang điểm).
    /// </summary>
    public string? OffScaleMessage(decimal points, decimal maxPoints)
    {
        if (PossiblePoints(maxPoints) is not { } allowed || allowed.Contains(points)) return null;
        return $"Điểm {Vn.Points(points)} không thuộc thang điểm của tiêu chí này: chỉ được "
            + string.Join(" / ", allowed.Select(Vn.Points))
            + ". Muốn giữ điểm này, hãy ghi lý do điểm khác thang điểm.";
    }

    /// <summary>Distinct points within [MinPoints, max], best first (for <see cref="PossiblePoints"/>).</summary>
    private protected IReadOnlyList<decimal> Distinct(IEnumerable<decimal> points, decimal maxPoints) =>
        points.Select(p => Bound(p, maxPoints)).Distinct().OrderByDescending(p => p).ToList();

    /// <summary>
    /// Checks the rule's parameters against the sub-criterion's maximum, for the screen where the yearly
    /// criteria set is entered. Returns Vietnamese messages; empty when the rule is usable.
    /// </summary>
    public IReadOnlyList<string> ValidateDefinition(decimal maxPoints)
    {
        var problems = new List<string>();
        if (maxPoints < 0m)
        {
            problems.Add("Điểm tối đa không được âm.");
        }

        if (MinPoints > 0m)
        {
            problems.Add("Điểm thấp nhất không được lớn hơn 0.");
        }

        if (decimal.Round(MinPoints, 3) != MinPoints)
        {
            problems.Add("Điểm thấp nhất chỉ được có tối đa 3 chữ số thập phân.");
        }

        AddDefinitionProblems(maxPoints, problems);
        return problems;
    }

    /// <summary>The rule's parameters as JSON (the kind is stored separately).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, GetType(), JsonOptions);

    /// <summary>
    /// Rebuilds a rule from its kind and the JSON written by <see cref="ToJson"/>. An empty string is read as "{}".
    /// Throws <see cref="JsonException"/> when the JSON does not describe a valid rule of that kind.
    /// </summary>
    public static ScoringRule FromJson(RuleKind kind, string json)
    {
        var type = kind switch
        {
            RuleKind.Manual => typeof(ManualRule),
            RuleKind.YesNo => typeof(YesNoRule),
            RuleKind.Tiered => typeof(TieredRule),
            RuleKind.Proportional => typeof(ProportionalRule),
            RuleKind.Bands => typeof(BandsRule),
            RuleKind.Deduction => typeof(DeductionRule),
            RuleKind.OnTimeRate => typeof(OnTimeRateRule),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown rule kind."),
        };

        try
        {
            var text = string.IsNullOrWhiteSpace(json) ? "{}" : json;
            return (ScoringRule?)JsonSerializer.Deserialize(text, type, JsonOptions)
                ?? throw new JsonException($"The JSON of a {kind} rule is null.");
        }
        catch (ArgumentException ex)
        {
            throw new JsonException($"Invalid parameters for a {kind} rule: {ex.Message}", ex);
        }
    }

    /// <summary>Adds rule-specific definition problems.</summary>
    private protected virtual void AddDefinitionProblems(decimal maxPoints, List<string> problems)
    {
    }

    /// <summary>Keeps points within [MinPoints, max] and rounds them to 3 decimals, away from zero.</summary>
    private protected decimal Bound(decimal points, decimal maxPoints) =>
        Round(Math.Min(maxPoints, Math.Max(MinPoints, points)));

    private protected static decimal Round(decimal points) =>
        Math.Round(points, 3, MidpointRounding.AwayFromZero);

    private protected static void RequireMax(decimal maxPoints)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxPoints);
    }

    private protected static RuleResult Missing(string need) =>
        new(0m, $"{MissingFactsMessage[..^1]} ({need}).", HasFacts: false);

    private protected static RuleResult Unusable(string explanation) => new(0m, explanation, HasFacts: false);

    private protected static RuleResult Scored(decimal points, string explanation) => new(points, explanation, true);

    /// <summary>"0,833/1 điểm".</summary>
    private protected static string OutOf(decimal points, decimal maxPoints) =>
        $"{Vn.Points(points)}/{Vn.Points(maxPoints)} điểm";

    private protected static string Capitalize(string text) =>
        text.Length == 0 ? text : char.ToUpper(text[0], Vn.Culture) + text[1..];
}
