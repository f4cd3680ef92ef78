using System.Diagnostics;

namespace SolarFleet.Silo.Hosting;

/// <summary>
/// Real time whose timestamps count from when the clock was made (at silo start), not from when the machine booted.
/// </summary>
/// <remarks>
/// Orleans' watchdog starts its platform thread before it stamps its first participant check, and that thread's first
/// look reads the unstamped field as timestamp 0. On the system clock 0 is boot time, so a start where the new thread
/// runs first (two busy cores suffice) reported "Participant check thread has not completed for" the machine's uptime,
/// and recorded it as a stall in the silo's health. Counted from here, 0 is a moment ago: the first look sees no stall.
/// Timestamps are only ever compared with others of the same clock, so their origin is free.
/// </remarks>
public sealed class SiloStartClock : TimeProvider
{
    private readonly long _origin = Stopwatch.GetTimestamp();

    public override long GetTimestamp() => Stopwatch.GetTimestamp() - _origin;
}
