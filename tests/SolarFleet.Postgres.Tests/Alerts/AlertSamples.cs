using SolarFleet.Abstractions.Alerts;

namespace SolarFleet.Postgres.Tests.Alerts;

/// <summary>Alerts and transitions for the store tests, at whole seconds (the database keeps microseconds).</summary>
public static class AlertSamples
{
    public static readonly DateTimeOffset Noon = new(2025, 6, 21, 12, 0, 0, TimeSpan.Zero);

    public static Alert Alert(
        string id,
        DateTimeOffset? raisedAt = null,
        AlertKind kind = AlertKind.Fault,
        AlertSeverity severity = AlertSeverity.Warning,
        string site = "site-a",
        string inverter = "inv-1") =>
        new(id, kind, severity, site, inverter, raisedAt ?? Noon, null, null, null, $"{kind} on {inverter}", "detail", new Dictionary<string, double> { ["statusCode"] = 7 });

    public static AlertTransition Raised(Alert alert) => new(alert, AlertTransitionKind.Raised);

    public static AlertTransition Resolved(Alert alert, DateTimeOffset at) =>
        new(alert with { ResolvedAt = at, Figures = new Dictionary<string, double> { ["statusCode"] = 0 } }, AlertTransitionKind.Resolved);

    /// <summary>Same alert, field by field (the figures by content, times as instants).</summary>
    public static void AssertSame(Alert expected, Alert? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected with { Figures = actual.Figures }, actual);
        Assert.Equal(expected.Figures.OrderBy(f => f.Key), actual.Figures.OrderBy(f => f.Key));
    }
}
