using System.Text.Json;
using SolarFleet.Abstractions.Alerts;
using SolarFleet.Abstractions.Fleet;
using SolarFleet.Abstractions.Health;
using SolarFleet.Abstractions.Inverters;
using SolarFleet.Abstractions.Sites;
using SolarFleet.Grains.Alerts;
using SolarFleet.Silo.Api.Contracts;
using SolarFleet.Silo.Api.Validation;

namespace SolarFleet.Silo.Api;

/// <summary>Grain records to API resources (camelCase enum names, units in field names).</summary>
public static class ResourceMapper
{
    public static string Name(InverterHealth health) => JsonNamingPolicy.CamelCase.ConvertName(health.ToString());

    public static HealthCountsResource ToResource(this HealthCounts c) =>
        new(c.Pending, c.Online, c.Asleep, c.Stale, c.Unreachable, c.Fault);

    public static InverterResource ToResource(this InverterSnapshot s) => new(
        s.InverterId,
        s.SiteId,
        s.Settings.Host,
        s.Settings.Port,
        s.Settings.PollSeconds,
        RequestValidator.UnitName(s.Settings.PowerTotalUnit),
        s.Settings.DcCapacityW,
        s.Settings.TiltDegrees,
        s.Settings.AzimuthDegrees,
        Name(s.Health),
        s.HealthSince,
        s.StatusCode,
        s.StatusText,
        s.PowerW,
        s.LocalDate,
        s.EnergyTodayWh,
        s.LifetimeEnergyKwh,
        s.GridVoltageV,
        s.GridFrequencyHz,
        s.UptimeSeconds,
        s.Timestamp,
        s.LastPollAt,
        s.LastSuccessAt,
        s.LastError,
        s.ConsecutiveFailures,
        s.Unsupported,
        s.ClockSkew,
        s.ClockSkewSince);

    public static SiteResource ToResource(this SiteSummary s) => new(
        s.SiteId,
        s.Name,
        s.TimeZone,
        s.Latitude,
        s.Longitude,
        s.Inverters,
        s.PowerW,
        s.LocalDate,
        s.EnergyTodayWh,
        s.Health.ToResource(),
        s.UpdatedAt,
        s.RatedCapacityW,
        s.YieldToday is { } yield ? Math.Round(yield, 4) : null);

    public static FleetResource ToResource(this FleetSummary f) => new(
        f.Sites,
        f.Inverters,
        f.PowerW,
        f.EnergyTodayWh,
        f.Health.ToResource(),
        f.SitesWithProblems,
        f.UpdatedAt);

    public static FleetDocumentStatusResource ToResource(this FleetDocumentStatus s) => new(
        s.Generation,
        s.ObservedGeneration,
        JsonNamingPolicy.CamelCase.ConvertName(s.State.ToString()),
        s.Sites,
        s.Inverters,
        s.SitesApplied,
        s.SitesToRemove,
        s.SitesRemoved,
        s.StoredAt,
        s.ConvergedAt,
        s.LastError);

    /// <summary>The desired fleet as the fleet document a client sends (and gets back).</summary>
    public static FleetDocument ToResource(this DesiredFleet fleet) => new(fleet.Sites
        .Select(site => new FleetDocumentSite(
            site.Id,
            site.Settings.Name,
            site.Settings.TimeZone,
            site.Settings.Latitude,
            site.Settings.Longitude,
            site.Inverters
                .OrderBy(pair => pair.Key, StringComparer.Ordinal)
                .Select(pair => (FleetDocumentInverter?)new FleetDocumentInverter(pair.Key, pair.Value.Host, pair.Value.Port, pair.Value.PollSeconds, RequestValidator.UnitName(pair.Value.PowerTotalUnit), pair.Value.DcCapacityW, pair.Value.TiltDegrees, pair.Value.AzimuthDegrees))
                .ToList()))
        .ToList());

    public static ProblemResource ToResource(this Problem p) =>
        new(p.SiteId, p.InverterId, Name(p.Health), p.Since, p.StatusCode, p.Detail);

    public static AlertResource ToResource(this Alert a) => new(
        a.Id,
        AlertCatalog.NameOf(a.Kind),
        a.Severity.ToString().ToLowerInvariant(),
        a.IsOpen ? "open" : "resolved",
        a.SiteId,
        a.InverterId,
        a.RaisedAt,
        a.ResolvedAt,
        a.AcknowledgedAt,
        a.AcknowledgedBy,
        a.Summary,
        a.Detail,
        a.Figures);
}
