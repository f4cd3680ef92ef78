using Microsoft.AspNetCore.Http.HttpResults;
using SolarFleet.Abstractions.Sites;
using SolarFleet.Silo.Api.Validation;

namespace SolarFleet.Silo.Api;

/// <summary>A route's site id checked and looked up: the site, or the 400/404 to answer instead.</summary>
public sealed record SiteLookup(ISiteGrain Grain, SiteSnapshot? Site, ValidationProblem? Invalid, ProblemHttpResult? Missing)
{
    public static async Task<SiteLookup> FindAsync(IGrainFactory grains, string siteId, string? inverterId = null)
    {
        var errors = new ValidationErrors();
        RequestValidator.CheckId(errors, "siteId", siteId);
        if (inverterId is not null)
        {
            RequestValidator.CheckId(errors, "inverterId", inverterId);
        }

        var grain = grains.GetGrain<ISiteGrain>(siteId);
        if (!errors.IsEmpty)
        {
            return new(grain, null, ApiResults.Invalid(errors), null);
        }

        var site = await grain.GetSnapshot();
        if (site is null)
        {
            return new(grain, null, null, ApiResults.NotFound($"There is no site '{siteId}'."));
        }

        if (site.RemovedAt is { } removedAt)
        {
            // Hidden from live views; its energy history is still served.
            return new(grain, null, null, ApiResults.NotFound(
                $"Site '{siteId}' was removed at {removedAt:u}; its energy history remains at /api/sites/{siteId}/energy."));
        }

        if (inverterId is not null && !site.Inverters.ContainsKey(inverterId))
        {
            return new(grain, site, null, ApiResults.NotFound($"Site '{siteId}' has no inverter '{inverterId}'."));
        }

        return new(grain, site, null, null);
    }
}
