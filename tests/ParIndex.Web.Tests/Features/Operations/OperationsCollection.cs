namespace ParIndex.Web.Tests.Features.Operations;

/// <summary>
/// Runs the operations and reminder test classes one after another. Two application hosts starting at the same
/// moment in one process race on Serilog's static bootstrap logger ("The logger is already frozen"), so these
/// classes, each with its own factory, do not start their hosts in parallel with each other.
/// </summary>
[CollectionDefinition(Name)]
public sealed class OperationsCollection
{
    public const string Name = "Operations";
}
