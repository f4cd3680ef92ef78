using System.Globalization;
using SolarFleet.Simulator.Faults;
using SolarFleet.Simulator.Hosting;
using SolarFleet.Simulator.Inverter;
using SolarFleet.Simulator.Sites;

namespace SolarFleet.Simulator.Cli;

/// <summary>The simulator executable's command line, parsed and validated.</summary>
internal sealed record SimulatorArguments
{
    public const string Usage =
        "usage: SolarFleet.Simulator [--host 127.0.0.1] [--base-port 50000|0] [--pis 1] [--speed N] [--start HH:mm] "
        + "[--lat 37.4 --lon -122.1 --tz America/Los_Angeles] [--seed S] [--total-unit kwh|wh] [--fault N=mode[+mode...]]...";

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
    };

    public required PiSimulatorOptions Options { get; init; }

    /// <summary>Null: real time.</summary>
    public double? Speed { get; init; }

    /// <summary>Null: start at the current time.</summary>
    public TimeOnly? StartLocal { get; init; }

    /// <summary>Faults to set per Pi index once the simulator runs.</summary>
    public required IReadOnlyDictionary<int, PiFaultModes> Faults { get; init; }

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
        var latitude = SimulatedSite.Default.Latitude;
        var longitude = SimulatedSite.Default.Longitude;
        var zone = SimulatedSite.Default.TimeZoneId;
        var faults = new Dictionary<int, PiFaultModes>();

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
                    var (index, modes) = ParseFault(value);
                    faults[index] = faults.GetValueOrDefault(index) | modes;
                    break;
                default:
                    throw new ArgumentException($"Unknown option '{name}'.");
            }
        }

        if (speed is <= 0 or > 100_000)
        {
            throw new ArgumentException("--speed must be above 0 and at most 100000.");
        }

        var options = new PiSimulatorOptions
        {
            Host = host,
            BasePort = basePort,
            PiCount = pis,
            Seed = seed,
            PowerTotalFormat = format,
            Sites = [new SimulatedSite("site", latitude, longitude, zone)],
        };
        options.Validate();
        foreach (var index in faults.Keys.Where(index => index >= pis))
        {
            throw new ArgumentException($"--fault names Pi {index} but there are only {pis} (numbered from 0).");
        }

        return new SimulatorArguments { Options = options, Speed = speed, StartLocal = start, Faults = faults };
    }

    private static (int Index, PiFaultModes Modes) ParseFault(string value)
    {
        var parts = value.Split('=', 2);
        if (parts.Length != 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            throw new ArgumentException($"--fault wants N=mode[+mode...], not '{value}'.");
        }

        var modes = PiFaultModes.None;
        foreach (var mode in parts[1].Split('+', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            modes |= FaultNames.TryGetValue(mode, out var known)
                ? known
                : throw new ArgumentException($"Unknown fault '{mode}'; known: {string.Join(", ", FaultNames.Keys)}.");
        }

        return modes == PiFaultModes.None ? throw new ArgumentException($"--fault {value} names no fault.") : (index, modes);
    }

    private static int ParseInt(string name, string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number : throw Invalid(name, value);

    private static double ParseDouble(string name, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number)
            ? number
            : throw Invalid(name, value);

    private static ArgumentException Invalid(string name, string value) => new($"{name}: '{value}' is not valid.");
}
