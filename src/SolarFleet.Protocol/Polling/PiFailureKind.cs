namespace SolarFleet.Protocol.Polling;

/// <summary>Why a poll failed. Every failure names exactly one of these causes.</summary>
public enum PiFailureKind
{
    /// <summary>The host name did not resolve.</summary>
    HostNotFound,

    /// <summary>The Pi actively refused the TCP connection (nothing listening).</summary>
    ConnectionRefused,

    /// <summary>The TCP connection was not established within the connect timeout.</summary>
    ConnectTimeout,

    /// <summary>Connected, but not every answer arrived within the poll timeout.</summary>
    PollTimeout,

    /// <summary>The peer closed or reset the connection before every query was answered.</summary>
    ConnectionLost,

    /// <summary>The peer sent something the protocol does not allow (oversized line or poll, garbage, an answer nobody asked for).</summary>
    ProtocolError,

    /// <summary>Any other socket-level failure (unreachable network, and the like).</summary>
    NetworkError,

    /// <summary>The target policy does not allow the address (or any address the name resolved to); nothing was connected.</summary>
    NotAllowed,
}
