namespace SolarFleet.Grains.Energy;

/// <summary>What one good poll tells the ledger.</summary>
/// <param name="PolledAt">When the poll was made (poll clock).</param>
/// <param name="SiteLocalPollTime">The same instant as the site's wall clock.</param>
/// <param name="Timestamp">The Pi's TimeStamp, as it said it (site-local by the protocol; not always believable).</param>
/// <param name="LifetimeKwh">PowerTotal converted to kWh.</param>
/// <param name="LifetimeResolutionKwh">The smallest step of PowerTotal as answered, in kWh (null when unknown).</param>
public readonly record struct LedgerReading(
    DateTimeOffset PolledAt,
    DateTime SiteLocalPollTime,
    DateTime? Timestamp,
    long? PowerTodayWh,
    double? LifetimeKwh,
    double? LifetimeResolutionKwh,
    long? UptimeSeconds);
