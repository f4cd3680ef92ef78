using System.Globalization;
using SolarFleet.Silo.Api.Validation;

namespace SolarFleet.Silo.Dashboard.Admin;

/// <summary>Numbers typed into a form: empty is absent; text that is not a number is named with the API's words.</summary>
public static class FormNumbers
{
    public static double? Number(ValidationErrors errors, string field, string? text)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
        {
            return value;
        }

        errors.Add(field, "must be a number, not a string.");
        return null;
    }

    public static int? Whole(ValidationErrors errors, string field, string? text)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        errors.Add(field, string.Create(CultureInfo.InvariantCulture, $"must be a whole number (was '{(text.Length > 20 ? text[..20] : text)}')."));
        return null;
    }
}
