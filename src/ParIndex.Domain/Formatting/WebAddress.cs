namespace ParIndex.Domain.Formatting;

/// <summary>The one check for a link typed by a user or an operator (evidence links, settings): absolute http or https.</summary>
public static class WebAddress
{
    /// <summary>True when <paramref name="text"/> (surrounding spaces ignored) is an absolute http:// or https:// address.</summary>
    public static bool TryParse(string? text, out Uri address)
    {
        if (!string.IsNullOrWhiteSpace(text) && Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
        {
            address = uri;
            return true;
        }
        address = null!;
        return false;
    }

    public static bool IsValid(string? text) => TryParse(text, out _);
}
