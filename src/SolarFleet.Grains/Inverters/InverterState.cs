using SolarFleet.Abstractions.Health;
using SolarFleet.Abstractions.Inverters;
using SolarFleet.Grains.Energy;

namespace SolarFleet.Grains.Inverters;

/// <summary>What an inverter grain persists: its registration, its health, the last decoded values and its ledger.</summary>
[GenerateSerializer]
public sealed class InverterState
{
    /// <summary>Null when the inverter is not registered (never was, or was removed).</summary>
    [Id(0)]
    public InverterRegistration? Registration { get; set; }

    [Id(1)]
    public InverterHealth Health { get; set; }

    [Id(2)]
    public DateTimeOffset? HealthSince { get; set; }

    [Id(3)]
    public string? LastError { get; set; }

    [Id(4)]
    public int ConsecutiveFailures { get; set; }

    /// <summary>When the current run of failures began (an unreachable inverter is unreachable since then).</summary>
    [Id(5)]
    public DateTimeOffset? FirstFailureAt { get; set; }

    [Id(6)]
    public DateTimeOffset? LastPollAt { get; set; }

    [Id(7)]
    public DateTimeOffset? LastSuccessAt { get; set; }

    [Id(8)]
    public int? StatusCode { get; set; }

    [Id(9)]
    public int? PowerNowW { get; set; }

    [Id(10)]
    public double? GridVoltageV { get; set; }

    [Id(11)]
    public double? GridFrequencyHz { get; set; }

    [Id(12)]
    public long? UptimeSeconds { get; set; }

    /// <summary>The Pi's TimeStamp of the last good poll (site-local wall time).</summary>
    [Id(13)]
    public DateTime? Timestamp { get; set; }

    /// <summary>When (poll clock) the TimeStamp took its current value; how long it has not moved is measured from here.</summary>
    [Id(14)]
    public DateTimeOffset? TimestampChangedAt { get; set; }

    /// <summary>The Pi's unsupported queries, as a <see cref="Protocol.Queries.PiQuerySet"/> mask.</summary>
    [Id(15)]
    public int UnsupportedQueries { get; set; }

    [Id(16)]
    public EnergyLedgerState Ledger { get; set; } = new();

    /// <summary>Why the Pi's TimeStamp was not believed at the last good poll; null when it was.</summary>
    [Id(17)]
    public string? ClockSkew { get; set; }

    /// <summary>Since when the TimeStamp has not been believed (poll clock).</summary>
    [Id(18)]
    public DateTimeOffset? ClockSkewSince { get; set; }

    /// <summary>
    /// When the inverter was removed. A removed inverter keeps its ledger, so that adding the same id again the same
    /// day continues the day instead of counting it afresh.
    /// </summary>
    [Id(19)]
    public DateTimeOffset? RemovedAt { get; set; }

    /// <summary>The registration a removed inverter had: its site's zone still dates the rows it holds.</summary>
    [Id(20)]
    public InverterRegistration? RemovedRegistration { get; set; }

    /// <summary>Lags (site clock minus TimeStamp, ticks) of the TimeStamp's last moves: see <see cref="Health.ClockLag"/>.</summary>
    [Id(21)]
    public List<long> ClockLags { get; set; } = [];

    /// <summary>Where each kind of alert stands: see <see cref="Alerts.AlertBook"/>.</summary>
    [Id(22)]
    public Dictionary<Abstractions.Alerts.AlertKind, Alerts.AlertTrack> AlertTracks { get; set; } = [];

    /// <summary>The yield window under way, for peer comparison.</summary>
    [Id(23)]
    public Underproduction.YieldTrack YieldTrack { get; set; } = new();

    /// <summary>Its own output against a clear sky, learned day by day: the judge of underproduction without peers.</summary>
    [Id(24)]
    public Underproduction.OwnOutputTrack OwnOutput { get; set; } = new();
}
