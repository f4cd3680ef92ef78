using SolarFleet.Abstractions.Alerts;
using SolarFleet.Abstractions.Health;

namespace SolarFleet.Silo.Dashboard.Sites;

/// <summary>
/// One page of the sites list as asked for: a search over id and name, a health filter (sites with at least one
/// inverter in that state, or any needing attention), an open alert kind, an order and a 1-based page.
/// </summary>
public sealed record SiteListQuery(string? Search, SiteHealthFilter? Health, AlertKind? AlertKind, SiteSort Sort, int Page, int PageSize = SiteListQuery.DefaultPageSize)
{
    public const int DefaultPageSize = 25;
}

/// <summary>Sites with an inverter in <see cref="State"/>, or (<see cref="State"/> null) with any needing attention.</summary>
public sealed record SiteHealthFilter(InverterHealth? State)
{
    public static readonly SiteHealthFilter Attention = new((InverterHealth?)null);
}
