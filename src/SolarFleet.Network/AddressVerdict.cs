using System.Net;

namespace SolarFleet.Network;

/// <summary>What a <see cref="TargetPolicy"/> says of one address.</summary>
/// <param name="Address">The address judged, in canonical form (see <see cref="TargetAddress.Normalize"/>).</param>
/// <param name="Refusal">Why it is refused, or <see cref="TargetRefusal.None"/>.</param>
/// <param name="Reason">The refusal in words ("link-local"); empty when allowed.</param>
public readonly record struct AddressVerdict(IPAddress Address, TargetRefusal Refusal, string Reason)
{
    public bool IsAllowed => Refusal == TargetRefusal.None;

    /// <summary>"169.254.169.254 (link-local)" when refused, the bare address when allowed.</summary>
    public override string ToString() => IsAllowed ? Address.ToString() : $"{Address} ({Reason})";
}
