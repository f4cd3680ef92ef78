using SolarFleet.Cluster.Tests.Infrastructure;
using SolarFleet.Postgres.Tests.Infrastructure;

namespace SolarFleet.Cluster.Tests.Security;

/// <summary>The certificates <c>cluster-certs</c> writes are all a cluster needs: silos given them form one.</summary>
public sealed class ClusterCertsClusterTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>, IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("solarfleet-cluster-certs-").FullName;

    [Fact]
    public async Task Two_silos_on_postgresql_given_the_certificates_the_command_wrote_form_a_cluster()
    {
        var ct = TestContext.Current.CancellationToken;
        var made = await SiloExecutable.RunAsync(TimeSpan.FromSeconds(60), "cluster-certs", "--out", directory);
        Assert.True(made.ExitCode == 0, made.ToString());
        var database = await postgres.Server.CreateDatabaseAsync("certs", ct);
        await using var silos = new SiloSet();
        await silos.RunAsync(async () =>
        {
            var first = await silos.StartReadyAsync("first", WithCommandCertificates(SiloSettings.Postgres(database, "certs")));

            // A silo becomes Active only after it has reached every active silo, here over TLS with the files of the command.
            var second = await silos.StartReadyAsync("second", WithCommandCertificates(SiloSettings.Postgres(database, "certs")));

            Assert.Equal(2L, await Membership.CountAsync(database, $"status = {Membership.Active}", ct));
            Assert.Equal(1L, await Membership.CountAsync(database, Membership.Silo(second.Settings.SiloPort, Membership.Active), ct));
            foreach (var silo in new[] { first, second })
            {
                using var fleet = await silo.Api.GetAsync(new Uri("/api/fleet", UriKind.Relative), ct);
                Assert.True(fleet.IsSuccessStatusCode, $"GET /api/fleet on {silo.Name}: {(int)fleet.StatusCode}");
            }
        });
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private SiloSettings WithCommandCertificates(SiloSettings settings) => settings
        .With("SolarFleet:Orleans:Tls:CertificatePath", Path.Combine(directory, "tls.crt"))
        .With("SolarFleet:Orleans:Tls:KeyPath", Path.Combine(directory, "tls.key"))
        .With("SolarFleet:Orleans:Tls:CaPath", Path.Combine(directory, "ca.crt"));
}
