using SolarFleet.Simulator.Faults;
using SolarFleet.Simulator.Sites;
using SolarFleet.Simulator.Solar;

namespace SolarFleet.Simulator.Inverter;

/// <summary>
/// An inverter and what its Pi would answer, without a socket: for benchmarks that feed readings straight to the
/// rules. The same model as a <see cref="Hosting.SimulatedPi"/>; only the inverter's own faults apply (the Pi's
/// network faults need a socket). Thread-safe; every member takes "now" from the caller's clock.
/// </summary>
public sealed class SimulatedInverter
{
    private readonly InverterModel _model;

    /// <param name="site">Where the panels are.</param>
    /// <param name="seed">Drives the update phase, jitter and grid noise.</param>
    /// <param name="peakWatts">Array output with the sun overhead, before the 4,000 W AC cap.</param>
    /// <param name="initialLifetimeWh">PowerTotal at the start of the day before <paramref name="origin"/>.</param>
    /// <param name="origin">When the simulation starts.</param>
    /// <param name="clouds">The region's sky; null: weather of its own.</param>
    public SimulatedInverter(SimulatedSite site, ulong seed, double peakWatts, double initialLifetimeWh, DateTimeOffset origin, CloudField? clouds = null)
    {
        ArgumentNullException.ThrowIfNull(site);
        Site = site;
        _model = new InverterModel(site, seed, peakWatts, initialLifetimeWh, origin, clouds);
    }

    public SimulatedSite Site { get; }

    public PiFaults Faults { get; private set; } = PiFaults.None;

    /// <summary>Sets the inverter's faults as of <paramref name="now"/> (those with a start apply from <see cref="PiFaults.Since"/>).</summary>
    public void SetFaults(PiFaults faults, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(faults);
        _model.SetFaultStatus(faults.Has(PiFaultModes.FaultStatus) ? faults.FaultStatusCode : null, now);
        _model.SetFrozen(faults.Has(PiFaultModes.StaleTimeStamp), now);
        _model.SetFaults(faults, now);
        Faults = faults;
    }

    /// <summary>What the Pi would answer now.</summary>
    public SimulatedReading Read(DateTimeOffset now)
    {
        var snapshot = _model.Observe(now);
        return SimulatedReading.Of(snapshot, _model.TimeStampOf(snapshot.UpdatedUtcTicks));
    }

    /// <summary>True energy made on a site-local date, watt-hours (today: so far).</summary>
    public long EnergyOn(DateOnly localDate, DateTimeOffset now) => _model.EnergyOn(localDate, now);
}
