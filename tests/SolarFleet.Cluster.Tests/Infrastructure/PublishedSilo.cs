using System.Diagnostics;
using SolarFleet.Silo.Tests.Infrastructure;

namespace SolarFleet.Cluster.Tests.Infrastructure;

/// <summary>
/// The silo as the container image holds it: <c>dotnet publish -c Release</c> into a folder of its own, published once
/// for the tests that share this fixture and deleted after them.
/// </summary>
public sealed class PublishedSilo : IAsyncLifetime
{
    private static readonly TimeSpan PublishLimit = TimeSpan.FromMinutes(5);

    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "solarfleet-published-" + Guid.NewGuid().ToString("N"));

    public async ValueTask InitializeAsync()
    {
        var start = new ProcessStartInfo(SiloExecutable.DotnetHost)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // No build server may outlive the test run.
        foreach (var argument in new[] { "publish", RepositoryRoot.File("src", "SolarFleet.Silo", "SolarFleet.Silo.csproj"), "-c", "Release", "-o", Directory, "--nologo", "--disable-build-servers" })
        {
            start.ArgumentList.Add(argument);
        }

        var run = await SiloExecutable.RunAsync(start, PublishLimit, TestContext.Current.CancellationToken);
        if (run.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish of the silo failed.\n{run}");
        }
    }

    /// <summary>
    /// Runs the published silo from its folder (the image's working directory) with an environment that holds only what
    /// running dotnet needs and <paramref name="environment"/>: nothing of the test runner's settings leaks in.
    /// </summary>
    public ProcessStartInfo StartInfo(IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var start = SiloExecutable.StartInfo(Directory, arguments);
        start.Environment.Clear();
        foreach (var name in new[] { "PATH", "HOME", "DOTNET_ROOT" })
        {
            if (Environment.GetEnvironmentVariable(name) is { } value)
            {
                start.Environment[name] = value;
            }
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return start;
    }

    public ValueTask DisposeAsync()
    {
        if (System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }

        return ValueTask.CompletedTask;
    }
}
