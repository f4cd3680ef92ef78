using System.Buffers.Text;
using System.Globalization;
using System.Text;
using SolarFleet.Abstractions.Alerts;
using SolarFleet.Grains.Alerts;
using SolarFleet.Silo.Api.Validation;

namespace SolarFleet.Silo.Api.Alerts;

/// <summary>The checked query string of an alert list: every bad parameter is named, none reaches the store.</summary>
public static class AlertListQuery
{
    public const int MaxLimit = 500;

    public static AlertQuery? Parse(AlertQueryParameters parameters, string? siteId, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(errors);
        var state = parameters.State switch
        {
            null or "open" => AlertStateFilter.Open,
            "resolved" => AlertStateFilter.Resolved,
            "all" => AlertStateFilter.All,
            var other => Bad<AlertStateFilter>(errors, "state", "must be open, resolved or all", other),
        };
        AlertKind? kind = parameters.Kind is null ? null
            : Enum.GetValues<AlertKind>().Where(k => AlertCatalog.NameOf(k) == parameters.Kind).Select(k => (AlertKind?)k).FirstOrDefault()
                ?? Bad<AlertKind?>(errors, "kind", $"must be one of {string.Join(", ", Enum.GetValues<AlertKind>().Select(AlertCatalog.NameOf))}", parameters.Kind);
        AlertSeverity? severity = parameters.Severity switch
        {
            null => null,
            "info" => AlertSeverity.Info,
            "warning" => AlertSeverity.Warning,
            "critical" => AlertSeverity.Critical,
            var other => Bad<AlertSeverity?>(errors, "severity", "must be info, warning or critical", other),
        };
        var limit = parameters.Limit is { } text ? RequestValidator.CheckLimit(errors, "limit", text, MaxLimit) ?? 0 : 100;

        var after = parameters.After is { } cursor ? Cursor.Parse(cursor) ?? Bad<AlertCursor?>(errors, "after", "is not a cursor this API gave out", cursor) : null;
        return errors.IsEmpty ? new AlertQuery(state, kind, siteId, severity, limit, after) : null;
    }

    private static T Bad<T>(ValidationErrors errors, string field, string rule, string was)
    {
        errors.Add(field, $"{rule} (was '{(was.Length > 40 ? was[..40] : was)}').");
        return default!;
    }

    /// <summary>The opaque next-page token: the last alert's raise time and id, base64url.</summary>
    public static class Cursor
    {
        public static string Format(AlertCursor cursor)
        {
            ArgumentNullException.ThrowIfNull(cursor);
            var text = string.Create(CultureInfo.InvariantCulture, $"{cursor.RaisedAt.UtcTicks}:{cursor.Id}");
            return Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text));
        }

        public static AlertCursor? Parse(string token)
        {
            if (token.Length > 200 || !Base64Url.IsValid(token))
            {
                return null;
            }

            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            return colon > 0
                && long.TryParse(text.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                && ticks <= DateTimeOffset.MaxValue.UtcTicks
                && colon < text.Length - 1
                && !text.Any(char.IsControl)
                ? new AlertCursor(new DateTimeOffset(ticks, TimeSpan.Zero), text[(colon + 1)..])
                : null;
        }
    }
}
