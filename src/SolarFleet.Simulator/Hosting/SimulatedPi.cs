using SolarFleet.Protocol.Polling;
using SolarFleet.Simulator.Faults;
using SolarFleet.Simulator.Inverter;
using SolarFleet.Simulator.Server;
using SolarFleet.Simulator.Sites;

namespace SolarFleet.Simulator.Hosting;

/// <summary>
/// One simulated RPI-SPR-4000m: a TCP endpoint, the inverter behind it, its faults, and the truth
/// tests compare against. Every member is thread-safe and reads the simulator's clock.
/// </summary>
public sealed class SimulatedPi
{
    private readonly Lock _faultGate = new();
    private readonly InverterModel _inverter;
    private readonly PiListener _listener;
    private volatile PiFaults _faults = PiFaults.None;
    private long _connectionsAccepted;
    private long _connectionsRejected;
    private long _queriesAnswered;
    private int _openConnections;
    private int _maxConcurrentConnections;

    internal SimulatedPi(int index, SimulatedSite site, ulong seed, InverterModel inverter, PiListener listener, PiSimulatorOptions options, TimeProvider time)
    {
        Index = index;
        Site = site;
        Seed = seed;
        Time = time;
        TotalFormat = options.PowerTotalFormat;
        IdleTimeout = options.IdleTimeout;
        _inverter = inverter;
        _listener = listener;
        Endpoint = new PiEndpoint(listener.EndPoint.Address.ToString(), listener.EndPoint.Port);
    }

    /// <summary>Position in <see cref="PiSimulator.Pis"/>.</summary>
    public int Index { get; }

    public PiEndpoint Endpoint { get; }

    public SimulatedSite Site { get; }

    /// <summary>Seed of this Pi's update phase, clouds and grid noise.</summary>
    public ulong Seed { get; }

    public PowerTotalFormat TotalFormat { get; }

    /// <summary>
    /// Current faults. Setting them first brings the inverter up to now, so a fault applies from the
    /// moment it is set. Setting <see cref="PiFaultModes.RefuseConnections"/> closes the listener;
    /// clearing it listens again (and throws <see cref="InvalidOperationException"/> if the port was taken).
    /// </summary>
    public PiFaults Faults
    {
        get => _faults;
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            lock (_faultGate)
            {
                var now = Time.GetUtcNow();
                _inverter.SetFaultStatus(value.Has(PiFaultModes.FaultStatus) ? value.FaultStatusCode : null, now);
                _inverter.SetFrozen(value.Has(PiFaultModes.StaleTimeStamp), now);
                _inverter.SetFaults(value, now);
                if (value.Has(PiFaultModes.RefuseConnections))
                {
                    _ = _listener.Stop();
                }
                else
                {
                    _listener.Reopen();
                }

                _faults = value;
            }
        }
    }

    /// <summary>TCP connections accepted, including those closed at once by <see cref="PiFaultModes.SingleClient"/>.</summary>
    public long ConnectionsAccepted => Interlocked.Read(ref _connectionsAccepted);

    /// <summary>Connections reset unanswered because another client was connected (<see cref="PiFaultModes.SingleClient"/>).</summary>
    public long ConnectionsRejected => Interlocked.Read(ref _connectionsRejected);

    /// <summary>Answers sent (success or error), not counting <c>close</c>.</summary>
    public long QueriesAnswered => Interlocked.Read(ref _queriesAnswered);

    /// <summary>Connections being served right now.</summary>
    public int OpenConnections => Volatile.Read(ref _openConnections);

    /// <summary>The most connections ever served at once: 1 proves no two clients overlapped.</summary>
    public int MaxConcurrentConnections => Volatile.Read(ref _maxConcurrentConnections);

    /// <summary>What the Pi answers now (the last inverter update it saw).</summary>
    public SimulatedReading Reading
    {
        get
        {
            var snapshot = Observe();
            return SimulatedReading.Of(snapshot, TimeStampOf(snapshot));
        }
    }

    /// <summary>PowerToday as the Pi reports it now (after a restart, only the energy since the restart).</summary>
    public long EnergyTodayWh => Observe().PowerTodayWh;

    /// <summary>Status code as the Pi reports it now.</summary>
    public int StatusCode => Observe().StatusCode;

    /// <summary>True lifetime energy in watt-hours (what PowerTotal would say without a frozen Pi).</summary>
    public long LifetimeWh => _inverter.LifetimeWh(Time.GetUtcNow());

    internal TimeProvider Time { get; }

    internal TimeSpan IdleTimeout { get; }

    /// <summary>
    /// True energy produced on a site-local date, in watt-hours: the PowerToday the inverter ended
    /// that day with, plus what it had produced before any forced restart that day. For today, so far.
    /// </summary>
    public long EnergyOn(DateOnly localDate) => _inverter.EnergyOn(localDate, Time.GetUtcNow());

    /// <summary>
    /// Restarts the inverter now, as after a grid fault: PowerToday and UpTime drop to 0 and it goes
    /// through standby and sync again; the true daily energy keeps what was produced before.
    /// False (and nothing changes) when the inverter is dark.
    /// </summary>
    public bool RestartInverter() => _inverter.Restart(Time.GetUtcNow());

    public override string ToString() => $"Pi {Index} at {Endpoint} ({Site.Name})";

    internal InverterSnapshot Observe() => _inverter.Observe(Time.GetUtcNow());

    /// <summary>The TimeStamp the Pi shows for an update (its clock may be off).</summary>
    internal DateTime TimeStampOf(in InverterSnapshot snapshot) => _inverter.TimeStampOf(snapshot.UpdatedUtcTicks);

    internal void Start() => _listener.Start(this);

    internal Task StopListening() => _listener.Stop();

    /// <summary>Counts a new connection; false when it must be closed unanswered (single-client fault).</summary>
    internal bool OpenConnection()
    {
        Interlocked.Increment(ref _connectionsAccepted);
        var open = Interlocked.Increment(ref _openConnections);
        if (open > 1 && _faults.Has(PiFaultModes.SingleClient))
        {
            Interlocked.Decrement(ref _openConnections);
            Interlocked.Increment(ref _connectionsRejected);
            return false;
        }

        var max = Volatile.Read(ref _maxConcurrentConnections);
        while (open > max)
        {
            var seen = Interlocked.CompareExchange(ref _maxConcurrentConnections, open, max);
            if (seen == max)
            {
                break;
            }

            max = seen;
        }

        return true;
    }

    internal void CloseConnection() => Interlocked.Decrement(ref _openConnections);

    internal void CountAnswer() => Interlocked.Increment(ref _queriesAnswered);
}
