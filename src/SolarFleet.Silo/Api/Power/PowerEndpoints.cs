using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using SolarFleet.Silo.Api.Energy;
using SolarFleet.Silo.Api.Validation;
using SolarFleet.Silo.Reads;

namespace SolarFleet.Silo.Api.Power;

/// <summary>A site's power through a day of its calendar, from the stored readings.</summary>
public static class PowerEndpoints
{
    public static RouteGroupBuilder MapPowerEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/sites/{siteId}/power", GetSitePower).ForReaders().Checked().ProducesProblem(StatusCodes.Status404NotFound)
            .WithTags("Power").WithName("GetSitePower")
            .WithSummary("The site's power per five-minute slot of one local day (today by default), summed over its inverters.");
        return api;
    }

    private static async Task<Results<Ok<PowerCurve>, ValidationProblem, ProblemHttpResult>> GetSitePower(
        HttpContext http, string siteId, [AsParameters] PowerQueryParameters parameters, [FromServices] FleetReads reads, [FromServices] PowerCurves curves, CancellationToken cancellationToken)
    {
        var errors = ValidationErrors.Of(http);
        var date = parameters.Date is null ? null : EnergyQuery.ParseDate(errors, "date", parameters.Date);
        if (!errors.IsEmpty)
        {
            return ApiResults.Invalid(errors);
        }

        if (await reads.LiveSiteAsync(siteId) is not { } site)
        {
            return ApiResults.NotFound($"There is no site '{siteId}' (a removed site's energy history remains at /api/sites/{siteId}/energy).");
        }

        return TypedResults.Ok(await curves.DayAsync(site, date, cancellationToken));
    }
}
