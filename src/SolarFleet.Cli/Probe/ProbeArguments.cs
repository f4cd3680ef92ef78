using System.Globalization;
using SolarFleet.Protocol.Polling;

namespace SolarFleet.Cli.Probe;

/// <summary>What <c>probe</c> was asked to do, parsed by hand from its arguments.</summary>
public sealed record ProbeArguments(PiEndpoint Endpoint, bool Json, TimeSpan Timeout)
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan MaxTimeout = TimeSpan.FromHours(1);

    /// <summary>Parses the arguments after <c>probe</c>; on failure <paramref name="error"/> is a one-line reason.</summary>
    public static bool TryParse(IReadOnlyList<string> args, out ProbeArguments? parsed, out string? error)
    {
        parsed = null;
        string? target = null;
        var json = false;
        var timeout = DefaultTimeout;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg == "--json")
            {
                json = true;
            }
            else if (arg == "--timeout" || arg.StartsWith("--timeout=", StringComparison.Ordinal))
            {
                var text = arg.Length > "--timeout".Length ? arg["--timeout=".Length..] : i + 1 < args.Count ? args[++i] : null;
                if (!TryParseTimeout(text, out timeout, out error))
                {
                    return false;
                }
            }
            else if (arg.StartsWith('-') && arg.Length > 1)
            {
                error = $"unknown option '{arg}'";
                return false;
            }
            else if (target is null)
            {
                target = arg;
            }
            else
            {
                error = $"only one HOST:PORT may be given, not also '{arg}'";
                return false;
            }
        }

        if (target is null)
        {
            error = "missing HOST:PORT, e.g. 192.168.1.50:50000";
            return false;
        }

        if (!TryParseEndpoint(target, out var endpoint, out error))
        {
            return false;
        }

        parsed = new ProbeArguments(endpoint!, json, timeout);
        return true;
    }

    /// <summary>HOST:PORT, with an IPv6 address in brackets ([fd00::5]:50000).</summary>
    public static bool TryParseEndpoint(string text, out PiEndpoint? endpoint, out string? error)
    {
        endpoint = null;
        string host;
        string portText;
        if (text.StartsWith('['))
        {
            var close = text.IndexOf("]:", StringComparison.Ordinal);
            if (close < 0)
            {
                error = $"bad HOST:PORT '{text}': expected [IPv6]:PORT";
                return false;
            }

            host = text[1..close];
            portText = text[(close + 2)..];
        }
        else
        {
            var colon = text.LastIndexOf(':');
            if (colon < 0)
            {
                error = $"bad HOST:PORT '{text}': the port is missing";
                return false;
            }

            host = text[..colon];
            portText = text[(colon + 1)..];
            if (host.Contains(':', StringComparison.Ordinal))
            {
                error = $"bad HOST:PORT '{text}': write an IPv6 address in brackets, e.g. [::1]:50000";
                return false;
            }
        }

        if (string.IsNullOrWhiteSpace(host))
        {
            error = $"bad HOST:PORT '{text}': the host is missing";
            return false;
        }

        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port))
        {
            error = $"bad HOST:PORT '{text}': '{portText}' is not a port number";
            return false;
        }

        if (port is < PiEndpoint.MinPort or > PiEndpoint.MaxPort)
        {
            error = string.Create(CultureInfo.InvariantCulture,
                $"port {port} is outside {PiEndpoint.MinPort}-{PiEndpoint.MaxPort}, the only ports a Pi listens on");
            return false;
        }

        endpoint = new PiEndpoint(host, port);
        error = null;
        return true;
    }

    private static bool TryParseTimeout(string? text, out TimeSpan timeout, out string? error)
    {
        timeout = default;
        if (!double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds)
            || !(seconds > 0) || seconds > MaxTimeout.TotalSeconds)
        {
            error = string.Create(CultureInfo.InvariantCulture,
                $"--timeout needs a number of seconds above 0 and at most {MaxTimeout.TotalSeconds}, not '{text}'");
            return false;
        }

        timeout = TimeSpan.FromSeconds(seconds);
        error = null;
        return true;
    }
}
