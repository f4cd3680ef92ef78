using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SolarFleet.Postgres.Tests.Infrastructure;

namespace SolarFleet.Silo.Tests.Infrastructure;

/// <summary>
/// Debian's Prometheus server on a loopback port with a private data directory, scraping the given targets as the job
/// "solarfleet" every second and evaluating the given rule files every second.
/// </summary>
public sealed class PrometheusServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _directory;
    private readonly HttpClient _http;

    private PrometheusServer(Process process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
    }

    public static async Task<PrometheusServer> StartAsync(IEnumerable<string> targets, IEnumerable<string> ruleFiles, CancellationToken cancellationToken)
    {
        var directory = Directory.CreateTempSubdirectory("solarfleet-prometheus-").FullName;
        var config = Path.Combine(directory, "prometheus.yml");
        await File.WriteAllTextAsync(config, $"""
            global:
              scrape_interval: 1s
              scrape_timeout: 1s
              evaluation_interval: 1s
            rule_files: [{string.Join(", ", ruleFiles.Select(f => $"'{f}'"))}]
            scrape_configs:
              - job_name: solarfleet
                static_configs:
                  - targets: [{string.Join(", ", targets.Select(t => $"'{t}'"))}]
            """, cancellationToken);

        var port = LoopbackPort.Free();
        var start = new ProcessStartInfo(Promtool.Find("prometheus")) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[]
        {
            $"--config.file={config}", $"--storage.tsdb.path={Path.Combine(directory, "data")}", $"--web.listen-address=127.0.0.1:{port}",
            "--web.console.templates=/dev/null", "--web.console.libraries=/dev/null",
        })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("prometheus did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new PrometheusServer(process, directory, port);
        await Eventually.Get(server.ReadyAsync, ready => ready, TimeSpan.FromSeconds(30), "Prometheus to be ready");
        return server;
    }

    /// <summary>The result vector of an instant query.</summary>
    public async Task<JsonArray> QueryAsync(string query)
    {
        var answer = await _http.GetFromJsonAsync<JsonObject>($"api/v1/query?query={Uri.EscapeDataString(query)}", TestContext.Current.CancellationToken)
            ?? throw new InvalidOperationException("Prometheus answered nothing.");
        Assert.Equal("success", (string?)answer["status"]);
        return answer["data"]!["result"]!.AsArray();
    }

    /// <summary>The health of each scrape target ("up", "down", "unknown").</summary>
    public async Task<IReadOnlyList<string>> TargetHealthAsync()
    {
        var answer = await _http.GetFromJsonAsync<JsonObject>("api/v1/targets", TestContext.Current.CancellationToken);
        return [.. answer!["data"]!["activeTargets"]!.AsArray().Select(t => (string)t!["health"]!)];
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private async Task<bool> ReadyAsync()
    {
        if (_process.HasExited)
        {
            throw new InvalidOperationException($"prometheus exited with {_process.ExitCode}.");
        }

        try
        {
            using var response = await _http.GetAsync(new Uri("-/ready", UriKind.Relative), TestContext.Current.CancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }
}
