using SolarFleet.Abstractions.Energy;
using SolarFleet.Grains.Energy;

namespace SolarFleet.Postgres.History;

internal readonly record struct LedgerKey(string SiteId, string InverterId, DateOnly Date)
{
    public static LedgerKey Of(DailyEnergy row) => new(row.SiteId, row.InverterId, row.Date);
}

/// <summary>A ledger row waiting to be written, stamped with when the grain last reported it.</summary>
internal sealed record PendingLedgerRow(DailyEnergy Row, DateTimeOffset UpdatedAt)
{
    /// <summary>
    /// The same rule the database and every other store apply (<see cref="DailyEnergyMerge"/>), so merging a failed
    /// batch back in, or coalescing two reports, is safe.
    /// </summary>
    public static PendingLedgerRow Merge(PendingLedgerRow first, PendingLedgerRow second) => new(
        DailyEnergyMerge.Merge(first.Row, second.Row),
        second.UpdatedAt > first.UpdatedAt ? second.UpdatedAt : first.UpdatedAt);
}
