using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using SolarFleet.Abstractions.Inverters;
using SolarFleet.Network;
using SolarFleet.Silo.Api.Contracts;
using SolarFleet.Silo.Api.Json;
using SolarFleet.Silo.Api.Validation;
using SolarFleet.Silo.Auth;
using SolarFleet.Silo.Hosting;

namespace SolarFleet.Silo.Api;

/// <summary>/api/sites/{siteId}/inverters: register, change, read and remove a site's Pis.</summary>
public static class InverterEndpoints
{
    public static RouteGroupBuilder MapInverterEndpoints(this RouteGroupBuilder api)
    {
        var inverters = api.MapGroup("/sites/{siteId}/inverters").WithTags("Inverters");
        inverters.MapGet("/", ListInverters).RequireAuthorization(AuthPolicies.Read).WithSummary("The site's inverters with their live state.");
        inverters.MapGet("/{inverterId}", GetInverter).RequireAuthorization(AuthPolicies.Read).WithSummary("One inverter's live state.");
        inverters.MapPut("/{inverterId}", PutInverter).RequireAuthorization(AuthPolicies.Admin)
            .Accepts<InverterRequest>("application/json").WithSummary("Registers or changes an inverter; polling starts at once.");
        inverters.MapDelete("/{inverterId}", DeleteInverter).RequireAuthorization(AuthPolicies.Admin).WithSummary("Stops polling and removes an inverter.");
        return inverters;
    }

    private static async Task<Results<Ok<InverterResource[]>, ProblemHttpResult, ValidationProblem>> ListInverters(string siteId, [FromServices] IGrainFactory grains)
    {
        var lookup = await SiteLookup.FindAsync(grains, siteId);
        if (lookup.Invalid is { } invalid)
        {
            return invalid;
        }

        if (lookup.Site is not { } site)
        {
            return lookup.Missing!;
        }

        // A site has a handful of inverters: reading each one is a bounded fan-out, unlike a fleet-wide read.
        var snapshots = await Task.WhenAll(site.Inverters.Keys
            .Order(StringComparer.Ordinal)
            .Select(id => grains.GetGrain<IInverterGrain>(InverterKey.Of(siteId, id)).GetSnapshot()));
        return TypedResults.Ok(snapshots.OfType<InverterSnapshot>().Select(s => s.ToResource()).ToArray());
    }

    private static async Task<Results<Ok<InverterResource>, ProblemHttpResult, ValidationProblem>> GetInverter(string siteId, string inverterId, [FromServices] IGrainFactory grains)
    {
        var lookup = await SiteLookup.FindAsync(grains, siteId, inverterId);
        if (lookup.Invalid is { } invalid)
        {
            return invalid;
        }

        if (lookup.Missing is { } missing)
        {
            return missing;
        }

        var snapshot = await grains.GetGrain<IInverterGrain>(InverterKey.Of(siteId, inverterId)).GetSnapshot();
        return snapshot is null
            ? ApiResults.NotFound($"Site '{siteId}' has no inverter '{inverterId}'.")
            : TypedResults.Ok(snapshot.ToResource());
    }

    private static async Task<Results<Created<InverterResource>, Ok<InverterResource>, ProblemHttpResult, ValidationProblem>> PutInverter(
        string siteId, string inverterId, HttpRequest request, JsonBody json, IOptions<SolarFleetOptions> options, IGrainFactory grains, TargetPolicy policy, CancellationToken cancellationToken)
    {
        var (body, errors) = await json.ReadAsync<InverterRequest>(request, options.Value.Api.MaxBodyBytes, cancellationToken);
        RequestValidator.CheckId(errors, "siteId", siteId);
        RequestValidator.CheckId(errors, "inverterId", inverterId);
        var settings = body is null ? null : RequestValidator.CheckInverter(errors, "", body.Host, body.Port, body.PollSeconds, body.PowerTotalUnit, policy);
        if (!errors.IsEmpty || settings is null)
        {
            return ApiResults.Invalid(errors);
        }

        var lookup = await SiteLookup.FindAsync(grains, siteId);
        if (lookup.Site is not { } site)
        {
            return lookup.Missing!;
        }

        var existed = site.Inverters.ContainsKey(inverterId);
        await lookup.Grain.UpsertInverter(inverterId, settings);
        var snapshot = await grains.GetGrain<IInverterGrain>(InverterKey.Of(siteId, inverterId)).GetSnapshot();
        var resource = snapshot!.ToResource();
        return existed ? TypedResults.Ok(resource) : TypedResults.Created($"/api/sites/{siteId}/inverters/{inverterId}", resource);
    }

    private static async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> DeleteInverter(string siteId, string inverterId, [FromServices] IGrainFactory grains)
    {
        var lookup = await SiteLookup.FindAsync(grains, siteId, inverterId);
        if (lookup.Invalid is { } invalid)
        {
            return invalid;
        }

        if (lookup.Missing is { } missing)
        {
            return missing;
        }

        return await lookup.Grain.RemoveInverter(inverterId)
            ? TypedResults.NoContent()
            : ApiResults.NotFound($"Site '{siteId}' has no inverter '{inverterId}'.");
    }
}
