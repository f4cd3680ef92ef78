using System.Net;

namespace SolarFleet.Webhooks.Http;

/// <summary>
/// The HTTP client of webhook deliveries: connections through <see cref="PolicyConnector"/>, no proxy (it would connect
/// for us, past the policy), no redirects followed (a 3xx is a failed attempt), no cookies, a connect timeout and a
/// total timeout. Pooled connections are renewed every minute, so a changed DNS answer is judged again soon.
/// </summary>
internal static class WebhookHttp
{
    public static HttpClient CreateClient(WebhookDeliveryOptions options, PolicyConnector connector)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = connector.ConnectAsync,
            ConnectTimeout = options.ConnectTimeout,
            UseProxy = false,
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionLifetime = TimeSpan.FromMinutes(1),
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
        };
        var client = new HttpClient(handler, disposeHandler: true) { Timeout = options.Timeout };
        client.DefaultRequestHeaders.UserAgent.ParseAdd("SolarFleet-Webhooks/1");
        return client;
    }
}
