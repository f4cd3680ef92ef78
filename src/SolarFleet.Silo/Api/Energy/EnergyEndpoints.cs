using Microsoft.AspNetCore.Mvc;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using SolarFleet.Abstractions.Fleet;
using SolarFleet.Abstractions.Sites;
using SolarFleet.Grains.Energy;
using SolarFleet.Silo.Api.Validation;
using SolarFleet.Silo.Auth;
using SolarFleet.Silo.Hosting;

namespace SolarFleet.Silo.Api.Energy;

/// <summary>Daily and monthly energy for billing and reporting tools, as JSON or CSV.</summary>
public static class EnergyEndpoints
{
    public static RouteGroupBuilder MapEnergyEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/sites/{siteId}/energy", GetSiteEnergy).RequireAuthorization(AuthPolicies.Read).WithTags("Energy")
            .Produces<EnergyRow[]>(contentType: "application/json").Produces(200, contentType: "text/csv")
            .WithSummary("Energy per day or month in the site's local calendar (?from=YYYY-MM-DD&to=YYYY-MM-DD&interval=day|month).");
        api.MapGet("/fleet/energy", GetFleetEnergy).RequireAuthorization(AuthPolicies.Read).WithTags("Energy")
            .Produces<EnergyRow[]>(contentType: "application/json").Produces(200, contentType: "text/csv")
            .WithSummary("The same report for every site, site by site.");
        return api;
    }

    private static async Task<IResult> GetSiteEnergy(
        string siteId, HttpRequest request, [FromServices] IOptions<SolarFleetOptions> options, [FromServices] IGrainFactory grains, [FromServices] IEnergyLedgerStore store)
    {
        // Every bad part of the request in one answer, before any grain is asked.
        var errors = new ValidationErrors();
        RequestValidator.CheckId(errors, "siteId", siteId);
        var query = EnergyQuery.Parse(request, options.Value.Api.MaxReportDays, errors);
        if (query is null)
        {
            return ApiResults.Invalid(errors);
        }

        var lookup = await SiteLookup.FindAsync(grains, siteId);
        if (lookup.Site is not { } site)
        {
            return lookup.Missing!;
        }

        return Respond(SiteRows(store, [(siteId, site.Inverters.Count)], query, request.HttpContext.RequestAborted), query, siteId);
    }

    private static async Task<IResult> GetFleetEnergy(
        HttpRequest request, [FromServices] IOptions<SolarFleetOptions> options, [FromServices] IGrainFactory grains, [FromServices] IEnergyLedgerStore store)
    {
        var errors = new ValidationErrors();
        var query = EnergyQuery.Parse(request, options.Value.Api.MaxReportDays, errors);
        if (query is null)
        {
            return ApiResults.Invalid(errors);
        }

        var sites = (await grains.GetGrain<IFleetGrain>(FleetKey.Default).GetSiteSummaries())
            .OrderBy(s => s.SiteId, StringComparer.Ordinal)
            .Select(s => (s.SiteId, s.Inverters))
            .ToArray();
        return Respond(SiteRows(store, sites, query, request.HttpContext.RequestAborted), query, "fleet");
    }

    private static IResult Respond(IAsyncEnumerable<EnergyRow> rows, EnergyQuery query, string name) => query.Csv
        ? new EnergyCsvResult(rows, $"{name}-energy-{query.From:yyyyMMdd}-{query.To:yyyyMMdd}.csv")
        : TypedResults.Ok(rows);

    // Site by site: one site's rows are held while its periods are rolled up, never the whole fleet's.
    private static async IAsyncEnumerable<EnergyRow> SiteRows(
        IEnergyLedgerStore store, IReadOnlyList<(string SiteId, int Inverters)> sites, EnergyQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var (siteId, inverters) in sites)
        {
            var rows = new List<Abstractions.Energy.DailyEnergy>();
            await foreach (var row in store.QueryAsync(siteId, query.From, query.To, cancellationToken))
            {
                rows.Add(row);
            }

            foreach (var reportRow in EnergyReport.Build(siteId, rows, inverters, query.From, query.To, query.Interval))
            {
                yield return reportRow;
            }
        }
    }
}
