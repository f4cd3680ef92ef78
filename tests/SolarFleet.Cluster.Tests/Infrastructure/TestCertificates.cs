using System.Security.Cryptography.X509Certificates;
using SolarFleet.Silo.Hosting;

namespace SolarFleet.Cluster.Tests.Infrastructure;

/// <summary>
/// A cluster CA with a certificate for silos and one for an Orleans client, and a stranger's CA with a certificate of
/// its own, made once per test run in a temporary folder: the silo's certificate as PEM files (as a Kubernetes secret
/// holds them), the others as objects.
/// </summary>
public sealed class TestCertificates
{
    private static readonly Lazy<TestCertificates> Made = new(Create);

    private TestCertificates(string directory, X509Certificate2 client, X509Certificate2 stranger, string strangerCaPath, string strangerCertificatePath, string strangerKeyPath)
    {
        Directory = directory;
        Client = client;
        Stranger = stranger;
        StrangerCaPath = strangerCaPath;
        StrangerCertificatePath = strangerCertificatePath;
        StrangerKeyPath = strangerKeyPath;
    }

    public static TestCertificates Shared => Made.Value;

    public string Directory { get; }

    public string CaPath => Path.Combine(Directory, "ca.crt");

    public string SiloCertificatePath => Path.Combine(Directory, "tls.crt");

    public string SiloKeyPath => Path.Combine(Directory, "tls.key");

    /// <summary>A certificate of the cluster CA for an Orleans client.</summary>
    public X509Certificate2 Client { get; }

    /// <summary>A certificate of another CA.</summary>
    public X509Certificate2 Stranger { get; }

    public string StrangerCaPath { get; }

    public string StrangerCertificatePath { get; }

    public string StrangerKeyPath { get; }

    private static TestCertificates Create()
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("solarfleet-tls-").FullName;
        using var ca = ClusterAuthority.Create("CN=SolarFleet test cluster CA", Now, Lifetime);
        File.WriteAllText(Path.Combine(directory, "ca.crt"), ca.ExportCertificatePem());
        WritePem(Issue(ca, ClusterAuthority.SiloSubject), Path.Combine(directory, "tls.crt"), Path.Combine(directory, "tls.key"));
        var client = Issue(ca, "CN=solarfleet-client");

        using var strangerCa = ClusterAuthority.Create("CN=Someone else's CA", Now, Lifetime);
        var stranger = Issue(strangerCa, ClusterAuthority.SiloSubject);
        var strangerCaPath = Path.Combine(directory, "stranger-ca.crt");
        var strangerCertificatePath = Path.Combine(directory, "stranger.crt");
        var strangerKeyPath = Path.Combine(directory, "stranger.key");
        File.WriteAllText(strangerCaPath, strangerCa.ExportCertificatePem());
        WritePem(stranger, strangerCertificatePath, strangerKeyPath);
        return new TestCertificates(directory, client, stranger, strangerCaPath, strangerCertificatePath, strangerKeyPath);
    }

    private static DateTimeOffset Now => DateTimeOffset.UtcNow;

    private static TimeSpan Lifetime => TimeSpan.FromDays(30);

    // With the silo's own issuer, which cluster-certs uses.
    private static X509Certificate2 Issue(X509Certificate2 authority, string subject) =>
        ClusterAuthority.Issue(authority, subject, Now, Lifetime - TimeSpan.FromDays(1));

    private static void WritePem(X509Certificate2 certificate, string certificatePath, string keyPath)
    {
        var (pem, key) = ClusterAuthority.ToPem(certificate);
        File.WriteAllText(certificatePath, pem);
        File.WriteAllText(keyPath, key);
    }
}
