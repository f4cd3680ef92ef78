using System.Globalization;
using SolarFleet.Abstractions.Sites;
using SolarFleet.Silo.Api.Validation;

namespace SolarFleet.Silo.Dashboard.Admin;

/// <summary>
/// A site as typed into the dashboard's form, checked by the API's rules (<see cref="RequestValidator"/>), so each
/// field gets the message the API would give for its JSON field of the same name.
/// </summary>
public sealed class SiteForm
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    public string? TimeZone { get; set; }

    public string? Latitude { get; set; }

    public string? Longitude { get; set; }

    public static SiteForm Of(SiteSnapshot site)
    {
        ArgumentNullException.ThrowIfNull(site);
        return new SiteForm
        {
            Id = site.SiteId,
            Name = site.Settings.Name,
            TimeZone = site.Settings.TimeZone,
            Latitude = site.Settings.Latitude?.ToString(CultureInfo.InvariantCulture),
            Longitude = site.Settings.Longitude?.ToString(CultureInfo.InvariantCulture),
        };
    }

    public SiteSettings? Check(ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        RequestValidator.CheckId(errors, "id", Id?.Trim());
        var latitude = FormNumbers.Number(errors, "latitude", Latitude);
        var longitude = FormNumbers.Number(errors, "longitude", Longitude);
        var settings = RequestValidator.CheckSite(errors, "", Name, TimeZone?.Trim(), latitude, longitude);
        return errors.IsEmpty ? settings : null;
    }
}
