using System.ComponentModel;
using Microsoft.AspNetCore.Mvc;

namespace SolarFleet.Silo.Api.Power;

/// <summary>The query string of a power curve, as text so that a bad date is named in a 400.</summary>
public sealed class PowerQueryParameters
{
    [FromQuery(Name = "date"), Description("The day, as YYYY-MM-DD in the site's local calendar; the site's today when left out.")]
    public string? Date { get; init; }
}
