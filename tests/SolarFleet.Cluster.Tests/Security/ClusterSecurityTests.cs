using System.Globalization;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Connections.Security;
using SolarFleet.Abstractions.Fleet;
using SolarFleet.Cluster.Tests.Infrastructure;
using SolarFleet.Postgres.Tests.Infrastructure;
using SolarFleet.Silo.Hosting;

namespace SolarFleet.Cluster.Tests.Security;

/// <summary>
/// Nothing outside the cluster reaches the grains without a certificate of the cluster CA. A silo opens an Orleans
/// gateway only when configured to, and then admits only TLS clients showing such a certificate.
/// </summary>
public sealed class ClusterSecurityTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task An_orleans_client_without_a_certificate_of_the_cluster_cannot_call_any_grain()
    {
        var gateway = SiloSettings.DistinctFreePorts(1)[0];
        var settings = Embedded(gateway);
        await using var silos = new SiloSet();
        await silos.RunAsync(async () =>
        {
            await (silos.Start("gated", settings)).WaitReadyAsync(TimeSpan.FromSeconds(60));

            // A client of the cluster CA gets in: the gateway works, so what follows is refused for what it lacks.
            Assert.NotNull(await CallAsync(gateway, tls => tls.LocalCertificate = TestCertificates.Shared.Client));

            Assert.Null(await CallAsync(gateway, configureTls: null));
            Assert.Null(await CallAsync(gateway, tls => tls.ClientCertificateMode = RemoteCertificateMode.AllowCertificate));
            Assert.Null(await CallAsync(gateway, tls => tls.LocalCertificate = TestCertificates.Shared.Stranger));
        });
    }

    [Fact]
    public async Task A_silo_with_a_certificate_of_another_ca_does_not_join_the_cluster()
    {
        var ct = TestContext.Current.CancellationToken;
        var database = await postgres.Server.CreateDatabaseAsync("stranger", ct);
        await using var silos = new SiloSet();
        await silos.RunAsync(async () =>
        {
            var member = await silos.StartReadyAsync("member", SiloSettings.Postgres(database, "guarded"));

            // The same database and cluster id, so that membership alone would let it in: only TLS keeps it out.
            var stranger = silos.Start("stranger", SiloSettings.Postgres(database, "guarded")
                .With("SolarFleet:Orleans:Tls:CertificatePath", TestCertificates.Shared.StrangerCertificatePath)
                .With("SolarFleet:Orleans:Tls:KeyPath", TestCertificates.Shared.StrangerKeyPath)
                .With("SolarFleet:Orleans:Tls:CaPath", TestCertificates.Shared.StrangerCaPath));
            await Task.Delay(TimeSpan.FromSeconds(30), ct);

            Assert.Equal(1L, await Membership.CountAsync(database, $"status = {Membership.Active}", ct));
            Assert.Equal(0L, await Membership.CountAsync(database, Membership.Silo(stranger.Settings.SiloPort, Membership.Active), ct));
            Assert.True(await stranger.IsReadyAsync() is false, "A silo whose certificate the cluster does not trust reported ready.");
            using var fleet = await member.Api.GetAsync(new Uri("/api/fleet", UriKind.Relative), ct);
            Assert.True(fleet.IsSuccessStatusCode);
        });
    }

    private static SiloSettings Embedded(int gatewayPort) =>
        SiloSettings.Memory()
            .With("SolarFleet:Orleans:GatewayPort", gatewayPort.ToString(CultureInfo.InvariantCulture))
            .With("SolarFleet:Orleans:Tls:CertificatePath", TestCertificates.Shared.SiloCertificatePath)
            .With("SolarFleet:Orleans:Tls:KeyPath", TestCertificates.Shared.SiloKeyPath)
            .With("SolarFleet:Orleans:Tls:CaPath", TestCertificates.Shared.CaPath);

    /// <summary>What an Orleans client gets from the fleet grain through the gateway, or null when it cannot call it.</summary>
    /// <param name="configureTls">The client's TLS settings; null for a client without TLS.</param>
    private static async Task<IReadOnlyList<string>?> CallAsync(int gatewayPort, Action<TlsOptions>? configureTls)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleansClient(client =>
        {
            client.UseStaticClustering(new IPEndPoint(IPAddress.Loopback, gatewayPort));
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = "solarfleet";
                o.ServiceId = "solarfleet";
            });
            if (configureTls is not null)
            {
                client.UseTls(tls =>
                {
                    // The client checks the silo against the cluster CA too.
                    using var authority = X509CertificateLoader.LoadCertificateFromFile(TestCertificates.Shared.CaPath);
                    var trusted = X509CertificateLoader.LoadCertificate(authority.RawData);
                    tls.RemoteCertificateValidation = (certificate, _, _) => ClusterCertificates.ChainsTo(certificate, trusted);
                    tls.OnAuthenticateAsClient = (_, ssl) => ssl.TargetHost = "localhost";
                    configureTls(tls);
                });
            }
        });
        using var host = builder.Build();
        using var timeout = new CancellationTokenSource(Patience);
        try
        {
            await host.StartAsync(timeout.Token);
            return await host.Services.GetRequiredService<IClusterClient>().GetGrain<IFleetGrain>(FleetKey.Default).GetSiteIds().WaitAsync(timeout.Token);
        }
        catch (Exception ex) when (ex is not Xunit.Sdk.XunitException)
        {
            // Refused: the handshake failed, the gateway closed the connection, or the call never got an answer.
            return null;
        }
        finally
        {
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await host.StopAsync(stop.Token);
            }
            catch (Exception ex) when (ex is not Xunit.Sdk.XunitException)
            {
                // A client that never connected may not stop cleanly; it holds nothing.
            }
        }
    }
}
