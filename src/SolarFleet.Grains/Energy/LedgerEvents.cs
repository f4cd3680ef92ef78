namespace SolarFleet.Grains.Energy;

/// <summary>What applying a poll changed in the ledger; some of it must be persisted at once.</summary>
[Flags]
public enum LedgerEvents
{
    None = 0,

    /// <summary>A reading for a date not seen before (the morning reset).</summary>
    NewReadingDate = 1,

    /// <summary>PowerToday restarted within a date, with evidence; the earlier energy was carried forward.</summary>
    RestartCarried = 2,

    /// <summary>A reading was set aside (misread, impossible rise, PowerTotal off its count).</summary>
    Anomaly = 4,

    /// <summary>The poll clock reached a new site-local date, so earlier dates are over.</summary>
    PollDateRolledOver = 8,

    /// <summary>The Pi's TimeStamp was not believed for this poll.</summary>
    ClockSkewed = 16,

    /// <summary>A changed address was judged: same inverter, or a different one whose day starts again.</summary>
    SourceDecided = 32,

    /// <summary>A day was deliberately lowered (a restart taken back, a day started again): its epoch grew.</summary>
    Corrected = 64,

    /// <summary>PowerTotal counted on from an off-scale value long enough to become the new baseline (a new count).</summary>
    NewLifetimeCount = 128,
}
