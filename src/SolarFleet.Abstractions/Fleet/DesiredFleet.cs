using SolarFleet.Abstractions.Inverters;
using SolarFleet.Abstractions.Sites;

namespace SolarFleet.Abstractions.Fleet;

/// <summary>The whole fleet as declared: every site with its inverters. Sites it does not list are to be removed.</summary>
[GenerateSerializer, Immutable]
public sealed record DesiredFleet(IReadOnlyList<DesiredSite> Sites)
{
    public int Inverters => Sites.Sum(site => site.Inverters.Count);
}

/// <summary>One declared site: its settings and exactly these inverters.</summary>
[GenerateSerializer, Immutable]
public sealed record DesiredSite(string Id, SiteSettings Settings, IReadOnlyDictionary<string, InverterSettings> Inverters);
