using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using SolarFleet.Silo.Tests.Infrastructure;

namespace SolarFleet.Cluster.Tests.Infrastructure;

/// <summary>
/// One silo host process on loopback. Its stdout and stderr are kept so failures can show them; disposing kills it.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly ConcurrentQueue<string> output = new();

    private SiloProcess(string name, SiloSettings settings, Process process)
    {
        Name = name;
        Settings = settings;
        this.process = process;
        Api = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{settings.HttpPort}/"), Timeout = TimeSpan.FromSeconds(30) };
        Api.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        Api.DefaultRequestHeaders.Add("X-Api-Key", SiloSettings.AdminKey);
    }

    public string Name { get; }

    public SiloSettings Settings { get; }

    /// <summary>The silo's HTTP API with the admin key.</summary>
    public HttpClient Api { get; }

    public bool HasExited => process.HasExited;

    public int ProcessId => process.Id;

    public IReadOnlyList<string> OutputLines => [.. output];

    public static SiloProcess Start(string name, SiloSettings settings) => Start(name, settings, SiloExecutable.StartInfo(settings.Arguments()));

    /// <summary>Starts a silo that <paramref name="start"/> runs; <paramref name="settings"/> tell which ports it should listen on.</summary>
    public static SiloProcess Start(string name, SiloSettings settings, ProcessStartInfo start)
    {
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var silo = new SiloProcess(name, settings, process);
        process.OutputDataReceived += (_, e) => silo.Keep(e.Data, "out");
        process.ErrorDataReceived += (_, e) => silo.Keep(e.Data, "err");
        if (!process.Start())
        {
            throw new InvalidOperationException($"Silo {name} did not start.");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return silo;
    }

    /// <summary>Waits until /readyz says healthy: the silo joined the cluster and grain calls are answered.</summary>
    public async Task WaitReadyAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var last = "no answer yet";
        while (true)
        {
            if (process.HasExited)
            {
                Assert.Fail($"Silo {Name} exited with {process.ExitCode} before it was ready.\n{Describe()}");
            }

            try
            {
                var ready = await ReadyzAsync();
                if (ready["status"]?.GetValue<string>() == "healthy")
                {
                    return;
                }

                last = ready.ToJsonString();
            }
            catch (HttpRequestException ex)
            {
                last = ex.Message;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Silo {Name} was not ready within {timeout.TotalSeconds:0} s (last /readyz: {last}).\n{Describe()}");
            }

            await Task.Delay(250, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Whether /readyz says healthy now (false also when the silo does not answer, or has exited).</summary>
    public async Task<bool> IsReadyAsync()
    {
        if (process.HasExited)
        {
            return false;
        }

        try
        {
            return (await ReadyzAsync())["status"]?.GetValue<string>() == "healthy";
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    /// <summary>The /readyz document, whatever its status code (503 while not ready, 200 when healthy or degraded).</summary>
    public async Task<JsonNode> ReadyzAsync()
    {
        using var response = await Api.GetAsync(ApiJson.U("/readyz"), TestContext.Current.CancellationToken);
        return await response.Json();
    }

    /// <summary>Ends the process abruptly, as a crash or a lost machine would: no shutdown, no flush, no goodbye to the cluster.</summary>
    public void Kill()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        process.WaitForExit();
    }

    /// <summary>Asks the process to stop (SIGTERM, as a service manager or Kubernetes does) and waits until it has left.</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        using (var terminate = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await terminate.WaitForExitAsync(TestContext.Current.CancellationToken);
        }

        await process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(timeout, TestContext.Current.CancellationToken);
    }

    /// <summary>
    /// Waits until the process printed a line containing <paramref name="text"/> and returns it. Reads only what it
    /// printed: the silo is asked nothing.
    /// </summary>
    public async Task<string> WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var line = await Eventually.Get(
            () => Task.FromResult(OutputLines.FirstOrDefault(l => l.Contains(text, StringComparison.Ordinal))),
            found => found is not null,
            timeout,
            $"silo {Name} to print '{text}'",
            _ => "not printed");
        return line!;
    }

    /// <summary>The last lines the process printed, for failure messages.</summary>
    public string Describe(int lines = 120)
    {
        var all = OutputLines;
        var shown = all.Skip(Math.Max(0, all.Count - lines));
        return $"--- silo {Name} (http {Settings.HttpPort}, silo port {Settings.SiloPort}), last {Math.Min(lines, all.Count)} of {all.Count} output lines:\n{string.Join('\n', shown)}";
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            Kill();
        }
        catch (InvalidOperationException)
        {
            // Never started.
        }

        // Let the asynchronous readers deliver the last lines before the process object goes.
        await Task.Yield();
        Api.Dispose();
        process.Dispose();
    }

    private void Keep(string? line, string stream)
    {
        if (line is not null)
        {
            output.Enqueue(stream == "err" ? "[stderr] " + line : line);
        }
    }
}
