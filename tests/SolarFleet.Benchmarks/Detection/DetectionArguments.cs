using System.Globalization;

namespace SolarFleet.Benchmarks.Detection;

/// <summary>The detect command's options.</summary>
public sealed record DetectionArguments
{
    public const string Usage =
        "usage: SolarFleet.Benchmarks detect [--sites 300] [--region-km 30] [--period 23] [--faulty 0.1] [--days 1]\n"
        + "       [--sky clear|cloudy|both] [--cover 0.5] [--date 2026-12-01] [--seed 1] [--alone] [--svg FILE] [--table FILE]";

    public int Sites { get; init; } = 300;

    /// <summary>Sites are spread over a disc this wide (diameter), around Palo Alto.</summary>
    public double RegionKm { get; init; } = 30;

    public int PeriodSeconds { get; init; } = 23;

    /// <summary>Share of the sites given a fault, spread over the kinds in turn.</summary>
    public double FaultyShare { get; init; } = 0.1;

    /// <summary>Days simulated per sky, each with its own clouds, layout and faulty sites.</summary>
    public int Days { get; init; } = 1;

    public bool Clear { get; init; } = true;

    public bool Cloudy { get; init; } = true;

    /// <summary>Share of the sky covered on the cloudy days.</summary>
    public double Cover { get; init; } = 0.5;

    public DateOnly Date { get; init; } = new(2026, 12, 1);

    public int Seed { get; init; } = 1;

    /// <summary>
    /// Every site judged as though it had no peers, against its own output in full sun: each day is preceded by the
    /// days it learns from and followed by the days its verdict waits for, and only derates are injected.
    /// </summary>
    public bool Alone { get; init; }

    public string? SvgPath { get; init; }

    public string? TablePath { get; init; }

    public static DetectionArguments Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var parsed = new DetectionArguments();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name == "--alone")
            {
                parsed = parsed with { Alone = true };
                continue;
            }

            var value = i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name} needs a value.");
            parsed = name switch
            {
                "--sites" => parsed with { Sites = Positive(name, value) },
                "--region-km" => parsed with { RegionKm = Number(name, value, 0.1, 500) },
                "--period" => parsed with { PeriodSeconds = Positive(name, value) },
                "--faulty" => parsed with { FaultyShare = Number(name, value, 0, 1) },
                "--days" => parsed with { Days = Positive(name, value) },
                "--sky" => value.ToUpperInvariant() switch
                {
                    "CLEAR" => parsed with { Clear = true, Cloudy = false },
                    "CLOUDY" => parsed with { Clear = false, Cloudy = true },
                    "BOTH" => parsed with { Clear = true, Cloudy = true },
                    _ => throw new ArgumentException($"--sky is clear, cloudy or both, not '{value}'."),
                },
                "--cover" => parsed with { Cover = Number(name, value, 0, 1) },
                "--date" => parsed with
                {
                    Date = DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                        ? date
                        : throw new ArgumentException($"--date wants yyyy-MM-dd, not '{value}'."),
                },
                "--seed" => parsed with { Seed = Positive(name, value) },
                "--svg" => parsed with { SvgPath = value },
                "--table" => parsed with { TablePath = value },
                _ => throw new ArgumentException($"Unknown option '{name}'."),
            };
        }

        ArgumentValues.CheckPeriod(parsed.PeriodSeconds);

        return parsed;
    }

    private static int Positive(string name, string value) => ArgumentValues.Positive(name, value);

    private static double Number(string name, string value, double min, double max) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max
            ? number
            : throw new ArgumentException($"{name} wants a number from {min} to {max}, not '{value}'.");
}
