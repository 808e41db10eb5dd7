namespace ParIndex.Web.Infrastructure.Caching;

/// <summary>
/// The <c>ReadCache</c> section, read once at start and validated then: <c>Seconds</c> (default 5; 0 turns sharing
/// off) bounds how long a write made by another instance on the same database can go unseen; <c>SizeLimit</c>
/// (default 256) is the most entries held at once: past it the least recently used are dropped, the rest stay.
/// </summary>
public sealed class ReadCacheOptions
{
    public const string Section = "ReadCache";

    public int Seconds { get; set; } = 5;

    public int SizeLimit { get; set; } = 256;
}
