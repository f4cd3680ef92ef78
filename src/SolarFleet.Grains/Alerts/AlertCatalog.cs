using SolarFleet.Abstractions.Alerts;

namespace SolarFleet.Grains.Alerts;

/// <summary>How urgent each kind of alert is.</summary>
public static class AlertCatalog
{
    public static AlertSeverity SeverityOf(AlertKind kind) => kind switch
    {
        // Nothing is being produced, or nobody can tell: a visit or a call today.
        AlertKind.Unreachable or AlertKind.Fault or AlertKind.DarkInDaylight => AlertSeverity.Critical,

        // Producing, but less than it should, or with data that cannot be trusted.
        AlertKind.Underproducing or AlertKind.Stale or AlertKind.GridOutOfRange or AlertKind.LifetimeAnomaly => AlertSeverity.Warning,
        _ => AlertSeverity.Info,
    };

    /// <summary>The wire name of a kind (camelCase), as the API and metrics spell it.</summary>
    public static string NameOf(AlertKind kind)
    {
        var name = kind.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }
}
