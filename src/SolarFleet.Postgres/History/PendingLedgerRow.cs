using SolarFleet.Abstractions.Energy;

namespace SolarFleet.Postgres.History;

internal readonly record struct LedgerKey(string SiteId, string InverterId, DateOnly Date)
{
    public static LedgerKey Of(DailyEnergy row) => new(row.SiteId, row.InverterId, row.Date);
}

/// <summary>A ledger row waiting to be written, stamped with when the grain last reported it.</summary>
internal sealed record PendingLedgerRow(DailyEnergy Row, DateTimeOffset UpdatedAt)
{
    /// <summary>
    /// The same rule the database applies: energy is the greater of the two, every other field comes from the
    /// more recent report. Order-independent, so merging a failed batch back in is safe.
    /// </summary>
    public static PendingLedgerRow Merge(PendingLedgerRow first, PendingLedgerRow second)
    {
        var latest = second.UpdatedAt >= first.UpdatedAt ? second : first;
        var energy = Math.Max(first.Row.EnergyWh, second.Row.EnergyWh);
        return latest.Row.EnergyWh == energy ? latest : latest with { Row = latest.Row with { EnergyWh = energy } };
    }
}
