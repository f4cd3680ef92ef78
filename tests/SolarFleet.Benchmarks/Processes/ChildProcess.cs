using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;

namespace SolarFleet.Benchmarks.Processes;

/// <summary>
/// A process the benchmark started: its output goes to a log file and, line by line, to <see cref="ReadLineAsync"/>.
/// Stopping sends SIGTERM (so it can print its totals), then kills it if it has not left in time.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly Lock _logGate = new();
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();

    private ChildProcess(Process process, StreamWriter log)
    {
        _process = process;
        _log = log;
    }

    public int Id => _process.Id;

    public string Name { get; private init; } = string.Empty;

    public bool HasExited => _process.HasExited;

    /// <summary>Starts <c>dotnet <paramref name="dll"/> <paramref name="arguments"/></c> in the dll's directory.</summary>
    /// <param name="niceness">Above 0: started through <c>nice</c>, so that every thread of the process yields the CPU.</param>
    /// <param name="cpu">Set: started through <c>taskset -c</c>, held to that one core.</param>
    /// <param name="commands">True: its standard input is kept open for <see cref="WriteLineAsync"/>.</param>
    public static ChildProcess StartDotnet(string name, string dll, IEnumerable<string> arguments, string logPath, int niceness = 0, int? cpu = null, bool commands = false)
    {
        // taskset and nice exec what follows in their own process, so the id, CPU time and signals are still dotnet's.
        List<string> command = [];
        if (cpu is { } core)
        {
            command.AddRange(["taskset", "-c", core.ToString(CultureInfo.InvariantCulture)]);
        }

        if (niceness > 0)
        {
            command.AddRange(["nice", "-n", niceness.ToString(CultureInfo.InvariantCulture)]);
        }

        command.Add("dotnet");
        var start = new ProcessStartInfo(command[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = commands,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        foreach (var word in command.Skip(1))
        {
            start.ArgumentList.Add(word);
        }

        start.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {name}.");
        var child = new ChildProcess(process, new StreamWriter(logPath) { AutoFlush = true }) { Name = name };
        process.OutputDataReceived += (_, e) => child.OnLine(e.Data, toReader: true);
        process.ErrorDataReceived += (_, e) => child.OnLine(e.Data, toReader: false);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>The next line the process wrote to standard output; null once it has exited.</summary>
    public async Task<string?> ReadLineAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _lines.Reader.ReadAsync(cancellationToken);
        }
        catch (ChannelClosedException)
        {
            return null;
        }
    }

    /// <summary>Writes a line to the process's standard input (started with <c>commands: true</c>).</summary>
    public async Task WriteLineAsync(string line, CancellationToken cancellationToken)
    {
        await _process.StandardInput.WriteLineAsync(line.AsMemory(), cancellationToken);
        await _process.StandardInput.FlushAsync(cancellationToken);
    }

    /// <summary>SIGKILL to this process alone, as a crash would end it; returns once it is gone.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: false);
        await _process.WaitForExitAsync(CancellationToken.None);
    }

    /// <summary>CPU time used so far (user and system), from /proc.</summary>
    public TimeSpan CpuTime()
    {
        _process.Refresh();
        return _process.TotalProcessorTime;
    }

    /// <summary>Peak resident set (VmHWM of /proc/pid/status), in bytes.</summary>
    public long PeakResidentBytes() => ProcStatus.ReadKilobytes(_process.Id, "VmHWM") * 1024;

    /// <summary>Resident set now (VmRSS of /proc/pid/status), in bytes.</summary>
    public long ResidentBytes() => ProcStatus.ReadKilobytes(_process.Id, "VmRSS") * 1024;

    /// <summary>SIGTERM, then SIGKILL after <paramref name="grace"/>. Returns the exit code (or -1 when killed).</summary>
    public async Task<int> StopAsync(TimeSpan grace)
    {
        if (_process.HasExited)
        {
            return _process.ExitCode;
        }

        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(grace);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
            return _process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None);
            return -1;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None);
        }

        // Let the output readers finish before the log closes.
        _process.WaitForExit();
        _process.Dispose();
        lock (_logGate)
        {
            _log.Dispose();
        }
    }

    private void OnLine(string? line, bool toReader)
    {
        if (line is null)
        {
            if (toReader)
            {
                _lines.Writer.TryComplete();
            }

            return;
        }

        // A simulator's stats line is an answer for the benchmark, megabytes a minute at scale: the log keeps the rest.
        if (!line.StartsWith("stats:", StringComparison.Ordinal))
        {
            lock (_logGate)
            {
                _log.WriteLine(line);
            }
        }

        if (toReader)
        {
            _lines.Writer.TryWrite(line);
        }
    }
}
