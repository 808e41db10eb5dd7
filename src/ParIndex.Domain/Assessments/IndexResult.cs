using ParIndex.Domain.Formatting;

namespace ParIndex.Domain.Assessments;

/// <summary>What the classification thresholds are read on: the index percentage, or its points.</summary>
public enum BandBasis
{
    Percent,
    Points,
}

/// <summary>
/// A year's classification thresholds (inclusive): Xuất sắc from <see cref="Excellent"/>, Tốt from <see cref="Good"/>,
/// Khá from <see cref="Fair"/>, Trung bình from <see cref="Average"/>, Yếu below.
/// </summary>
public sealed record ClassificationBands(BandBasis Basis, decimal Excellent, decimal Good, decimal Fair, decimal Average)
{
    /// <summary>The bands every year had before they were a setting of the year: 90, 80, 65, 50 % (<see cref="ClassificationRules.DefaultBands"/>).</summary>
    public static ClassificationBands Default { get; } = new(BandBasis.Percent,
        ClassificationRules.DefaultBands[0].AtLeast, ClassificationRules.DefaultBands[1].AtLeast,
        ClassificationRules.DefaultBands[2].AtLeast, ClassificationRules.DefaultBands[3].AtLeast);

    public IReadOnlyList<(decimal AtLeast, Classification Classification)> Thresholds =>
        [(Excellent, Classification.Excellent), (Good, Classification.Good), (Fair, Classification.Fair), (Average, Classification.Average)];

    /// <summary>The classification of a total out of a maximum, read on the basis the year says.</summary>
    public Classification Classify(decimal points, decimal max) =>
        ClassificationRules.FromPercent(Basis == BandBasis.Percent ? ScoreSheet.Percent(points, max) : points, Thresholds);

    /// <summary>What is wrong with these thresholds for an index out of <paramref name="max"/>, per field (empty when valid).</summary>
    public IReadOnlyList<(string Field, string Message)> Problems(decimal max)
    {
        var problems = new List<(string, string)>();
        var upper = Basis == BandBasis.Percent ? 100m : max;
        var unit = Basis == BandBasis.Percent ? "%" : " điểm";
        var fields = new[] { (nameof(Excellent), Excellent), (nameof(Good), Good), (nameof(Fair), Fair), (nameof(Average), Average) };
        for (var i = 0; i < fields.Length; i++)
        {
            var (field, value) = fields[i];
            var name = Thresholds[i].Classification.ToVietnamese();
            if (value <= 0 || value > upper)
                problems.Add((field, $"Ngưỡng {name} phải lớn hơn 0 và không quá {Vn.Points(upper)}{unit}."));
            else if (i > 0 && value >= fields[i - 1].Item2)
                problems.Add((field, $"Ngưỡng {name} phải nhỏ hơn ngưỡng {Thresholds[i - 1].Classification.ToVietnamese()} ({Vn.Points(fields[i - 1].Item2)}{unit})."));
        }
        return problems;
    }

    /// <summary>"Xuất sắc từ 90%, Tốt từ 80%, Khá từ 65%, Trung bình từ 50%, dưới 50%: Yếu".</summary>
    public string Text
    {
        get
        {
            string V(decimal v) => Basis == BandBasis.Percent ? Vn.Percent(v) : $"{Vn.Points(v)} điểm";
            return $"Xuất sắc từ {V(Excellent)}, Tốt từ {V(Good)}, Khá từ {V(Fair)}, Trung bình từ {V(Average)}, dưới {V(Average)}: Yếu";
        }
    }
}

/// <summary>How a year treats sub-criteria marked not applicable.</summary>
public enum NotApplicableRule
{
    /// <summary>Criteria points ÷ applicable maximum × full maximum.</summary>
    RescaleToFullMax,
    /// <summary>Left out of the points and of the maximum, without rescaling.</summary>
    LeaveOut,
}

/// <summary>One survey question group of the index: its maximum and the published points (null until entered).</summary>
public sealed record SurveyPart(string Name, decimal MaxPoints, decimal? Points);

/// <summary>
/// The parts of a year's index beyond the scores of its sub-criteria, as the year's framework sets them: the
/// classification bands and the scale the result is also shown on (100 points where the framework says so), the rule for
/// sub-criteria not applicable, the survey groups, and the bonus and deduction totals with their caps (null: no cap).
/// </summary>
public sealed record IndexParts(ClassificationBands Bands, decimal? Scale = null)
{
    public static IndexParts Default { get; } = new(ClassificationBands.Default);

