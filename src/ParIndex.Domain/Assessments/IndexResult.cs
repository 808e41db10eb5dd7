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
/// </summary>
public sealed record IndexResult(decimal Max, decimal Total, decimal Percent, Classification Classification, decimal? Scale, decimal? OnScale,
    ClassificationBands Bands)
{
    /// <summary>The result of the final round (the last round with a value of each sub-criterion).</summary>
    public static IndexResult Of(ScoreSheet sheet, IndexParts parts) => Of(sheet.Total.Final, sheet.Total.Max, parts);

    /// <summary>A result computed from given criteria points out of a maximum (another round, a published total).</summary>
    public static IndexResult Of(decimal points, decimal max, IndexParts parts)
    {
        var onScale = parts.Scale is { } scale && max > 0 ? Math.Round(points / max * scale, 3, MidpointRounding.AwayFromZero) : (decimal?)null;
        return new IndexResult(max, points, ScoreSheet.Percent(points, max), parts.Bands.Classify(points, max), parts.Scale, onScale, parts.Bands);
    }

    /// <summary>"Tốt", in Vietnamese.</summary>
    public string ClassificationText => Classification.ToVietnamese();

    /// <summary>"(quy đổi 81,381/100 điểm)" where the year converts the result to a scale, else empty.</summary>
    public string ScaleText => OnScale is { } s ? $"quy đổi {Vn.Points(s)}/{Vn.Points(Scale!.Value)} điểm" : "";
}
