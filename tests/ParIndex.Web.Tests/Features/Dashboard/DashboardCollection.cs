namespace ParIndex.Web.Tests.Features.Dashboard;

/// <summary>The dashboard and API test classes run one after another, so their factories never start concurrently.</summary>
[CollectionDefinition(Name)]
public sealed class DashboardCollection
{
    public const string Name = "Dashboard and API";
}
