using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using SolarFleet.Cluster.Tests.Infrastructure;
using SolarFleet.Silo.Hosting;

namespace SolarFleet.Silo.Tests.Hosting;

/// <summary>What the silo listens on for Orleans, read from the options of a host that is built but never started.</summary>
public sealed class OrleansEndpointsTests
{
    [Theory]
    [InlineData("Memory")]
    [InlineData("Postgres")]
    public async Task No_gateway_is_opened_unless_a_gateway_port_is_set(string storage)
    {
        await using var app = Build(storage);

        var endpoints = Endpoints(app);
        Assert.Equal(0, endpoints.GatewayPort);
        Assert.Null(endpoints.GatewayListeningEndpoint);
    }

    [Fact]
    public async Task A_gateway_port_opens_the_gateway_on_every_address_of_a_production_silo()
    {
        await using var app = Build(
            "Postgres",
            "--SolarFleet:Orleans:GatewayPort=30000",
            $"--SolarFleet:Orleans:Tls:CertificatePath={TestCertificates.Shared.SiloCertificatePath}",
            $"--SolarFleet:Orleans:Tls:KeyPath={TestCertificates.Shared.SiloKeyPath}",
            $"--SolarFleet:Orleans:Tls:CaPath={TestCertificates.Shared.CaPath}");

        var endpoints = Endpoints(app);
        Assert.Equal(30000, endpoints.GatewayPort);
        Assert.Equal(new IPEndPoint(IPAddress.Any, 30000), endpoints.GatewayListeningEndpoint);
        Assert.Equal(new IPEndPoint(IPAddress.Any, 11111), endpoints.SiloListeningEndpoint);
    }

    private static WebApplication Build(string storage, params string[] args) => SolarFleetApp.Build(SolarFleetApp.CreateBuilder(
    [
        $"--SolarFleet:Storage={storage}",
        "--ConnectionStrings:SolarFleet=Host=127.0.0.1;Database=never-opened",
        "--SolarFleet:Orleans:AdvertisedIp=127.0.0.1",
        "--SolarFleet:Orleans:Tls:Required=false",
        .. args,
    ]));

    private static EndpointOptions Endpoints(WebApplication app) => app.Services.GetRequiredService<IOptions<EndpointOptions>>().Value;
}
