using System.Globalization;
using SolarFleet.Silo.Api.Validation;

namespace SolarFleet.Silo.Api.Energy;

/// <summary>The checked query string of an energy report: every bad parameter is named, none reaches the report.</summary>
public sealed record EnergyQuery(DateOnly From, DateOnly To, EnergyInterval Interval, bool Csv)
{
    public static EnergyQuery? Parse(EnergyQueryParameters query, int maxDays, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(errors);
        var from = ParseDate(errors, "from", query.From);
        var to = ParseDate(errors, "to", query.To);
        var interval = EnergyInterval.Day;
        var intervalText = query.Interval;
        switch (intervalText?.ToUpperInvariant())
        {
            case null or "DAY":
                break;
            case "MONTH":
                interval = EnergyInterval.Month;
                break;
            default:
                errors.Add("interval", $"must be day or month (was '{Cut(intervalText)}').");
                break;
        }

        var format = query.Format;
        if (format is not null && format != "csv" && format != "json")
        {
            errors.Add("format", $"must be csv or json (was '{Cut(format)}').");
        }

        var csv = format == "csv" || (format is null && query.Accept?.Contains("text/csv", StringComparison.OrdinalIgnoreCase) == true);
        if (from is { } f && to is { } t)
        {
            if (f > t)
            {
                errors.Add("from", string.Create(CultureInfo.InvariantCulture, $"must not be after to ({f:yyyy-MM-dd} > {t:yyyy-MM-dd})."));
            }
            else if (t.DayNumber - f.DayNumber + 1 > maxDays)
            {
                errors.Add("to", string.Create(CultureInfo.InvariantCulture, $"the range is {t.DayNumber - f.DayNumber + 1} days; at most {maxDays} are allowed."));
            }
        }

        return errors.IsEmpty ? new EnergyQuery(from!.Value, to!.Value, interval, csv) : null;
    }

    /// <summary>A YYYY-MM-DD date, or null with the field named in <paramref name="errors"/>.</summary>
    internal static DateOnly? ParseDate(ValidationErrors errors, string field, string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            errors.Add(field, "is required, as YYYY-MM-DD.");
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        errors.Add(field, $"must be a date as YYYY-MM-DD (was '{Cut(text)}').");
        return null;
    }

    internal static string Cut(string text) => text.Length > 40 ? text[..40] : text;
}
