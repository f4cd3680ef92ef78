using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using SolarFleet.Abstractions.Sites;
using SolarFleet.Silo.Api.Validation;
using SolarFleet.Silo.Hosting;

namespace SolarFleet.Silo.Api.Energy;

/// <summary>Daily and monthly energy for billing and reporting tools, as JSON or CSV; removed sites keep theirs.</summary>
public static class EnergyEndpoints
{
    public static RouteGroupBuilder MapEnergyEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/sites/{siteId}/energy", GetSiteEnergy).ForReaders().Checked().ProducesProblem(StatusCodes.Status404NotFound)
            .WithTags("Energy").WithName("GetSiteEnergy")
            .Produces<EnergyRow[]>(contentType: "application/json").Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .WithSummary("Energy per day or month in the site's local calendar; also for a removed site.");
        api.MapGet("/fleet/energy", GetFleetEnergy).ForReaders().Checked()
            .WithTags("Energy").WithName("GetFleetEnergy")
            .Produces<EnergyRow[]>(contentType: "application/json").Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .WithSummary("The same report for every site, site by site, removed sites (within the retention) included.");
        api.MapGet("/sites/{siteId}/inverters/{inverterId}/energy", GetInverterEnergy).ForReaders().Checked().ProducesProblem(StatusCodes.Status404NotFound)
            .WithTags("Energy").WithName("GetInverterEnergy")
            .WithSummary("One inverter's days: energy, how it was measured, and the audit of its readings (interval day, format json).");
        return api;
    }

    private static async Task<IResult> GetSiteEnergy(
        HttpContext http, string siteId, [AsParameters] EnergyQueryParameters parameters, [FromServices] IOptions<SolarFleetOptions> options, [FromServices] EnergyReports reports, CancellationToken cancellationToken)
    {
        // Every bad part of the request in one answer, before any grain is asked.
        var errors = ValidationErrors.Of(http);
        if (EnergyQuery.Parse(parameters, options.Value.Api.MaxReportDays, errors) is not { } query)
        {
            return ApiResults.Invalid(errors);
        }

        if (await reports.FindSiteAsync(siteId) is not { } site)
        {
            return ApiResults.NotFound($"There is no site '{siteId}'.");
        }

        return Respond(reports.RowsAsync([site], query, cancellationToken), query, siteId);
    }

    private static async Task<IResult> GetFleetEnergy(
        HttpContext http, [AsParameters] EnergyQueryParameters parameters, [FromServices] IOptions<SolarFleetOptions> options, [FromServices] EnergyReports reports, CancellationToken cancellationToken)
    {
        var errors = ValidationErrors.Of(http);
        if (EnergyQuery.Parse(parameters, options.Value.Api.MaxReportDays, errors) is not { } query)
        {
            return ApiResults.Invalid(errors);
        }

        return Respond(reports.RowsAsync(await reports.FleetSitesAsync(), query, cancellationToken), query, "fleet");
    }

    private static async Task<Results<Ok<IReadOnlyList<InverterEnergyDay>>, ValidationProblem, ProblemHttpResult>> GetInverterEnergy(
        HttpContext http, string siteId, string inverterId, [AsParameters] EnergyQueryParameters parameters, [FromServices] IOptions<SolarFleetOptions> options, [FromServices] EnergyReports reports, [FromServices] IGrainFactory grains, CancellationToken cancellationToken)
    {
        var errors = ValidationErrors.Of(http);
        var query = EnergyQuery.Parse(parameters, options.Value.Api.MaxReportDays, errors);
        if (query is { Interval: not EnergyInterval.Day })
        {
            errors.Add("interval", "must be day: an inverter's report lists its days, each with its audit.");
        }

        if (query is { Csv: true })
        {
            errors.Add("format", "must be json: an inverter's days carry their audit, which CSV cannot hold.");
        }

        if (!errors.IsEmpty || query is null)
        {
            return ApiResults.Invalid(errors);
        }

        if (await reports.FindSiteAsync(siteId) is not { } site)
        {
            return ApiResults.NotFound($"There is no site '{siteId}'.");
        }

        var snapshot = site.IsLive ? await grains.GetGrain<ISiteGrain>(siteId).GetSnapshot() : null;
        var registered = snapshot?.Inverters.ContainsKey(inverterId) == true;
        var days = await reports.InverterDaysAsync(site, inverterId, registered, query.From, query.To, cancellationToken);
        return days is null
            ? ApiResults.NotFound($"Site '{siteId}' has no inverter '{inverterId}', and no energy of one in {query.From:yyyy-MM-dd}..{query.To:yyyy-MM-dd}.")
            : TypedResults.Ok(days);
    }

    private static IResult Respond(IAsyncEnumerable<EnergyRow> rows, EnergyQuery query, string name) => query.Csv
        ? new EnergyCsvResult(rows, $"{name}-energy-{query.From:yyyyMMdd}-{query.To:yyyyMMdd}.csv")
        : TypedResults.Ok(rows);
}
