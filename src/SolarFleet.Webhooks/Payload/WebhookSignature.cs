using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SolarFleet.Webhooks.Payload;

/// <summary>
/// The signature of a webhook request: <c>X-SolarFleet-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex&gt;</c>, where hex is the
/// lowercase HMAC-SHA256, keyed with the webhook's secret (UTF-8), of the ASCII text "&lt;t&gt;." followed by the exact
/// body bytes. Signing the time with the body lets a receiver refuse an old request replayed.
/// </summary>
public static class WebhookSignature
{
    public const string Header = "X-SolarFleet-Signature";

    /// <summary>The delivery id header, for receivers that de-duplicate without reading the body.</summary>
    public const string DeliveryHeader = "X-SolarFleet-Delivery";

    public static string Create(string secret, long unixSeconds, ReadOnlySpan<byte> body)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        var timestamp = unixSeconds.ToString(CultureInfo.InvariantCulture);
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret));
        hmac.AppendData(Encoding.ASCII.GetBytes(timestamp + "."));
        hmac.AppendData(body);
        return $"t={timestamp},v1={Convert.ToHexStringLower(hmac.GetHashAndReset())}";
    }
}
