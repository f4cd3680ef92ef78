using System.Net.Security;
using SolarFleet.Cluster.Tests.Infrastructure;
using SolarFleet.Silo.Hosting;

namespace SolarFleet.Cluster.Tests.Security;

/// <summary>The silo's certificate and the cluster CA as configuration gives them, and what a silo accepts from a peer.</summary>
public sealed class ClusterCertificatesTests
{
    private static TestCertificates Certificates => TestCertificates.Shared;

    [Fact]
    public void A_pem_certificate_with_its_key_and_the_cluster_ca_load_and_only_the_clusters_certificates_are_accepted()
    {
        var errors = new List<string>();

        using var loaded = ClusterCertificates.Load(Tls(Certificates.SiloCertificatePath, Certificates.SiloKeyPath, Certificates.CaPath), errors);

        Assert.Empty(errors);
        Assert.NotNull(loaded);
        Assert.True(loaded.Accepts(Certificates.Client, null, SslPolicyErrors.RemoteCertificateChainErrors));
        Assert.False(loaded.Accepts(Certificates.Stranger, null, SslPolicyErrors.None));
    }

    [Fact]
    public void A_certificate_the_cluster_ca_did_not_issue_is_a_configuration_error_naming_the_setting()
    {
        var errors = new List<string>();

        Assert.Null(ClusterCertificates.Load(Tls(Certificates.StrangerCertificatePath, Certificates.StrangerKeyPath, Certificates.CaPath), errors));

        Assert.Contains(errors, e => e.StartsWith("SolarFleet:Orleans:Tls:CertificatePath", StringComparison.Ordinal) && e.Contains("not issued by the CA", StringComparison.Ordinal));
    }

    [Fact]
    public void Missing_or_unreadable_files_are_configuration_errors_naming_each_setting()
    {
        var errors = new List<string>();

        Assert.Null(ClusterCertificates.Load(Tls(Path.Combine(Certificates.Directory, "none.crt"), Certificates.SiloKeyPath, Certificates.SiloKeyPath), errors));

        Assert.Contains(errors, e => e.StartsWith("SolarFleet:Orleans:Tls:CertificatePath", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("SolarFleet:Orleans:Tls:CaPath", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Postgres", "0", "SolarFleet:Orleans:Tls:CertificatePath and SolarFleet:Orleans:Tls:CaPath are required")]
    [InlineData("Memory", "30123", "SolarFleet:Orleans:GatewayPort needs TLS")]
    public void A_cluster_on_postgresql_or_a_gateway_without_tls_is_a_configuration_error(string storage, string gatewayPort, string error)
    {
        var options = new SolarFleetOptions
        {
            Storage = Enum.Parse<StorageKind>(storage),
            Orleans = new OrleansClusterOptions { GatewayPort = int.Parse(gatewayPort, System.Globalization.CultureInfo.InvariantCulture) },
        };

        Assert.Contains(ConfigurationErrors.Find(options, "Host=127.0.0.1"), e => e.Contains(error, StringComparison.Ordinal));
    }

    [Fact]
    public void One_silo_on_postgresql_may_do_without_tls_when_told_so()
    {
        var options = new SolarFleetOptions { Storage = StorageKind.Postgres, Orleans = new OrleansClusterOptions { Tls = new ClusterTlsOptions { Required = false } } };

        Assert.DoesNotContain(ConfigurationErrors.Find(options, "Host=127.0.0.1"), e => e.Contains("Tls", StringComparison.Ordinal));
    }

    private static ClusterTlsOptions Tls(string certificate, string key, string authority) =>
        new() { CertificatePath = certificate, KeyPath = key, CaPath = authority };
}
