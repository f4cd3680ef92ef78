namespace SolarFleet.Silo.Tests.Dashboard;

/// <summary>The browser tests share one silo and one Chromium: starting them is most of their cost.</summary>
[CollectionDefinition(Name)]
public sealed class DashboardCollection : ICollectionFixture<DashboardSilo>
{
    public const string Name = "Dashboard";
}
