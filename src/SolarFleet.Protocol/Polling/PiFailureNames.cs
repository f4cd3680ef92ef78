namespace SolarFleet.Protocol.Polling;

/// <summary>
/// The short, stable name of each failure cause, as people and tools read it: an inverter's last error starts with it,
/// and the poll metrics label their results with it. A connect and a poll timeout share one name: to an installer both
/// mean the Pi did not answer in time.
/// </summary>
public static class PiFailureNames
{
    public static string Of(PiFailureKind kind) => kind switch
    {
        PiFailureKind.ConnectionRefused => "refused",
        PiFailureKind.ConnectTimeout or PiFailureKind.PollTimeout => "timeout",
        PiFailureKind.ConnectionLost => "connection_lost",
        PiFailureKind.ProtocolError => "protocol_error",
        PiFailureKind.HostNotFound => "host_not_found",
        PiFailureKind.NotAllowed => "not_allowed",
        _ => "network_error",
    };
}
