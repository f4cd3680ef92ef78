using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace SolarFleet.Silo.Hosting;

/// <summary>
/// The silo's certificate and the cluster CA, loaded from the files <see cref="ClusterTlsOptions"/> names, and the one
/// rule for a peer's certificate: it chains to the cluster CA (and to nothing else: the machine's own trusted roots do
/// not count). Host names are not checked: silos reach each other by address, and the cluster CA issues certificates
/// to silos only.
/// </summary>
public sealed class ClusterCertificates : IDisposable
{
    private ClusterCertificates(X509Certificate2 certificate, X509Certificate2 authority)
    {
        Certificate = certificate;
        Authority = authority;
    }

    public X509Certificate2 Certificate { get; }

    public X509Certificate2 Authority { get; }

    /// <summary>Loads both; every problem comes back as a message naming the setting, never as an exception.</summary>
    public static ClusterCertificates? Load(ClusterTlsOptions options, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(errors);
        var before = errors.Count;
        var certificate = LoadCertificate(options, errors);
        var authority = LoadAuthority(options, errors);
        if (certificate is not null && authority is not null && !ChainsTo(certificate, authority))
        {
            errors.Add($"SolarFleet:Orleans:Tls:CertificatePath: the certificate '{certificate.Subject}' was not issued by the CA in SolarFleet:Orleans:Tls:CaPath ('{authority.Subject}'), so the other silos would refuse it.");
        }

        if (errors.Count == before)
        {
            return new ClusterCertificates(certificate!, authority!);
        }

        certificate?.Dispose();
        authority?.Dispose();
        return null;
    }

    /// <summary>Whether a peer's certificate was issued by the cluster CA (whatever else the platform thought of it).</summary>
    public bool Accepts(X509Certificate2 peer, X509Chain? chain, SslPolicyErrors errors)
    {
        ArgumentNullException.ThrowIfNull(peer);
        return ChainsTo(peer, Authority);
    }

    public void Dispose()
    {
        Certificate.Dispose();
        Authority.Dispose();
    }

    /// <summary>Whether <paramref name="certificate"/> was issued by <paramref name="authority"/> (and no other root counts).</summary>
    public static bool ChainsTo(X509Certificate2 certificate, X509Certificate2 authority)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(authority);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }

    private static X509Certificate2? LoadCertificate(ClusterTlsOptions options, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(options.CertificatePath))
        {
            errors.Add("SolarFleet:Orleans:Tls:CertificatePath is required for TLS: the silo's certificate (PFX, or PEM with SolarFleet:Orleans:Tls:KeyPath).");
            return null;
        }

        try
        {
            var certificate = string.IsNullOrWhiteSpace(options.KeyPath)
                ? X509CertificateLoader.LoadPkcs12FromFile(options.CertificatePath, options.CertificatePassword)
                : X509Certificate2.CreateFromPemFile(options.CertificatePath, options.KeyPath);
            if (!certificate.HasPrivateKey)
            {
                errors.Add($"SolarFleet:Orleans:Tls:CertificatePath: '{options.CertificatePath}' has no private key (give a PFX with its key, or the key in SolarFleet:Orleans:Tls:KeyPath).");
                certificate.Dispose();
                return null;
            }

            return certificate;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            errors.Add($"SolarFleet:Orleans:Tls:CertificatePath: '{options.CertificatePath}' cannot be read as a certificate with its key: {ex.Message}");
            return null;
        }
    }

    private static X509Certificate2? LoadAuthority(ClusterTlsOptions options, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(options.CaPath))
        {
            errors.Add("SolarFleet:Orleans:Tls:CaPath is required for TLS: the cluster CA, the only issuer of certificates silos accept.");
            return null;
        }

        try
        {
            return X509CertificateLoader.LoadCertificateFromFile(options.CaPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException)
        {
            errors.Add($"SolarFleet:Orleans:Tls:CaPath: '{options.CaPath}' cannot be read as a certificate: {ex.Message}");
            return null;
        }
    }
}
