namespace ParIndex.Domain;

/// <summary>
/// A rule of the domain was broken. The message is Vietnamese: it is shown to the user as it is.
/// </summary>
public sealed class DomainException(string message) : Exception(message);
