using System.Globalization;

namespace SolarFleet.Benchmarks;

/// <summary>Option values shared by the benchmark commands, parsed with the same words for the same mistakes.</summary>
internal static class ArgumentValues
{
    public static int Positive(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0
            ? number
            : throw new ArgumentException($"{name} wants a positive whole number, not '{value}'.");

    /// <summary>A share of something, 0 up to (not including) 1.</summary>
    public static double Fraction(string name, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && number is >= 0 and < 1
            ? number
            : throw new ArgumentException($"{name} wants a fraction from 0 up to 1 (0.1 is 10 %), not '{value}'.");

    /// <summary>A poll period the API accepts.</summary>
    public static void CheckPeriod(int seconds)
    {
        if (seconds is < 5 or > 3600)
        {
            throw new ArgumentException("--period must be 5-3600 seconds (what the API accepts).");
        }
    }

    public static void CheckPisPerSimulator(int pis)
    {
        if (pis > 16_000)
        {
            throw new ArgumentException("--pis-per-simulator must be at most 16000 (Pi ports on one address; 20,000 open files per process).");
        }
    }

    /// <summary>A silo setting as KEY=VALUE, passed on as a command-line option.</summary>
    public static string SiloSetting(string value) =>
        value.IndexOf('=', StringComparison.Ordinal) > 0 ? "--" + value : throw new ArgumentException($"--silo wants KEY=VALUE, not '{value}'.");
}
