namespace SolarFleet.Grains.Energy;

/// <summary>Raw readings for history; buffered and batched like the ledger. The embedded default drops them.</summary>
public interface IReadingLog
{
    void Append(InverterReadingRecord reading);
}
