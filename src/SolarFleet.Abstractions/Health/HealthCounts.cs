namespace SolarFleet.Abstractions.Health;

/// <summary>How many inverters are in each health state.</summary>
[GenerateSerializer, Immutable]
public readonly record struct HealthCounts(int Pending, int Online, int Asleep, int Stale, int Unreachable, int Fault)
{
    public static readonly HealthCounts Zero = new(0, 0, 0, 0, 0, 0);

    public int Total => Pending + Online + Asleep + Stale + Unreachable + Fault;

    public HealthCounts Add(InverterHealth health, int delta) => health switch
    {
        InverterHealth.Pending => this with { Pending = Pending + delta },
        InverterHealth.Online => this with { Online = Online + delta },
        InverterHealth.Asleep => this with { Asleep = Asleep + delta },
        InverterHealth.Stale => this with { Stale = Stale + delta },
        InverterHealth.Unreachable => this with { Unreachable = Unreachable + delta },
        InverterHealth.Fault => this with { Fault = Fault + delta },
        _ => throw new ArgumentOutOfRangeException(nameof(health), health, null),
    };

    /// <summary>How many inverters are in one health state.</summary>
    public int Of(InverterHealth health) => health switch
    {
        InverterHealth.Pending => Pending,
        InverterHealth.Online => Online,
        InverterHealth.Asleep => Asleep,
        InverterHealth.Stale => Stale,
        InverterHealth.Unreachable => Unreachable,
        InverterHealth.Fault => Fault,
        _ => throw new ArgumentOutOfRangeException(nameof(health), health, null),
    };

    public HealthCounts Plus(HealthCounts other) => new(
        Pending + other.Pending,
        Online + other.Online,
        Asleep + other.Asleep,
        Stale + other.Stale,
        Unreachable + other.Unreachable,
        Fault + other.Fault);
}
