using SolarFleet.Abstractions.Alerts;

namespace SolarFleet.Silo.Dashboard.Pages.Shared;

/// <summary>
/// The alert table partial's model: the alerts, each site's time zone (times show on the site's clock; UTC for a
/// site no longer live), whether the viewer may acknowledge, and where to come back to.
/// </summary>
public sealed record AlertTable(IReadOnlyList<Alert> Alerts, IReadOnlyDictionary<string, string> Zones, bool CanAcknowledge, string ReturnUrl)
{
    public string ZoneOf(string siteId) => Zones.TryGetValue(siteId, out var zone) ? zone : "Etc/UTC";
}
