using SolarFleet.Abstractions.Energy;

namespace SolarFleet.Silo.Api.Energy;

/// <summary>One inverter's ledger for one date, with how it was measured and what happened to its readings.</summary>
public sealed record InverterEnergyDay(
    string SiteId,
    string InverterId,
    DateOnly Date,
    EnergyPeriodStatus PeriodStatus,
    string TimeZone,
    long? EnergyWh,
    long? PowerTodayWh,
    long? BridgedWh,
    long SetAsideWh,
    int Anomalies,
    int Restarts,
    double? LifetimeEndKwh,
    double? Coverage,
    bool Complete,
    IReadOnlyList<LedgerAuditResource> Audit);

/// <summary>An audit entry as the API shows it.</summary>
public sealed record LedgerAuditResource(string Kind, DateTimeOffset FirstAt, DateTimeOffset LastAt, int Count, string Detail)
{
    public static LedgerAuditResource Of(LedgerAuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new(System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(entry.Kind.ToString()), entry.FirstAt, entry.LastAt, entry.Count, entry.Detail);
    }
}
