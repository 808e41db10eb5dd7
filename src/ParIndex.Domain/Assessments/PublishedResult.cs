namespace ParIndex.Domain.Assessments;

/// <summary>
/// The result as UBND tỉnh published it, stored exactly as published (even where it contradicts
/// itself) so the screen can compare it with the totals computed from the sub-criteria.
/// </summary>
public class PublishedResult
{
    private PublishedResult() { }

    public PublishedResult(int year, decimal total, string classification, int rank, int rankOf, string? source)
    {
        Year = year;
        Update(total, classification, rank, rankOf, source);
    }

    public int Id { get; private set; }
    public int Year { get; private set; }
    public decimal Total { get; private set; }
    public string Classification { get; private set; } = "";
    public int Rank { get; private set; }
    public int RankOf { get; private set; }
    public string? Source { get; private set; }
    public List<PublishedAreaResult> Areas { get; private set; } = [];

    public void Update(decimal total, string classification, int rank, int rankOf, string? source)
    {
        if (rankOf <= 0 || rank <= 0 || rank > rankOf) throw new DomainException("Thứ hạng phải nằm trong khoảng 1 đến tổng số đơn vị xếp hạng.");
        if (total < 0) throw new DomainException("Tổng điểm công bố không được âm.");
        Total = total;
        Classification = classification.Trim();
        Rank = rank;
        RankOf = rankOf;
        Source = string.IsNullOrWhiteSpace(source) ? null : source.Trim();
    }
}

/// <summary>An area's points and percentage as the document printed them.</summary>
public class PublishedAreaResult
{
    private PublishedAreaResult() { }

    public PublishedAreaResult(string areaCode, decimal? points, decimal? percent)
    {
        AreaCode = areaCode;
        Points = points;
        Percent = percent;
    }

    public int Id { get; private set; }
    public int PublishedResultId { get; private set; }
    public string AreaCode { get; private set; } = "";
    public decimal? Points { get; private set; }
    public decimal? Percent { get; private set; }
}
