using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using SolarFleet.Postgres.Tests.Infrastructure;

namespace SolarFleet.Benchmarks.Processes;

/// <summary>The SolarFleet silo as its own process on loopback ports, with an admin API key, and an HTTP client for it.</summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(180);

    private SiloProcess(ChildProcess process, HttpClient http, string apiKey, int siloPort)
    {
        Process = process;
        Http = http;
        ApiKey = apiKey;
        SiloPort = siloPort;
    }

    public ChildProcess Process { get; }

    /// <summary>Talks to the silo's HTTP endpoint with the admin key set.</summary>
    public HttpClient Http { get; }

    /// <summary>The admin key, for clients of their own (the read load signs in to the dashboard with it).</summary>
    public string ApiKey { get; }

    /// <summary>The port silos talk to it on; the membership table knows it by this.</summary>
    public int SiloPort { get; }

    /// <summary>Starts the silo and waits until /readyz answers 200.</summary>
    /// <param name="cpu">Set: the process is held to this one core.</param>
    public static async Task<SiloProcess> StartAsync(
        string siloDll, string? postgresConnectionString, IEnumerable<string> extraSettings, string logPath, CancellationToken cancellationToken, int? cpu = null)
    {
        var apiKey = Convert.ToHexString(Guid.NewGuid().ToByteArray());
        var httpPort = LoopbackPort.Free();
        var siloPort = LoopbackPort.Free();
        var settings = new List<string>
        {
            "--urls", string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{httpPort}"),
            $"--SolarFleet:ApiKeys:0:Key={apiKey}",
            "--SolarFleet:ApiKeys:0:Role=Admin",
            string.Create(CultureInfo.InvariantCulture, $"--SolarFleet:Orleans:SiloPort={siloPort}"),
            // A unique cluster: other silos on this machine (or a database reused) never join this one.
            $"--SolarFleet:Orleans:ClusterId=bench-{apiKey[..8].ToLowerInvariant()}",
            "--Logging:LogLevel:Default=Warning",
        };
        if (postgresConnectionString is not null)
        {
            settings.Add("--SolarFleet:Storage=Postgres");

            // One silo on this machine; the two-silo runs bring their own certificates.
            settings.Add("--SolarFleet:Orleans:Tls:Required=false");
            settings.Add($"--ConnectionStrings:SolarFleet={postgresConnectionString}");
        }

        if (BuildWebRoot(siloDll) is { } webRoot)
        {
            settings.AddRange(["--webroot", webRoot]);
        }

        settings.AddRange(extraSettings);
        var process = ChildProcess.StartDotnet(Path.GetFileNameWithoutExtension(logPath), siloDll, settings, logPath, cpu: cpu);
        var http = new HttpClient { BaseAddress = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{httpPort}")), Timeout = TimeSpan.FromMinutes(15) };
        http.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        var silo = new SiloProcess(process, http, apiKey, siloPort);
        try
        {
            await silo.WaitUntilReadyAsync(cancellationToken);
            return silo;
        }
        catch
        {
            await silo.DisposeAsync();
            throw;
        }
    }

    /// <summary>PUT /api/fleet with <paramref name="document"/>, answered once every inverter is configured.</summary>
    public async Task RegisterFleetAsync(byte[] document, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(document);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await Http.PutAsync(new Uri("/api/fleet?wait=600", UriKind.Relative), content, cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"PUT /api/fleet answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }

    public async Task<string> ScrapeAsync(CancellationToken cancellationToken) =>
        await Http.GetStringAsync(new Uri("/metrics", UriKind.Relative), cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await Process.StopAsync(TimeSpan.FromSeconds(30));
        await Process.DisposeAsync();
        Http.Dispose();
    }

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ReadyTimeout);
        while (true)
        {
            if (Process.HasExited)
            {
                throw new InvalidOperationException("The silo exited during start-up (see silo.log).");
            }

            try
            {
                using var response = await Http.GetAsync(new Uri("/readyz", UriKind.Relative), timeout.Token);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), TimeProvider.System, timeout.Token);
        }
    }

    /// <summary>
    /// The project's wwwroot when the silo runs from its build output: only a publish copies it there, and outside
    /// Development the silo does not read the build's static asset manifest, so the dashboard would answer its
    /// stylesheet and script with 404. Null when the silo has its own (a published --bin) or none can be found.
    /// </summary>
    private static string? BuildWebRoot(string siloDll)
    {
        var bin = Path.GetDirectoryName(Path.GetFullPath(siloDll))!;
        var project = Path.GetFullPath(Path.Combine(bin, "..", "..", "..", "wwwroot"));
        return Directory.Exists(Path.Combine(bin, "wwwroot")) || !Directory.Exists(project) ? null : project;
    }
}
