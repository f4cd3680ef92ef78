using System.Net;
using SolarFleet.Silo.Tests.Infrastructure;

namespace SolarFleet.Silo.Tests.Hosting;

public sealed class HostStartTests
{
    [Fact]
    public async Task The_embedded_default_starts_and_answers_healthz()
    {
        await using var factory = new SolarFleetFactory();
        using var client = factory.Client(null);

        var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("--SolarFleet:Orleans:GatewayPort=70000", "SolarFleet:Orleans:GatewayPort")]
    [InlineData("--SolarFleet:Polling:AllowedNetworks:0=169.254.0.0/x", "SolarFleet:Polling:AllowedNetworks:0")]
    public async Task Invalid_configuration_stops_the_executable_with_one_line_naming_the_setting(string argument, string setting)
    {
        var silo = Path.Combine(AppContext.BaseDirectory, "SolarFleet.Silo.dll");
        var start = new System.Diagnostics.ProcessStartInfo("dotnet", [silo, argument])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };

        using var process = System.Diagnostics.Process.Start(start)!;
        var stderr = await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.Equal(2, process.ExitCode);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(setting, line, StringComparison.Ordinal);
    }
}
