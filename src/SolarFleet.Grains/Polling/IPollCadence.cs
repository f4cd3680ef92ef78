namespace SolarFleet.Grains.Polling;

/// <summary>What decides when an inverter is polled next, and in which lane of the <see cref="PollGate"/>.</summary>
public interface IPollCadence
{
    /// <summary>Whether the inverter is (still) registered: a poll for an unregistered one is dropped.</summary>
    bool IsRegistered { get; }

    /// <summary>The poll period, from its settings.</summary>
    TimeSpan PollPeriod { get; }

    /// <summary>Whether the last poll failed: then the next delay is a backoff, which is not spread.</summary>
    bool IsFailing { get; }

    /// <summary>Whether its Pi has ever answered a poll: until then its polls take a bounded share of the slots.</summary>
    bool HasAnswered { get; }

    /// <summary>The wait after the poll just applied (the period, or a backoff while failing).</summary>
    TimeSpan NextDelay();
}
