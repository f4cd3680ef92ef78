using System.Globalization;

namespace SolarFleet.Silo.Hosting;

/// <summary>What <c>cluster-certs</c> was asked to do, read from its flags.</summary>
public sealed record ClusterCertsArguments(string OutputDirectory, int Days, bool Force, bool IfMissing, bool Renew)
{
    public const int DefaultDays = 365;

    public const int MaxDays = 3650;

    public const string Usage = "usage: cluster-certs --out DIR [--days N] [--force | --if-missing | --renew]";

    /// <summary>The arguments, or null with <paramref name="error"/> saying what is wrong with them.</summary>
    public static ClusterCertsArguments? Parse(IReadOnlyList<string> args, out string? error)
    {
        string? output = null;
        string? days = null;
        bool force = false, ifMissing = false, renew = false;
        for (var i = 0; i < args.Count; i++)
        {
            var (name, inline) = Split(args[i]);
            switch (name)
            {
                case "--out" or "--days":
                    var value = inline ?? (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : null);
                    if (string.IsNullOrWhiteSpace(value))
                    {
                        error = $"{name} needs a value.";
                        return null;
                    }

                    if (name == "--out")
                    {
                        output = value;
                    }
                    else
                    {
                        days = value;
                    }

                    break;
                case "--force" when inline is null:
                    force = true;
                    break;
                case "--if-missing" when inline is null:
                    ifMissing = true;
                    break;
                case "--renew" when inline is null:
                    renew = true;
                    break;
                default:
                    error = $"unknown argument '{args[i]}'.";
                    return null;
            }
        }

        error = Check(output, days, force, ifMissing, renew, out var validDays);
        return error is null ? new ClusterCertsArguments(output!, validDays, force, ifMissing, renew) : null;
    }

    private static string? Check(string? output, string? days, bool force, bool ifMissing, bool renew, out int validDays)
    {
        validDays = DefaultDays;
        if (output is null)
        {
            return "--out DIR is required: the directory to write ca.crt, ca.key, tls.crt and tls.key to.";
        }

        if (days is not null && (!int.TryParse(days, NumberStyles.None, CultureInfo.InvariantCulture, out validDays) || validDays is < 1 or > MaxDays))
        {
            return string.Create(CultureInfo.InvariantCulture, $"--days must be a whole number of days from 1 to {MaxDays} (was '{days}').");
        }

        return (force ? 1 : 0) + (ifMissing ? 1 : 0) + (renew ? 1 : 0) > 1
            ? "--force, --if-missing and --renew exclude each other."
            : null;
    }

    private static (string Name, string? Value) Split(string argument)
    {
        var equals = argument.IndexOf('=', StringComparison.Ordinal);
        return equals < 0 ? (argument, null) : (argument[..equals], argument[(equals + 1)..]);
    }
}
