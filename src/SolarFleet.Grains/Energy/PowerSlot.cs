namespace SolarFleet.Grains.Energy;

/// <summary>
/// A site's power over one slot of time, from its stored readings: the sum of each reporting inverter's mean power in
/// the slot, and how many inverters reported (an inverter with no reading in the slot adds nothing).
/// </summary>
public readonly record struct PowerSlot(DateTimeOffset Start, long PowerW, int Inverters);
