using SolarFleet.Abstractions.Alerts;
using SolarFleet.Abstractions.Health;
using SolarFleet.Grains.Alerts;
using SolarFleet.Silo.Api;

namespace SolarFleet.Silo.Dashboard.Display;

/// <summary>Words and CSS classes for states, the same names the API uses in its JSON.</summary>
public static class Labels
{
    public static string Health(InverterHealth health) => ResourceMapper.Name(health);

    public static string Kind(AlertKind kind) => AlertCatalog.NameOf(kind);

    /// <summary>"darkInDaylight" as "dark in daylight".</summary>
    public static string KindWords(AlertKind kind) =>
        string.Concat(Kind(kind).Select(c => char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : c.ToString()));

    public static AlertKind? ParseKind(string? name) =>
        Enum.GetValues<AlertKind>().Where(k => Kind(k) == name).Select(k => (AlertKind?)k).FirstOrDefault();

    public static InverterHealth? ParseHealth(string? name) =>
        Enum.GetValues<InverterHealth>().Where(h => Health(h) == name).Select(h => (InverterHealth?)h).FirstOrDefault();
}
