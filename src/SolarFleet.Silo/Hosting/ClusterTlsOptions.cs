namespace SolarFleet.Silo.Hosting;

/// <summary>
/// SolarFleet:Orleans:Tls — the silo's certificate and the cluster's certificate authority. With them, every Orleans
/// connection (silo to silo, and a gateway's clients) is mutual TLS: each end shows a certificate issued by the
/// cluster CA, or the connection is refused. In Kubernetes they come from a secret (tls.crt, tls.key, ca.crt).
/// </summary>
public sealed class ClusterTlsOptions
{
    /// <summary>The silo's certificate: a PFX/PKCS#12 file with its key, or a PEM certificate with <see cref="KeyPath"/>.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The PEM private key of a PEM <see cref="CertificatePath"/>.</summary>
    public string? KeyPath { get; set; }

    /// <summary>The password of a PFX file, if it has one.</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>The cluster CA (PEM or DER): the only issuer whose certificates a silo accepts from its peers.</summary>
    public string? CaPath { get; set; }

    /// <summary>
    /// A silo on PostgreSQL (a cluster of several, on a network) refuses to start without TLS unless this is false:
    /// for one silo on one host, whose silo port nobody else can reach. The embedded default never needs it (its
    /// silo port listens on loopback only).
    /// </summary>
    public bool Required { get; set; } = true;

    public bool IsConfigured =>
        !string.IsNullOrWhiteSpace(CertificatePath) || !string.IsNullOrWhiteSpace(CaPath) || !string.IsNullOrWhiteSpace(KeyPath);
}
