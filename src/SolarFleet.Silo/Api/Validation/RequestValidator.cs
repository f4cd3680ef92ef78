using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using SolarFleet.Abstractions.Inverters;
using SolarFleet.Abstractions.Sites;
using SolarFleet.Grains.Validation;
using SolarFleet.Network;
using SolarFleet.Protocol.Polling;

using SolarFleet.Silo.Api.Contracts;

namespace SolarFleet.Silo.Api.Validation;

/// <summary>The API's rules for ids, sites and inverters. Field names in messages are the JSON names.</summary>
public static partial class RequestValidator
{
    public const int MaxIdLength = 64;

    /// <summary>The id rule as a pattern, for the contract and the check alike.</summary>
    public const string IdPattern = "^[a-z0-9_-]{1,64}$";
    public const int MaxNameLength = 200;
    public const int MaxHostLength = 253;

    public static bool IsValidId(string? id) => id is not null && IdRule().IsMatch(id);

    public static void CheckId(ValidationErrors errors, string field, string? id)
    {
        if (!IsValidId(id))
        {
            errors.Add(field, $"must be 1-{MaxIdLength} characters of a-z, 0-9, '-' and '_' (was {Quote(id)}).");
        }
    }

    /// <summary>
    /// A page size from the query string: a whole number from 1 to <paramref name="max"/> (no sign, no spaces), or null
    /// with an error naming <paramref name="field"/>.
    /// </summary>
    public static int? CheckLimit(ValidationErrors errors, string field, string text, int max)
    {
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(text);
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit >= 1 && limit <= max)
        {
            return limit;
        }