    public NotApplicableRule Rule { get; init; }
    public IReadOnlyList<SurveyPart> Surveys { get; init; } = [];
    /// <summary>The sum of the year's bonus points, before the cap.</summary>
    public decimal Bonus { get; init; }
    public decimal? BonusCap { get; init; }
    /// <summary>The sum of the year's deductions (positive), before the cap.</summary>
    public decimal Deduction { get; init; }
    public decimal? DeductionCap { get; init; }

    public bool Equals(IndexParts? other) =>
        other is not null && Bands == other.Bands && Scale == other.Scale && Rule == other.Rule && Surveys.SequenceEqual(other.Surveys)
        && Bonus == other.Bonus && BonusCap == other.BonusCap && Deduction == other.Deduction && DeductionCap == other.DeductionCap;

    public override int GetHashCode() => HashCode.Combine(Bands, Scale, Rule, Surveys.Count, Bonus, BonusCap, Deduction, DeductionCap);
}

/// <summary>
/// The index of one year as the province computes it, from the sheet of its sub-criteria and the year's
/// <see cref="IndexParts"/>: the one place the result, its maximum, percentage and classification are derived.
/// Sub-criteria marked not applicable are left out and, by the year's rule, the criteria points rescaled to the full
/// maximum (points ÷ applicable maximum × full maximum) or the maximum reduced. Total = criteria result + survey points +
/// min(bonus, cap) − min(deductions, cap); Max = criteria maximum + survey maximum.
/// </summary>
public sealed record IndexResult(decimal CriteriaMax, decimal ApplicableMax, decimal CriteriaPoints, int NotApplicableCount,
    decimal Max, decimal Total, decimal Percent, Classification Classification, decimal? Scale, decimal? OnScale, ClassificationBands Bands)
{
    /// <summary>The result of the final round (the last round with a value of each sub-criterion).</summary>
    public static IndexResult Of(ScoreSheet sheet, IndexParts parts)
    {
        var full = sheet.FullMax;
        var applicable = sheet.Total.Max;
        var points = sheet.Total.Final;
        var rescale = parts.Rule == NotApplicableRule.RescaleToFullMax && applicable > 0 && applicable != full;
        var criteria = rescale ? Round(points / applicable * full) : points;
        var criteriaMax = parts.Rule == NotApplicableRule.LeaveOut ? applicable : full;
        var surveyPoints = parts.Surveys.Sum(s => s.Points ?? 0);
        var surveyMax = parts.Surveys.Sum(s => s.MaxPoints);
        var bonus = parts.BonusCap is { } bc ? Math.Min(parts.Bonus, bc) : parts.Bonus;
        var deduction = parts.DeductionCap is { } dc ? Math.Min(parts.Deduction, dc) : parts.Deduction;
        var total = Round(criteria + surveyPoints + bonus - deduction);
        var max = criteriaMax + surveyMax;
        var onScale = parts.Scale is { } scale && max > 0 ? Round(total / max * scale) : (decimal?)null;
        return new IndexResult(full, applicable, points, sheet.NotApplicable.Count, max, total, ScoreSheet.Percent(total, max),
            parts.Bands.Classify(total, max), parts.Scale, onScale, parts.Bands)
        {
            Rule = parts.Rule,
            CriteriaResult = criteria,
            SurveyPoints = surveyPoints,
            SurveyMax = surveyMax,
            Surveys = parts.Surveys,
            Bonus = parts.Bonus,
            BonusCap = parts.BonusCap,
            BonusCounted = bonus,
            Deduction = parts.Deduction,
            DeductionCap = parts.DeductionCap,
            DeductionCounted = deduction,
        };
    }

    /// <summary>A result computed from given points out of a maximum (a published total), with nothing left out.</summary>
    public static IndexResult Of(decimal points, decimal max, IndexParts parts)
    {
        var onScale = parts.Scale is { } scale && max > 0 ? Round(points / max * scale) : (decimal?)null;
        return new IndexResult(max, max, points, 0, max, points, ScoreSheet.Percent(points, max), parts.Bands.Classify(points, max),
            parts.Scale, onScale, parts.Bands)
        { CriteriaResult = points };
    }

    public NotApplicableRule Rule { get; init; }
    /// <summary>The criteria part of the total: the sub-criteria's points, rescaled where the rule says so.</summary>
    public decimal CriteriaResult { get; init; }
    public decimal SurveyPoints { get; init; }
    public decimal SurveyMax { get; init; }
    public IReadOnlyList<SurveyPart> Surveys { get; init; } = [];
    public decimal Bonus { get; init; }
    public decimal? BonusCap { get; init; }
    /// <summary>The bonus counted in the total: the bonus, limited to its cap.</summary>
    public decimal BonusCounted { get; init; }
    public decimal Deduction { get; init; }
    public decimal? DeductionCap { get; init; }
    /// <summary>The deductions counted in the total, limited to their cap.</summary>
    public decimal DeductionCounted { get; init; }

    /// <summary>True when the index has parts beyond its sub-criteria (survey groups, bonus or deduction).</summary>
    public bool HasOtherParts => Surveys.Count > 0 || Bonus > 0 || Deduction > 0;

    /// <summary>
    /// "Điểm tiêu chí 70 + điều tra xã hội học 20,5/30 + điểm thưởng 2 (tối đa 2; đề nghị 3) − điểm trừ 1 = 91,5/130 điểm." (empty without other parts).
    /// </summary>
    public string PartsText
    {
        get
        {
            if (!HasOtherParts) return "";
            var text = $"Điểm tiêu chí {Vn.Points(CriteriaResult)}/{Vn.Points(Max - SurveyMax)}";
            if (Surveys.Count > 0) text += $" + điều tra xã hội học {Vn.Points(SurveyPoints)}/{Vn.Points(SurveyMax)}";
            if (Bonus > 0) text += $" + điểm thưởng {Vn.Points(BonusCounted)}" + (BonusCounted < Bonus ? $" (tối đa {Vn.Points(BonusCap!.Value)}; tổng đề nghị {Vn.Points(Bonus)})" : "");
            if (Deduction > 0) text += $" − điểm trừ {Vn.Points(DeductionCounted)}" + (DeductionCounted < Deduction ? $" (tối đa {Vn.Points(DeductionCap!.Value)}; tổng {Vn.Points(Deduction)})" : "");
            return text + $" = {Vn.Points(Total)}/{Vn.Points(Max)} điểm.";
        }
    }

    /// <summary>"Chỉ số gồm: điểm các tiêu chí, điều tra xã hội học (30 điểm), điểm thưởng, điểm trừ." (empty without other parts).</summary>
    public string PartsSentence
    {
        get
        {
            if (!HasOtherParts) return "";
            var parts = new List<string> { $"điểm các tiêu chí ({Vn.Points(Max - SurveyMax)} điểm)" };
            if (Surveys.Count > 0) parts.Add($"điều tra xã hội học {Vn.Points(SurveyPoints)}/{Vn.Points(SurveyMax)} điểm");
            if (Bonus > 0) parts.Add($"điểm thưởng {Vn.Points(BonusCounted)} điểm");
            if (Deduction > 0) parts.Add($"điểm trừ {Vn.Points(DeductionCounted)} điểm");
            return $"Chỉ số gồm {string.Join(", ", parts)}: tổng {Vn.Points(Total)}/{Vn.Points(Max)} điểm.";
        }
    }

    private static decimal Round(decimal value) => Math.Round(value, 3, MidpointRounding.AwayFromZero);

    /// <summary>True when sub-criteria were left out and the criteria points rescaled.</summary>
    public bool Rescaled => ApplicableMax != CriteriaMax;

    /// <summary>True when sub-criteria were left out and the criteria points rescaled (the year's rule rescales).</summary>
    public bool RescaledToFull => Rescaled && Rule == NotApplicableRule.RescaleToFullMax;

    /// <summary>"Không tính 2 tiêu chí thành phần không áp dụng (3 điểm): 70 ÷ 96 × 99 = 72,188 điểm." (empty when none).</summary>
    public string RescaleText => !Rescaled ? ""
        : Rule == NotApplicableRule.LeaveOut
            ? $"Không tính {NotApplicableCount} tiêu chí thành phần không áp dụng ({Vn.Points(CriteriaMax - ApplicableMax)} điểm): điểm tiêu chí {Vn.Points(CriteriaResult)}/{Vn.Points(ApplicableMax)}, không quy đổi."
            : $"Không tính {NotApplicableCount} tiêu chí thành phần không áp dụng ({Vn.Points(CriteriaMax - ApplicableMax)} điểm): "
              + $"{Vn.Points(CriteriaPoints)} ÷ {Vn.Points(ApplicableMax)} × {Vn.Points(CriteriaMax)} = {Vn.Points(CriteriaResult)} điểm.";

    /// <summary>"Tốt", in Vietnamese.</summary>
    public string ClassificationText => Classification.ToVietnamese();

    /// <summary>"quy đổi 81,381/100 điểm" where the year converts the result to a scale, else empty.</summary>
    public string ScaleText => OnScale is { } s ? $"quy đổi {Vn.Points(s)}/{Vn.Points(Scale!.Value)} điểm" : "";
}
