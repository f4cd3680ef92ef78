using System.Security.Cryptography;
using System.Text;

namespace SolarFleet.Webhooks;

/// <summary>
/// One configured webhook: where transitions are POSTed and the secret they are signed with. <see cref="Name"/> is its
/// identity in the outbox: deliveries are queued and leased by name, so renaming a webhook (or, without a name,
/// changing its URL) starts a new one and leaves the old one's pending deliveries unsent.
/// </summary>
public sealed record WebhookEndpoint
{
    public WebhookEndpoint(string name, Uri url, string secret)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(url);
        ArgumentException.ThrowIfNullOrEmpty(secret);
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"Webhook {name} needs an absolute http or https URL.", nameof(url));
        }

        Name = name;
        Url = url;
        Secret = secret;
    }

    public string Name { get; }

    public Uri Url { get; }

    public string Secret { get; }

    /// <summary>
    /// The name of a webhook configured without one: "url-" and the first 12 hex digits of the SHA-256 of its URL as
    /// written. Stable across restarts and reorderings of the list, and free of whatever the URL holds.
    /// </summary>
    public static string DefaultName(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return "url-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(url.Trim())))[..12];
    }

    // Neither the secret nor the URL (it may carry a token) belongs in a log line.
    public override string ToString() => $"webhook {Name}";
}
