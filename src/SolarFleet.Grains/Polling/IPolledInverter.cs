using SolarFleet.Protocol.Polling;

namespace SolarFleet.Grains.Polling;

/// <summary>What an <see cref="InverterPoller"/> needs from the inverter it polls for.</summary>
public interface IPolledInverter
{
    /// <summary>Its cadence as it stands now (it may be replaced, as a removal replaces the inverter's state).</summary>
    IPollCadence Cadence { get; }

    /// <summary>A poll's result, on the inverter's activation; never called for an abandoned poll.</summary>
    void Apply(PiPollResult result, DateTimeOffset polledAt);
}
