using System.Globalization;
using SolarFleet.Benchmarks.Fleet;

namespace SolarFleet.Benchmarks.Curve;

/// <summary>The curve command's options: fleet sizes, where the runs go, and the fleet options every run shares.</summary>
public sealed record CurveArguments
{
    public const string Usage =
        "usage: SolarFleet.Benchmarks curve [--sizes 1000,10000,50000,100000,200000] [--out DIR] [--resume] [--svg FILE] [--table FILE]\n"
        + "       [any fleet option but --inverters and --out, applied to every size]";

    public static readonly IReadOnlyList<int> DefaultSizes = [1_000, 10_000, 50_000, 100_000, 200_000];

    /// <summary>Fleet sizes, run smallest first (a failure at a large size still leaves the small ones measured).</summary>
    public IReadOnlyList<int> Sizes { get; init; } = DefaultSizes;

    /// <summary>Each size's run goes to DIR/&lt;size&gt;, the curve's own JSON to DIR/curve.json; null: a new temporary directory.</summary>
    public string? OutputDirectory { get; init; }

    /// <summary>Take a size's earlier summary from DIR/&lt;size&gt;/summary.json instead of running it again.</summary>
    public bool Resume { get; init; }

    public string? SvgPath { get; init; }

    public string? TablePath { get; init; }

    /// <summary>The fleet options for one size (the shared ones, then that size).</summary>
    public required IReadOnlyList<string> FleetOptions { get; init; }

    public FleetArguments ForSize(int inverters, string output) =>
        FleetArguments.Parse([.. FleetOptions, "--inverters", inverters.ToString(CultureInfo.InvariantCulture), "--out", output]);

    public static CurveArguments Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var parsed = new CurveArguments { FleetOptions = [] };
        var fleet = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name == "--resume")
            {
                parsed = parsed with { Resume = true };
                continue;
            }

            if (name is "--browser")
            {
                fleet.Add(name);
                continue;
            }

            var value = i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name} needs a value.");
            switch (name)
            {
                case "--sizes":
                    parsed = parsed with { Sizes = ParseSizes(value) };
                    break;
                case "--out":
                    parsed = parsed with { OutputDirectory = value };
                    break;
                case "--svg":
                    parsed = parsed with { SvgPath = value };
                    break;
                case "--table":
                    parsed = parsed with { TablePath = value };
                    break;
                case "--inverters":
                    throw new ArgumentException("--inverters is set per run by --sizes.");
                default:
                    fleet.Add(name);
                    fleet.Add(value);
                    break;
            }
        }

        parsed = parsed with { FleetOptions = fleet };
        // Every fleet option is checked now, not after an hour of the smaller sizes.
        parsed.ForSize(parsed.Sizes[0], Path.GetTempPath());
        return parsed;
    }

    private static List<int> ParseSizes(string value)
    {
        var sizes = value.Split(',', StringSplitOptions.TrimEntries).Select(s => ArgumentValues.Positive("--sizes", s)).Distinct().Order().ToList();
        return sizes.Count >= 2 ? sizes : throw new ArgumentException("--sizes wants at least two fleet sizes, comma-separated (a curve needs two points).");
    }
}
