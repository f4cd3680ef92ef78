using System.Globalization;
using SolarFleet.Simulator.Faults;
using SolarFleet.Simulator.Hosting;
using SolarFleet.Simulator.Inverter;
using SolarFleet.Simulator.Sites;
using SolarFleet.Simulator.Solar;
using SolarFleet.Simulator.Time;

namespace SolarFleet.Simulator.Cli;

/// <summary>The simulator executable's command line, parsed and validated.</summary>
internal sealed record SimulatorArguments
{
    public const string Usage =
        "usage: SolarFleet.Simulator [--host 127.0.0.1] [--base-port 50000|0] [--pis 1] [--speed N [--since UTC-INSTANT]] [--start HH:mm] "
        + "[--lat 37.4 --lon -122.1 --tz America/Los_Angeles] [--seed S] [--total-unit kwh|wh] [--clouds COVER]\n"
        + "       [--fault N=mode[:value][@HH:mm][+mode...]]...\n"
        + "  inverter faults: dark[@HH:mm] (all day, or from a local time), derate:PERCENT_KEPT[@HH:mm], shade:PERCENT_LOST[@HH:mm after],\n"
        + "  clock:HOURS (-2.5: behind), grid-v:VOLTS[@HH:mm], total-back:KWH[@HH:mm]; --clouds 0-1 drifts one cloud field over every site";

