using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using SolarFleet.Silo.Api.Validation;

namespace SolarFleet.Silo.Api.Contracts;

/// <summary>Body of PUT /api/sites/{siteId}.</summary>
public sealed record SiteRequest(
    [property: Required, StringLength(RequestValidator.MaxNameLength, MinimumLength = 1), Description("The site's name: printable text, no control or bidirectional characters.")] string? Name,
    [property: Required, Description("An IANA time zone such as America/Los_Angeles: it decides the site's today.")] string? TimeZone,
    [property: Range(-90, 90), Description("Degrees north; goes with longitude.")] double? Latitude,
    [property: Range(-180, 180), Description("Degrees east; goes with latitude.")] double? Longitude);
