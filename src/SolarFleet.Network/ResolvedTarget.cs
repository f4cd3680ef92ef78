using System.Globalization;
using System.Net;
using System.Text;

namespace SolarFleet.Network;

/// <summary>The addresses a host name resolved to, sorted by a <see cref="TargetPolicy"/> (<see cref="TargetPolicy.Screen"/>).</summary>
public sealed class ResolvedTarget(string host, IReadOnlyList<IPAddress> allowed, IReadOnlyList<AddressVerdict> refused)
{
    /// <summary>Refusals named in <see cref="ToString"/>; the rest are counted.</summary>
    private const int MaxNamed = 3;

    public string Host { get; } = host;

    /// <summary>The addresses that may be connected to, canonical and in resolver order.</summary>
    public IReadOnlyList<IPAddress> Allowed { get; } = allowed;

    public IReadOnlyList<AddressVerdict> Refused { get; } = refused;

    /// <summary>"pi.example, which resolves to 169.254.169.254 (link-local) and 8.8.8.8 (not in …)".</summary>
    public override string ToString()
    {
        if (Refused.Count == 0)
        {
            return Host;
        }

        var text = new StringBuilder(Host).Append(", which resolves to ");
        var named = Math.Min(Refused.Count, MaxNamed);
        for (var i = 0; i < named; i++)
        {
            text.Append(i == 0 ? string.Empty : i == Refused.Count - 1 ? " and " : ", ").Append(Refused[i]);
        }

        return Refused.Count > named
            ? text.Append(CultureInfo.InvariantCulture, $" and {Refused.Count - named} more").ToString()
            : text.ToString();
    }
}
