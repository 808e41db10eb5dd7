namespace ParIndex.Documents;

/// <summary>No serif font able to draw Vietnamese was found; the message says what to install.</summary>
public sealed class FontNotFoundException : Exception
{
    public FontNotFoundException(string message) : base(message)
    {
    }
}