    private static readonly Dictionary<string, PiFaultModes> FaultNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["refuse"] = PiFaultModes.RefuseConnections,
        ["hang"] = PiFaultModes.Hang,
        ["slow"] = PiFaultModes.SlowAnswers,
        ["split"] = PiFaultModes.SplitBytes,
        ["no-terminator"] = PiFaultModes.NoTerminator,
        ["crlf"] = PiFaultModes.CrLf,
        ["garbage"] = PiFaultModes.Garbage,
        ["flood"] = PiFaultModes.Flood,
        ["reset"] = PiFaultModes.ResetMidAnswer,
        ["invalid"] = PiFaultModes.InvalidQueries,
        ["fault-status"] = PiFaultModes.FaultStatus,
        ["single-client"] = PiFaultModes.SingleClient,
        ["stale"] = PiFaultModes.StaleTimeStamp,
        ["dark"] = PiFaultModes.Dark,
        ["derate"] = PiFaultModes.Derated,
        ["shade"] = PiFaultModes.Shading,
        ["clock"] = PiFaultModes.ClockOff,
        ["grid-v"] = PiFaultModes.GridOutOfRange,
        ["total-back"] = PiFaultModes.PowerTotalBackwards,
    };

    public required PiSimulatorOptions Options { get; init; }

    /// <summary>Null: real time.</summary>
    public double? Speed { get; init; }

    /// <summary>Null: start at the current time.</summary>
    public TimeOnly? StartLocal { get; init; }

    /// <summary>With <see cref="Speed"/>: the real instant the clock has run faster from (another process's, say); null: now.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>Faults to set per Pi index once the simulator runs.</summary>
    public required IReadOnlyDictionary<int, FaultRequest> Faults { get; init; }

    public SimulatedSite Site => Options.Sites[0];

    /// <summary>Parses the arguments; on failure <paramref name="error"/> is one line saying what is wrong.</summary>
    public static bool TryParse(IReadOnlyList<string> args, out SimulatorArguments? parsed, out string error)
    {
        parsed = null;
        try
        {
            parsed = Parse(args);
            error = string.Empty;
            return true;
        }
        catch (ArgumentException e)
        {
            error = e.Message.ReplaceLineEndings(" ");
            return false;
        }
    }

    private static SimulatorArguments Parse(IReadOnlyList<string> args)
    {
        var host = "127.0.0.1";
        var basePort = 50000;
        var pis = 1;
        var seed = 1L;
        var format = PowerTotalFormat.KilowattHours;
        double? speed = null;
        TimeOnly? start = null;
        DateTimeOffset? since = null;
        var latitude = SimulatedSite.Default.Latitude;
        var longitude = SimulatedSite.Default.Longitude;
        var zone = SimulatedSite.Default.TimeZoneId;
        var faults = new Dictionary<int, FaultRequest>();
        double? clouds = null;

        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            var value = i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name} needs a value.");
            switch (name)
            {
                case "--host":
                    host = value;
                    break;
                case "--base-port":
                    basePort = ParseInt(name, value);
                    break;
                case "--pis":
                    pis = ParseInt(name, value);
                    break;
                case "--seed":
                    seed = long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) ? s : throw Invalid(name, value);
                    break;
                case "--speed":
                    speed = ParseDouble(name, value);
                    break;
                case "--start":
                    start = TimeOnly.TryParseExact(value, ["HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t : throw Invalid(name, value);
                    break;
                case "--since":
                    since = DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant) ? instant : throw Invalid(name, value);
                    break;
                case "--lat":
                    latitude = ParseDouble(name, value);
                    break;
                case "--lon":
                    longitude = ParseDouble(name, value);
                    break;
                case "--tz":
                    zone = value;
                    break;
                case "--total-unit":
                    format = value.ToUpperInvariant() switch
                    {
                        "KWH" => PowerTotalFormat.KilowattHours,
                        "WH" => PowerTotalFormat.WattHours,
                        _ => throw Invalid(name, value),
                    };
                    break;
                case "--fault":
                    var (index, request) = ParseFault(value, faults);
                    faults[index] = request;
                    break;
                case "--clouds":
                    clouds = ParseDouble(name, value);
                    if (clouds is < 0 or > 1)
                    {
                        throw new ArgumentException("--clouds is the share of the sky covered, 0 to 1.");
                    }

                    break;
                default:
                    throw new ArgumentException($"Unknown option '{name}'.");
            }
        }

        if (speed is <= 0 or > 100_000)
        {
            throw new ArgumentException("--speed must be above 0 and at most 100000.");
        }

        if (since is not null && (speed is null || start is not null))
        {
            throw new ArgumentException("--since goes with --speed, and not with --start.");
        }

        var options = new PiSimulatorOptions
        {
            Host = host,
            BasePort = basePort,
            PiCount = pis,
            Seed = seed,
            PowerTotalFormat = format,
            Sites = [new SimulatedSite("site", latitude, longitude, zone)],
            Clouds = clouds is { } cover ? new CloudField(seed, cover) : null,
        };
        options.Validate();
        foreach (var index in faults.Keys.Where(index => index >= pis))
        {
            throw new ArgumentException($"--fault names Pi {index} but there are only {pis} (numbered from 0).");
        }

        return new SimulatorArguments { Options = options, Speed = speed, StartLocal = start, Since = since, Faults = faults };
    }

    /// <summary>
    /// The simulator's clock: <paramref name="system"/> itself, or shifted to <see cref="StartLocal"/> today, or sped up
    /// from now or from <see cref="Since"/>. Two clocks sped up from the same instant show the same time.
    /// </summary>
    public TimeProvider Clock(TimeProvider system)
    {
        ArgumentNullException.ThrowIfNull(system);
        if (Speed is null && StartLocal is null)
        {
            return system;
        }

        var speed = Speed ?? 1;
        var now = system.GetUtcNow();
        var start = StartLocal is { } local ? AcceleratedTimeProvider.TodayAt(system, Site.TimeZone, local)
            : Since is { } since ? since + (now - since) * speed
            : now;
        return new AcceleratedTimeProvider(system, speed, start);
    }

    // A second --fault for the same Pi adds to its first: modes add up, later values and starts win.
    private static (int Index, FaultRequest Request) ParseFault(string value, Dictionary<int, FaultRequest> earlier)
    {
        var parts = value.Split('=', 2);
        if (parts.Length != 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            throw new ArgumentException($"--fault wants N=mode[:value][@HH:mm][+mode...], not '{value}'.");
        }

        var faults = earlier.GetValueOrDefault(index)?.Faults ?? PiFaults.None;
        var since = earlier.GetValueOrDefault(index)?.SinceLocal;
        foreach (var token in parts[1].Split('+', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var (mode, argument, at) = SplitMode(token);
            var known = FaultNames.TryGetValue(mode, out var flag)
                ? flag
                : throw new ArgumentException($"Unknown fault '{mode}'; known: {string.Join(", ", FaultNames.Keys)}.");
            faults = WithParameter(faults with { Modes = faults.Modes | known }, known, token, argument);
            if (at is { } local)
            {
                // Shading recurs every afternoon from its local time; every other start is one instant.
                faults = known == PiFaultModes.Shading ? faults with { ShadedAfter = local } : faults;
                since = known == PiFaultModes.Shading ? since : local;
            }
        }

        return faults.Modes == PiFaultModes.None ? throw new ArgumentException($"--fault {value} names no fault.") : (index, new FaultRequest(faults, since));
    }

    // "derate:70@12:00" is the mode, its value and the local time it starts.
    private static (string Mode, string? Argument, TimeOnly? At) SplitMode(string token)
    {
        var at = (TimeOnly?)null;
        var rest = token;
        var atSign = token.IndexOf('@', StringComparison.Ordinal);
        if (atSign >= 0)
        {
            at = TimeOnly.TryParseExact(token[(atSign + 1)..], ["HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var t)
                ? t
                : throw new ArgumentException($"--fault {token}: the time after @ must be HH:mm.");
            rest = token[..atSign];
        }

        var colon = rest.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? (rest, null, at) : (rest[..colon], rest[(colon + 1)..], at);
    }

    private static PiFaults WithParameter(PiFaults faults, PiFaultModes mode, string token, string? argument)
    {
        if (argument is null)
        {
            return mode is PiFaultModes.Derated or PiFaultModes.Shading or PiFaultModes.ClockOff or PiFaultModes.GridOutOfRange
                ? throw new ArgumentException($"--fault {token} needs a value, e.g. derate:70, shade:40, clock:3, grid-v:258.")
                : faults;
        }

        var number = double.TryParse(argument, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && double.IsFinite(n)
            ? n
            : throw new ArgumentException($"--fault {token}: '{argument}' is not a number.");
        return mode switch
        {
            PiFaultModes.Derated when number is > 0 and < 100 => faults with { DeratedTo = number / 100 },
            PiFaultModes.Shading when number is > 0 and <= 100 => faults with { ShadingLoss = number / 100 },
            PiFaultModes.ClockOff when Math.Abs(number) <= 48 => faults with { ClockOffset = TimeSpan.FromHours(number) },
            PiFaultModes.GridOutOfRange when number is > 0 and < 1000 => faults with { GridVoltageV = number },
            PiFaultModes.PowerTotalBackwards when number > 0 => faults with { PowerTotalDropKwh = number },
            _ => throw new ArgumentException($"--fault {token}: '{argument}' is out of range for this fault."),
        };
    }

    private static int ParseInt(string name, string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number : throw Invalid(name, value);

    private static double ParseDouble(string name, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number)
            ? number
            : throw Invalid(name, value);

    private static ArgumentException Invalid(string name, string value) => new($"{name}: '{value}' is not valid.");
}
