namespace SolarFleet.Network;

/// <summary>Why a <see cref="TargetPolicy"/> refuses an address, or <see cref="None"/> when it allows it.</summary>
public enum TargetRefusal
{
    /// <summary>Allowed.</summary>
    None,

    /// <summary>0.0.0.0/8 ("this network", which Linux connects to the local host) or <c>::</c>. Always refused.</summary>
    Unspecified,

    /// <summary>169.254.0.0/16 or fe80::/10, where cloud metadata services answer. Always refused.</summary>
    LinkLocal,

    /// <summary>224.0.0.0/4 or ff00::/8. Always refused.</summary>
    Multicast,

    /// <summary>255.255.255.255. Always refused.</summary>
    Broadcast,

    /// <summary>An ordinary address outside every allowed network.</summary>
    NotListed,
}
