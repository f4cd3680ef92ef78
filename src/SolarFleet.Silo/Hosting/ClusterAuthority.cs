using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace SolarFleet.Silo.Hosting;

/// <summary>
/// Makes a cluster CA and the certificates it issues: ECDSA P-256 keys, a CA that may only issue end certificates, and
/// end certificates for both ends of a TLS connection (silos are servers and clients of each other). No host names:
/// <see cref="ClusterCertificates"/> checks only that a peer's certificate chains to the CA.
/// </summary>
public static class ClusterAuthority
{
    public const string AuthoritySubject = "CN=SolarFleet cluster CA";

    public const string SiloSubject = "CN=solarfleet-silo";

    /// <summary>How long a CA lasts: twenty years, so that it outlasts many silo certificates of up to ten.</summary>
    public static readonly TimeSpan AuthorityLifetime = TimeSpan.FromDays(7305);

    // Machines' clocks differ a little: a certificate is valid from shortly before it was made.
    private static readonly TimeSpan Backdating = TimeSpan.FromHours(1);

    private static readonly Oid ServerAuthentication = new("1.3.6.1.5.5.7.3.1");

    private static readonly Oid ClientAuthentication = new("1.3.6.1.5.5.7.3.2");

    /// <summary>A self-signed CA certificate with its private key.</summary>
    public static X509Certificate2 Create(string subject, DateTimeOffset now, TimeSpan lifetime)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(now - Backdating, now + lifetime);
    }

    /// <summary>A certificate of <paramref name="authority"/> (which has its private key) with its own private key.</summary>
    /// <exception cref="ArgumentException">It would outlast the CA.</exception>
    public static X509Certificate2 Issue(X509Certificate2 authority, string subject, DateTimeOffset now, TimeSpan lifetime)
    {
        ArgumentNullException.ThrowIfNull(authority);
        if (now + lifetime > authority.NotAfter)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"It would outlast the CA, which expires on {authority.NotAfter.ToUniversalTime():yyyy-MM-dd}."),
                nameof(lifetime));
        }

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([ServerAuthentication, ClientAuthentication], false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(authority, true, false));
        var notBefore = now - Backdating < authority.NotBefore ? authority.NotBefore : now - Backdating;
        using var certificate = request.Create(authority, notBefore, now + lifetime, SerialNumber());
        return certificate.CopyWithPrivateKey(key);
    }

    /// <summary>The certificate as PEM, and its ECDSA private key as PKCS#8 PEM.</summary>
    public static (string Certificate, string Key) ToPem(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        using var key = certificate.GetECDsaPrivateKey() ?? throw new ArgumentException("The certificate has no ECDSA private key.", nameof(certificate));
        return (certificate.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem());
    }

    // Positive (top bit clear) and random, so that no two certificates of the CA share one.
    private static byte[] SerialNumber()
    {
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        return serial;
    }
}
