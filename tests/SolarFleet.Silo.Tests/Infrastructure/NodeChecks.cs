using System.Diagnostics;
using System.Security.Cryptography;

namespace SolarFleet.Silo.Tests.Infrastructure;

/// <summary>
/// The Node.js checks of <c>.ci/node-checks</c> (manifest schemas, Spectral), installed on first use from the npm
/// registry exactly as its lock file pins them. The install is kept per lock file in the user's cache, so later runs
/// and other test processes reuse it; a file lock keeps two test processes from installing at once.
/// </summary>
public static class NodeChecks
{
    private static readonly SemaphoreSlim InProcess = new(1, 1);

    public static string Directory { get; } = RepositoryRoot.File(".ci", "node-checks");

    /// <summary>Runs <paramref name="program"/> (node, or a tool of node_modules/.bin) in the checks' directory.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string program, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        await EnsureInstalledAsync(cancellationToken);
        var path = program == "node" ? "node" : Path.Combine(Directory, "node_modules", ".bin", program);
        return await ExecAsync(path, arguments, Directory, cancellationToken);
    }

    private static async Task EnsureInstalledAsync(CancellationToken cancellationToken)
    {
        await InProcess.WaitAsync(cancellationToken);
        try
        {
            var lockFile = Path.Combine(Directory, "package-lock.json");
            var hash = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(lockFile, cancellationToken)))[..16];
            var cacheRoot = Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg
                ? xdg
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
            var cache = Path.Combine(cacheRoot, "solarfleet", "node-checks-" + hash);
            System.IO.Directory.CreateDirectory(cache);
            using (await AcquireAsync(Path.Combine(cache, ".lock"), cancellationToken))
            {
                if (!File.Exists(Path.Combine(cache, "installed")))
                {
                    File.Copy(Path.Combine(Directory, "package.json"), Path.Combine(cache, "package.json"), overwrite: true);
                    File.Copy(lockFile, Path.Combine(cache, "package-lock.json"), overwrite: true);
                    var (code, output) = await ExecAsync("npm", ["ci", "--prefix", cache, "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"], cache, cancellationToken);
                    if (code != 0)
                    {
                        throw new InvalidOperationException($"npm ci of .ci/node-checks failed ({code}); the checks need Node.js, npm and the npm registry:\n{output}");
                    }

                    await File.WriteAllTextAsync(Path.Combine(cache, "installed"), hash, cancellationToken);
                }

                var link = new DirectoryInfo(Path.Combine(Directory, "node_modules"));
                if (link.LinkTarget != Path.Combine(cache, "node_modules"))
                {
                    if (link.Exists || link.LinkTarget is not null)
                    {
                        link.Delete(recursive: link.LinkTarget is null);
                    }

                    System.IO.Directory.CreateSymbolicLink(link.FullName, Path.Combine(cache, "node_modules"));
                }
            }
        }
        finally
        {
            InProcess.Release();
        }
    }

    /// <summary>An exclusive lock on a file, held until disposed; waits while another process holds it.</summary>
    private static async Task<FileStream> AcquireAsync(string path, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                await Task.Delay(200, cancellationToken);
            }
        }
    }

    private static async Task<(int ExitCode, string Output)> ExecAsync(string program, IEnumerable<string> arguments, string directory, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"{program} is not installed: the checks of .ci/node-checks need Node.js and npm ({ex.Message}).", ex);
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            return (process.ExitCode, await stdout + await stderr);
        }
    }
}
