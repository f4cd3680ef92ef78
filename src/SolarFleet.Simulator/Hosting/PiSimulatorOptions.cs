using SolarFleet.Protocol.Polling;
using SolarFleet.Simulator.Inverter;
using SolarFleet.Simulator.Sites;
using SolarFleet.Simulator.Solar;

namespace SolarFleet.Simulator.Hosting;

/// <summary>What to simulate and where to listen.</summary>
public sealed record PiSimulatorOptions
{
    /// <summary>Address to listen on (an IP literal or <c>localhost</c>, which means 127.0.0.1).</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>
    /// First port; Pis take consecutive ports from it. 0 picks free ports in 49152-65535 automatically
    /// (consecutive where possible). When a loopback address runs out of ports, the next ones go on
    /// the following address (127.0.0.1, then 127.0.0.2, ...), from the same base port.
    /// </summary>
    public int BasePort { get; init; }

    public int PiCount { get; init; } = 1;

    /// <summary>Sites, assigned to Pis in turn: Pi i belongs to <c>Sites[i % Sites.Count]</c>.</summary>
    public IReadOnlyList<SimulatedSite> Sites { get; init; } = [SimulatedSite.Default];

    /// <summary>Seed of the whole fleet; each Pi derives its own from it and its index.</summary>
    public long Seed { get; init; } = 1;

    public PowerTotalFormat PowerTotalFormat { get; init; } = PowerTotalFormat.KilowattHours;

    /// <summary>One sky over every site, so neighbours see the same clouds; null: each Pi has weather of its own.</summary>
    public CloudField? Clouds { get; init; }

    /// <summary>Array output with the sun overhead (each Pi varies it by up to ±5 %), capped at 4,000 W AC.</summary>
    public double ArrayPeakWatts { get; init; } = 4400;

    /// <summary>A client silent this long is dropped (on the simulator's clock).</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(30);

    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(Host);
        if (PiCount < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(PiCount), PiCount, "Simulate at least one Pi.");
        }

        if (BasePort != 0 && BasePort is < PiEndpoint.MinPort or > PiEndpoint.MaxPort)
        {
            throw new ArgumentOutOfRangeException(nameof(BasePort), BasePort, $"The base port must be 0 (automatic) or within {PiEndpoint.MinPort}-{PiEndpoint.MaxPort}.");
        }

        if (Sites is null || Sites.Count == 0)
        {
            throw new ArgumentException("At least one site is needed.", nameof(Sites));
        }

        if (!double.IsFinite(ArrayPeakWatts) || ArrayPeakWatts <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(ArrayPeakWatts), ArrayPeakWatts, "The array peak must be a positive number of watts.");
        }

        if (IdleTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(IdleTimeout), IdleTimeout, "The idle timeout must be positive.");
        }
    }
}