        errors.Add(field, string.Create(CultureInfo.InvariantCulture, $"must be a whole number from 1 to {max} (was '{(text.Length > 40 ? text[..40] : text)}')."));
        return null;
    }

    public static SiteSettings? CheckSite(ValidationErrors errors, string prefix, string? name, string? timeZone, double? latitude, double? longitude)
    {
        var before = errors.Count;
        if (string.IsNullOrWhiteSpace(name))
        {
            errors.Add(prefix + "name", "is required.");
        }
        else if (name.Length > MaxNameLength)
        {
            errors.Add(prefix + "name", string.Create(CultureInfo.InvariantCulture, $"must be at most {MaxNameLength} characters."));
        }
        else if (!RegistrationRules.IsPrintableText(name))
        {
            errors.Add(prefix + "name", "must be printable text: no control characters (such as NUL, ESC, CR or LF), line separators or bidirectional overrides.");
        }

        if (string.IsNullOrWhiteSpace(timeZone))
        {
            errors.Add(prefix + "timeZone", "is required (an IANA time zone such as America/Los_Angeles).");
        }
        else if (!IsIanaTimeZone(timeZone))
        {
            errors.Add(prefix + "timeZone", $"'{timeZone}' is not a known IANA time zone.");
        }

        if (latitude is { } lat && (double.IsNaN(lat) || lat is < -90 or > 90))
        {
            errors.Add(prefix + "latitude", "must be between -90 and 90.");
        }

        if (longitude is { } lon && (double.IsNaN(lon) || lon is < -180 or > 180))
        {
            errors.Add(prefix + "longitude", "must be between -180 and 180.");
        }

        if (latitude.HasValue != longitude.HasValue)
        {
            errors.Add(prefix + (latitude.HasValue ? "longitude" : "latitude"), "latitude and longitude go together.");
        }

        // -0 is 0 (a coordinate typed as "-0.0" must not come back as -0).
        return errors.Count == before ? new SiteSettings(name!.Trim(), timeZone!, latitude + 0.0, longitude + 0.0) : null;
    }

    public static InverterSettings? CheckInverter(ValidationErrors errors, string prefix, IInverterFields fields, TargetPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var (host, port, pollSeconds, powerTotalUnit) = (fields.Host, fields.Port, fields.PollSeconds, fields.PowerTotalUnit);
        var before = errors.Count;
        var storedHost = host?.Trim();
        if (string.IsNullOrWhiteSpace(host))
        {
            errors.Add(prefix + "host", "is required (the Pi's IP address or host name).");
        }
        else if (!IsValidHost(host))
        {
            errors.Add(prefix + "host", $"{Quote(host)} is not an IP address or host name.");
        }
        else if (policy.CheckHost(storedHost!) is { } verdict)
        {
            // Stored in canonical form: what the API shows is what is polled. Names are judged when resolved, at poll time.
            storedHost = verdict.Address.ToString();
            if (!verdict.IsAllowed)
            {
                errors.Add(prefix + "host", PollTargetRefusal.Message(verdict) + ".");
            }
        }

        if (port is null)
        {
            errors.Add(prefix + "port", string.Create(CultureInfo.InvariantCulture, $"is required ({InverterSettings.MinPort}-{InverterSettings.MaxPort})."));
        }
        else if (port is < InverterSettings.MinPort or > InverterSettings.MaxPort)
        {
            errors.Add(prefix + "port", string.Create(CultureInfo.InvariantCulture, $"must be in {InverterSettings.MinPort}-{InverterSettings.MaxPort}, the range the Pi app accepts (was {port})."));
        }

        if (pollSeconds is { } poll && poll is < InverterSettings.MinPollSeconds or > InverterSettings.MaxPollSeconds)
        {
            errors.Add(prefix + "pollSeconds", string.Create(CultureInfo.InvariantCulture, $"must be {InverterSettings.MinPollSeconds}-{InverterSettings.MaxPollSeconds} (was {poll})."));
        }

        PowerTotalUnit unit = PowerTotalUnit.KilowattHours;
        if (powerTotalUnit is not null && !TryParseUnit(powerTotalUnit, out unit))
        {
            errors.Add(prefix + "powerTotalUnit", $"must be \"kWh\" or \"Wh\" (was {Quote(powerTotalUnit)}).");
        }

        if (fields.DcCapacityW is { } capacity && capacity is < InverterSettings.MinDcCapacityW or > InverterSettings.MaxDcCapacityW)
        {
            errors.Add(prefix + "dcCapacityW", string.Create(CultureInfo.InvariantCulture, $"must be {InverterSettings.MinDcCapacityW}-{InverterSettings.MaxDcCapacityW} watts (was {capacity})."));
        }

        if (fields.TiltDegrees is { } tilt && tilt is < 0 or > 90)
        {
            errors.Add(prefix + "tiltDegrees", string.Create(CultureInfo.InvariantCulture, $"must be 0-90 degrees from horizontal (was {tilt})."));
        }

        if (fields.AzimuthDegrees is { } azimuth && azimuth is < 0 or >= 360)
        {
            errors.Add(prefix + "azimuthDegrees", string.Create(CultureInfo.InvariantCulture, $"must be at least 0 and below 360 degrees clockwise from north (was {azimuth})."));
        }

        // -0 is 0, as for coordinates.
        return errors.Count == before
            ? new InverterSettings(storedHost!, port!.Value, pollSeconds ?? InverterSettings.DefaultPollSeconds, unit, fields.DcCapacityW, fields.TiltDegrees + 0.0, fields.AzimuthDegrees + 0.0)
            : null;
    }

    public static string UnitName(PowerTotalUnit unit) => unit == PowerTotalUnit.WattHours ? "Wh" : "kWh";

    private static bool TryParseUnit(string text, out PowerTotalUnit unit)
    {
        if (text.Equals("kWh", StringComparison.OrdinalIgnoreCase))
        {
            unit = PowerTotalUnit.KilowattHours;
            return true;
        }

        if (text.Equals("Wh", StringComparison.OrdinalIgnoreCase))
        {
            unit = PowerTotalUnit.WattHours;
            return true;
        }

        unit = default;
        return false;
    }

    private static bool IsIanaTimeZone(string id) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) && zone.HasIanaId;

    private static bool IsValidHost(string host)
    {
        host = host.Trim();
        if (host.Length > MaxHostLength)
        {
            return false;
        }

        if (IPAddress.TryParse(host, out var address))
        {
            return address.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6;
        }

        // RFC 1123 host name: dot-separated labels of letters, digits and inner hyphens.
        var labels = host.Split('.');
        return labels.All(l => l.Length is > 0 and <= 63
            && l.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')
            && l[0] != '-' && l[^1] != '-')
            && !labels[^1].All(char.IsAsciiDigit);
    }

    private static string Quote(string? value) =>
        value is null ? "null" : "'" + (value.Length > 80 ? value[..80] + "…" : value) + "'";

    [GeneratedRegex(IdPattern, RegexOptions.CultureInvariant)]
    private static partial Regex IdRule();
}
