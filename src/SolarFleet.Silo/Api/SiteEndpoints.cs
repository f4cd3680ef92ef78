using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using SolarFleet.Abstractions.Fleet;
using SolarFleet.Abstractions.Sites;
using SolarFleet.Silo.Api.Contracts;
using SolarFleet.Silo.Api.Json;
using SolarFleet.Silo.Api.Validation;
using SolarFleet.Silo.Auth;
using SolarFleet.Silo.Hosting;

namespace SolarFleet.Silo.Api;

/// <summary>/api/sites: create, change, read and remove homes.</summary>
public static class SiteEndpoints
{
    public static RouteGroupBuilder MapSiteEndpoints(this RouteGroupBuilder api)
    {
        var sites = api.MapGroup("/sites").WithTags("Sites");
        sites.MapGet("/", ListSites).RequireAuthorization(AuthPolicies.Read).WithSummary("Every site with its roll-up.");
        sites.MapGet("/{siteId}", GetSite).RequireAuthorization(AuthPolicies.Read).WithSummary("One site with its roll-up.");
        sites.MapPut("/{siteId}", PutSite).RequireAuthorization(AuthPolicies.Admin)
            .Accepts<SiteRequest>("application/json").WithSummary("Creates or changes a site.");
        sites.MapDelete("/{siteId}", DeleteSite).RequireAuthorization(AuthPolicies.Admin).WithSummary("Removes a site and its inverters.");
        sites.MapGet("/{siteId}/problems", GetSiteProblems).RequireAuthorization(AuthPolicies.Read).WithSummary("The site's inverters that need attention.");
        return sites;
    }

    private static async Task<Ok<SiteResource[]>> ListSites([FromServices] IGrainFactory grains)
    {
        var summaries = await grains.GetGrain<IFleetGrain>(FleetKey.Default).GetSiteSummaries();
        return TypedResults.Ok(summaries.OrderBy(s => s.SiteId, StringComparer.Ordinal).Select(s => s.ToResource()).ToArray());
    }

    private static async Task<Results<Ok<SiteResource>, ProblemHttpResult, ValidationProblem>> GetSite(string siteId, [FromServices] IGrainFactory grains)
    {
        var lookup = await SiteLookup.FindAsync(grains, siteId);
        if (lookup.Invalid is { } invalid)
        {
            return invalid;
        }

        return lookup.Site is { } site ? TypedResults.Ok(site.Summary.ToResource()) : lookup.Missing!;
    }

    private static async Task<Results<Created<SiteResource>, Ok<SiteResource>, ValidationProblem>> PutSite(
        string siteId, HttpRequest request, [FromServices] JsonBody json, [FromServices] IOptions<SolarFleetOptions> options, [FromServices] IGrainFactory grains, CancellationToken cancellationToken)
    {
        var (body, errors) = await json.ReadAsync<SiteRequest>(request, options.Value.Api.MaxBodyBytes, cancellationToken);
        RequestValidator.CheckId(errors, "siteId", siteId);
        var settings = body is null ? null : RequestValidator.CheckSite(errors, "", body.Name, body.TimeZone, body.Latitude, body.Longitude);
        if (!errors.IsEmpty || settings is null)
        {
            return ApiResults.Invalid(errors);
        }

        var site = grains.GetGrain<ISiteGrain>(siteId);
        var existed = await site.GetSnapshot() is { IsRemoved: false };
        await site.Configure(settings);
        var snapshot = await site.GetSnapshot();
        var resource = snapshot!.Summary.ToResource();
        return existed ? TypedResults.Ok(resource) : TypedResults.Created($"/api/sites/{siteId}", resource);
    }

    private static async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> DeleteSite(string siteId, [FromServices] IGrainFactory grains)
    {
        var lookup = await SiteLookup.FindAsync(grains, siteId);
        if (lookup.Invalid is { } invalid)
        {
            return invalid;
        }

        if (lookup.Missing is { } missing)
        {
            return missing;
        }

        await lookup.Grain.Remove();
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<ProblemResource[]>, ProblemHttpResult, ValidationProblem>> GetSiteProblems(string siteId, [FromServices] IGrainFactory grains)
    {
        var lookup = await SiteLookup.FindAsync(grains, siteId);
        if (lookup.Invalid is { } invalid)
        {
            return invalid;
        }

        if (lookup.Missing is { } missing)
        {
            return missing;
        }

        var problems = await lookup.Grain.GetProblems();
        return TypedResults.Ok(problems.Select(p => p.ToResource()).ToArray());
    }
}
