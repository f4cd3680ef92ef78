namespace SolarFleet.Protocol.Polling;

/// <summary>Which deadline of a poll ran out.</summary>
internal enum PollExpiry
{
    None,
    Connect,
    Poll,
    IdleGap,
}
