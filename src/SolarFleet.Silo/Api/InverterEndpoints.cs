using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using SolarFleet.Abstractions.Inverters;
using SolarFleet.Network;
using SolarFleet.Silo.Api.Contracts;
using SolarFleet.Silo.Api.Json;
using SolarFleet.Silo.Api.Routing;
using SolarFleet.Silo.Api.Validation;
using SolarFleet.Silo.Hosting;
using SolarFleet.Silo.Reads;
using SolarFleet.Silo.Registration;

namespace SolarFleet.Silo.Api;

/// <summary>/api/sites/{siteId}/inverters: register, change, read and remove a site's Pis.</summary>
public static class InverterEndpoints
{
    public static RouteGroupBuilder MapInverterEndpoints(this RouteGroupBuilder api)
    {
        var inverters = api.MapGroup("/sites/{siteId}/inverters").WithTags("Inverters");
        inverters.MapGet("/", ListInverters).ForReaders().RequireLiveSite().WithName("ListInverters")
            .WithSummary("The site's inverters with their live state.");
        inverters.MapGet("/{inverterId}", GetInverter).ForReaders().RequireLiveSite().WithName("GetInverter")
            .WithSummary("One inverter's live state.");
        inverters.MapPut("/{inverterId}", PutInverter).ForAdmins().RequireLiveSite(inverterMayBeNew: true).TakesJson<InverterRequest>()
            .WithName("PutInverter").WithSummary("Registers or changes an inverter; polling starts at once.");
        inverters.MapDelete("/{inverterId}", DeleteInverter).ForAdmins().RequireLiveSite().WithName("DeleteInverter")
            .WithSummary("Stops polling and removes an inverter; its energy history stays readable.");
        return inverters;
    }

    private static async Task<Ok<InverterResource[]>> ListInverters(HttpContext http, [FromServices] FleetReads reads) =>
        TypedResults.Ok((await reads.InvertersAsync(LiveSite.Of(http).Snapshot)).Select(s => s.ToResource()).ToArray());

    private static async Task<Results<Ok<InverterResource>, ProblemHttpResult>> GetInverter(HttpContext http, string inverterId, [FromServices] FleetReads reads)
    {
        var site = LiveSite.Of(http);
        var snapshot = await reads.InverterAsync(site.SiteId, inverterId);
        return snapshot is null
            ? ApiResults.NotFound($"Site '{site.SiteId}' has no inverter '{inverterId}'.")
            : TypedResults.Ok(snapshot.ToResource());
    }

    private static async Task<Results<Created<InverterResource>, Ok<InverterResource>, ValidationProblem>> PutInverter(
        HttpContext http, string inverterId, [FromServices] JsonBody json, [FromServices] IOptions<SolarFleetOptions> options, [FromServices] FleetRegistry registry, [FromServices] TargetPolicy policy, CancellationToken cancellationToken)
    {
        var (body, errors) = await json.ReadAsync<InverterRequest>(http.Request, options.Value.Api.MaxBodyBytes, cancellationToken);
        var settings = body is null ? null : RequestValidator.CheckInverter(errors, "", body, policy);
        if (!errors.IsEmpty || settings is null)
        {
            return ApiResults.Invalid(errors);
        }

        var site = LiveSite.Of(http);
        var (snapshot, existed) = await registry.SaveInverterAsync(site.Snapshot, inverterId, settings);
        var resource = snapshot.ToResource();
        return existed ? TypedResults.Ok(resource) : TypedResults.Created($"/api/sites/{site.SiteId}/inverters/{inverterId}", resource);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteInverter(HttpContext http, string inverterId, [FromServices] FleetRegistry registry)
    {
        var site = LiveSite.Of(http);
        return await registry.RemoveInverterAsync(site.SiteId, inverterId)
            ? TypedResults.NoContent()
            : ApiResults.NotFound($"Site '{site.SiteId}' has no inverter '{inverterId}'.");
    }
}
