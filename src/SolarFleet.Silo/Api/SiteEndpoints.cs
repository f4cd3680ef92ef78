using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using SolarFleet.Abstractions.Fleet;
using SolarFleet.Abstractions.Sites;
using SolarFleet.Silo.Api.Contracts;
using SolarFleet.Silo.Api.Json;
using SolarFleet.Silo.Api.Routing;
using SolarFleet.Silo.Api.Validation;
using SolarFleet.Silo.Hosting;
using SolarFleet.Silo.Reads;
using SolarFleet.Silo.Registration;

namespace SolarFleet.Silo.Api;

/// <summary>/api/sites: create, change, read and remove homes.</summary>
public static class SiteEndpoints
{
    public static RouteGroupBuilder MapSiteEndpoints(this RouteGroupBuilder api)
    {
        var sites = api.MapGroup("/sites").WithTags("Sites");
        sites.MapGet("/", ListSites).ForReaders().WithName("ListSites")
            .WithSummary("Sites with their roll-ups, by id: all of them, or a page (limit, after) with a Link header to the next.");
        sites.MapGet("/{siteId}", GetSite).ForReaders().RequireLiveSite().WithName("GetSite").WithSummary("One site with its roll-up.");
        sites.MapPut("/{siteId}", PutSite).ForAdmins().TakesJson<SiteRequest>().WithName("PutSite")
            .WithSummary("Creates or changes a site.");
        // (Delegate): a handler taking only HttpContext would otherwise bind as a RequestDelegate and drop its typed result.
        sites.MapDelete("/{siteId}", (Delegate)DeleteSite).ForAdmins().RequireLiveSite().WithName("DeleteSite")
            .WithSummary("Removes a site and its inverters; its energy history stays readable.");
        sites.MapGet("/{siteId}/problems", (Delegate)GetSiteProblems).ForReaders().RequireLiveSite().WithName("GetSiteProblems")
            .WithSummary("The site's inverters that need attention.");
        return sites;
    }

    private static async Task<Results<Ok<SiteResource[]>, ValidationProblem>> ListSites(
        HttpContext http, [AsParameters] SitePageParameters parameters, [FromServices] FleetReads reads)
    {
        var errors = ValidationErrors.Of(http);
        if (SitePage.Parse(parameters, errors) is not { } page)
        {
            return ApiResults.Invalid(errors);
        }

        var (sites, more) = page.Take(await reads.SitesAsync());
        if (more)
        {
            http.Response.Headers.Link = $"<{page.NextPath(http.Request.PathBase + http.Request.Path, sites[^1].SiteId)}>; rel=\"next\"";
        }

        return TypedResults.Ok(sites.Select(s => s.ToResource()).ToArray());
    }

    private static Ok<SiteResource> GetSite(HttpContext http) => TypedResults.Ok(LiveSite.Of(http).Snapshot.Summary.ToResource());

    private static async Task<Results<Created<SiteResource>, Ok<SiteResource>, ValidationProblem>> PutSite(
        string siteId, HttpRequest request, [FromServices] JsonBody json, [FromServices] IOptions<SolarFleetOptions> options, [FromServices] FleetRegistry registry, CancellationToken cancellationToken)
    {
        var (body, errors) = await json.ReadAsync<SiteRequest>(request, options.Value.Api.MaxBodyBytes, cancellationToken);
        var settings = body is null ? null : RequestValidator.CheckSite(errors, "", body.Name, body.TimeZone, body.Latitude, body.Longitude);
        if (!errors.IsEmpty || settings is null)
        {
            return ApiResults.Invalid(errors);
        }

        var (snapshot, existed) = await registry.SaveSiteAsync(siteId, settings);
        var resource = snapshot.Summary.ToResource();
        return existed ? TypedResults.Ok(resource) : TypedResults.Created($"/api/sites/{siteId}", resource);
    }

    private static async Task<NoContent> DeleteSite(HttpContext http, [FromServices] FleetRegistry registry)
    {
        await registry.RemoveSiteAsync(LiveSite.Of(http).SiteId);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<ProblemResource[]>> GetSiteProblems(HttpContext http)
    {
        var problems = await LiveSite.Of(http).Grain.GetProblems();
        return TypedResults.Ok(problems.Select(p => p.ToResource()).ToArray());
    }
}
