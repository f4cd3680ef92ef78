using System.Globalization;
using SolarFleet.Abstractions.Inverters;
using SolarFleet.Abstractions.Sites;

namespace SolarFleet.Grains.Validation;

/// <summary>
/// The rules a site or inverter registration must satisfy. The HTTP API checks them too; the grains check again
/// because they are the last line before a bad value is persisted and polled.
/// </summary>
public static class RegistrationRules
{
    public const int MaxIdLength = 128;
    public const int MaxHostLength = 253;
    public const int MaxNameLength = 200;

    /// <summary>A site id is the key of its grain and the first part of its inverters' keys, so it may not hold '/'.</summary>
    public static void ValidateSiteId(string siteId)
    {
        ValidateId(siteId, "site id", nameof(siteId));
        if (siteId.Contains('/', StringComparison.Ordinal))
        {
            throw new ArgumentException($"Site id '{siteId}' may not contain '/'.", nameof(siteId));
        }
    }

    public static void ValidateInverterId(string inverterId) => ValidateId(inverterId, "inverter id", nameof(inverterId));

    public static void ValidateSettings(InverterSettings settings, string paramName = "settings")
    {
        if (settings is null)
        {
            throw new ArgumentNullException(paramName, "Inverter settings are required.");
        }

        if (string.IsNullOrWhiteSpace(settings.Host) || settings.Host.Length > MaxHostLength || settings.Host.Any(char.IsWhiteSpace))
        {
            throw new ArgumentException(
                $"Host '{settings.Host}' is not a host name or address (non-empty, no spaces, at most {MaxHostLength} characters).",
                paramName);
        }

        if (settings.Port is < InverterSettings.MinPort or > InverterSettings.MaxPort)
        {
            throw new ArgumentException(
                Invariant($"Port {settings.Port} is outside the Pi's range {InverterSettings.MinPort}-{InverterSettings.MaxPort}."),
                paramName);
        }

        if (settings.PollSeconds is < InverterSettings.MinPollSeconds or > InverterSettings.MaxPollSeconds)
        {
            throw new ArgumentException(
                Invariant($"Poll period {settings.PollSeconds} s is outside {InverterSettings.MinPollSeconds}-{InverterSettings.MaxPollSeconds} s."),
                paramName);
        }

        if (!Enum.IsDefined(settings.PowerTotalUnit))
        {
            throw new ArgumentException($"PowerTotal unit '{settings.PowerTotalUnit}' is not known.", paramName);
        }
    }

    public static void ValidateSiteSettings(SiteSettings settings)
    {
        if (settings is null)
        {
            throw new ArgumentNullException(nameof(settings), "Site settings are required.");
        }

        if (string.IsNullOrWhiteSpace(settings.Name) || settings.Name.Length > MaxNameLength || !IsPrintableText(settings.Name))
        {
            throw new ArgumentException($"A site needs a name of 1-{MaxNameLength} printable characters.", nameof(settings));
        }

        _ = FindTimeZone(settings.TimeZone, nameof(settings));
        if (settings.Latitude is { } latitude && (double.IsNaN(latitude) || latitude is < -90 or > 90))
        {
            throw new ArgumentException(Invariant($"Latitude {latitude} is outside -90..90."), nameof(settings));
        }

        if (settings.Longitude is { } longitude && (double.IsNaN(longitude) || longitude is < -180 or > 180))
        {
            throw new ArgumentException(Invariant($"Longitude {longitude} is outside -180..180."), nameof(settings));
        }
    }

    public static void ValidateRegistration(InverterRegistration registration, string grainKey)
    {
        if (registration is null)
        {
            throw new ArgumentNullException(nameof(registration), "An inverter registration is required.");
        }

        ValidateSiteId(registration.SiteId);
        ValidateInverterId(registration.InverterId);
        if (!string.Equals(InverterKey.Of(registration.SiteId, registration.InverterId), grainKey, StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"Registration for '{InverterKey.Of(registration.SiteId, registration.InverterId)}' was sent to inverter '{grainKey}'.",
                nameof(registration));
        }

        _ = FindTimeZone(registration.TimeZone, nameof(registration));
        ValidateSettings(registration.Settings, nameof(registration));
    }

    /// <summary>
    /// Text people read (names): no control characters (NUL, ESC, CR, LF, ...), no line or paragraph separators, no
    /// bidirectional overrides or isolates that reorder what follows (U+202E makes "txt.exe" read "exe.txt"), and no
    /// unpaired surrogates. Such characters only ever serve to forge logs, pages or CSV cells.
    /// </summary>
    public static bool IsPrintableText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }

            if (char.IsControl(c) || char.IsSurrogate(c) || c is '\u2028' or '\u2029' or '\u061C' or '\u200E' or '\u200F' or '\uFEFF'
                || c is >= '\u202A' and <= '\u202E' || c is >= '\u2066' and <= '\u2069')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Finds an IANA (or system) time zone, turning the lookup failure into an argument error.</summary>
    public static TimeZoneInfo FindTimeZone(string timeZoneId, string paramName)
    {
        if (string.IsNullOrWhiteSpace(timeZoneId))
        {
            throw new ArgumentException("A time zone (IANA id such as 'America/Los_Angeles') is required.", paramName);
        }

        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(timeZoneId);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new ArgumentException($"Time zone '{timeZoneId}' is not a known IANA time zone.", paramName, ex);
        }
    }

    private static void ValidateId(string id, string what, string paramName)
    {
        if (string.IsNullOrWhiteSpace(id) || id.Length > MaxIdLength || id.Any(char.IsControl))
        {
            throw new ArgumentException($"A {what} must be 1-{MaxIdLength} printable characters (was '{id}').", paramName);
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
