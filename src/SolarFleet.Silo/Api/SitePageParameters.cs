using System.ComponentModel;
using Microsoft.AspNetCore.Mvc;

namespace SolarFleet.Silo.Api;

/// <summary>
/// The query string of the sites list as sent, bound with [AsParameters]; <see cref="SitePage.Parse"/> checks it.
/// Text rather than typed values so that a bad one is named in a 400.
/// </summary>
public sealed class SitePageParameters
{
    [FromQuery(Name = "limit"), Description("Sites per page, 1-1000. Without it, every site in one answer.")]
    public string? Limit { get; init; }

    [FromQuery(Name = "after"), Description("A site id: only sites whose id sorts after it (ordinal). The next page starts after the last id of this one.")]
    public string? After { get; init; }
}
