using SolarFleet.Protocol.Readings;

namespace SolarFleet.Silo.Registration;

/// <summary>What a probe found: a reading, or why there is none.</summary>
public sealed record PiProbeResult(PiReading? Reading, string? Failure, TimeSpan Elapsed)
{
    public bool Answered => Reading is not null;
}
