using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace SolarFleet.Silo.Hosting;

/// <summary>
/// <c>SolarFleet.Silo cluster-certs --out DIR</c>: makes a cluster CA (ca.crt, ca.key) and one silo certificate it
/// issued (tls.crt, tls.key), which every silo of the cluster may share. <c>--renew</c> issues a new silo certificate
/// from the CA already in DIR; <c>--if-missing</c> leaves a complete set alone (for a deploy step that runs every time).
/// </summary>
public static class ClusterCertsCommand
{
    public const string Name = "cluster-certs";

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        var arguments = ClusterCertsArguments.Parse(args, out var error);
        if (arguments is null)
        {
            await stderr.WriteLineAsync($"{Name}: {error}\n{ClusterCertsArguments.Usage}");
            return 2;
        }

        var files = new ClusterTlsFiles(arguments.OutputDirectory);
        try
        {
            return arguments.Renew
                ? await RenewAsync(files, arguments, stdout, stderr, cancellationToken)
                : await CreateAsync(files, arguments, stdout, stderr, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            await stderr.WriteLineAsync($"{Name}: {ex.Message}");
            return 1;
        }
    }

    private static async Task<int> CreateAsync(ClusterTlsFiles files, ClusterCertsArguments arguments, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var existing = files.Existing(ClusterTlsFiles.All);
        if (existing.Count == ClusterTlsFiles.All.Count && arguments.IfMissing)
        {
            await stdout.WriteLineAsync($"{Name}: {files.Directory} already holds {string.Join(", ", existing)}; nothing written.");
            return 0;
        }

        if (existing.Count > 0 && !arguments.Force)
        {
            await stderr.WriteLineAsync($"{Name}: {files.Directory} already holds {string.Join(", ", existing)}; nothing written. --force replaces them all with a new CA, --renew issues a new {ClusterTlsFiles.Certificate} from the CA there.");
            return 1;
        }

        var now = DateTimeOffset.UtcNow;
        using var authority = ClusterAuthority.Create(ClusterAuthority.AuthoritySubject, now, ClusterAuthority.AuthorityLifetime);
        using var silo = ClusterAuthority.Issue(authority, ClusterAuthority.SiloSubject, now, TimeSpan.FromDays(arguments.Days));
        var (authorityPem, authorityKeyPem) = ClusterAuthority.ToPem(authority);
        var (siloPem, siloKeyPem) = ClusterAuthority.ToPem(silo);
        await files.WriteAsync(
            new Dictionary<string, string>
            {
                [ClusterTlsFiles.CaCertificate] = authorityPem,
                [ClusterTlsFiles.CaKey] = authorityKeyPem,
                [ClusterTlsFiles.Certificate] = siloPem,
                [ClusterTlsFiles.Key] = siloKeyPem,
            },
            arguments.Force,
            cancellationToken);
        await stdout.WriteLineAsync($"{Name}: wrote {files.Path(ClusterTlsFiles.CaCertificate)}: the cluster CA '{authority.Subject}', valid until {Date(authority)}.");
        await stdout.WriteLineAsync($"{Name}: wrote {files.Path(ClusterTlsFiles.CaKey)}: its private key (0600). Silos do not need it; keep it apart, to issue silo certificates with --renew.");
        await WriteSiloReportAsync(files, silo, stdout);
        return 0;
    }

    private static async Task<int> RenewAsync(ClusterTlsFiles files, ClusterCertsArguments arguments, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        string[] authorityFiles = [ClusterTlsFiles.CaCertificate, ClusterTlsFiles.CaKey];
        var missing = authorityFiles.Except(files.Existing(authorityFiles)).ToList();
        if (missing.Count > 0)
        {
            await stderr.WriteLineAsync($"{Name}: --renew issues a silo certificate from the CA in {files.Directory}, which has no {string.Join(" and no ", missing)}.");
            return 1;
        }

        using var authority = await ReadAuthorityAsync(files, stderr, cancellationToken);
        if (authority is null)
        {
            return 1;
        }

        var now = DateTimeOffset.UtcNow;
        var lifetime = TimeSpan.FromDays(arguments.Days);
        if (now + lifetime > authority.NotAfter)
        {
            var left = Math.Max(0, (int)(authority.NotAfter - now).TotalDays);
            await stderr.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"{Name}: a silo certificate of {arguments.Days} days would outlast the cluster CA in {files.Path(ClusterTlsFiles.CaCertificate)}, which expires on {Date(authority)}: give --days {left} or fewer, or make a new CA with --force."));
            return 1;
        }

        using var silo = ClusterAuthority.Issue(authority, ClusterAuthority.SiloSubject, now, lifetime);
        var (siloPem, siloKeyPem) = ClusterAuthority.ToPem(silo);
        await files.WriteAsync(
            new Dictionary<string, string> { [ClusterTlsFiles.Certificate] = siloPem, [ClusterTlsFiles.Key] = siloKeyPem },
            overwrite: true,
            cancellationToken);
        await WriteSiloReportAsync(files, silo, stdout);
        return 0;
    }

    /// <summary>The CA certificate with its key, or null after saying why they cannot be read as one.</summary>
    private static async Task<X509Certificate2?> ReadAuthorityAsync(ClusterTlsFiles files, TextWriter stderr, CancellationToken cancellationToken)
    {
        var certificate = await files.ReadAsync(ClusterTlsFiles.CaCertificate, cancellationToken);
        var key = await files.ReadAsync(ClusterTlsFiles.CaKey, cancellationToken);
        try
        {
            return X509Certificate2.CreateFromPem(certificate, key);
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            await stderr.WriteLineAsync($"{Name}: {ClusterTlsFiles.CaCertificate} and {ClusterTlsFiles.CaKey} in {files.Directory} are not a PEM certificate and its private key: {ex.Message}");
            return null;
        }
    }

    private static async Task WriteSiloReportAsync(ClusterTlsFiles files, X509Certificate2 silo, TextWriter stdout)
    {
        var certificate = files.Path(ClusterTlsFiles.Certificate);
        var key = files.Path(ClusterTlsFiles.Key);
        var authority = files.Path(ClusterTlsFiles.CaCertificate);
        await stdout.WriteLineAsync($"{Name}: wrote {certificate}: the silo certificate '{silo.Subject}' for every silo, issued by the cluster CA, valid until {Date(silo)}.");
        await stdout.WriteLineAsync($"{Name}: wrote {key}: its private key (0600).");
        await stdout.WriteLineAsync($"""
            Settings for every silo (in Kubernetes, the paths where the secret is mounted):
              SolarFleet__Orleans__Tls__CertificatePath={certificate}
              SolarFleet__Orleans__Tls__KeyPath={key}
              SolarFleet__Orleans__Tls__CaPath={authority}
            The Kubernetes secret k8s/silo.yaml mounts (without ca.key), made or replaced by:
              kubectl -n solarfleet create secret generic solarfleet-cluster-tls --type=kubernetes.io/tls --from-file=tls.crt={certificate} --from-file=tls.key={key} --from-file=ca.crt={authority} --dry-run=client -o yaml | kubectl apply -f -
            """);
    }

    private static string Date(X509Certificate2 certificate) =>
        certificate.NotAfter.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
