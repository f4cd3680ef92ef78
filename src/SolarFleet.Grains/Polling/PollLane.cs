namespace SolarFleet.Grains.Polling;

/// <summary>Which of the <see cref="PollGate"/>'s shares a poll takes its slot from.</summary>
public enum PollLane
{
    /// <summary>The Pi answered its last poll: any free slot.</summary>
    Answering,

    /// <summary>The Pi has never answered (a new registration's first poll): nothing tells it from a hung Pi yet.</summary>
    Unproven,

    /// <summary>The Pi's last poll failed.</summary>
    Failing,
}
