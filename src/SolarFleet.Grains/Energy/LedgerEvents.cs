namespace SolarFleet.Grains.Energy;

/// <summary>What applying a poll changed in the ledger; some of it must be persisted at once.</summary>
[Flags]
public enum LedgerEvents
{
    None = 0,

    /// <summary>A reading for a date not seen before (the morning reset).</summary>
    NewReadingDate = 1,

    /// <summary>PowerToday dropped within a date (inverter restart); the earlier energy was carried forward.</summary>
    RestartCarried = 2,

    /// <summary>The lifetime counter went backwards.</summary>
    LifetimeAnomaly = 4,

    /// <summary>The poll clock reached a new site-local date, so earlier dates are over.</summary>
    PollDateRolledOver = 8,
}
