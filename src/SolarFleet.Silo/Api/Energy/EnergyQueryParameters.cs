using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;

namespace SolarFleet.Silo.Api.Energy;

/// <summary>
/// The query string of an energy report as sent, bound with [AsParameters] so that every parameter is in the contract;
/// <see cref="EnergyQuery.Parse"/> checks it. Text rather than typed values so that a bad one is named in a 400, not
/// refused by the binder without a word.
/// </summary>
public sealed class EnergyQueryParameters
{
    [FromQuery(Name = "from"), Required, Description("The first day, as YYYY-MM-DD in the site's local calendar.")]
    public string? From { get; init; }

    [FromQuery(Name = "to"), Required, Description("The last day (inclusive), as YYYY-MM-DD.")]
    public string? To { get; init; }

    [FromQuery(Name = "interval"), AllowedValues("day", "month"), Description("One row per day (default) or per month.")]
    public string? Interval { get; init; }

    [FromQuery(Name = "format"), AllowedValues("json", "csv"), Description("json (default) or csv; without it, Accept: text/csv also gives CSV.")]
    public string? Format { get; init; }

    [FromHeader(Name = "Accept")]
    public string? Accept { get; init; }
}
