namespace SolarFleet.Abstractions.Energy;

/// <summary>What a ledger audit entry records.</summary>
[GenerateSerializer]
public enum LedgerAuditKind
{
    /// <summary>PowerToday fell without evidence of a restart: the reading was set aside.</summary>
    Misread = 0,

    /// <summary>PowerToday rose by more than the inverter could have made: the reading was set aside.</summary>
    ImpossibleRise = 1,

    /// <summary>The inverter restarted mid-day (evidence given): the energy before it was carried.</summary>
    Restart = 2,

    /// <summary>A restart the next reading contradicted was taken back.</summary>
    RestartTakenBack = 3,

    /// <summary>PowerTotal went backwards or jumped: the reading's lifetime was set aside.</summary>
    Lifetime = 4,

    /// <summary>The Pi's address changed; whether the new Pi is the same inverter, and what was set aside.</summary>
    SourceChanged = 5,

    /// <summary>The Pi's TimeStamp was not believable, so it did not decide the reading's date.</summary>
    ClockSkew = 6,

    /// <summary>The day held more than PowerTotal grew by over it, and was capped to that.</summary>
    CappedByLifetime = 7,

    /// <summary>PowerTotal started a new count (a replaced inverter behind the same Pi) and is followed from there.</summary>
    LifetimeNewCount = 8,
}
