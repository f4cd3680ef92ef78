using SolarFleet.Abstractions.Sites;

namespace SolarFleet.Silo.Api.Routing;

/// <summary>
/// The live (not removed) site a route names, looked up once by <see cref="LiveSiteFilter"/> before the handler runs;
/// handlers read it with <see cref="Of"/>.
/// </summary>
public sealed record LiveSite(string SiteId, ISiteGrain Grain, SiteSnapshot Snapshot)
{
    private static readonly object Key = new();

    public static LiveSite Of(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Items[Key] as LiveSite
            ?? throw new InvalidOperationException("The endpoint reads a live site but has no LiveSiteFilter (RequireLiveSite).");
    }

    internal void Attach(HttpContext context) => context.Items[Key] = this;
}
