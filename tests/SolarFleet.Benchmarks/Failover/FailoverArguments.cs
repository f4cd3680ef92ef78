namespace SolarFleet.Benchmarks.Failover;

/// <summary>The failover command's options.</summary>
public sealed record FailoverArguments
{
    public const string Usage =
        "usage: SolarFleet.Benchmarks failover --inverters N [--period 23] [--per-site 10] [--pis-per-simulator 15000]\n"
        + "       [--settle 2xPERIOD] [--after 2xPERIOD] [--first-poll-timeout 180] [--failover-timeout 300] [--ledger-timeout 120]\n"
        + "       [--silo KEY=VALUE]... [--bin DIR] [--out DIR]";

    public int Inverters { get; init; } = 1_000;

    public int PeriodSeconds { get; init; } = 23;

    public int InvertersPerSite { get; init; } = 10;

    public int PisPerSimulator { get; init; } = 15_000;

    /// <summary>Wait after every inverter's first poll before the kill, seconds; default two periods (the cadence settles).</summary>
    public int? SettleSeconds { get; init; }

    /// <summary>How long the survivor runs the whole fleet once every inverter is polled again, before the truth is frozen.</summary>
    public int? AfterSeconds { get; init; }

    public int FirstPollTimeoutSeconds { get; init; } = 180;

    /// <summary>How long after the kill to wait for every inverter to be polled again before giving up.</summary>
    public int FailoverTimeoutSeconds { get; init; } = 300;

    /// <summary>How long the ledger may take to reach the frozen truth.</summary>
    public int LedgerTimeoutSeconds { get; init; } = 120;

    /// <summary>Extra configuration for both silos, as --KEY=VALUE.</summary>
    public IReadOnlyList<string> SiloSettings { get; init; } = [];

    public string? BinDirectory { get; init; }

    public string? OutputDirectory { get; init; }

    public TimeSpan Period => TimeSpan.FromSeconds(PeriodSeconds);

    public TimeSpan Settle => TimeSpan.FromSeconds(SettleSeconds ?? 2 * PeriodSeconds);

    public TimeSpan After => TimeSpan.FromSeconds(AfterSeconds ?? 2 * PeriodSeconds);

    public static FailoverArguments Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var parsed = new FailoverArguments();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            var value = i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name} needs a value.");
            parsed = name switch
            {
                "--inverters" => parsed with { Inverters = ArgumentValues.Positive(name, value) },
                "--period" => parsed with { PeriodSeconds = ArgumentValues.Positive(name, value) },
                "--per-site" => parsed with { InvertersPerSite = ArgumentValues.Positive(name, value) },
                "--pis-per-simulator" => parsed with { PisPerSimulator = ArgumentValues.Positive(name, value) },
                "--settle" => parsed with { SettleSeconds = ArgumentValues.Positive(name, value) },
                "--after" => parsed with { AfterSeconds = ArgumentValues.Positive(name, value) },
                "--first-poll-timeout" => parsed with { FirstPollTimeoutSeconds = ArgumentValues.Positive(name, value) },
                "--failover-timeout" => parsed with { FailoverTimeoutSeconds = ArgumentValues.Positive(name, value) },
                "--ledger-timeout" => parsed with { LedgerTimeoutSeconds = ArgumentValues.Positive(name, value) },
                "--silo" => parsed with { SiloSettings = [.. parsed.SiloSettings, ArgumentValues.SiloSetting(value)] },
                "--bin" => parsed with { BinDirectory = value },
                "--out" => parsed with { OutputDirectory = value },
                _ => throw new ArgumentException($"Unknown option '{name}'."),
            };
        }

        ArgumentValues.CheckPeriod(parsed.PeriodSeconds);
        ArgumentValues.CheckPisPerSimulator(parsed.PisPerSimulator);

        return parsed;
    }
}
