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

/// <summary>
/// The parts of a year's index beyond the scores of its sub-criteria, as the year's framework sets them: the
/// classification bands and the scale the result is also shown on (100 points where the framework says so).
/// </summary>
public sealed record IndexParts(ClassificationBands Bands, decimal? Scale = null)
{
    public static IndexParts Default { get; } = new(ClassificationBands.Default);
}

/// <summary>
/// The index of one year as the province computes it, from the sheet of its sub-criteria and the year's
/// <see cref="IndexParts"/>: the one place the result, its maximum, percentage and classification are derived.
/// Sub-criteria marked not applicable are left out and the criteria points rescaled to the full maximum
/// (result = points ÷ applicable maximum × full maximum).
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
        var total = applicable > 0 && applicable != full ? Round(points / applicable * full) : points;
        return Make(full, applicable, points, sheet.NotApplicable.Count, total, parts);
    }

    /// <summary>A result computed from given points out of a maximum (a published total), with nothing left out.</summary>
    public static IndexResult Of(decimal points, decimal max, IndexParts parts) => Make(max, max, points, 0, points, parts);

    private static IndexResult Make(decimal full, decimal applicable, decimal points, int notApplicable, decimal total, IndexParts parts)
    {
        var onScale = parts.Scale is { } scale && full > 0 ? Round(total / full * scale) : (decimal?)null;
        return new IndexResult(full, applicable, points, notApplicable, full, total, ScoreSheet.Percent(total, full), parts.Bands.Classify(total, full),
            parts.Scale, onScale, parts.Bands);
    }

    private static decimal Round(decimal value) => Math.Round(value, 3, MidpointRounding.AwayFromZero);

    /// <summary>True when sub-criteria were left out and the criteria points rescaled.</summary>
    public bool Rescaled => ApplicableMax != CriteriaMax;

    /// <summary>"Không tính 2 tiêu chí thành phần không áp dụng (3 điểm): 70 ÷ 96 × 99 = 72,188 điểm." (empty when none).</summary>
    public string RescaleText => Rescaled
        ? $"Không tính {NotApplicableCount} tiêu chí thành phần không áp dụng ({Vn.Points(CriteriaMax - ApplicableMax)} điểm): "
          + $"{Vn.Points(CriteriaPoints)} ÷ {Vn.Points(ApplicableMax)} × {Vn.Points(CriteriaMax)} = {Vn.Points(Total)} điểm."
        : "";

    /// <summary>"Tốt", in Vietnamese.</summary>
    public string ClassificationText => Classification.ToVietnamese();

    /// <summary>"quy đổi 81,381/100 điểm" where the year converts the result to a scale, else empty.</summary>
    public string ScaleText => OnScale is { } s ? $"quy đổi {Vn.Points(s)}/{Vn.Points(Scale!.Value)} điểm" : "";
}
