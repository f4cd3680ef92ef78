using System.Runtime.Versioning;
using System.Security.Cryptography.X509Certificates;
using SolarFleet.Cluster.Tests.Infrastructure;
using SolarFleet.Silo.Hosting;

namespace SolarFleet.Cluster.Tests.Security;

/// <summary><c>SolarFleet.Silo cluster-certs</c>: the files it writes, what it refuses, and what it prints.</summary>
public sealed class ClusterCertsCommandTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("solarfleet-cluster-certs-").FullName;

    private string Out => Path.Combine(directory, "certs");

    [Fact]
    public async Task The_files_it_writes_load_as_the_silos_tls_settings_with_a_silo_certificate_of_the_new_ca()
    {
        var run = await RunAsync("--out", Out, "--days", "30");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(["ca.crt", "ca.key", "tls.crt", "tls.key"], Directory.GetFiles(Out).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var errors = new List<string>();
        using var loaded = ClusterCertificates.Load(Tls(), errors);
        Assert.Empty(errors);
        Assert.NotNull(loaded);
        Assert.Equal(ClusterAuthority.AuthoritySubject, loaded.Authority.Subject);
        Assert.Equal(ClusterAuthority.SiloSubject, loaded.Certificate.Subject);
        Assert.InRange(loaded.Certificate.NotAfter.ToUniversalTime(), DateTime.UtcNow.AddDays(29), DateTime.UtcNow.AddDays(31));
        Assert.False(loaded.Accepts(TestCertificates.Shared.Stranger, null, System.Net.Security.SslPolicyErrors.None));
        Assert.Contains($"SolarFleet__Orleans__Tls__CertificatePath={Path.Combine(Out, "tls.crt")}", run.StdoutLines);
        Assert.Contains($"SolarFleet__Orleans__Tls__KeyPath={Path.Combine(Out, "tls.key")}", run.StdoutLines);
        Assert.Contains($"SolarFleet__Orleans__Tls__CaPath={Path.Combine(Out, "ca.crt")}", run.StdoutLines);
        Assert.Contains(run.StdoutLines, l => l.StartsWith("kubectl -n solarfleet create secret generic solarfleet-cluster-tls --type=kubernetes.io/tls", StringComparison.Ordinal));
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task Both_private_keys_are_readable_and_writable_by_their_owner_only()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "File modes are a Unix matter.");

        var run = await RunAsync("--out", Out);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(Out, "ca.key")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(Out, "tls.key")));
        Assert.Empty(Directory.GetFiles(Out, "*.tmp", new EnumerationOptions { AttributesToSkip = 0 }));
    }

    [Fact]
    public async Task A_second_run_without_force_refuses_and_leaves_every_file_as_it_was()
    {
        Assert.Equal(0, (await RunAsync("--out", Out)).ExitCode);
        var before = Snapshot();

        var second = await RunAsync("--out", Out);

        Assert.Equal(1, second.ExitCode);
        Assert.Empty(second.Stdout);
        var line = Assert.Single(second.StderrLines);
        Assert.StartsWith($"cluster-certs: {Out} already holds ca.crt, ca.key, tls.crt, tls.key; nothing written.", line, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot());
    }

    [Fact]
    public async Task With_if_missing_a_complete_set_is_left_alone_and_the_run_succeeds()
    {
        Assert.Equal(0, (await RunAsync("--out", Out, "--if-missing")).ExitCode);
        var before = Snapshot();

        var second = await RunAsync("--out", Out, "--if-missing");

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal([$"cluster-certs: {Out} already holds ca.crt, ca.key, tls.crt, tls.key; nothing written."], second.StdoutLines);
        Assert.Equal(before, Snapshot());
    }

    [Fact]
    public async Task With_if_missing_a_partial_set_is_refused_rather_than_completed_with_a_new_ca()
    {
        Assert.Equal(0, (await RunAsync("--out", Out)).ExitCode);
        File.Delete(Path.Combine(Out, "tls.key"));
        var before = Snapshot();

        var second = await RunAsync("--out", Out, "--if-missing");

        Assert.Equal(1, second.ExitCode);
        Assert.Contains("already holds ca.crt, ca.key, tls.crt;", second.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot());
    }

    [Fact]
    public async Task Force_replaces_the_ca_so_that_the_old_silo_certificate_no_longer_chains_to_it()
    {
        Assert.Equal(0, (await RunAsync("--out", Out)).ExitCode);
        using var old = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(Out, "tls.crt"));

        var forced = await RunAsync("--out", Out, "--force");

        Assert.True(forced.ExitCode == 0, forced.ToString());
        using var authority = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(Out, "ca.crt"));
        Assert.False(ClusterCertificates.ChainsTo(old, authority));
        Assert.Empty(LoadErrors());
    }

    [Fact]
    public async Task Renew_issues_a_new_silo_certificate_from_the_same_ca_which_accepts_the_old_one_too()
    {
        Assert.Equal(0, (await RunAsync("--out", Out)).ExitCode);
        var before = Snapshot();
        using var old = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(Out, "tls.crt"));

        var renewed = await RunAsync("--out", Out, "--renew", "--days", "90");

        Assert.True(renewed.ExitCode == 0, renewed.ToString());
        var after = Snapshot();
        Assert.Equal(before["ca.crt"], after["ca.crt"]);
        Assert.Equal(before["ca.key"], after["ca.key"]);
        Assert.NotEqual(before["tls.crt"], after["tls.crt"]);
        Assert.NotEqual(before["tls.key"], after["tls.key"]);
        Assert.Empty(LoadErrors());
        using var authority = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(Out, "ca.crt"));
        Assert.True(ClusterCertificates.ChainsTo(old, authority), "A silo still on the old certificate must stay in the cluster while the others restart.");
    }

    [Fact]
    public async Task Renew_without_the_ca_key_says_which_file_is_missing()
    {
        Assert.Equal(0, (await RunAsync("--out", Out)).ExitCode);
        File.Delete(Path.Combine(Out, "ca.key"));

        var renewed = await RunAsync("--out", Out, "--renew");

        Assert.Equal(1, renewed.ExitCode);
        Assert.Equal([$"cluster-certs: --renew issues a silo certificate from the CA in {Out}, which has no ca.key."], renewed.StderrLines);
    }

    [Fact]
    public async Task Renew_refuses_a_silo_certificate_that_would_outlast_the_ca_and_says_how_long_it_may_be()
    {
        Directory.CreateDirectory(Out);
        using (var authority = ClusterAuthority.Create("CN=short-lived CA", DateTimeOffset.UtcNow, TimeSpan.FromDays(10.5)))
        {
            var (certificate, key) = ClusterAuthority.ToPem(authority);
            File.WriteAllText(Path.Combine(Out, "ca.crt"), certificate);
            File.WriteAllText(Path.Combine(Out, "ca.key"), key);
        }

        var renewed = await RunAsync("--out", Out, "--renew", "--days", "30");

        Assert.Equal(1, renewed.ExitCode);
        var line = Assert.Single(renewed.StderrLines);
        Assert.Contains("would outlast the cluster CA", line, StringComparison.Ordinal);
        Assert.Contains("give --days 10 or fewer, or make a new CA with --force.", line, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(Out, "tls.crt")));
    }

    [Theory]
    [InlineData("", "--out DIR is required")]
    [InlineData("--days 30", "--out DIR is required")]
    [InlineData("--out", "--out needs a value.")]
    [InlineData("--out --force", "--out needs a value.")]
    [InlineData("--out {out} --days 0", "--days must be a whole number of days from 1 to 3650 (was '0').")]
    [InlineData("--out {out} --days=3651", "--days must be a whole number of days from 1 to 3650 (was '3651').")]
    [InlineData("--out {out} --days -1", "--days must be a whole number of days from 1 to 3650 (was '-1').")]
    [InlineData("--out {out} --days a-year", "--days must be a whole number of days from 1 to 3650 (was 'a-year').")]
    [InlineData("--out {out} --force --if-missing", "--force, --if-missing and --renew exclude each other.")]
    [InlineData("--out {out} --renew --force", "--force, --if-missing and --renew exclude each other.")]
    [InlineData("--out {out} --verbose", "unknown argument '--verbose'.")]
    [InlineData("--out {out} extra", "unknown argument 'extra'.")]
    [InlineData("--out {out} --force=yes", "unknown argument '--force=yes'.")]
    public async Task Bad_arguments_are_refused_with_what_is_wrong_and_the_usage_and_nothing_is_written(string arguments, string error)
    {
        var run = await RunAsync(arguments.Replace("{out}", Out, StringComparison.Ordinal).Split(' ', StringSplitOptions.RemoveEmptyEntries));

        Assert.Equal(2, run.ExitCode);
        Assert.Empty(run.Stdout);
        Assert.Equal(2, run.StderrLines.Length);
        Assert.StartsWith("cluster-certs: " + error, run.StderrLines[0], StringComparison.Ordinal);
        Assert.Equal(ClusterCertsArguments.Usage, run.StderrLines[1]);
        Assert.False(Directory.Exists(Out));
    }

    [Fact]
    public async Task An_output_path_that_is_a_file_fails_with_one_line_and_a_non_zero_exit()
    {
        File.WriteAllText(Out, "not a directory");

        var run = await RunAsync("--out", Out);

        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(run.StderrLines);
        Assert.StartsWith("cluster-certs: ", line, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private static async Task<CommandRun> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await ClusterCertsCommand.RunAsync(args, stdout, stderr, TestContext.Current.CancellationToken);
        return new CommandRun(code, stdout.ToString(), stderr.ToString());
    }

    private ClusterTlsOptions Tls() => new()
    {
        CertificatePath = Path.Combine(Out, "tls.crt"),
        KeyPath = Path.Combine(Out, "tls.key"),
        CaPath = Path.Combine(Out, "ca.crt"),
    };

    private List<string> LoadErrors()
    {
        var errors = new List<string>();
        ClusterCertificates.Load(Tls(), errors)?.Dispose();
        return errors;
    }

    private Dictionary<string, string> Snapshot() =>
        Directory.GetFiles(Out).ToDictionary(f => Path.GetFileName(f), f => Convert.ToHexString(File.ReadAllBytes(f)) + File.GetLastWriteTimeUtc(f).Ticks);
}
