namespace SolarFleet.Silo.Hosting;

/// <summary>Where cluster membership, reminders, grain state and energy history live.</summary>
public enum StorageKind
{
    /// <summary>Embedded default: one silo, localhost clustering, everything in memory.</summary>
    Memory,

    /// <summary>Production: PostgreSQL through Npgsql (ConnectionStrings:SolarFleet).</summary>
    Postgres,
}
