using Microsoft.AspNetCore.Mvc;
using System.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using SolarFleet.Abstractions.Fleet;
using SolarFleet.Abstractions.Sites;
using SolarFleet.Network;
using SolarFleet.Silo.Api.Contracts;
using SolarFleet.Silo.Api.Validation;
using SolarFleet.Silo.Auth;
using SolarFleet.Silo.Hosting;

namespace SolarFleet.Silo.Api;

/// <summary>/api/fleet and /api/problems: the roll-up, the declared fleet document, and what needs attention.</summary>
public static class FleetEndpoints
{
    public static RouteGroupBuilder MapFleetEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/fleet", GetFleet).RequireAuthorization(AuthPolicies.Read).WithTags("Fleet").WithSummary("The fleet roll-up.");
        api.MapPut("/fleet", PutFleet).RequireAuthorization(AuthPolicies.Admin).WithTags("Fleet")
            .Accepts<FleetDocument>("application/json")
            .WithSummary("Makes the fleet match a whole fleet document; sites it does not list are removed.");
        api.MapGet("/problems", GetProblems).RequireAuthorization(AuthPolicies.Read).WithTags("Fleet").WithSummary("Every inverter that needs attention.");
        return api;
    }

    private static async Task<Ok<FleetResource>> GetFleet([FromServices] IGrainFactory grains) =>
        TypedResults.Ok((await grains.GetGrain<IFleetGrain>(FleetKey.Default).GetSummary()).ToResource());

    private static async Task<Ok<ProblemResource[]>> GetProblems([FromServices] IGrainFactory grains) =>
        TypedResults.Ok((await grains.GetGrain<IFleetGrain>(FleetKey.Default).GetProblems()).Select(p => p.ToResource()).ToArray());

    private static async Task<Results<Ok<FleetApplyResult>, ValidationProblem>> PutFleet(
        HttpRequest request, [FromServices] JsonBody json, [FromServices] IOptions<SolarFleetOptions> options, [FromServices] IGrainFactory grains, [FromServices] TimeProvider time, [FromServices] TargetPolicy policy, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var limits = options.Value.Api;
        var (document, errors) = await json.ReadAsync<FleetDocument>(request, limits.MaxFleetDocumentBytes, cancellationToken);
        var sites = document is null ? null : FleetDocumentValidator.Check(document, errors, policy);
        if (!errors.IsEmpty || sites is null)
        {
            return ApiResults.Invalid(errors);
        }

        var fleet = grains.GetGrain<IFleetGrain>(FleetKey.Default);
        var wanted = sites.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var obsolete = (await fleet.GetSiteIds()).Where(id => !wanted.Contains(id)).ToArray();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = limits.BulkParallelism, CancellationToken = cancellationToken };

        await Parallel.ForEachAsync(obsolete, parallel, async (id, _) => await grains.GetGrain<ISiteGrain>(id).Remove());
        await Parallel.ForEachAsync(sites, parallel, async (site, _) =>
        {
            var grain = grains.GetGrain<ISiteGrain>(site.Id);
            await grain.Configure(site.Settings);
            await grain.ReplaceInverters(site.Inverters);
        });

        var inverters = sites.Sum(s => s.Inverters.Count);
        return TypedResults.Ok(new FleetApplyResult(sites.Count, inverters, obsolete.Length, time.GetElapsedTime(started).TotalSeconds));
    }
}
