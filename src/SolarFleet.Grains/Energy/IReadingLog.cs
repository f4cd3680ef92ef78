namespace SolarFleet.Grains.Energy;

/// <summary>
/// Raw readings for history: buffered and batched like the ledger, kept for a retention period (PostgreSQL) or as the
/// latest few thousand (the embedded default's ring), and read back as a site's power over time.
/// </summary>
public interface IReadingLog
{
    void Append(InverterReadingRecord reading);

    /// <summary>
    /// The site's power per slot of [from, to), slots counted from <paramref name="from"/>, from the readings of the
    /// given inverters polled in the range (by poll time, which is the silo's clock, not the Pi's); slots without a
    /// reading are left out. Oldest first.
    /// </summary>
    IAsyncEnumerable<PowerSlot> PowerAsync(
        string siteId, IReadOnlyList<string> inverterIds, DateTimeOffset from, DateTimeOffset to, TimeSpan slot, CancellationToken cancellationToken);
}
