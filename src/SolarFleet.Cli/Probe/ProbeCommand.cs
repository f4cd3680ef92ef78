using SolarFleet.Protocol.Polling;
using SolarFleet.Protocol.Queries;

namespace SolarFleet.Cli.Probe;

/// <summary>
/// <c>probe HOST:PORT [--json] [--timeout SECONDS]</c>: polls one Pi once for every quantity. On success the
/// reading goes to stdout; otherwise exactly one line naming the cause goes to stderr and the exit code says its class.
/// </summary>
public static class ProbeCommand
{
    private const string Prefix = CliApp.Name + " probe";

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        if (args.Contains("--help") || args.Contains("-h"))
        {
            await stdout.WriteAsync(Help).ConfigureAwait(false);
            return ExitCodes.Ok;
        }

        if (!ProbeArguments.TryParse(args, out var parsed, out var error))
        {
            await stderr.WriteLineAsync($"{Prefix}: {error} (see '{Prefix} --help')").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        try
        {
            return await ProbeAsync(parsed!, stdout, stderr, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await stderr.WriteLineAsync($"{Prefix}: interrupted").ConfigureAwait(false);
            return ExitCodes.Cancelled;
        }
        catch (Exception unexpected)
        {
            // The one place that turns any surprise into a single line instead of a stack trace.
            var firstLine = unexpected.Message.Split('\n', 2)[0].TrimEnd();
            await stderr.WriteLineAsync($"{Prefix}: unexpected {unexpected.GetType().Name}: {firstLine}").ConfigureAwait(false);
            return ExitCodes.InternalError;
        }
    }

    private static async Task<int> ProbeAsync(ProbeArguments probe, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var defaults = new PiClientOptions();
        var options = defaults with
        {
            PollTimeout = probe.Timeout,
            ConnectTimeout = probe.Timeout < defaults.ConnectTimeout ? probe.Timeout : defaults.ConnectTimeout,
        };
        using var client = new PiClient(options, TimeProvider.System);
        var result = await client.PollAsync(probe.Endpoint, PiQuerySet.All, cancellationToken).ConfigureAwait(false);
        if (result.Reading is not { } reading)
        {
            var failure = result.Failure!;
            await stderr.WriteLineAsync($"{Prefix}: {failure.Message}").ConfigureAwait(false);
            return ExitCodeOf(failure.Kind);
        }

        if (reading.Unsupported == PiQuerySet.All)
        {
            // Answered, so not unreachable, yet nothing to show: a success here would pass a wrong device or app.
            await stderr.WriteLineAsync(
                $"{Prefix}: {probe.Endpoint} refused all {PiQueryCatalog.All.Count} queries (error: invalid query): it answers, but not as the RPI-SPR-4000m app does").ConfigureAwait(false);
            return ExitCodes.AllRefused;
        }

        await stdout.WriteLineAsync(probe.Json
            ? ProbeOutput.Json(reading, result.Elapsed)
            : ProbeOutput.Table(probe.Endpoint, reading, result.Elapsed)).ConfigureAwait(false);
        return ExitCodes.Ok;
    }

    public static int ExitCodeOf(PiFailureKind kind) => kind switch
    {
        PiFailureKind.ProtocolError => ExitCodes.ProtocolError,
        PiFailureKind.PollTimeout or PiFailureKind.ConnectionLost => ExitCodes.Incomplete,
        _ => ExitCodes.Unreachable,
    };

    private static string Help => $"""
        usage: {Prefix} HOST:PORT [--json] [--timeout SECONDS]

        Polls one Pi once for every quantity (PowerNow, PowerToday, PowerTotal, Status, GridV, GridHZ,
        UpTime, TimeStamp) and shows the answers.

          HOST:PORT          the Pi: a name or address, and a port in {PiEndpoint.MinPort}-{PiEndpoint.MaxPort};
                             an IPv6 address goes in brackets, e.g. [fd00::5]:50000
          --json             print one JSON object (camelCase keys) instead of a table; a refused quantity is null
          --timeout SECONDS  give up after this long, connecting included (default {ProbeArguments.DefaultTimeout.TotalSeconds})
          -h, --help         show this help

        On failure nothing goes to stdout and one line naming the cause goes to stderr.

        exit codes:
          {ExitCodes.Ok}    the Pi answered every query, at least one with a value (the ones it refused are listed)
          {ExitCodes.InternalError}    unexpected internal error
          {ExitCodes.Usage}    bad arguments: unknown option, bad HOST:PORT, port outside {PiEndpoint.MinPort}-{PiEndpoint.MaxPort}
          {ExitCodes.Unreachable}    the Pi could not be reached: host not found, connection refused, connect timeout, network error,
               or an address outside loopback and the private ranges (the probe polls what SolarFleet may poll by default)
          {ExitCodes.ProtocolError}    protocol error: the Pi sent garbage, an oversized answer or an out-of-bounds value
          {ExitCodes.Incomplete}    the Pi did not finish answering: timed out, or the connection was lost mid-answer
          {ExitCodes.AllRefused}    the Pi refused every query (error: invalid query to all): nothing to show
          {ExitCodes.Cancelled}  interrupted (Ctrl+C)

        """;
}
