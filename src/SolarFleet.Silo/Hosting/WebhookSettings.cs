using System.Text.RegularExpressions;
using SolarFleet.Network;
using SolarFleet.Webhooks;

namespace SolarFleet.Silo.Hosting;

/// <summary>SolarFleet:Alerts:Webhooks:N — one webhook as configured.</summary>
public sealed partial class WebhookSettings
{
    /// <summary>Shortest secret accepted: an HMAC key anyone could guess signs nothing.</summary>
    public const int MinSecretLength = 16;

    /// <summary>The webhook's identity in the outbox; <see cref="WebhookEndpoint.DefaultName"/> of the URL when unset.</summary>
    public string? Name { get; set; }

    /// <summary>Where transitions are POSTed: an absolute http or https URL.</summary>
    public string? Url { get; set; }

    /// <summary>Key of the HMAC-SHA256 signature (UTF-8), at least <see cref="MinSecretLength"/> characters.</summary>
    public string? Secret { get; set; }

    public string EffectiveName => string.IsNullOrWhiteSpace(Name) ? WebhookEndpoint.DefaultName(Url ?? string.Empty) : Name.Trim();

    /// <summary>
    /// What is wrong with this entry, each error naming its setting (<paramref name="setting"/>:Url …). The URL is never
    /// repeated (it may carry a token); a host written as an address is judged by <paramref name="policy"/> (null when the
    /// policy itself is misconfigured), a name when it is resolved at each connection.
    /// </summary>
    public IEnumerable<string> Errors(string setting, TargetPolicy? policy)
    {
        if (!Uri.TryCreate(Url?.Trim(), UriKind.Absolute, out var url)
            || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)
            || string.IsNullOrEmpty(url.Host))
        {
            yield return $"{setting}:Url must be an absolute http:// or https:// URL.";
        }
        else if (url.UserInfo.Length > 0)
        {
            yield return $"{setting}:Url must not carry a user name or password; receivers verify the signature instead.";
        }
        else if (policy?.CheckHost(url.Host) is { IsAllowed: false } verdict)
        {
            yield return $"{setting}:Url: the policy does not allow sending to {verdict}.";
        }

        if (Secret is null || Secret.Length < MinSecretLength)
        {
            yield return $"{setting}:Secret must be at least {MinSecretLength} characters.";
        }

        if (!string.IsNullOrWhiteSpace(Name) && !NameRule().IsMatch(Name.Trim()))
        {
            yield return $"{setting}:Name must be 1-64 letters, digits, '.', '_' or '-' (was '{Name}').";
        }
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex NameRule();
}
