using System.Globalization;
using System.Net;
using SolarFleet.Cluster.Tests.Infrastructure;

namespace SolarFleet.Cluster.Tests.Deployment;

/// <summary>
/// The published silo run as deploy/Dockerfile runs it: from its own folder, on the embedded default, told where to
/// listen only by ASPNETCORE_URLS (which the image sets) or --urls, and by nothing else but its silo port.
/// </summary>
public sealed class PublishedSiloTests(PublishedSilo published) : IClassFixture<PublishedSilo>
{
    private static readonly TimeSpan ReadyLimit = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData("ASPNETCORE_URLS")]
    [InlineData("--urls")]
    public async Task The_published_silo_listens_where_ASPNETCORE_URLS_or_urls_says(string setting)
    {
        var ports = SiloSettings.Embedded();
        var url = Http(ports);
        var environment = Environment(ports);
        string[] arguments = [];
        if (setting == "--urls")
        {
            arguments = [$"--urls={url}"];
        }
        else
        {
            environment[setting] = url;
        }

        await using var silos = new SiloSet();
        await silos.RunAsync(async () =>
        {
            var silo = silos.Start("published", ports, published.StartInfo(environment, arguments));
            await silo.WaitReadyAsync(ReadyLimit);

            using var healthz = await silo.Api.GetAsync(new Uri("/healthz", UriKind.Relative), TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, healthz.StatusCode);
        });
    }

    [Fact]
    public async Task The_published_silo_listens_on_its_http_and_silo_ports_only_with_no_gateway_by_default()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "The process's sockets are read from /proc.");
        var ports = SiloSettings.Embedded();
        var environment = Environment(ports);
        environment["ASPNETCORE_URLS"] = Http(ports);

        await using var silos = new SiloSet();
        await silos.RunAsync(async () =>
        {
            var silo = silos.Start("published", ports, published.StartInfo(environment));
            await silo.WaitReadyAsync(ReadyLimit);

            Assert.Equal(
                [new IPEndPoint(IPAddress.Loopback, ports.HttpPort), new IPEndPoint(IPAddress.Loopback, ports.SiloPort)],
                ListeningSockets.Of(silo.ProcessId).OrderBy(e => e.Port == ports.HttpPort ? 0 : 1).ThenBy(e => e.ToString(), StringComparer.Ordinal));
        });
    }

    /// <summary>The one setting besides the address: a free silo port, so the test clashes with nothing on the machine.</summary>
    private static Dictionary<string, string> Environment(SiloSettings ports) => new(StringComparer.Ordinal)
    {
        ["SolarFleet__Orleans__SiloPort"] = ports.SiloPort.ToString(CultureInfo.InvariantCulture),
    };

    private static string Http(SiloSettings ports) => string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{ports.HttpPort}");
}
