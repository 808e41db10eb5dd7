namespace ParIndex.Domain;

/// <summary>
/// A rule of the domain was broken. The message is Vietnamese: it is shown to the user as it is. <see cref="Field"/>,
/// when given, names the entity's property the refusal is about, so a form can show it beside that field.
/// </summary>
public sealed class DomainException(string message, string? field = null) : Exception(message)
{
    public string? Field { get; } = field;
}
