namespace SolarFleet.Benchmarks.Fleet;

/// <summary>The fleet command's options.</summary>
public sealed record FleetArguments
{
    public const string Usage =
        "usage: SolarFleet.Benchmarks fleet --inverters N [--period 23] [--duration 120] [--storage memory|postgres]\n"
        + "       [--per-site 10] [--pis-per-simulator 15000] [--floor-duration S] [--settle 2xPERIOD] [--first-poll-timeout 180]\n"
        + "       [--hung FRACTION] [--refusing FRACTION] [--slow FRACTION] [--silo KEY=VALUE]... [--bin DIR] [--out DIR]\n"
        + "       [--reads RATE] [--browser]";

    public int Inverters { get; init; } = 1_000;

    /// <summary>Poll period of every inverter, seconds (the API accepts 5-3600).</summary>
    public int PeriodSeconds { get; init; } = 23;

    /// <summary>Length of the measured steady-state window, seconds (rounded down to whole periods, at least one).</summary>
    public int DurationSeconds { get; init; } = 120;

    public bool Postgres { get; init; }

    public int InvertersPerSite { get; init; } = 10;

    public int PisPerSimulator { get; init; } = 15_000;

    /// <summary>Measured window of the protocol-client floor; defaults to the fleet window, capped at three periods.</summary>
    public int? FloorDurationSeconds { get; init; }

    /// <summary>
    /// Wait after every inverter's first poll before the window opens, seconds; default two periods. A new registration
    /// polls at once and a second time somewhere in the following period, so the fleet's cadence is steady only after
    /// the last of those second polls.
    /// </summary>
    public int? SettleSeconds { get; init; }

    /// <summary>Shares of the fleet whose Pis hang, refuse connections or answer too slowly; the rest are healthy.</summary>
    public FleetFaults Faults { get; init; } = FleetFaults.None;

    /// <summary>Extra configuration for the silo, as KEY=VALUE (e.g. SolarFleet:Grains:MaxPollsInFlight=32).</summary>
    public IReadOnlyList<string> SiloSettings { get; init; } = [];

    /// <summary>How long to wait for every inverter's first poll before measuring anyway.</summary>
    public int FirstPollTimeoutSeconds { get; init; } = 180;

    /// <summary>
    /// Read requests per second sent to the silo's API and dashboard during the measured window, on a fixed schedule
    /// (see <see cref="ReadLoad"/>); 0: none.
    /// </summary>
    public int ReadsPerSecond { get; init; }

    /// <summary>After the window, with the fleet still polling, load the dashboard's pages in Chromium (see <see cref="BrowserCheck"/>).</summary>
    public bool Browser { get; init; }

    /// <summary>Directory holding SolarFleet.Silo.dll and SolarFleet.Simulator.dll; null: the silo's build output next to this build.</summary>
    public string? BinDirectory { get; init; }

    /// <summary>Where the JSON summary and the children's logs go; null: a new temporary directory.</summary>
    public string? OutputDirectory { get; init; }

    public TimeSpan Period => TimeSpan.FromSeconds(PeriodSeconds);

    /// <summary>Sites registered: <see cref="InvertersPerSite"/> inverters each, the last one the rest.</summary>
    public int Sites => (Inverters + InvertersPerSite - 1) / InvertersPerSite;

    public TimeSpan Settle => TimeSpan.FromSeconds(SettleSeconds ?? 2 * PeriodSeconds);

    /// <summary>The fleet window: whole periods.</summary>
    public TimeSpan Window => Period * Math.Max(1, DurationSeconds / PeriodSeconds);

    /// <summary>The floor window: whole periods.</summary>
    public TimeSpan FloorWindow => Period * Math.Max(1, (FloorDurationSeconds ?? Math.Min(DurationSeconds, 3 * PeriodSeconds)) / PeriodSeconds);

    public static FleetArguments Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var parsed = new FleetArguments();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name == "--browser")
            {
                parsed = parsed with { Browser = true };
                continue;
            }

            var value = i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name} needs a value.");
            parsed = name switch
            {
                "--inverters" => parsed with { Inverters = Positive(name, value) },
                "--period" => parsed with { PeriodSeconds = Positive(name, value) },
                "--duration" => parsed with { DurationSeconds = Positive(name, value) },
                "--storage" => parsed with
                {
                    Postgres = value.ToUpperInvariant() switch
                    {
                        "MEMORY" => false,
                        "POSTGRES" => true,
                        _ => throw new ArgumentException($"--storage is memory or postgres, not '{value}'."),
                    },
                },
                "--per-site" => parsed with { InvertersPerSite = Positive(name, value) },
                "--pis-per-simulator" => parsed with { PisPerSimulator = Positive(name, value) },
                "--floor-duration" => parsed with { FloorDurationSeconds = Positive(name, value) },
                "--settle" => parsed with { SettleSeconds = Positive(name, value) },
                "--first-poll-timeout" => parsed with { FirstPollTimeoutSeconds = Positive(name, value) },
                "--hung" => parsed with { Faults = parsed.Faults with { Hung = ArgumentValues.Fraction(name, value) } },
                "--refusing" => parsed with { Faults = parsed.Faults with { Refusing = ArgumentValues.Fraction(name, value) } },
                "--slow" => parsed with { Faults = parsed.Faults with { Slow = ArgumentValues.Fraction(name, value) } },
                "--silo" => parsed with { SiloSettings = [.. parsed.SiloSettings, SiloSetting(value)] },
                "--reads" => parsed with { ReadsPerSecond = Positive(name, value) },
                "--bin" => parsed with { BinDirectory = value },
                "--out" => parsed with { OutputDirectory = value },
                _ => throw new ArgumentException($"Unknown option '{name}'."),
            };
        }

        ArgumentValues.CheckPeriod(parsed.PeriodSeconds);

        ArgumentValues.CheckPisPerSimulator(parsed.PisPerSimulator);

        if (parsed.Faults.FailingCount(parsed.Inverters) >= parsed.Inverters)
        {
            throw new ArgumentException("--hung, --refusing and --slow together must leave some inverters healthy.");
        }

        return parsed;
    }

    private static string SiloSetting(string value) =>
        value.IndexOf('=', StringComparison.Ordinal) > 0 ? "--" + value : throw new ArgumentException($"--silo wants KEY=VALUE, not '{value}'.");

    private static int Positive(string name, string value) => ArgumentValues.Positive(name, value);
}
