using SolarFleet.Abstractions.Alerts;
using SolarFleet.Grains.Inverters;
using SolarFleet.Grains.Underproduction;
using SolarFleet.Simulator.Inverter;

namespace SolarFleet.Benchmarks.Detection;

/// <summary>One home of the simulated region: its inverter, the monitor judging it, and what it raised.</summary>
internal sealed class BenchmarkSite(int index, string key, double latitude, double longitude, SimulatedInverter inverter, InverterMonitor monitor)
{
    public int Index { get; } = index;

    /// <summary>The grain key peers know it by.</summary>
    public string Key { get; } = key;

    public double Latitude { get; } = latitude;

    public double Longitude { get; } = longitude;

    public SimulatedInverter Inverter { get; } = inverter;

    public InverterMonitor Monitor { get; } = monitor;

    public InjectedFault? Fault { get; init; }

    /// <summary>When the fault began; alerts of its kind before this are not detections.</summary>
    public DateTimeOffset FaultStart { get; init; }

    /// <summary>Time to detect is measured from here (the fault's start, or when it could first be seen).</summary>
    public DateTimeOffset DetectableFrom { get; init; }

    /// <summary>Completed windows waiting for their peers to settle, oldest first (as <see cref="PeerComparison"/> keeps them).</summary>
    public List<CompletedYield> Pending { get; } = [];

    public List<(AlertKind Kind, DateTimeOffset At)> Raised { get; } = [];
}
