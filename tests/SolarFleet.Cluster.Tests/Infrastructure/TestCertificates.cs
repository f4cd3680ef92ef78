using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

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
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var ca = Authority("CN=SolarFleet test cluster CA", caKey);
        File.WriteAllText(Path.Combine(directory, "ca.crt"), ca.ExportCertificatePem());
        using var siloKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var silo = Issue("CN=solarfleet-silo", siloKey, ca, caKey);
        File.WriteAllText(Path.Combine(directory, "tls.crt"), silo.ExportCertificatePem());
        File.WriteAllText(Path.Combine(directory, "tls.key"), siloKey.ExportPkcs8PrivateKeyPem());

        var clientKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var clientCertificate = Issue("CN=solarfleet-client", clientKey, ca, caKey);
        var client = clientCertificate.CopyWithPrivateKey(clientKey);

        using var strangerCaKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var strangerCa = Authority("CN=Someone else's CA", strangerCaKey);
        var strangerKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var strangerCertificate = Issue("CN=solarfleet-silo", strangerKey, strangerCa, strangerCaKey);
        var stranger = strangerCertificate.CopyWithPrivateKey(strangerKey);
        var strangerCaPath = Path.Combine(directory, "stranger-ca.crt");
        var strangerCertificatePath = Path.Combine(directory, "stranger.crt");
        var strangerKeyPath = Path.Combine(directory, "stranger.key");
        File.WriteAllText(strangerCaPath, strangerCa.ExportCertificatePem());
        File.WriteAllText(strangerCertificatePath, strangerCertificate.ExportCertificatePem());
        File.WriteAllText(strangerKeyPath, strangerKey.ExportPkcs8PrivateKeyPem());
        return new TestCertificates(directory, client, stranger, strangerCaPath, strangerCertificatePath, strangerKeyPath);
    }

    private static X509Certificate2 Authority(string subject, ECDsa key)
    {
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));
    }

    private static X509Certificate2 Issue(string subject, ECDsa key, X509Certificate2 issuer, ECDsa issuerKey)
    {
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, true, false));
        var now = DateTimeOffset.UtcNow;
        var serial = RandomNumberGenerator.GetBytes(12);
        var signer = X509SignatureGenerator.CreateForECDsa(issuerKey);
        return request.Create(issuer.SubjectName, signer, now.AddDays(-1), now.AddDays(30), serial);
    }
}
