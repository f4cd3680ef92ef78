namespace SolarFleet.Silo.Hosting;

/// <summary>Where the HTTP API listens when no setting names an address.</summary>
public static class HttpListenAddress
{
    /// <summary>Loopback only: a silo started by hand is not reachable from the network.</summary>
    public const string Development = "http://localhost:5080";

    /// <summary>
    /// <see cref="Development"/> when nothing names an address, else null. An address is named by <c>urls</c>
    /// (ASPNETCORE_URLS, --urls), <c>http_ports</c> or <c>https_ports</c> (ASPNETCORE_HTTP_PORTS, which .NET's container
    /// images set) or Kestrel endpoints. A fallback in appsettings.json instead would beat ASPNETCORE_URLS, which is read
    /// before it.
    /// </summary>
    public static string? Fallback(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var named = !string.IsNullOrWhiteSpace(configuration[WebHostDefaults.ServerUrlsKey])
            || !string.IsNullOrWhiteSpace(configuration[WebHostDefaults.HttpPortsKey])
            || !string.IsNullOrWhiteSpace(configuration[WebHostDefaults.HttpsPortsKey])
            || configuration.GetSection("Kestrel:Endpoints").GetChildren().Any();
        return named ? null : Development;
    }
}
