using System.Globalization;
using SolarFleet.Abstractions.Fleet;
using SolarFleet.Abstractions.Inverters;
using SolarFleet.Abstractions.Sites;
using SolarFleet.Network;
using SolarFleet.Silo.Api.Contracts;
using SolarFleet.Silo.Api.Validation;

namespace SolarFleet.Silo.Api.Fleet;

/// <summary>A fleet document checked as a whole: either every site and inverter is valid, or nothing is applied.</summary>
public static class FleetDocumentValidator
{
    /// <summary>Most errors listed for one document; a wholly wrong document should not produce a 10 MB answer.</summary>
    public const int MaxErrors = 200;

    /// <summary>The document as the desired fleet, or null (with every error added) when any part of it is wrong.</summary>
    public static DesiredFleet? Check(FleetDocument document, ValidationErrors errors, TargetPolicy policy)
    {
        if (document.Sites is null)
        {
            errors.Add("sites", "is required (an array, possibly empty).");
            return null;
        }

        var result = new List<DesiredSite>(document.Sites.Count);
        var siteIds = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < document.Sites.Count && errors.Count < MaxErrors; i++)
        {
            var prefix = string.Create(CultureInfo.InvariantCulture, $"sites[{i}].");
            var site = document.Sites[i];
            if (site is null)
            {
                errors.Add(prefix.TrimEnd('.'), "must be an object.");
                continue;
            }

            RequestValidator.CheckId(errors, prefix + "id", site.Id);
            if (site.Id is not null && !siteIds.Add(site.Id))
            {
                errors.Add(prefix + "id", $"'{site.Id}' appears more than once.");
            }

            var settings = RequestValidator.CheckSite(errors, prefix, site.Name, site.TimeZone, site.Latitude, site.Longitude);
            var inverters = CheckInverters(site.Inverters ?? [], prefix, errors, policy);
            if (settings is not null && inverters is not null && RequestValidator.IsValidId(site.Id))
            {
                result.Add(new DesiredSite(site.Id!, settings, inverters));
            }
        }

        return errors.IsEmpty ? new DesiredFleet(result) : null;
    }

    private static Dictionary<string, InverterSettings>? CheckInverters(IReadOnlyList<FleetDocumentInverter?> inverters, string sitePrefix, ValidationErrors errors, TargetPolicy policy)
    {
        var before = errors.Count;
        var result = new Dictionary<string, InverterSettings>(inverters.Count, StringComparer.Ordinal);
        for (var j = 0; j < inverters.Count && errors.Count < MaxErrors; j++)
        {
            var prefix = string.Create(CultureInfo.InvariantCulture, $"{sitePrefix}inverters[{j}].");
            var inverter = inverters[j];
            if (inverter is null)
            {
                errors.Add(prefix.TrimEnd('.'), "must be an object.");
                continue;
            }

            RequestValidator.CheckId(errors, prefix + "id", inverter.Id);
            var settings = RequestValidator.CheckInverter(errors, prefix, inverter, policy);
            if (inverter.Id is not null && result.ContainsKey(inverter.Id))
            {
                errors.Add(prefix + "id", $"'{inverter.Id}' appears more than once in this site.");
            }
            else if (settings is not null && RequestValidator.IsValidId(inverter.Id))
            {
                result[inverter.Id!] = settings;
            }
        }

        return errors.Count == before ? result : null;
    }
}
