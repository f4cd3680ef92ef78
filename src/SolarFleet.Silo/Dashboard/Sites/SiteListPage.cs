using SolarFleet.Abstractions.Sites;

namespace SolarFleet.Silo.Dashboard.Sites;

/// <summary>One page of sites, how many matched in all, and how many pages that makes.</summary>
public sealed record SiteListPage(IReadOnlyList<SiteSummary> Sites, int Matched, int Page, int Pages);
