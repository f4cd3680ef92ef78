using SolarFleet.Network;

namespace SolarFleet.Silo.Hosting;

/// <summary>SolarFleet:Polling — which addresses the silo may poll (see "Allowed polling targets" in operations.md).</summary>
public sealed class PollingOptions
{
    /// <summary>The setting, as refusals and start-up errors name it.</summary>
    public const string AllowedNetworksSetting = "SolarFleet:Polling:AllowedNetworks";

    /// <summary>
    /// Networks in CIDR notation whose addresses may be polled; unset or empty means
    /// <see cref="TargetPolicy.DefaultAllowedNetworks"/>. Null by default, not the default list, because configuration
    /// binding adds listed items to a list it finds instead of replacing it.
    /// </summary>
    public List<string>? AllowedNetworks { get; set; }

    /// <summary>The policy these settings describe; every entry must parse (<see cref="ConfigurationErrors"/> checks first).</summary>
    public TargetPolicy ToPolicy() => new(
        AllowedNetworks is { Count: > 0 } listed ? listed.Select(NetworkRange.Parse) : TargetPolicy.DefaultAllowedNetworks,
        AllowedNetworksSetting);
}
