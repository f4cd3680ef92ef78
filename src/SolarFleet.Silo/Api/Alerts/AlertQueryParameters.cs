using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;

namespace SolarFleet.Silo.Api.Alerts;

/// <summary>
/// The query string of an alert list as sent, bound with [AsParameters]; <see cref="AlertListQuery.Parse"/> checks it.
/// Text rather than typed values so that a bad one is named in a 400.
/// </summary>
public sealed class AlertQueryParameters
{
    [FromQuery(Name = "state"), AllowedValues("open", "resolved", "all"), Description("open (default), resolved or all.")]
    public string? State { get; init; }

    [FromQuery(Name = "kind"), AllowedValues("unreachable", "fault", "stale", "darkInDaylight", "underproducing", "clockSkew", "lifetimeAnomaly", "gridOutOfRange"), Description("Only alerts of this kind.")]
    public string? Kind { get; init; }

    [FromQuery(Name = "severity"), AllowedValues("info", "warning", "critical"), Description("Only alerts of this severity.")]
    public string? Severity { get; init; }

    [FromQuery(Name = "limit"), Description("Alerts per page, 1-500 (default 100).")]
    public string? Limit { get; init; }

    [FromQuery(Name = "after"), Description("The next-page cursor of the previous page (its 'next').")]
    public string? After { get; init; }
}
