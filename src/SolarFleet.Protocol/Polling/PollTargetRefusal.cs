using SolarFleet.Network;

namespace SolarFleet.Protocol.Polling;

/// <summary>How a target the policy refuses is told, in the same words by the poller and by the API that will not register it.</summary>
public static class PollTargetRefusal
{
    /// <summary>"the policy does not allow polling 169.254.169.254 (link-local)".</summary>
    public static string Message(AddressVerdict verdict) => $"the policy does not allow polling {verdict}";

    /// <summary>"the policy does not allow polling pi.example, which resolves to 169.254.169.254 (link-local)".</summary>
    public static string Message(ResolvedTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return $"the policy does not allow polling {target}";
    }
}
